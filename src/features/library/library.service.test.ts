import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { getSegmenter } from '../../search/segmenter.ts';
import { LibraryService } from './library.service.ts';

const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));

/** A small single document, built per test so that tests share no data. */
function singleDocument(docNumber: string, title: string, body: string[], date = '2024年3月1日'): Buffer {
  return Buffer.from(
    [
      '临清市人民政府办公室文件',
      docNumber,
      `临清市人民政府办公室 ${title}`,
      '各镇人民政府、街道办事处，市直有关部门：',
      ...body,
      '临清市人民政府办公室',
      date,
    ].join('\n'),
  );
}

forEachBackend('policy library', (backend) => {
  let library: LibraryService;
  let sampleIds: Map<string, number>;

  beforeAll(async () => {
    library = new LibraryService(backend.handle(), getSegmenter());
    const report = await library.ingest(SAMPLE, 'liaocheng-gazette-2023-05.txt');
    sampleIds = new Map(report.documents.map((d) => [d.docNumber ?? d.title, d.id]));
  });

  it('stores the sample: one issue, nine documents, 120 articles', async () => {
    expect(await library.counts()).toEqual({ issues: 1, documents: 9, articles: 40 + 26 + 54 });
    const issues = await library.listIssues();
    expect(issues).toEqual([
      expect.objectContaining({ title: '聊城市人民政府公报', year: 2023, number: 5, totalNumber: 242 }),
    ]);
    const issue = await library.getIssue(issues[0]!.id);
    expect(issue!.toc).toHaveLength(9);
    expect(issue!.toc.every((e) => e.documentId !== null)).toBe(true);
    expect(issue!.toc.at(-1)!.documentId).toBe(sampleIds.get('聊城市人民政府大事记（2023年5月）'));
  });

  it('is idempotent: the same issue again changes nothing', async () => {
    const again = await library.ingest(SAMPLE, 'again.txt');
    expect(again.issue?.outcome).toBe('unchanged');
    expect(again.documents.map((d) => d.outcome)).toEqual(Array(9).fill('unchanged'));
    expect(await library.counts()).toEqual({ issues: 1, documents: 9, articles: 120 });
  });

  it('reads a document back with its articles, validity and versions', async () => {
    const id = sampleIds.get('聊政发〔2023〕3号')!;
    const d = await library.getDocument(id, '2024-01-01');
    expect(d).toMatchObject({
      docNumber: '聊政发〔2023〕3号',
      validity: 'in-force',
      effectiveFrom: '2023-06-10',
      effectiveUntil: '2028-06-09',
      version: 1,
    });
    expect(d!.articles).toHaveLength(40);
    expect((await library.getDocument(id, '2023-06-01'))!.validity).toBe('not-yet');
    expect((await library.getDocument(id, '2028-06-10'))!.validity).toBe('expired');
    expect((await library.getArticle(id, 24))!.text).toContain('不得低于总量计划的70%。');
    expect(await library.getArticle(id, 41)).toBeNull();
    expect(await library.findDocumentIdByNumber('聊政字〔2023〕9号')).toBe(
      sampleIds.get('聊政字〔2023〕9号'),
    );
  });

  it('makes a new version from a corrected text and keeps the old one', async () => {
    const v1 = singleDocument('临政办发〔2024〕3号', '关于做好春耕备耕工作的通知', [
      '一、加强农资供应。各镇要做好农资储备。',
      '二、强化技术指导。本通知自2024年3月1日起施行。',
    ]);
    const first = await library.ingest(v1, 'v1.txt');
    expect(first.documents[0]).toMatchObject({ outcome: 'created', version: 1 });
    const v2 = Buffer.from(v1.toString().replace('做好农资储备', '做好化肥、种子等农资储备'));
    const second = await library.ingest(v2, 'v2.txt');
    expect(second.documents[0]).toMatchObject({ id: first.documents[0]!.id, outcome: 'revised', version: 2 });
    const id = first.documents[0]!.id;
    expect((await library.listVersions(id)).map((v) => [v.version, v.source])).toEqual([
      [2, 'v2.txt'],
      [1, 'v1.txt'],
    ]);
    expect((await library.getVersionDocument(id, 1))!.body).toContain('各镇要做好农资储备');
    expect((await library.getDocument(id, '2024-06-01'))!.body).toContain('化肥、种子');
    expect((await library.ingest(v2, 'v2-again.txt')).documents[0]!.outcome).toBe('unchanged');
    // The revised text is what search finds now.
    expect((await library.search({ q: '化肥' })).hits.map((h) => h.documentId)).toContain(id);
  });

  it('writes nothing when an ingest fails part-way', async () => {
    const before = await library.counts();
    // Two documents with the same 文号 in one issue: the second fails after the first was written.
    const twice = SAMPLE.toString().replace(
      '聊政发〔2023〕4号\n\n聊城市人民政府 关于印发聊城市城乡建设档案管理办法',
      '聊政发〔2023〕4号\n\n聊城市人民政府 关于印发聊城市城乡建设档案管理办法',
    );
    const broken = Buffer.from(
      twice
        .replace(/聊政字〔2023〕6号(?=\n\n聊城市人民政府 关于印发)/, '聊政发〔2023〕3号')
        .replace('聊政字〔2023〕6号.....', '聊政发〔2023〕3号.....')
        .replace('2023 年第 5 期', '2023 年第 6 期')
        .replace('第5期（总第242期）', '第6期（总第243期）'),
    );
    await expect(library.ingest(broken, 'broken.txt')).rejects.toThrow(/出现了两次/);
    expect(await library.counts()).toEqual(before);
    expect((await library.listIssues()).map((i) => i.number)).not.toContain(6);
  });

  it('refuses bad input with an error that names the line, and writes nothing', async () => {
    const before = await library.counts();
    await expect(library.ingest(Buffer.alloc(0), 'empty.txt')).rejects.toThrow(/文件为空/);
    await expect(library.ingest(Buffer.from([0, 1, 2, 3, 0xff]), 'bin.dat')).rejects.toThrow(/二进制/);
    await expect(
      library.ingest(
        Buffer.from(
          '今天天气很好，我们去公园散步，看见很多人在放风筝，孩子们玩得很开心。晚上回家做了红烧肉。',
        ),
        'prose.txt',
      ),
    ).rejects.toThrow(/第1行.*不是政府公文/);
    const cut = singleDocument(
      '临政办发〔2024〕9号',
      '关于加强安全生产的通知',
      ['一、压实责任。各单位要落实安全生产主体', '责任，加强'],
      '',
    );
    await expect(library.ingest(Buffer.from(cut.toString().trimEnd()), 'cut.txt')).rejects.toThrow(
      /第\d+行.*不完整/,
    );
    expect(await library.counts()).toEqual(before);
  });

  it('resolves citations both ways, whatever the order of arrival', async () => {
    const citing = singleDocument('临政办发〔2024〕5号', '关于落实地方储备粮管理的通知', [
      '一、严格执行制度。各镇要严格执行《聊城市地方储备粮管理办法》和《临清市粮食应急预案》（临政办发〔2024〕6号）。',
    ]);
    await library.ingest(citing, 'citing.txt');
    const citingId = (await library.findDocumentIdByNumber('临政办发〔2024〕5号'))!;
    const before = await library.citations(citingId);
    expect(before).toEqual([
      { title: '聊城市地方储备粮管理办法', docNumber: null, documentId: sampleIds.get('聊政发〔2023〕3号') },
      { title: '临清市粮食应急预案', docNumber: '临政办发〔2024〕6号', documentId: null },
    ]);
    // The cited plan arrives later; the citation links up then.
    await library.ingest(
      singleDocument('临政办发〔2024〕6号', '关于印发临清市粮食应急预案的通知', [
        '一、总则。为应对粮食突发事件，制定本预案。',
      ]),
      'later.txt',
    );
    const cited = (await library.findDocumentIdByNumber('临政办发〔2024〕6号'))!;
    expect((await library.citations(citingId))[1]!.documentId).toBe(cited);
    expect((await library.citedBy(sampleIds.get('聊政发〔2023〕3号')!)).map((d) => d.docNumber)).toContain(
      '临政办发〔2024〕5号',
    );
  });

  it('searching 校车 brings the school-bus articles first', async () => {
    const r = await library.search({ q: '校车' });
    expect(r.total).toBeGreaterThan(20);
    expect(r.hits).toHaveLength(20);
    expect(r.hits.every((h) => h.docNumber === '聊政字〔2023〕9号' && h.ref?.startsWith('第'))).toBe(true);
    const first = r.hits[0]!;
    expect(first.snippet.highlights.length).toBeGreaterThan(0);
    const [s, e] = first.snippet.highlights[0]!;
    expect(first.snippet.text.slice(s, e)).toBe('校车');
  });

  it('searching 储备粮 轮换 finds 聊政发〔2023〕3号 第二十二至二十八条 first', async () => {
    const r = await library.search({ q: '储备粮 轮换', pageSize: 7 });
    expect(r.hits.every((h) => h.docNumber === '聊政发〔2023〕3号')).toBe(true);
    expect(r.hits.map((h) => h.articleNumber).sort((a, b) => a! - b!)).toEqual([22, 23, 24, 25, 26, 27, 28]);
  });

  it('finds words that page breaks had cut, and plan tasks by their text', async () => {
    expect(
      (await library.search({ q: '经营管理' })).hits.some(
        (h) => h.docNumber === '聊政发〔2023〕3号' && h.articleNumber === 7,
      ),
    ).toBe(true);
    const r = await library.search({ q: '免申即享' });
    expect(r.hits[0]).toMatchObject({
      docNumber: '聊政办字〔2023〕13号',
      ref: '二、（三）',
      heading: '统一兑现流程',
    });
  });

  it('falls back to trigrams for a long term segmentation cuts differently', async () => {
    // "储备粮收购" is not one jieba word; as a typed phrase it still finds the text that holds it.
    const r = await library.search({ q: '储备粮收购资金' });
    expect(r.hits.map((h) => h.articleNumber)).toContain(11);
  });

  it('filters by validity, kind, issuer and year, with facets', async () => {
    // Within the sample issue only: other tests of this file add documents of their own.
    const issueId = (await library.listIssues())[0]!.id;
    const all = await library.search({ q: '管理', asOf: '2023-06-01', issueId });
    expect(all.facets.validity).toEqual(expect.arrayContaining([{ value: 'not-yet', count: 3 }]));
    const notYet = await library.search({
      q: '管理',
      asOf: '2023-06-01',
      validity: 'not-yet',
      issueId,
      pageSize: 100,
    });
    expect(new Set(notYet.hits.map((h) => h.docNumber))).toEqual(
      new Set(['聊政发〔2023〕3号', '聊政发〔2023〕4号', '聊政字〔2023〕9号']),
    );
    // A facet ignores its own filter, so the other choices stay visible.
    expect(notYet.facets.validity.length).toBeGreaterThan(1);
    const plans = await library.search({ q: '数字化', kind: '方案' });
    expect(plans.hits.every((h) => h.kind === '方案')).toBe(true);
    expect(plans.facets.kind.map((k) => k.value)).toContain('方案');
    const office = await library.search({ q: '政策', issuer: '聊城市人民政府办公室' });
    expect(office.hits.every((h) => h.issuers.includes('聊城市人民政府办公室'))).toBe(true);
    expect((await library.search({ q: '政策', year: 2019 })).total).toBe(0);
    const expired = await library.search({ q: '校车', asOf: '2030-01-01', validity: 'in-force' });
    expect(expired.total).toBe(0);
  });

  it('rebuilds the search index when the segmenter changes, and only then', async () => {
    const db = backend.handle().db;
    await library.ensureSearchIndex();
    expect(await library.ensureSearchIndex()).toBe(0);
    // As if the index had been built with an older dictionary:
    await db
      .updateTable('zct_meta')
      .set({ value: 'an-older-dictionary' })
      .where('key', '=', 'segmenter_version')
      .execute();
    const { documents } = await library.counts();
    expect(await library.ensureSearchIndex()).toBe(documents);
    expect(await library.ensureSearchIndex()).toBe(0);
    const r = await library.search({ q: '储备粮 轮换', pageSize: 7 });
    expect(r.hits.map((h) => h.articleNumber).sort((a, b) => a! - b!)).toEqual([22, 23, 24, 25, 26, 27, 28]);
  });

  it('lists documents with filters', async () => {
    const plans = await library.listDocuments({ kind: '任免' }, '2024-01-01', 1, 20);
    expect(plans.items.map((d) => d.docNumber).sort()).toEqual(['聊政任〔2023〕8号', '聊政任〔2023〕9号']);
    const county = await library.listDocuments({ level: '县' }, '2024-01-01', 1, 100);
    expect(county.items.length).toBeGreaterThan(0);
    expect(county.items.every((d) => d.regionCode === '371581')).toBe(true);
    // A region takes in the regions within it: 聊城市 371500 holds 临清市 371581.
    const liaocheng = await library.listDocuments({ region: '371500' }, '2024-01-01', 1, 100);
    expect(liaocheng.total).toBe(9 + county.total);
    expect((await library.listDocuments({ region: '370100' }, '2024-01-01', 1, 100)).total).toBe(0);
  });
});
