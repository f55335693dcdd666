import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadBetterSqlite } from '../db/sqlite-native.ts';
import { AuditService } from '../features/audit/audit.service.ts';
import { cliSandbox } from '../../test/support/cli.ts';

const { dir, sqlitePath: DB, zct, remove } = cliSandbox('audit');

beforeAll(async () => {
  const handle = openDatabase({ sqlitePath: DB });
  try {
    await migrateToLatest(handle);
    const audit = new AuditService(handle);
    for (let i = 1; i <= 5; i++) {
      await audit.record({
        actor: { kind: 'staff', id: 'u-17', name: '王敏' },
        action: i % 2 ? 'profile.read' : 'item.update',
        target: { kind: 'profile', id: String(i) },
        subject: { kind: 'enterprise', uscc: '91371581MA3GQHYK56' },
        purpose: `审核申请 ${i}`,
      });
    }
  } finally {
    await handle.destroy();
  }
});
afterAll(remove);

describe('zct audit', () => {
  it('verify reports an intact chain, export writes the records and is itself recorded', async () => {
    const ok = await zct('audit', 'verify');
    expect(ok).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^审计链完整：共 5 条记录\n链头哈希：[0-9a-f]{64}\n$/) as unknown,
    });

    const out = join(dir, 'reads.xlsx');
    const exported = await zct(
      'audit',
      'export',
      '--out',
      out,
      '--action',
      'profile.read',
      '--from',
      '2000-01-01',
    );
    expect(exported).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/已导出 3 条审计记录/) as unknown,
    });
    expect(existsSync(out)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('审计记录')!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(1).value).toBe('序号');
    expect(sheet.getRow(4).getCell(1).value).toBe(5);

    expect(await zct('audit', 'verify')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/共 6 条记录/) as unknown,
    });
    const bad = await zct('audit', 'export', '--out', join(dir, 'x.xlsx'), '--from', '2024/05/01');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/时间应为日期 YYYY-MM-DD/);
  }, 120_000);

  it('verify exits 1 naming the first record changed behind its back', async () => {
    const SQLite = loadBetterSqlite();
    const raw = new SQLite(DB);
    try {
      // What someone with the file and a SQLite shell could do: drop the guard, then change history.
      raw.exec('drop trigger audit_log_no_update');
      raw.prepare("update audit_log set purpose = '随便看看' where seq = 3").run();
    } finally {
      raw.close();
    }
    const r = await zct('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/第 3 条审计记录（序号 3）内容被修改：哈希不符/);
    expect(r.stdout).not.toMatch(/审计链完整/);
  }, 60_000);
});
