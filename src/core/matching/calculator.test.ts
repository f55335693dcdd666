import { describe, expect, it } from 'vitest';
import type { Citation, Fact, FactValue, ListRecord, Profile, Rule } from '../rules/types.ts';
import { BASE_CATALOGUE } from '../rules/variables.ts';
import { nextQuestions, type CalculatorItem } from './calculator.ts';

const AS_OF = '2025-06-01';
const art30 = (n: number): Citation => ({ doc: '聊政字〔2023〕9号', article: 30, items: [n] });
const kindIs = (kind: string) => ({ op: 'cmp', field: 'kind', cmp: '=', right: kind }) as const;

/** 聊城市校车安全管理办法 (聊政字〔2023〕9号) 第三十条（一）至（六）, the school-bus driver's conditions. */
const DRIVER: Rule = {
  op: 'all',
  label: '校车驾驶人条件',
  of: [
    {
      op: 'in',
      left: { var: 'person.licenceClass' },
      values: ['A1', 'A2', 'A3', 'B1', 'B2'],
      cite: art30(1),
    },
    { op: 'cmp', left: { yearsSince: 'person.licensedOn' }, cmp: '>=', right: 3, cite: art30(1) },
    { op: 'between', left: { var: 'person.age' }, min: 25, max: 60, cite: art30(1) },
    {
      op: 'count',
      list: 'person.records',
      where: {
        op: 'and',
        of: [kindIs('记满分'), { op: 'withinLast', field: 'on', amount: 36, unit: 'months' }],
      },
      cmp: '=',
      right: 0,
      cite: art30(2),
    },
    {
      op: 'count',
      list: 'person.records',
      where: kindIs('致人死亡或重伤事故责任'),
      cmp: '=',
      right: 0,
      cite: art30(3),
    },
    {
      op: 'count',
      list: 'person.records',
      where: { op: 'in', field: 'kind', values: ['饮酒驾驶', '醉酒驾驶'] },
      cmp: '=',
      right: 0,
      cite: art30(4),
    },
    {
      op: 'count',
      list: 'person.records',
      where: {
        op: 'and',
        of: [kindIs('客运超员超速等严重违法'), { op: 'withinLast', field: 'on', amount: 12, unit: 'months' }],
      },
      cmp: '=',
      right: 0,
      cite: art30(4),
    },
    {
      op: 'count',
      list: 'person.records',
      where: { op: 'in', field: 'kind', values: ['犯罪', '酗酒', '吸毒'] },
      cmp: '=',
      right: 0,
      cite: art30(5),
    },
    { op: 'cmp', left: { var: 'person.healthy' }, cmp: '=', right: true, cite: art30(6) },
  ],
};
const DRIVER_ITEM: CalculatorItem = {
  key: 'LC-JY-0002',
  name: '校车驾驶资格',
  target: 'person',
  rule: DRIVER,
  catalogue: BASE_CATALOGUE,
};

const fact = (value: FactValue): Fact => ({ value, source: { kind: 'declared' }, asOf: AS_OF });
const answers = (kind: Profile['kind'], values: Record<string, FactValue> = {}): Profile => ({
  kind,
  facts: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fact(v)])),
});

/** "我没有", the answer of an applicant without, say, a driving licence. */
const NONE = { none: true } as const;
const isNone = (v: FactValue | typeof NONE): v is typeof NONE => v === NONE;

/**
 * An applicant who answers only the first question asked, one variable at a time, until the item is settled.
 * `truth` holds what they know. Asking anything else (a derived variable) fails the test.
 */
function interview(truth: Record<string, FactValue | typeof NONE>, items: CalculatorItem[] = [DRIVER_ITEM]) {
  const profile = answers('person');
  const none: string[] = [];
  const asked: string[] = [];
  for (;;) {
    const result = nextQuestions(items, profile, AS_OF, { none });
    const q = result.questions[0];
    if (result.results.maybe.length === 0 || !q) return { asked, result };
    expect(asked).not.toContain(q.variable);
    asked.push(q.variable);
    const value = truth[q.variable];
    if (value === undefined)
      throw new Error(`the applicant was asked ${q.variable}, which they cannot answer`);
    if (isNone(value)) {
      expect(q.allowNone).toBe(true);
      none.push(q.variable);
    } else profile.facts[q.variable] = fact(value);
  }
}

const QUALIFIED = {
  'person.licenceClass': 'A1',
  'person.licensedOn': '2005-06-12',
  'person.birthDate': '1980-03-15',
  'person.records': [] as ListRecord[],
  'person.healthy': true,
} satisfies Record<string, FactValue>;

