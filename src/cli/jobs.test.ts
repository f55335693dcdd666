import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ItemsService } from '../features/items/items.service.ts';
import { LibraryService } from '../features/library/library.service.ts';
import { getSegmenter } from '../search/segmenter.ts';
import { cliSandbox, ROOT } from '../../test/support/cli.ts';

const { sqlitePath: DB, zct, remove } = cliSandbox('jobs');
const SAMPLE = readFileSync(join(ROOT, 'data/samples/liaocheng-gazette-2023-05.txt'));
const DRIVER = JSON.parse(readFileSync(join(ROOT, 'data/items/lc-xc-driver.json'), 'utf8')) as Record<
  string,
  unknown
>;

beforeAll(async () => {
  const handle = openDatabase({ sqlitePath: DB });
  try {
    await migrateToLatest(handle);
    const library = new LibraryService(handle, getSegmenter());
    await library.ingest(SAMPLE, 'sample.txt');
    // An item whose own validity ends on 2025-12-31.
    await new ItemsService(handle, library).save(
      { ...DRIVER, code: 'LC-TEST-ENDS', name: '年底届满的测试事项', validity: { until: '2025-12-31' } },
      'published',
    );
  } finally {
    await handle.destroy();
  }
});
afterAll(remove);

describe('zct jobs daily', () => {
  it('runs the daily job for a past day, reports in Chinese, and changes nothing when run again', async () => {
    const before = await zct('jobs', 'daily', '--date', '2025-12-31');
    expect(before.code, before.stderr).toBe(0);
    expect(before.stderr).toContain('正在运行每日有效期任务（2025-12-31，sqlite）');
    expect(before.stdout).toContain('已标记届满的政策事项：无');

    const first = await zct('jobs', 'daily', '--date', '2026-01-05');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('每日有效期任务（2026-01-05）完成');
    expect(first.stdout).toContain(
      '已标记届满的政策事项：1\n    - LC-TEST-ENDS 年底届满的测试事项（有效期至 2025-12-31）',
    );
    // 13号 has no item: one document is late (2026 is in the calendar).
    expect(first.stdout).toContain('逾期未上线的政策文件：1');

    const again = await zct('jobs', 'daily', '--date', '2026-01-05');
    expect(again.stdout).toContain('已标记届满的政策事项：无');
  });

  it('refuses a day that is not a date, or after today', async () => {
    const bad = await zct('jobs', 'daily', '--date', '2026-02-30');
    expect(bad).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--date 日期无效：2026-02-30') as unknown,
    });
    const future = await zct('jobs', 'daily', '--date', '2999-01-01');
    expect(future).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--date 不能晚于今天') as unknown,
    });
  });
});
