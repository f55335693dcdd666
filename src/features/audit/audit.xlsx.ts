import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { ACTOR_KIND_LABELS, SUBJECT_KIND_LABELS, type ActorKind, type AuditRecord } from './audit.schema.ts';

/** Excel refuses a cell longer than this (a long detail is cut, and says so). */
const MAX_CELL = 32_767;

const COLUMNS: { header: string; width: number; value: (r: AuditRecord) => string | number | null }[] = [
  { header: '序号', width: 9, value: (r) => r.seq },
  { header: '时间（北京时间）', width: 24, value: (r) => beijingTime(r.at) },
  {
    header: '操作者类型',
    width: 11,
    value: (r) => ACTOR_KIND_LABELS[r.actor.kind as ActorKind] ?? r.actor.kind,
  },
  { header: '操作者编号', width: 14, value: (r) => r.actor.id },
  { header: '操作者', width: 14, value: (r) => r.actor.name },
  {
    header: '部门',
    width: 22,
    value: (r) => (typeof r.detail?.department === 'string' ? r.detail.department : null),
  },
  { header: '操作', width: 16, value: (r) => r.actionLabel },
  { header: '操作代码', width: 18, value: (r) => r.action },
  { header: '对象类型', width: 12, value: (r) => r.target?.kind ?? null },
  { header: '对象编号', width: 16, value: (r) => r.target?.id ?? null },
  {
    header: '数据主体类型',
    width: 12,
    value: (r) => (r.subject ? SUBJECT_KIND_LABELS[r.subject.kind] : null),
  },
  { header: '数据主体标识', width: 24, value: (r) => r.subject?.id ?? null },
  { header: '目的', width: 32, value: (r) => r.purpose },
  { header: '法律依据', width: 24, value: (r) => r.legalBasis },
  { header: 'IP 地址', width: 16, value: (r) => r.ip },
  { header: '详情', width: 40, value: (r) => (r.detail ? JSON.stringify(r.detail) : null) },
  { header: '哈希', width: 20, value: (r) => r.hash },
];

/** The headers, in order (tests and readers of the file use them). */
export const AUDIT_XLSX_HEADERS = COLUMNS.map((c) => c.header);

/** 2024-05-01T02:00:00.000Z → 2024-05-01 10:00:00.000 (UTC+8; China has had no daylight saving since 1991). */
export function beijingTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 23);
}

const fit = (v: string | number | null) =>
  typeof v === 'string' && v.length > MAX_CELL ? `${v.slice(0, MAX_CELL - 8)}…（已截断）` : v;

/**
 * Writes records to an xlsx workbook with the streaming writer: each row is committed (and leaves memory) as it is
 * written, so tens of thousands of records cost no more memory than a few. Returns the number of records written.
 * Text is written as text, never as a formula, so a purpose that starts with "=" stays words.
 */
export async function writeAuditXlsx(
  records: AsyncIterable<AuditRecord> | Iterable<AuditRecord>,
  out: Writable | string,
  options: { total?: number; onProgress?: ((written: number, total: number) => void) | undefined } = {},
): Promise<number> {
  const stream = typeof out === 'string' ? createWriteStream(out) : out;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = '政策通';
  const sheet = workbook.addWorksheet('审计记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const header = sheet.addRow(AUDIT_XLSX_HEADERS);
  header.font = { bold: true };
  header.commit();
  let written = 0;
  try {
    for await (const r of records) {
      sheet.addRow(COLUMNS.map((c) => fit(c.value(r)))).commit();
      written++;
      if (options.onProgress && (written % 1000 === 0 || written === options.total)) {
        options.onProgress(written, options.total ?? written);
      }
    }
    sheet.commit();
    await workbook.commit();
  } catch (e) {
    if (typeof out === 'string') stream.destroy();
    throw e;
  }
  // commit() resolves on 'finish'; wait for the file to be closed too before anyone reads it.
  if (typeof out === 'string') await finished(stream);
  return written;
}