describe('the school-bus driver (聊政字〔2023〕9号 第三十条), interviewed', () => {
  it('qualifies a driver who meets every condition, asking each input once', () => {
    const { asked, result } = interview(QUALIFIED);
    expect(result.results.met.map((r) => r.key)).toEqual(['LC-JY-0002']);
    expect(asked).toEqual([
      'person.records',
      'person.licenceClass',
      'person.licensedOn',
      'person.birthDate',
      'person.healthy',
    ]);
    expect(asked.length).toBeLessThanOrEqual(6);
  });

  it('stops at the age, with the failing condition named', () => {
    const { asked, result } = interview({ ...QUALIFIED, 'person.birthDate': '1962-01-10' });
    expect(asked).toEqual(['person.records', 'person.licenceClass', 'person.licensedOn', 'person.birthDate']);
    expect(result.results.notMet[0]!.reasons).toEqual(['未满足：年龄在25周岁以上、不超过60周岁']);
  });

  it('stops at the first answer when a record disqualifies', () => {
    const { asked, result } = interview({
      ...QUALIFIED,
      'person.records': [{ kind: '醉酒驾驶', on: '2019-08-01' }],
    });
    expect(asked).toEqual(['person.records']);
    expect(result.results.notMet[0]!.reasons).toEqual(['未满足：无以下任一记录：饮酒驾驶、醉酒驾驶']);
  });

  it('settles an applicant with no licence once they say so', () => {
    const { asked, result } = interview({
      ...QUALIFIED,
      'person.licenceClass': NONE,
      'person.licensedOn': NONE,
    });
    expect(asked).toEqual(['person.records', 'person.licenceClass']);
    expect(result.results.notMet[0]!.reasons).toEqual(['未满足：准驾车型为A1、A2、A3、B1或B2']);
  });

  it('says how close a driver licensed too recently came', () => {
    const { asked, result } = interview({ ...QUALIFIED, 'person.licensedOn': '2023-09-01' });
    expect(asked.length).toBeLessThanOrEqual(6);
    expect(result.results.notMet[0]!.reasons).toEqual([
      '只差以下条件：驾驶经历需满3年，当前为1年（2026年9月1日起满足）',
      '未满足：驾驶经历满3年',
    ]);
  });
});

