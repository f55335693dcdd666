import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox, ROOT } from '../../test/support/cli.ts';

const { dir, zct, remove } = cliSandbox('cli');
const SAMPLE = join(ROOT, 'data/samples/liaocheng-gazette-2023-05.txt');

afterAll(remove);

describe('zct command', () => {
  it('parse --json prints the documented shape and stores nothing', async () => {
    const { code, stdout } = await zct('parse', SAMPLE, '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as {
      issue: { number: number };
      documents: { docNumber: string | null; articles: { number: number; text: string }[] }[];
    };
    expect(parsed.issue.number).toBe(5);
    expect(parsed.documents.map((d) => d.docNumber)).toHaveLength(9);
    const ninth = parsed.documents.find((d) => d.docNumber === '聊政字〔2023〕9号')!;
    expect(ninth.articles).toHaveLength(54);
    expect(Object.keys(ninth)).toEqual(
      expect.arrayContaining([
        'docNumber',
        'title',
        'issuers',
        'kind',
        'issuedOn',
        'effectiveFrom',
        'effectiveUntil',
        'page',
        'chapters',
        'articles',
      ]),
    );
  }, 60_000);

  it('ingests several files, then refuses a bad one with a non-zero exit that names the line', async () => {
    const cut = join(dir, 'cut.txt');
    writeFileSync(
      cut,
      '临清市人民政府文件\n临政发〔2024〕1号\n临清市人民政府 关于做好秋粮收购工作的通知\n各镇人民政府：\n一、加强组织领导。各镇要高度重视秋粮收购工',
    );
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const ok = await zct('ingest', SAMPLE, join(ROOT, 'test/fixtures/documents/linqing-fangan.txt'));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/9 份文件（新增 9/);
    expect(ok.stdout).toMatch(/linqing-fangan\.txt：1 份文件（新增 1/);
    const bad = await zct('ingest', cut, empty);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cut\.txt：第5行：文档不完整/);
    expect(bad.stderr).toMatch(/empty\.txt：文件为空/);
    expect(bad.stderr).toMatch(/未写入任何数据/);
    const search = await zct('search', '秋粮收购');
    expect(search.stdout).toMatch(/^共 0 条/);
    const again = await zct('search', '储备粮', '轮换');
    expect(again.stdout).toMatch(/聊政发〔2023〕3号 第二十/);
  }, 120_000);
});
