import type { CmpOp, Fact, FactValue, Outcome, ParameterDef, Profile, Rule, Value } from './types.ts';

/**
 * One example per operator and outcome, shared by the interpreter's and the compiler's tests so that both
 * are held to the same expectations. Test support only.
 */
export const CITE = { doc: '聊政字〔2023〕6号', article: 3 };
export const AS_OF = '2025-06-01';

export const PARAMS: ParameterDef[] = [
  {
    id: 'minEmployees',
    label: '最低从业人数',
    unit: '人',
    // A threshold of 20 until 2025-12-31, 10 from 2026-01-01.
    values: [
      { from: '2020-01-01', value: 20, cite: { doc: '聊政字〔2023〕6号', article: 3 } },
      { from: '2026-01-01', value: 10, cite: { doc: '聊政字〔2025〕1号', article: 2 } },
    ],
  },
  { id: 'notYet', label: '未来门槛', values: [{ from: '2030-01-01', value: 5 }] },
  { id: 'cutoff', label: '成立日期界限', values: [{ from: '2020-01-01', value: '2018-01-01' }] },
];

const fact = (value: FactValue): Fact => ({ value, source: { kind: 'declared' }, asOf: '2025-01-01' });
export const profile = (facts: Record<string, FactValue>): Profile => ({
  kind: Object.keys(facts).some((k) => k.startsWith('person.')) ? 'person' : 'enterprise',
  facts: Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, fact(v)])),
});

type Case = [name: string, rule: Rule, facts: Record<string, FactValue>, expected: Outcome, asOf?: string];

const cmp = (variable: string, op: CmpOp, right: Value): Rule => ({
  op: 'cmp',
  left: { var: variable },
  cmp: op,
  right,
  cite: CITE,
});
const records = (
  where: Extract<Rule, { op: 'count' }>['where'],
  op: '=' | '>=' | '<' = '=',
  right = 0,
): Rule => ({
  op: 'count',
  list: 'person.records',
  ...(where && { where }),
  cmp: op,
  right,
  cite: CITE,
});

