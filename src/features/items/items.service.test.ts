import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { getSegmenter } from '../../search/segmenter.ts';
import { LibraryService } from '../library/library.service.ts';
import { ItemValidationError, ItemsService } from './items.service.ts';

const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));
const ITEMS = new URL('../../../data/items/', import.meta.url);
const files = readdirSync(ITEMS).filter((f) => f.endsWith('.json'));
const load = (f: string) => JSON.parse(readFileSync(new URL(f, ITEMS), 'utf8')) as Record<string, unknown>;
const driver = () => load('lc-xc-driver.json');

forEachBackend('policy items', (backend) => {
  let items: ItemsService;

  beforeAll(async () => {
    const library = new LibraryService(backend.handle(), getSegmenter());
    await library.ingest(SAMPLE, 'sample.txt');
    items = new ItemsService(backend.handle(), library);
    await items.loadDefinitions(files.map(load), files);
  });

  it('loads every sample item published, and loading again changes nothing', async () => {
    const list = await items.list({ status: 'published' });
    expect(list.map((i) => i.code).sort()).toEqual(files.map((f) => load(f).code as string).sort());
    const again = await items.loadDefinitions(files.map(load), files);
    expect(again.every((r) => !r.changed && r.version === 1)).toBe(true);
  });

  it('shows every condition of the driver item with its citation and the words of the article', async () => {
    const item = await items.get('LC-XC-JSZG', { publishedOnly: true });
    expect(item).not.toBeNull();
    const leaves = item!.conditions.children!;
    expect(leaves).toHaveLength(9);
    for (const leaf of leaves) {
      expect(leaf.cite, leaf.text).toMatch(/^聊政字〔2023〕9号 第三十条（[一二三四五六]）$/);
      expect(leaf.quote?.text, leaf.text).toBeTruthy();
    }
    const points = leaves.find((l) => l.id === 'points')!;
    expect(points.quote!.text).toBe('（二）最近连续三个记分周期内没有被记满分记录；');
    expect(leaves.find((l) => l.id === 'age')!.text).toBe('年龄在25周岁以上、不超过60周岁');
    expect(item!.basis[0]).toMatchObject({ text: '聊政字〔2023〕9号 第三十条' });
    expect(item!.examples.every((e) => e.passed)).toBe(true);
  });

  it('quotes the outline section a plan-style item cites', async () => {
    const item = await items.get('LC-GX-JSGZ');
    expect(item!.basis[0]!.quote!.text).toMatch(/^（三）落实政策支持。.*技术改造奖补资金/);
  });

  it('keeps versions: a change makes version 2, the old one stays readable', async () => {
    const d = driver();
    await items.save({ ...d, code: 'LC-TEST-VER', name: '版本测试事项' }, 'draft');
    const v2 = await items.save(
      { ...d, code: 'LC-TEST-VER', name: '版本测试事项（修订）' },
      'draft',
      '修订名称',
    );
    expect(v2).toMatchObject({ version: 2, changed: true });
    expect((await items.versions('LC-TEST-VER'))!.map((v) => v.version)).toEqual([2, 1]);
    expect((await items.getVersion('LC-TEST-VER', 1))!.definition.name).toBe('版本测试事项');
    const same = await items.save({ ...d, code: 'LC-TEST-VER', name: '版本测试事项（修订）' }, 'draft');
    expect(same).toMatchObject({ version: 2, changed: false });
  });

  it('refuses a rule with an unknown variable when it is saved, naming the condition', async () => {
    const d = driver();
    const text = (d.ruleText as string).replace('person.healthy = true', 'person.healthyy = true');
    const err = await items.save({ ...d, code: 'LC-TEST-BAD', ruleText: text }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ItemValidationError);
    const problem = (err as ItemValidationError).problems[0]!;
    expect(problem.field).toBe('rule.all[8]');
    expect(problem.message).toContain('person.healthyy');
    expect(problem.message).toContain('身心健康');
    expect(await items.versions('LC-TEST-BAD')).toBeNull();
  });

  it('refuses an item whose example gives another result, naming the example', async () => {
    const d = driver();
    const examples = structuredClone(d.examples) as { expected: string }[];
    examples[0]!.expected = 'notMet';
    const err = (await items
      .save({ ...d, code: 'LC-TEST-EX', examples })
      .catch((e: unknown) => e)) as ItemValidationError;
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.field).toBe('examples[0]');
    expect(err.problems[0]!.message).toContain('结果应为“不符合”，实际为“符合”');
  });

  it('refuses a material that proves a condition the rule does not have', async () => {
    const d = driver();
    const materials = structuredClone(d.materials) as { proves: string[] }[];
    materials[1]!.proves = ['licence', 'nosuch'];
    const err = (await items
      .save({ ...d, code: 'LC-TEST-MAT', materials })
      .catch((e: unknown) => e)) as ItemValidationError;
    expect(err.problems[0]).toMatchObject({ field: 'materials[1].proves' });
  });

  it('stores nothing when one item of a batch is invalid', async () => {
    const good = { ...driver(), code: 'LC-TEST-BATCH-A' };
    const bad = { ...driver(), code: 'LC-TEST-BATCH-B', ruleText: 'all {\n  person.age >= \n}' };
    await expect(items.loadDefinitions([good, bad], ['a.json', 'b.json'])).rejects.toThrow(/b\.json/);
    expect(await items.versions('LC-TEST-BATCH-A')).toBeNull();
  });

  it('takes its validity from its document unless it narrows it', async () => {
    const d = items.prepare(driver());
    expect(await items.validityOf(d)).toEqual({ from: '2023-07-01', until: '2028-06-30', basis: 'document' });
    expect(await items.validityOf({ ...d, validity: { until: '2026-12-31' } })).toEqual({
      from: '2023-07-01',
      until: '2026-12-31',
      basis: 'item',
    });
  });

  it('lists the items citing an article', async () => {
    expect(await items.itemsCiting('聊政字〔2023〕9号', 30)).toEqual([
      { code: 'LC-XC-JSZG', name: '校车驾驶资格许可', article: 30 },
    ]);
  });
});