describe('nextQuestions', () => {
  it('asks for inputs, never derived variables, with what a form needs', () => {
    const { questions, results } = nextQuestions([DRIVER_ITEM], answers('person'), AS_OF);
    const byId = Object.fromEntries(questions.map((q) => [q.variable, q]));
    expect(Object.keys(byId).sort()).toEqual(
      [
        'person.birthDate',
        'person.healthy',
        'person.licenceClass',
        'person.licensedOn',
        'person.records',
      ].sort(),
    );
    expect(byId['person.records']!.text).toMatch(/^您是否有以下记录：记满分/);
    expect(byId['person.records']).toMatchObject({
      input: 'list',
      allowNone: false,
      fields: [
        {
          name: 'kind',
          label: '记录类型',
          input: 'enum',
          options: expect.arrayContaining(['记满分', '吸毒']) as unknown,
        },
        { name: 'on', label: '发生日期', input: 'date' },
      ],
    });
    expect(byId['person.licenceClass']).toMatchObject({ input: 'enum', allowNone: true });
    expect(byId['person.licenceClass']!.options).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2']);
    expect(byId['person.licensedOn']).toMatchObject({
      input: 'date',
      allowNone: true,
      text: '您初次领取机动车驾驶证是哪一天？',
    });
    // Everyone has a birth date: "none" is no answer to it.
    expect(byId['person.birthDate']).toMatchObject({
      input: 'date',
      allowNone: false,
      text: '您的出生日期是哪一天？',
    });
    expect(byId['person.healthy']).toMatchObject({ input: 'boolean', items: ['LC-JY-0002'] });
    const maybe = results.maybe[0]!;
    expect(maybe.missing.sort()).toEqual(Object.keys(byId).sort());
    expect(maybe.reasons).toEqual(
      expect.arrayContaining([
        '缺少数据：出生日期',
        '缺少数据：初次领证日期',
        '缺少数据：准驾车型',
        '缺少数据：违法犯罪等记录',
      ]),
    );
  });

  const cite: Citation = { doc: '聊政字〔2023〕6号', article: 3 };
  const enterpriseItem = (key: string, rule: Rule): CalculatorItem => ({
    key,
    target: 'enterprise',
    rule: { ...rule, cite },
    catalogue: BASE_CATALOGUE,
  });
  const cmp = (variable: string, op: '>=' | '=', right: number | boolean): Rule => ({
    op: 'cmp',
    left: { var: variable },
    cmp: op,
    right,
  });

  it('asks for the inputs of the enterprise scale, the required industry first, and no more than it needs', () => {
    const small = enterpriseItem('small', {
      op: 'in',
      left: { var: 'enterprise.scale' },
      values: ['小型', '微型'],
    });
    const first = nextQuestions([small], answers('enterprise'), AS_OF);
    expect(first.questions.map((q) => q.variable)).toEqual(['enterprise.industry']);
    expect(first.results.maybe[0]!.reasons).toEqual(['缺少数据：行业']);
    const second = nextQuestions([small], answers('enterprise', { 'enterprise.industry': 'C3451' }), AS_OF);
    expect(second.questions.map((q) => [q.variable, q.score])).toEqual([
      // One of three inputs still needed: a third of the point the condition would give alone.
      ['enterprise.employees', 1 / 3],
      ['enterprise.revenue', 1 / 3],
      ['enterprise.totalAssets', 1 / 3],
    ]);
    // 工业 needs employees and revenue (国统字〔2017〕213号): total assets is never asked.
    const done = nextQuestions(
      [small],
      answers('enterprise', {
        'enterprise.industry': 'C3451',
        'enterprise.employees': 50,
        'enterprise.revenue': 1000,
      }),
      AS_OF,
    );
    expect(done.results.met.map((r) => r.key)).toEqual(['small']);
    expect(done.questions).toEqual([]);
  });

  it('puts first the input that bears on more open items', () => {
    const items = [
      enterpriseItem('a', {
        op: 'all',
        of: [
          cmp('enterprise.employees', '>=', 10),
          { op: 'within', left: { var: 'enterprise.region' }, code: '371500' },
        ],
      }),
      enterpriseItem('b', {
        op: 'all',
        of: [cmp('enterprise.employees', '>=', 20), cmp('enterprise.dishonest', '=', false)],
      }),
      enterpriseItem('c', { op: 'in', left: { var: 'enterprise.taxCredit' }, values: ['A', 'B'] }),
    ];
    const { questions } = nextQuestions(items, answers('enterprise'), AS_OF);
    expect(questions[0]).toMatchObject({ variable: 'enterprise.employees', items: ['a', 'b'] });
    // A lone condition decides its item either way: a full point.
    expect(questions.find((q) => q.variable === 'enterprise.taxCredit')!.score).toBe(1);
  });

  it('prefers a condition that can settle the item alone', () => {
    const item = enterpriseItem('x', {
      op: 'all',
      of: [
        {
          op: 'any',
          of: [cmp('enterprise.registeredCapital', '>=', 100), cmp('enterprise.revenue', '>=', 100)],
        },
        cmp('enterprise.dishonest', '=', false),
      ],
    });
    const { questions } = nextQuestions([item], answers('enterprise'), AS_OF);
    expect(questions.map((q) => [q.variable, q.score])).toEqual([
      ['enterprise.dishonest', 2 / 3],
      ['enterprise.registeredCapital', 1 / 3],
      ['enterprise.revenue', 1 / 3],
    ]);
  });

  it('asks nothing for settled items and skips items for the other kind of applicant', () => {
    const items = [
      enterpriseItem('settled', {
        op: 'all',
        of: [cmp('enterprise.dishonest', '=', false), cmp('enterprise.employees', '>=', 10)],
      }),
      enterpriseItem('open', { op: 'in', left: { var: 'enterprise.taxCredit' }, values: ['A'] }),
      DRIVER_ITEM,
    ];
    const r = nextQuestions(items, answers('enterprise', { 'enterprise.dishonest': true }), AS_OF, {
      limit: 5,
    });
    expect(r.results.notMet.map((x) => x.key)).toEqual(['settled']);
    expect(r.results.notMet[0]!.reasons).toEqual(['未满足：未被列为失信主体']);
    expect(r.questions.map((q) => q.variable)).toEqual(['enterprise.taxCredit']);
    expect(nextQuestions(items, answers('enterprise'), AS_OF, { limit: 1 }).questions).toHaveLength(1);
  });

  it('generates a question where the catalogue has none', () => {
    const women: CalculatorItem = {
      key: 'w',
      target: 'person',
      rule: { op: 'cmp', left: { var: 'person.sex' }, cmp: '=', right: '女', cite },
      catalogue: BASE_CATALOGUE,
    };
    const { questions } = nextQuestions([women], answers('person'), AS_OF);
    expect(questions).toEqual([
      expect.objectContaining({
        variable: 'person.citizenId',
        text: '请提供：公民身份号码',
        input: 'string',
      }),
    ]);
  });

  it('treats "none" as meeting a condition that excludes values', () => {
    const item: CalculatorItem = {
      key: 'not-c',
      rule: { op: 'notIn', left: { var: 'person.licenceClass' }, values: ['C1'], cite },
      catalogue: BASE_CATALOGUE,
    };
    const r = nextQuestions([item], answers('person'), AS_OF, { none: ['person.licenceClass'] });
    expect(r.results.met.map((x) => x.key)).toEqual(['not-c']);
  });
});
