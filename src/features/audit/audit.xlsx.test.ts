import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import type { AuditRecord } from './audit.schema.ts';
import { AuditService } from './audit.service.ts';
import { appendMany, resetAudit } from './audit.test-support.ts';
import { AUDIT_XLSX_HEADERS, beijingTime, writeAuditXlsx } from './audit.xlsx.ts';

const dir = mkdtempSync(join(tmpdir(), 'zct-audit-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const USCC = '91371581MA3GQHYK56';

async function readSheet(source: string | Buffer) {
  const workbook = new ExcelJS.Workbook();
  if (typeof source === 'string') await workbook.xlsx.readFile(source);
  else await workbook.xlsx.load(source as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('审计记录')!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, rows };
}

forEachBackend('audit export to xlsx', (backend) => {
  let audit: AuditService;

  beforeEach(async () => {
    await resetAudit(backend.handle());
    let t = Date.parse('2024-05-06T01:30:00.000Z');
    audit = new AuditService(backend.handle(), { subjectKey: 'k', now: () => new Date((t += 60_000)) });
  });

  it('writes the matching records with Chinese headers, a frozen header row and column widths', async () => {
    const base = {
      actor: { kind: 'staff', id: 'u-17', name: '王敏' },
      target: { kind: 'profile', id: '42' },
      subject: { kind: 'enterprise', uscc: USCC },
      legalBasis: '履行法定职责',
      detail: { department: '市工业和信息化局' },
    } as const;
    await audit.record({ ...base, action: 'profile.read', purpose: '=审核技术改造奖补申请' });
    await audit.record({ ...base, action: 'profile.update' });
    await audit.record({ ...base, action: 'profile.read', purpose: '复核' });
    const file = join(dir, `filtered-${backend.name}.xlsx`);
    const progress: [number, number][] = [];
    const { rows } = await audit.exportXlsx({ action: 'profile.read' }, file, (n, total) =>
      progress.push([n, total]),
    );
    expect(rows).toBe(2);
    expect(progress).toEqual([[2, 2]]);

    const { sheet, rows: cells } = await readSheet(file);
    expect(cells[0]).toEqual(AUDIT_XLSX_HEADERS);
    expect(AUDIT_XLSX_HEADERS.slice(0, 3)).toEqual(['序号', '时间（北京时间）', '操作者类型']);
    expect(cells).toHaveLength(3);
    const col = (name: string) => AUDIT_XLSX_HEADERS.indexOf(name);
    // Oldest first; the purpose starting with "=" is text, not a formula.
    expect(cells[1]![col('序号')]).toBe(1);
    expect(cells[1]![col('目的')]).toBe('=审核技术改造奖补申请');
    expect(cells[1]![col('时间（北京时间）')]).toBe('2024-05-06 09:31:00.000');
    expect(cells[1]![col('操作者类型')]).toBe('部门工作人员');
    expect(cells[1]![col('部门')]).toBe('市工业和信息化局');
    expect(cells[1]![col('操作')]).toBe('查看画像');
    expect(cells[1]![col('数据主体标识')]).toBe(USCC);
    expect(cells[2]![col('序号')]).toBe(3);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(col('目的') + 1).width).toBe(32);
    expect(sheet.getRow(1).font?.bold).toBe(true);
  });

  it('streams tens of thousands of records, and the chain of as many verifies', async () => {
    await appendMany(backend.handle(), 20_000);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 20_000 });
    const file = join(dir, `large-${backend.name}.xlsx`);
    const { rows } = await audit.exportXlsx({}, file);
    expect(rows).toBe(20_000);
    const { rows: cells } = await readSheet(file);
    expect(cells).toHaveLength(20_001);
    expect(cells[20_000]![0]).toBe(20_000);
  }, 120_000);
});

describe('writeAuditXlsx', () => {
  const record = (seq: number, detail: Record<string, unknown> | null): AuditRecord => ({
    seq,
    at: '2024-12-31T16:00:00.000Z',
    actor: { kind: 'system', id: null, name: '批处理' },
    action: 'profile.match',
    actionLabel: '按画像匹配政策',
    target: null,
    subject: null,
    purpose: null,
    legalBasis: null,
    ip: null,
    detail,
    hash: 'a'.repeat(64),
  });

  it('writes to a stream, and cuts a detail longer than Excel allows in a cell', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    expect(await writeAuditXlsx([record(1, { long: 'x'.repeat(40_000) }), record(2, null)], out)).toBe(2);
    const { rows } = await readSheet(Buffer.concat(chunks));
    const detail = rows[1]![AUDIT_XLSX_HEADERS.indexOf('详情')] as string;
    expect(detail.length).toBeLessThanOrEqual(32_767);
    expect(detail.endsWith('（已截断）')).toBe(true);
    expect(rows[2]![AUDIT_XLSX_HEADERS.indexOf('时间（北京时间）')]).toBe('2025-01-01 00:00:00.000');
  });

  it('shows times in 北京时间', () => {
    expect(beijingTime('2024-05-01T16:30:00.123Z')).toBe('2024-05-02 00:30:00.123');
  });
});
