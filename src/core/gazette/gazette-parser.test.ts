import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode.ts';
import { parseGazetteText } from './gazette-parser.ts';
import type { ParsedDocument } from './types.ts';

const SAMPLE = new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url);
const text = decodeText(readFileSync(SAMPLE)).text;
const result = parseGazetteText(text);
const doc = (n: string): ParsedDocument => {
  const d = result.documents.find((x) => x.docNumber === n);
  if (!d) throw new Error(`${n} not parsed`);
  return d;
};
const article = (n: string, no: number) => doc(n).articles.find((a) => a.number === no)!.text;

describe('聊城市人民政府公报 2023年第5期', () => {
  it('reads the masthead and the table of contents with page numbers', () => {
    expect(result.issue).toMatchObject({
      title: '聊城市人民政府公报',
      publisher: '聊城市人民政府',
      year: 2023,
      number: 5,
      totalNumber: 242,
    });
    expect(result.issue!.toc.map((e) => [e.docNumber, e.page])).toEqual([
      ['聊政发〔2023〕3号', 2],
      ['聊政发〔2023〕4号', 7],
      ['聊政字〔2023〕6号', 10],
      ['聊政字〔2023〕7号', 13],
      ['聊政字〔2023〕9号', 18],
      ['聊政办字〔2023〕13号', 25],
      ['聊政任〔2023〕8号', 29],
      ['聊政任〔2023〕9号', 31],
      [null, 32],
    ]);
    expect(result.issue!.toc[0]!.section).toBe('市政府文件');
    expect(result.issue!.toc[5]!.section).toBe('市政府办公室文件');
  });

  it('finds exactly the eight documents of the table of contents plus the 大事记, each with 文号, issuer, date and page', () => {
    expect(
      result.documents.map((d) => [d.docNumber, d.issuers.join('、'), d.issuedOn, d.page, d.kind]),
    ).toEqual([
      ['聊政发〔2023〕3号', '聊城市人民政府', '2023-05-05', 2, '办法'],
      ['聊政发〔2023〕4号', '聊城市人民政府', '2023-05-09', 7, '办法'],
      ['聊政字〔2023〕6号', '聊城市人民政府', '2023-05-09', 10, '方案'],
      ['聊政字〔2023〕7号', '聊城市人民政府', '2023-05-17', 13, '意见'],
      ['聊政字〔2023〕9号', '聊城市人民政府', '2023-05-22', 18, '办法'],
      ['聊政办字〔2023〕13号', '聊城市人民政府办公室', '2023-05-25', 25, '方案'],
      ['聊政任〔2023〕8号', '聊城市人民政府', '2023-05-17', 29, '任免'],
      ['聊政任〔2023〕9号', '聊城市人民政府', '2023-05-26', 31, '任免'],
      [null, '聊城市人民政府', null, 32, '大事记'],
    ]);
    expect(result.documents.every((d) => d.level === '市' && d.regionCode === '371500')).toBe(true);
  });

  it('parses 聊政发〔2023〕3号: 7 chapters, 40 articles, valid 2023-06-10 to 2028-06-09', () => {
    const d = doc('聊政发〔2023〕3号');
    expect(d.title).toBe('关于印发聊城市地方储备粮管理办法的通知');
    expect(d.chapters.map((c) => c.title)).toEqual([
      '总则',
      '收购',
      '储存',
      '轮换',
      '动用',
      '监督与责任',
      '附则',
    ]);
    expect(d.articles).toHaveLength(40);
    expect(d.articles.map((a) => a.number)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect([d.effectiveFrom, d.effectiveUntil]).toEqual(['2023-06-10', '2028-06-09']);
    expect(d.validity.clause).toBe('本办法自2023年6月10日起施行，有效期至2028年6月9日。');
    expect(d.attachments).toEqual(['聊城市地方储备粮管理办法']);
    expect(d.addressees).toEqual([
      '各县（市、区）人民政府',
      '市属开发区管委会',
      '市政府有关部门',
      '直属机构',
    ]);
    // 第二十二至二十八条 are the chapter 轮换.
    expect(d.articles.filter((a) => a.chapter === 4).map((a) => a.number)).toEqual([
      22, 23, 24, 25, 26, 27, 28,
    ]);
  });

  it('parses 聊政发〔2023〕4号: 26 articles, valid 2023-07-01 to 2028-06-30, with 项 and 目', () => {
    const d = doc('聊政发〔2023〕4号');
    expect(d.chapters).toHaveLength(0);
    expect(d.articles).toHaveLength(26);
    expect([d.effectiveFrom, d.effectiveUntil]).toEqual(['2023-07-01', '2028-06-30']);
    const a8 = d.articles[7]!;
    expect(a8.paragraphs[0]!.items.map((i) => i.label)).toEqual(['（一）', '（二）', '（三）']);
    expect(a8.paragraphs[0]!.items[0]!.subitems).toHaveLength(8);
    // The TOC calls it 暂行办法; the body does not. Both are kept, matched to one document.
    expect(d.tocTitle).toBe('关于印发聊城市城乡建设档案管理暂行办法的通知');
  });

  it('parses 聊政字〔2023〕9号: 7 chapters, 54 articles, valid 2023-07-01 to 2028-06-30', () => {
    const d = doc('聊政字〔2023〕9号');
    expect(d.chapters).toHaveLength(7);
    expect(d.chapters[0]!.title).toBe('总则');
    expect(d.articles).toHaveLength(54);
    expect([d.effectiveFrom, d.effectiveUntil]).toEqual(['2023-07-01', '2028-06-30']);
    const a30 = d.articles[29]!;
    expect(a30.label).toBe('第三十条');
    expect(a30.paragraphs).toHaveLength(2);
    expect(a30.paragraphs[0]!.items.map((i) => i.text)).toEqual([
      '取得相应准驾车型驾驶证并具有三年以上驾驶经历，年龄在二十五周岁以上、不超过六十周岁；',
      '最近连续三个记分周期内没有被记满分记录；',
      '无致人死亡或重伤的交通事故责任记录；',
      '无饮酒后驾驶或醉酒驾驶机动车记录，最近一年内无驾驶客运车辆超员、超速等严重交通违法行为记录；',
      '无犯罪记录，无酗酒、吸毒行为记录；',
      '身心健康，无传染性疾病，无癫痫、精神病等可能危及行车安全的疾病病史。',
    ]);
    // 第二十二条 lists nine materials, printed as "- （一）…" bullets by the extraction.
    expect(d.articles[21]!.paragraphs[0]!.items).toHaveLength(9);
  });

  it('joins words broken by page breaks', () => {
    expect(article('聊政发〔2023〕3号', 7)).toContain('地方储备粮经营管理中存在');
    expect(article('聊政发〔2023〕3号', 24)).toContain('不得低于总量计划的70%。');
    expect(article('聊政发〔2023〕3号', 4)).toContain('总体布局和动用的调控意见');
    expect(article('聊政发〔2023〕3号', 37)).toContain('不及时下达地方储备粮收购、年度轮换计划');
    expect(article('聊政字〔2023〕9号', 30)).toContain('无致人死亡或重伤的交通事故责任记录；');
    // No article of any document keeps a line that ends mid-sentence.
    for (const d of result.documents) {
      for (const a of d.articles) {
        for (const line of a.text.split('\n')) expect(line, `${d.docNumber} ${a.label}`).toMatch(/[。；：]$/);
      }
    }
  });

  it('recognises headings with odd spacing', () => {
    expect(doc('聊政发〔2023〕3号').chapters[4]).toMatchObject({ label: '第五章', title: '动用' });
    expect(doc('聊政发〔2023〕3号').chapters[6]).toMatchObject({ label: '第七章', title: '附则' });
  });

  it('gives the continued piece after 聊政任〔2023〕8号 back to the 大事记', () => {
    const appointment = doc('聊政任〔2023〕8号');
    expect(appointment.body).not.toContain('会议以视频形式召开');
    expect(appointment.body).not.toContain('上接第');
    expect(appointment.body.split('\n').at(-1)).toBe('张官庆的聊城市旅游发展集团股份有限公司董事长职务。');
    const chronicle = result.documents.at(-1)!;
    expect(chronicle.title).toBe('聊城市人民政府大事记（2023年5月）');
    // 27日's entry runs on (下转第30页) into the piece printed after 8号, and reads as one sentence.
    expect(chronicle.body).toContain('谢兆村出席。会议以视频形式召开，各县（市、区）、市属开发区设分会场。');
    expect(chronicle.body).toContain('△全市经济运行分析调度推进会议召开。');
    expect(chronicle.body).not.toMatch(/下转第|上接第/);
  });

  it('handles documents without articles: plans keep their outline and 牵头单位', () => {
    const plan = doc('聊政字〔2023〕6号');
    expect(plan.articles).toHaveLength(0);
    expect(plan.outline.map((n) => n.heading)).toEqual(['总体要求', '重点任务', '保障措施']);
    const tasks = plan.outline[1]!.children;
    expect(tasks).toHaveLength(11);
    expect(tasks[0]).toMatchObject({
      label: '（一）',
      heading: '完善数字基础设施',
      leadDepartments: ['市工业和信息化局', '市通信发展办'],
    });
    expect(tasks[0]!.text).not.toContain('牵头单位');
    // A note printed as its own paragraph still belongs to its task.
    expect(plan.outline[2]!.children[0]!.leadDepartments).toEqual([
      '市工业和信息化局',
      '市数字经济工作专班成员单位',
    ]);

    const thirteen = doc('聊政办字〔2023〕13号');
    const list = thirteen.outline[1]!.children[0]!;
    expect(list.heading).toBe('统一政策清单');
    expect(list.leadDepartments).toEqual(['市政府办公室']);
    expect(list.responsibleDepartments).toEqual([
      '涉及惠企便民政策的市直部门',
      '各县（市、区）人民政府',
      '市属开发区管委会',
    ]);
  });

  it('repairs the covering notice of 13号, printed out of order', () => {
    expect(doc('聊政办字〔2023〕13号').preamble).toEqual([
      '《聊城市加快惠企便民政策通晓直达全面优化政策服务实施方案》已经市政府同意，现印发给你们，请认真贯彻执行。',
    ]);
  });

  it('handles appointment notices: no articles, no validity clause', () => {
    const d = doc('聊政任〔2023〕9号');
    expect(d.kind).toBe('任免');
    expect(d.articles).toHaveLength(0);
    expect(d.validity.basis).toBe('issue-date');
    expect(d.body).toContain('刘瑞峰为聊城市农业科学院理事长；');
  });

  it('finds the documents cited, with their 文号', () => {
    expect(doc('聊政发〔2023〕3号').citations).toContainEqual({
      title: '山东省地方储备粮轮换管理办法',
      docNumber: '鲁粮发〔2020〕3号',
    });
    expect(doc('聊政字〔2023〕6号').citations).toEqual([
      {
        title: '山东省人民政府关于印发山东省制造业数字化转型行动方案（2022-2025年）的通知',
        docNumber: '鲁政字〔2022〕201号',
      },
    ]);
    // 《条例》 is an abbreviation the text defines, not another citation.
    expect(doc('聊政字〔2023〕9号').citations.map((c) => c.title)).not.toContain('条例');
    // The text a notice issues is an attachment, not a citation.
    expect(doc('聊政字〔2023〕9号').citations.map((c) => c.title)).not.toContain('聊城市校车安全管理办法');
  });
});

describe('another gazette laid out differently', () => {
  // A small issue of another city: TOC titles on one line with their page, one title wrapped over two lines,
  // a plan continued from page 3 onto page 6 (下转第6页 / 上接第3页) with the piece printed after another document.
  const issue = [
    '临清市人民政府公报',
    '2024年第1期（总第36期）',
    '主办：临清市人民政府办公室',
    '目录',
    '◎ 市政府文件',
    '临清市人民政府关于印发临清市',
    '轴承产业提升方案的通知',
    '临政发〔2024〕1号 …… 2',
    '◎ 市政府办公室文件',
    '关于做好春季防火工作的通知',
    '临政办发〔2024〕2号 …… 4',
    '',
    '临清市人民政府文件',
    '临政发〔2024〕1号',
    '临清市人民政府 关于印发临清市轴承产业提升方案的通知',
    '各镇人民政府、街道办事处，市直有关部门：',
    '现将《临清市轴承产业提升方案》印发给你们，请认真贯彻执行。',
    '临清市人民政府',
    '2024年1月8日',
    '临清市轴承产业提升方案',
    '一、总体目标',
    '到2025年，轴承产业营业收入突破300亿元。',
    '二、重点任务',
    '（一）推进技术改造。支持轴承企业实施智能化改造，对符合条件的项目给予技术改造奖补。（牵头单位：市工业和信息化局）',
    '（二）培育专精特新企业。建立梯度培育库，每年新增省级专精特新（下转第6页）',
    '',
    '临清市人民政府办公室',
    '临政办发〔2024〕2号',
    '临清市人民政府办公室 关于做好春季防火工作的通知',
    '各镇人民政府、街道办事处：',
    '一、落实防火责任。各镇要压实森林防火责任。',
    '二、加强巡查。本通知自印发之日起施行，有效期1年。',
    '临清市人民政府办公室',
    '2024年1月10日',
    '',
    '（上接第3页）中小企业10家以上。（牵头单位：市工业和信息化局、市财政局）',
  ].join('\n');
  const r = parseGazetteText(issue);

  it('reads the masthead and a wrapped TOC title', () => {
    expect(r.issue).toMatchObject({
      title: '临清市人民政府公报',
      year: 2024,
      number: 1,
      totalNumber: 36,
      publisher: '临清市人民政府办公室',
    });
    expect(r.issue!.toc.map((e) => [e.title, e.docNumber, e.page])).toEqual([
      ['临清市人民政府关于印发临清市轴承产业提升方案的通知', '临政发〔2024〕1号', 2],
      ['关于做好春季防火工作的通知', '临政办发〔2024〕2号', 4],
    ]);
  });

  it('puts the continued piece back at its 下转 mark, mid-sentence', () => {
    const [plan, notice] = r.documents;
    expect(r.documents).toHaveLength(2);
    const task = plan!.outline[1]!.children[1]!;
    expect(task.text).toBe('建立梯度培育库，每年新增省级专精特新中小企业10家以上。');
    expect(task.leadDepartments).toEqual(['市工业和信息化局', '市财政局']);
    expect(notice!.body).not.toContain('中小企业10家');
    expect(notice).toMatchObject({
      level: '县',
      regionCode: '371581',
      effectiveFrom: '2024-01-10',
      effectiveUntil: '2025-01-09',
    });
  });
});