export const OPERATOR_CASES: Case[] = [
  ['≥ met', cmp('enterprise.employees', '>=', 20), { 'enterprise.employees': 20 }, 'met'],
  ['≥ notMet', cmp('enterprise.employees', '>=', 20), { 'enterprise.employees': 19 }, 'notMet'],
  ['≥ missing is unknown, not zero', cmp('enterprise.employees', '>=', 20), {}, 'unknown'],
  ['< on zero', cmp('enterprise.employees', '<', 1), { 'enterprise.employees': 0 }, 'met'],
  ['> notMet at the bound', cmp('enterprise.revenue', '>', 100), { 'enterprise.revenue': 100 }, 'notMet'],
  ['<= met at the bound', cmp('enterprise.revenue', '<=', 100), { 'enterprise.revenue': 100 }, 'met'],
  ['= number', cmp('enterprise.employees', '=', 7), { 'enterprise.employees': 7 }, 'met'],
  ['!= number', cmp('enterprise.employees', '!=', 7), { 'enterprise.employees': 7 }, 'notMet'],
  [
    'wrong type in data is unknown',
    cmp('enterprise.employees', '>=', 20),
    { 'enterprise.employees': '25人' },
    'unknown',
  ],
  [
    'out-of-range data is unknown',
    cmp('enterprise.employees', '<', 20),
    { 'enterprise.employees': -3 },
    'unknown',
  ],
  [
    'false is a value, not missing',
    cmp('enterprise.dishonest', '=', false),
    { 'enterprise.dishonest': false },
    'met',
  ],
  ['boolean notMet', cmp('enterprise.dishonest', '=', false), { 'enterprise.dishonest': true }, 'notMet'],
  ['enum =', cmp('enterprise.taxCredit', '=', 'A'), { 'enterprise.taxCredit': 'A' }, 'met'],
  [
    'enum not a member is unknown',
    cmp('enterprise.taxCredit', '!=', 'D'),
    { 'enterprise.taxCredit': 'E' },
    'unknown',
  ],
  ['date <', cmp('enterprise.foundedOn', '<', '2020-01-01'), { 'enterprise.foundedOn': '2019-12-31' }, 'met'],
  [
    'date bad in data',
    cmp('enterprise.foundedOn', '<', '2020-01-01'),
    { 'enterprise.foundedOn': '2019-02-29' },
    'unknown',
  ],
  [
    'date against a parameter',
    cmp('enterprise.foundedOn', '>=', { param: 'cutoff' }),
    { 'enterprise.foundedOn': '2018-01-01' },
    'met',
  ],
  [
    'between inclusive low',
    { op: 'between', left: { var: 'person.age' }, min: 25, max: 60, cite: CITE },
    { 'person.birthDate': '2000-06-01' },
    'met',
  ],
  [
    'between inclusive high',
    { op: 'between', left: { var: 'person.age' }, min: 25, max: 60, cite: CITE },
    { 'person.birthDate': '1964-06-02' },
    'met',
  ],
  [
    'between above',
    { op: 'between', left: { var: 'person.age' }, min: 25, max: 60, cite: CITE },
    { 'person.birthDate': '1964-06-01' },
    'notMet',
  ],
  [
    'between, age stated',
    { op: 'between', left: { var: 'person.age' }, min: 25, max: 60, cite: CITE },
    { 'person.age': 61 },
    'notMet',
  ],
  [
    'yearsSince a day short',
    { op: 'cmp', left: { yearsSince: 'person.licensedOn' }, cmp: '>=', right: 3, cite: CITE },
    { 'person.licensedOn': '2022-06-02' },
    'notMet',
  ],
  [
    'yearsSince on the day',
    { op: 'cmp', left: { yearsSince: 'person.licensedOn' }, cmp: '>=', right: 3, cite: CITE },
    { 'person.licensedOn': '2022-06-01' },
    'met',
  ],
  [
    'monthsSince',
    { op: 'cmp', left: { monthsSince: 'enterprise.foundedOn' }, cmp: '<', right: 6, cite: CITE },
    { 'enterprise.foundedOn': '2024-12-02' },
    'met',
  ],
  [
    'daysSince',
    { op: 'cmp', left: { daysSince: 'enterprise.foundedOn' }, cmp: '=', right: 1, cite: CITE },
    { 'enterprise.foundedOn': '2025-05-31' },
    'met',
  ],
  [
    'in',
    { op: 'in', left: { var: 'enterprise.scale' }, values: ['小型', '微型'], cite: CITE },
    { 'enterprise.scale': '微型' },
    'met',
  ],
  [
    'notIn',
    { op: 'notIn', left: { var: 'enterprise.scale' }, values: ['小型', '微型'], cite: CITE },
    { 'enterprise.scale': '微型' },
    'notMet',
  ],
  [
    'in over a derived scale',
    { op: 'in', left: { var: 'enterprise.scale' }, values: ['微型'], cite: CITE },
    { 'enterprise.industry': 'C3451', 'enterprise.employees': 8 },
    'met',
  ],
  [
    'in over an undecidable scale',
    { op: 'in', left: { var: 'enterprise.scale' }, values: ['微型'], cite: CITE },
    { 'enterprise.industry': 'C3451', 'enterprise.employees': 80 },
    'unknown',
  ],
  [
    'in over ages',
    { op: 'in', left: { var: 'person.age' }, values: [24, 25], cite: CITE },
    { 'person.birthDate': '2000-06-02' },
    'met',
  ],
  [
    'within region',
    { op: 'within', left: { var: 'enterprise.region' }, code: '371500', cite: CITE },
    { 'enterprise.region': '371581' },
    'met',
  ],
  [
    'within region, elsewhere',
    { op: 'within', left: { var: 'enterprise.region' }, code: '371500', cite: CITE },
    { 'enterprise.region': '370102' },
    'notMet',
  ],
  [
    'within region, unknown code',
    { op: 'within', left: { var: 'enterprise.region' }, code: '371500', cite: CITE },
    { 'enterprise.region': '371599' },
    'unknown',
  ],
  [
    'within industry',
    { op: 'within', left: { var: 'enterprise.industry' }, code: 'C34', cite: CITE },
    { 'enterprise.industry': '3451' },
    'met',
  ],
  [
    'has',
    { op: 'has', left: { var: 'enterprise.qualifications' }, value: '高新技术企业', cite: CITE },
    { 'enterprise.qualifications': ['瞪羚企业', '高新技术企业'] },
    'met',
  ],
  [
    'has, empty set',
    { op: 'has', left: { var: 'enterprise.qualifications' }, value: '高新技术企业', cite: CITE },
    { 'enterprise.qualifications': [] },
    'notMet',
  ],
  [
    'count over no records',
    records({ op: 'in', field: 'kind', values: ['饮酒驾驶', '醉酒驾驶'] }),
    { 'person.records': [] },
    'met',
  ],
  [
    'count over a missing list',
    records({ op: 'in', field: 'kind', values: ['饮酒驾驶', '醉酒驾驶'] }),
    {},
    'unknown',
  ],
  [
    'count finds one',
    records({ op: 'in', field: 'kind', values: ['饮酒驾驶', '醉酒驾驶'] }),
    { 'person.records': [{ kind: '醉酒驾驶', on: '2010-01-01' }] },
    'notMet',
  ],
  [
    'count, a record of unknown kind',
    records({ op: 'in', field: 'kind', values: ['饮酒驾驶'] }),
    { 'person.records': [{ on: '2010-01-01' }] },
    'unknown',
  ],
  [
    'window: 36 months back, inclusive',
    records({
      op: 'and',
      of: [
        { op: 'cmp', field: 'kind', cmp: '=', right: '记满分' },
        { op: 'withinLast', field: 'on', amount: 36, unit: 'months' },
      ],
    }),
    { 'person.records': [{ kind: '记满分', on: '2022-06-01' }] },
    'notMet',
  ],
  [
    'window: a day older is outside',
    records({
      op: 'and',
      of: [
        { op: 'cmp', field: 'kind', cmp: '=', right: '记满分' },
        { op: 'withinLast', field: 'on', amount: 36, unit: 'months' },
      ],
    }),
    { 'person.records': [{ kind: '记满分', on: '2022-05-31' }] },
    'met',
  ],
  [
    'window: a record of another kind with no date is settled by its kind',
    records({
      op: 'and',
      of: [
        { op: 'cmp', field: 'kind', cmp: '=', right: '记满分' },
        { op: 'withinLast', field: 'on', amount: 36, unit: 'months' },
      ],
    }),
    { 'person.records': [{ kind: '犯罪' }] },
    'met',
  ],
  ['count ≥ without where', records(undefined, '>=', 2), { 'person.records': [{ kind: '犯罪' }, {}] }, 'met'],
  [
    'parameter before the change',
    cmp('enterprise.employees', '>=', { param: 'minEmployees' }),
    { 'enterprise.employees': 12 },
    'notMet',
    '2025-12-31',
  ],
  [
    'parameter after the change',
    cmp('enterprise.employees', '>=', { param: 'minEmployees' }),
    { 'enterprise.employees': 12 },
    'met',
    '2026-01-01',
  ],
  [
    'parameter not yet in force',
    cmp('enterprise.employees', '>=', { param: 'notYet' }),
    { 'enterprise.employees': 12 },
    'unknown',
  ],
  [
    'parameter before its first value',
    cmp('enterprise.employees', '>=', { param: 'minEmployees' }),
    { 'enterprise.employees': 12 },
    'unknown',
    '2019-12-31',
  ],
];

