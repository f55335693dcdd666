import { describe, expect, it } from 'vitest';
import { evaluate, type Explanation } from './evaluate.ts';
import { SCHOOL_BUS_DRIVER_RULE } from './examples.ts';
import { nearMisses } from './near-miss.ts';
import { AS_OF, CITE, KLEENE_CASES, OPERATOR_CASES, PARAMS, profile } from './operator-cases.test-support.ts';
import type { FactValue, Rule } from './types.ts';
import { BASE_CATALOGUE } from './variables.ts';

const run = (rule: Rule, facts: Record<string, FactValue>, asOf = AS_OF): Explanation =>
  evaluate(rule, profile(facts), { asOf, catalogue: BASE_CATALOGUE, parameters: PARAMS });

describe('evaluate', () => {
  it.each(OPERATOR_CASES)('%s', (_name, rule, facts, expected, asOf) => {
    expect(run(rule, facts, asOf).outcome).toBe(expected);
  });

  it.each(KLEENE_CASES)('%s', (_name, rule, facts, expected) => {
    expect(run(rule, facts).outcome).toBe(expected);
  });

  it('explains each node: text, inherited citation, facts used and why it is unknown', () => {
    const rule: Rule = {
      op: 'all',
      id: 'root',
      label: '申报条件',
      cite: CITE,
      of: [
        {
          op: 'cmp',
          id: 'staff',
          left: { var: 'enterprise.employees' },
          cmp: '>=',
          right: { param: 'minEmployees' },
        },
        {
          op: 'cmp',
          left: { yearsSince: 'enterprise.foundedOn' },
          cmp: '>=',
          right: 2,
          cite: { ...CITE, article: 4 },
        },
      ],
    };
    const e = run(rule, { 'enterprise.employees': 25 });
    expect(e).toMatchObject({
      outcome: 'unknown',
      op: 'all',
      path: '',
      id: 'root',
      label: '申报条件',
      cite: CITE,
      reason: '缺少数据：成立日期',
    });
    expect(e.children).toEqual([
      {
        outcome: 'met',
        op: 'cmp',
        path: 'all[0]',
        id: 'staff',
        text: '从业人员不少于20人',
        cite: CITE,
        used: [
          {
            variable: 'enterprise.employees',
            label: '从业人员',
            value: 25,
            source: { kind: 'declared' },
            asOf: '2025-01-01',
          },
        ],
        parameters: [
          {
            id: 'minEmployees',
            label: '最低从业人数',
            value: 20,
            unit: '人',
            from: '2020-01-01',
            cite: CITE,
          },
        ],
      },
      {
        outcome: 'unknown',
        op: 'cmp',
        path: 'all[1]',
        text: '成立年限满2年',
        cite: { ...CITE, article: 4 },
        used: [],
        reason: '缺少数据：成立日期',
      },
    ]);
    expect(e.used.map((u) => u.variable)).toEqual(['enterprise.employees']);
  });

  it('discloses the parameter value in force and the document it comes from', () => {
    const rule: Rule = {
      op: 'cmp',
      left: { var: 'enterprise.employees' },
      cmp: '>=',
      right: { param: 'minEmployees' },
      cite: CITE,
    };
    expect(run(rule, { 'enterprise.employees': 12 }, '2026-01-01').parameters).toEqual([
      {
        id: 'minEmployees',
        label: '最低从业人数',
        value: 10,
        unit: '人',
        from: '2026-01-01',
        cite: { doc: '聊政字〔2025〕1号', article: 2 },
      },
    ]);
    expect(run(rule, { 'enterprise.employees': 12 }, '2025-12-31').parameters?.[0]?.value).toBe(20);
  });

  it('does not fail on an unchecked rule; it is unknown, with a reason', () => {
    const countingANumber: Rule = {
      op: 'count',
      list: 'enterprise.employees',
      cmp: '=',
      right: 0,
      cite: CITE,
    };
    expect(run(countingANumber, { 'enterprise.employees': 3 })).toMatchObject({
      outcome: 'unknown',
      reason: '数据格式不符：从业人员',
    });
    const unknownVariable: Rule = {
      op: 'cmp',
      left: { var: 'enterprise.employes' },
      cmp: '>=',
      right: 1,
      cite: CITE,
    };
    expect(run(unknownVariable, {}).reason).toBe('未定义的变量：enterprise.employes');
  });

  it('says why a parameter gives no value on the date', () => {
    const rule: Rule = {
      op: 'cmp',
      left: { var: 'enterprise.employees' },
      cmp: '>=',
      right: { param: 'notYet' },
      cite: CITE,
    };
    expect(run(rule, { 'enterprise.employees': 3 }).reason).toBe(
      '参数“未来门槛”在2025年6月1日没有生效的取值',
    );
    const bad = { ...rule, right: 20 };
    expect(run(bad, { 'enterprise.employees': '三人' }).reason).toBe('数据格式不符：从业人员');
  });

  it('says how close a failing comparison came', () => {
    const employees: Rule = {
      op: 'cmp',
      left: { var: 'enterprise.employees' },
      cmp: '>=',
      right: 20,
      cite: CITE,
    };
    expect(run(employees, { 'enterprise.employees': 8 }).nearMiss).toEqual({
      path: '',
      text: '从业人员不少于20人',
      variable: 'enterprise.employees',
      label: '从业人员',
      required: '≥20',
      current: 8,
      gap: 12,
      relativeGap: 0.6,
      unit: '人',
      message: '差一点：从业人员需≥20人，当前为8人',
    });
    const driving: Rule = {
      op: 'cmp',
      left: { yearsSince: 'person.licensedOn' },
      cmp: '>=',
      right: 3,
      cite: CITE,
    };
    expect(run(driving, { 'person.licensedOn': '2023-03-01' }).nearMiss).toMatchObject({
      current: 2,
      gap: 1,
      metOn: '2026-03-01',
      message: '差一点：驾驶经历需满3年，当前为2年（2026年3月1日起满足）',
    });
    const strict: Rule = {
      op: 'cmp',
      left: { var: 'enterprise.employees' },
      cmp: '>',
      right: 20,
      cite: CITE,
    };
    expect(run(strict, { 'enterprise.employees': 20 }).nearMiss).toMatchObject({
      gap: 1,
      message: '差一点：从业人员需>20人，当前为20人',
    });
    const young: Rule = { op: 'between', left: { var: 'person.age' }, min: 25, max: 60, cite: CITE };
    expect(run(young, { 'person.birthDate': '2001-06-02' }).nearMiss?.message).toBe(
      '差一点：年龄需满25周岁，当前为23周岁（2026年6月2日起满足）',
    );
    const founded: Rule = {
      op: 'cmp',
      left: { var: 'enterprise.foundedOn' },
      cmp: '<=',
      right: '2020-01-01',
      cite: CITE,
    };
    expect(run(founded, { 'enterprise.foundedOn': '2020-03-01' }).nearMiss?.message).toBe(
      '差一点：成立日期需不晚于2020年1月1日，当前为2020年3月1日（相差60天）',
    );
  });

  it('gives no gap where waiting or a little more cannot help', () => {
    const old: Rule = { op: 'between', left: { var: 'person.age' }, min: 25, max: 60, cite: CITE };
    expect(run(old, { 'person.birthDate': '1960-01-01' }).nearMiss).toBeUndefined();
    const scale: Rule = { op: 'in', left: { var: 'enterprise.scale' }, values: ['小型'], cite: CITE };
    expect(run(scale, { 'enterprise.scale': '中型' }).nearMiss).toBeUndefined();
    const drunk: Rule = {
      op: 'count',
      list: 'person.records',
      where: { op: 'cmp', field: 'kind', cmp: '=', right: '醉酒驾驶' },
      cmp: '=',
      right: 0,
      cite: CITE,
    };
    expect(run(drunk, { 'person.records': [{ kind: '醉酒驾驶' }] }).nearMiss).toBeUndefined();
  });

  it('measures the gap of a condition under none against its negation', () => {
    const rule: Rule = {
      op: 'none',
      cite: CITE,
      of: [{ op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>', right: 300 }],
    };
    expect(run(rule, { 'enterprise.employees': 310 }).children?.[0]?.nearMiss?.message).toBe(
      '差一点：从业人员需≤300人，当前为310人',
    );
  });
});

describe('nearMisses', () => {
  const rule: Rule = {
    op: 'all',
    cite: CITE,
    of: [
      { op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: 20 },
      { op: 'cmp', left: { var: 'enterprise.revenue' }, cmp: '>=', right: 1000 },
      { op: 'cmp', left: { var: 'enterprise.dishonest' }, cmp: '=', right: false },
    ],
  };

  it('lists the gaps, smallest relative gap first, and says when they are all that is missing', () => {
    const report = nearMisses(
      run(rule, { 'enterprise.employees': 8, 'enterprise.revenue': 900, 'enterprise.dishonest': false }),
    );
    expect(report.misses.map((m) => m.message)).toEqual([
      '差一点：上年营业收入需≥1000万元，当前为900万元',
      '差一点：从业人员需≥20人，当前为8人',
    ]);
    expect(report.onlyNearMisses).toBe(true);
    expect(report.blocking).toEqual([]);
    expect(report.summary).toBe(
      '只差以下条件：上年营业收入需≥1000万元，当前为900万元；从业人员需≥20人，当前为8人',
    );
  });

  it('names the conditions that no gap can close', () => {
    const report = nearMisses(
      run(rule, { 'enterprise.employees': 8, 'enterprise.revenue': 2000, 'enterprise.dishonest': true }),
    );
    expect(report.onlyNearMisses).toBe(false);
    expect(report.blocking).toEqual([{ path: 'all[2]', text: '未被列为失信主体', cite: CITE }]);
    expect(report.summary).toBe('未满足的条件中，以下差距较小：从业人员需≥20人，当前为8人');
  });

  it('needs only one branch of an any to come close, and reports nothing when the rule is met or unknown', () => {
    const either: Rule = {
      op: 'any',
      cite: CITE,
      of: [
        { op: 'has', left: { var: 'enterprise.qualifications' }, value: '高新技术企业' },
        { op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: 20 },
      ],
    };
    const report = nearMisses(run(either, { 'enterprise.qualifications': [], 'enterprise.employees': 18 }));
    expect(report.onlyNearMisses).toBe(true);
    expect(report.misses.map((m) => m.path)).toEqual(['any[1]']);
    expect(nearMisses(run(either, { 'enterprise.employees': 30 }))).toEqual({
      misses: [],
      blocking: [],
      onlyNearMisses: false,
      summary: '',
    });
    expect(nearMisses(run(either, {})).onlyNearMisses).toBe(false);
  });

  it('explains a school-bus driver who is two months short of experience', () => {
    const e = evaluate(
      SCHOOL_BUS_DRIVER_RULE,
      {
        kind: 'person',
        facts: Object.fromEntries(
          Object.entries({
            'person.citizenId': '371502199006010011',
            'person.licenceClass': 'B1',
            'person.licensedOn': '2022-08-01',
            'person.records': [{ kind: '记满分', on: '2021-03-01' }],
            'person.healthy': true,
          }).map(([k, value]) => [
            k,
            { value, source: { kind: 'shared', department: '市公安局' }, asOf: '2025-05-20' },
          ]),
        ),
      },
      { asOf: AS_OF, catalogue: BASE_CATALOGUE },
    );
    expect(e.outcome).toBe('notMet');
    expect(e.children?.map((c) => [c.id, c.outcome])).toEqual([
      ['licence', 'met'],
      ['experience', 'notMet'],
      ['age', 'met'],
      ['points', 'met'],
      ['accident', 'met'],
      ['drink', 'met'],
      ['serious', 'met'],
      ['crime', 'met'],
      ['health', 'met'],
    ]);
    expect(e.children?.[1]?.cite).toEqual({ doc: '聊政字〔2023〕9号', article: 30, items: [1] });
    expect(nearMisses(e).summary).toBe('只差以下条件：驾驶经历需满3年，当前为2年（2025年8月1日起满足）');
  });
});