const employeesAtLeast20 = cmp('enterprise.employees', '>=', 20);
const revenueAtLeast100 = cmp('enterprise.revenue', '>=', 100);

/** Kleene's tables: notMet dominates all, met dominates any, unknown otherwise. */
export const KLEENE_CASES: Case[] = [
  [
    'all: a notMet beats an unknown',
    { op: 'all', of: [employeesAtLeast20, revenueAtLeast100] },
    { 'enterprise.employees': 5 },
    'notMet',
  ],
  [
    'all: met and unknown is unknown',
    { op: 'all', of: [employeesAtLeast20, revenueAtLeast100] },
    { 'enterprise.employees': 50 },
    'unknown',
  ],
  [
    'any: a met beats an unknown',
    { op: 'any', of: [employeesAtLeast20, revenueAtLeast100] },
    { 'enterprise.employees': 50 },
    'met',
  ],
  [
    'any: notMet and unknown is unknown',
    { op: 'any', of: [employeesAtLeast20, revenueAtLeast100] },
    { 'enterprise.employees': 5 },
    'unknown',
  ],
  [
    'none: a met child makes it notMet',
    { op: 'none', of: [employeesAtLeast20, revenueAtLeast100] },
    { 'enterprise.employees': 50 },
    'notMet',
  ],
  [
    'none: notMet and unknown is unknown',
    { op: 'none', of: [employeesAtLeast20, revenueAtLeast100] },
    { 'enterprise.employees': 5 },
    'unknown',
  ],
  [
    'none: all notMet is met',
    { op: 'none', of: [employeesAtLeast20, revenueAtLeast100] },
    { 'enterprise.employees': 5, 'enterprise.revenue': 1 },
    'met',
  ],
];
