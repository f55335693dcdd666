import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRule, NOT_MET } from '../rules/compile.ts';
import { dayNumber } from '../rules/dates.ts';
import { flatten, type FlatProfile } from '../rules/flatten.ts';
import type { Citation, Fact, FactValue, Profile, Rule } from '../rules/types.ts';
import { BASE_CATALOGUE } from '../rules/variables.ts';
import { ancestors, buildMatchingIndex, necessaryClauses, type Entity, type MatchableItem } from './index.ts';

const cite: Citation = { doc: '聊政字〔2023〕6号', article: 3 };
const DAY = dayNumber('2025-06-01')!;

const fact = (value: FactValue): Fact => ({ value, source: { kind: 'declared' }, asOf: '2025-01-01' });
function profile(kind: Entity, values: Record<string, FactValue | undefined>): FlatProfile {
  const facts: Record<string, Fact> = {};
  for (const [id, v] of Object.entries(values)) if (v !== undefined) facts[id] = fact(v);
  return flatten({ kind, facts } satisfies Profile, BASE_CATALOGUE);
}
function item(
  key: string,
  rule: Rule,
  target: MatchableItem['target'] = 'enterprise',
  kind = '奖补',
): MatchableItem {
  return { key, target, kind, rule: { ...rule, cite }, catalogue: BASE_CATALOGUE };
}
const within = (variable: string, code: string): Rule => ({ op: 'within', left: { var: variable }, code });
const employeesAtLeast = (n: number): Rule => ({
  op: 'cmp',
  left: { var: 'enterprise.employees' },
  cmp: '>=',
  right: n,
});

describe('ancestors', () => {
  it('follows GB/T 2260 and GB/T 4754 upwards', () => {
    expect(ancestors('region', '371581')).toEqual(['371581', '371500', '370000']);
    // Municipal districts hang under XX0100 市辖区.
    expect(ancestors('region', '110101')).toEqual(['110101', '110100', '110000']);
    expect(ancestors('industry', 'C3451')).toEqual(['C', 'C34', 'C345', 'C3451']);
    expect(ancestors('region', '999999')).toEqual([]);
  });
});

describe('necessaryClauses', () => {
  it('collects region and industry conditions from nested conjunctions', () => {
    const rule: Rule = {
      op: 'all',
      of: [
        within('enterprise.region', '371581'),
        {
          op: 'all',
          of: [
            { op: 'in', left: { var: 'enterprise.industry' }, values: ['C3451', 'C3452'] },
            employeesAtLeast(10),
          ],
        },
      ],
    };
    expect(necessaryClauses(rule, BASE_CATALOGUE)).toEqual([
      { variable: 'enterprise.region', type: 'region', within: ['371581'], exact: [] },
      { variable: 'enterprise.industry', type: 'industry', within: [], exact: ['C3451', 'C3452'] },
    ]);
  });

  it('unites the branches of an `any` only when every branch constrains the variable', () => {
    const both: Rule = {
      op: 'any',
      of: [within('enterprise.region', '371581'), within('enterprise.region', '371502')],
    };
    expect(necessaryClauses(both, BASE_CATALOGUE)).toEqual([
      { variable: 'enterprise.region', type: 'region', within: ['371581', '371502'], exact: [] },
    ]);
    const oneOpen: Rule = { op: 'any', of: [within('enterprise.region', '371581'), employeesAtLeast(10)] };
    expect(necessaryClauses(oneOpen, BASE_CATALOGUE)).toEqual([]);
  });

  it('keeps conditions on enums, booleans and sets, but not on durations or numbers', () => {
    const rule: Rule = {
      op: 'all',
      of: [
        { op: 'in', left: { var: 'enterprise.taxCredit' }, values: ['A', 'B'] },
        { op: 'cmp', left: { var: 'enterprise.dishonest' }, cmp: '=', right: false },
        {
          op: 'any',
          of: [
            { op: 'has', left: { var: 'enterprise.qualifications' }, value: '高新技术企业' },
            { op: 'has', left: { var: 'enterprise.qualifications' }, value: '瞪羚企业' },
          ],
        },
        { op: 'between', left: { var: 'person.age' }, min: 25, max: 60 },
        employeesAtLeast(10),
      ],
    };
    expect(necessaryClauses(rule, BASE_CATALOGUE)).toEqual([
      { variable: 'enterprise.taxCredit', type: 'value', within: [], exact: ['A', 'B'] },
      { variable: 'enterprise.dishonest', type: 'value', within: [], exact: [false] },
      { variable: 'enterprise.qualifications', type: 'set', within: [], exact: ['高新技术企业', '瞪羚企业'] },
    ]);
  });

  it('draws nothing from negations or inequalities', () => {
    const rule: Rule = {
      op: 'all',
      of: [
        { op: 'none', of: [within('enterprise.region', '371581')] },
        { op: 'notIn', left: { var: 'enterprise.region' }, values: ['371502'] },
        { op: 'cmp', left: { var: 'enterprise.region' }, cmp: '!=', right: '371503' },
      ],
    };
    expect(necessaryClauses(rule, BASE_CATALOGUE)).toEqual([]);
  });
});

describe('buildMatchingIndex', () => {
  const items = [
    item('county', { op: 'all', of: [within('enterprise.region', '371581'), employeesAtLeast(10)] }),
    item('city-bearings', {
      op: 'all',
      of: [within('enterprise.region', '371500'), within('enterprise.industry', 'C34')],
    }),
    item('other-county', within('enterprise.region', '371502')),
    item('exact', { op: 'cmp', left: { var: 'enterprise.region' }, cmp: '=', right: '371500' }),
    item('open', employeesAtLeast(100), 'enterprise', '减免'),
    item('residents', within('person.householdRegion', '371500'), 'person'),
    item(
      'anyone',
      { op: 'cmp', left: { var: 'enterprise.dishonest' }, cmp: '=', right: false },
      'both',
      '权益',
    ),
  ];
  const index = buildMatchingIndex(items);
  const keys = (list: readonly MatchableItem[]) => list.map((i) => i.key);

  it('finds items posted under the profile code and its ancestors only', () => {
    const p = profile('enterprise', { 'enterprise.region': '371581', 'enterprise.industry': 'C3451' });
    expect(keys(index.candidates(p, 'enterprise'))).toEqual(['county', 'city-bearings', 'open', 'anyone']);
    // `=` is not `within`: an enterprise registered in a county is not registered in the city itself.
    const inCity = profile('enterprise', { 'enterprise.region': '371500', 'enterprise.industry': 'C1711' });
    expect(keys(index.candidates(inCity, 'enterprise'))).toEqual(['exact', 'open', 'anyone']);
  });

  it('keeps every region-restricted item for a profile without a region', () => {
    const p = profile('enterprise', { 'enterprise.industry': 'C1711' });
    expect(keys(index.candidates(p, 'enterprise'))).toEqual([
      'county',
      'other-county',
      'exact',
      'open',
      'anyone',
    ]);
    const r = index.match(p, 'enterprise', DAY);
    expect(r.results).toContainEqual({ key: 'county', outcome: 'unknown' });
  });

  it('separates targets and filters kinds', () => {
    const p = profile('person', { 'person.householdRegion': '371521' });
    expect(keys(index.candidates(p, 'person'))).toEqual(['residents', 'anyone']);
    const e = profile('enterprise', { 'enterprise.region': '371581', 'enterprise.industry': 'C3451' });
    expect(keys(index.candidates(e, 'enterprise', { kinds: ['减免', '权益'] }))).toEqual(['open', 'anyone']);
    expect(keys(index.candidates(e, 'enterprise', { kinds: ['资质'] }))).toEqual([]);
  });

  it('filters candidates on enum and set values before their rules run', () => {
    const filtered = buildMatchingIndex([
      item('credit', {
        op: 'all',
        of: [
          within('enterprise.region', '371500'),
          { op: 'in', left: { var: 'enterprise.taxCredit' }, values: ['A'] },
        ],
      }),
      item('hi-tech', { op: 'has', left: { var: 'enterprise.qualifications' }, value: '高新技术企业' }),
    ]);
    const p = (values: Record<string, FactValue>) =>
      profile('enterprise', { 'enterprise.region': '371581', ...values });
    expect(
      keys(
        filtered.candidates(
          p({ 'enterprise.taxCredit': 'B', 'enterprise.qualifications': [] }),
          'enterprise',
        ),
      ),
    ).toEqual([]);
    expect(
      keys(
        filtered.candidates(
          p({ 'enterprise.taxCredit': 'A', 'enterprise.qualifications': ['高新技术企业'] }),
          'enterprise',
        ),
      ),
    ).toEqual(['credit', 'hi-tech']);
    // Unknown credit and qualifications: both stay.
    expect(keys(filtered.candidates(p({}), 'enterprise'))).toEqual(['credit', 'hi-tech']);
  });

  it('evaluates only the candidates and reports met and unknown', () => {
    const p = profile('enterprise', {
      'enterprise.region': '371581',
      'enterprise.industry': 'C3451',
      'enterprise.employees': 40,
      'enterprise.dishonest': false,
    });
    expect(index.match(p, 'enterprise', DAY)).toEqual({
      results: [
        { key: 'county', outcome: 'met' },
        { key: 'city-bearings', outcome: 'met' },
        { key: 'anyone', outcome: 'met' },
      ],
      examined: 4,
    });
    expect(index.stats).toEqual({
      items: 7,
      postedBy: { 'enterprise.region': 4, 'enterprise.industry': 1, 'person.householdRegion': 1 },
      open: 2,
      filteredBy: { 'enterprise.dishonest': 1 },
    });
  });

  it('names the item whose rule does not check', () => {
    const bad = item('bad', { op: 'cmp', left: { var: 'enterprise.employes' }, cmp: '>=', right: 1 });
    expect(() => buildMatchingIndex([bad])).toThrow(/事项 bad 的规则未通过检查/);
  });
});

// --- Property tests: the index never loses an item. ---

const REGIONS = [
  '370000',
  '371500',
  '371502',
  '371503',
  '371521',
  '371581',
  '110000',
  '110100',
  '110101',
  '441900',
];
const INDUSTRIES = ['C', 'C34', 'C345', 'C3451', 'C3452', 'C17', 'C1711', 'A', 'A01', 'A0111'];
const REGION_VARS = ['enterprise.region', 'person.householdRegion'];

const codeLeaf = (variable: fc.Arbitrary<string>, codes: readonly string[]): fc.Arbitrary<Rule> =>
  fc.oneof(
    fc.record({ v: variable, code: fc.constantFrom(...codes) }).map(({ v, code }) => within(v, code)),
    fc
      .record({
        v: variable,
        values: fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 3 }),
      })
      .map(({ v, values }): Rule => ({ op: 'in', left: { var: v }, values })),
    fc
      .record({
        v: variable,
        code: fc.constantFrom(...codes),
        cmp: fc.constantFrom('=' as const, '!=' as const),
      })
      .map(({ v, code, cmp }): Rule => ({ op: 'cmp', left: { var: v }, cmp, right: code })),
    fc
      .record({ v: variable, code: fc.constantFrom(...codes) })
      .map(({ v, code }): Rule => ({ op: 'notIn', left: { var: v }, values: [code] })),
  );

const CREDITS = ['A', 'B', 'M', 'C', 'D'];
const QUALIFICATIONS = ['高新技术企业', '科技型中小企业', '瞪羚企业'];
const otherLeaf: fc.Arbitrary<Rule> = fc.oneof(
  fc.integer({ min: 0, max: 200 }).map(employeesAtLeast),
  fc.boolean().map((b): Rule => ({ op: 'cmp', left: { var: 'enterprise.dishonest' }, cmp: '=', right: b })),
  fc
    .constantFrom(...QUALIFICATIONS)
    .map((value): Rule => ({ op: 'has', left: { var: 'enterprise.qualifications' }, value })),
  fc
    .record({
      values: fc.uniqueArray(fc.constantFrom(...CREDITS), { minLength: 1, maxLength: 3 }),
      op: fc.constantFrom('in' as const, 'notIn' as const),
    })
    .map(({ op, values }): Rule => ({ op, left: { var: 'enterprise.taxCredit' }, values })),
  fc
    .constantFrom('A1', 'C1')
    .map((v): Rule => ({ op: 'cmp', left: { var: 'person.licenceClass' }, cmp: '=', right: v })),
  fc.constant<Rule>({ op: 'between', left: { var: 'person.age' }, min: 25, max: 60 }),
);

// Mostly code conditions, so that groups often hold several on one variable: that is where the index reasons.
const leaf = fc.oneof(
  { arbitrary: codeLeaf(fc.constantFrom(...REGION_VARS), REGIONS), weight: 3 },
  { arbitrary: codeLeaf(fc.constant('enterprise.industry'), INDUSTRIES), weight: 2 },
  { arbitrary: otherLeaf, weight: 2 },
);

const { rule: ruleArb } = fc.letrec<{ rule: Rule; group: Rule }>((tie) => ({
  rule: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('group')),
  group: fc
    .record({
      op: fc.constantFrom('all' as const, 'any' as const, 'none' as const),
      of: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }),
    })
    .map((g): Rule => g),
}));

const itemsArb = fc
  .array(
    fc.record({
      rule: ruleArb,
      target: fc.constantFrom('enterprise' as const, 'person' as const, 'both' as const),
      kind: fc.constantFrom('奖补', '减免', '资质'),
    }),
    { maxLength: 25 },
  )
  .map((list) => list.map((x, i) => item(`item-${i}`, x.rule, x.target, x.kind)));

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const profileArb = fc
  .record({
    entity: fc.constantFrom('enterprise' as const, 'person' as const),
    // 'x' is not a code: flatten drops it, so it reads as missing.
    region: maybe(fc.constantFrom(...REGIONS, '371522', '320000', 'x')),
    household: maybe(fc.constantFrom(...REGIONS, '371526')),
    industry: maybe(fc.constantFrom(...INDUSTRIES, 'C3453', 'C1712', 'B06')),
    employees: maybe(fc.integer({ min: 0, max: 300 })),
    dishonest: maybe(fc.boolean()),
    qualifications: maybe(fc.subarray(QUALIFICATIONS)),
    credit: maybe(fc.constantFrom(...CREDITS)),
    licence: maybe(fc.constantFrom('A1', 'B2', 'C1')),
    birthDate: maybe(fc.constantFrom('1960-05-01', '1990-02-28', '2003-07-15')),
  })
  .map((p) => ({
    entity: p.entity,
    flat: profile(p.entity, {
      'enterprise.region': p.region,
      'person.householdRegion': p.household,
      'enterprise.industry': p.industry,
      'enterprise.employees': p.employees,
      'enterprise.dishonest': p.dishonest,
      'enterprise.qualifications': p.qualifications,
      'enterprise.taxCredit': p.credit,
      'person.licenceClass': p.licence,
      'person.birthDate': p.birthDate,
    }),
  }));

describe('matching index properties', () => {
  it('reports exactly the items that a full scan with compiled rules finds met or unknown', () => {
    fc.assert(
      fc.property(itemsArb, fc.array(profileArb, { minLength: 1, maxLength: 8 }), (items, profiles) => {
        const index = buildMatchingIndex(items);
        const compiled = items.map((i) => compileRule(i.rule, { catalogue: i.catalogue }));
        for (const { entity, flat } of profiles) {
          const expected = items.flatMap((it, i) => {
            if (it.target !== 'both' && it.target !== entity) return [];
            const o = compiled[i]!.evaluate(flat, DAY);
            return o === NOT_MET ? [] : [{ key: it.key, outcome: o === 1 ? 'met' : 'unknown' }];
          });
          const got = index.match(flat, entity, DAY);
          expect(got.results).toEqual(expected);
          expect(got.examined).toBeGreaterThanOrEqual(expected.length);
        }
        // In bulk, rule by rule: the same results and the same work.
        const each = profiles.map(({ entity, flat }) => index.match(flat, entity, DAY));
        expect(
          index.matchMany(
            profiles.map(({ entity, flat }) => ({ profile: flat, entity })),
            DAY,
          ),
        ).toEqual(each);
      }),
      { numRuns: 500 },
    );
  });

  it('examines only the items of the profile region and its ancestors when rules are region-restricted', () => {
    const COUNTIES = ['371502', '371503', '371521', '371522', '371524', '371525', '371526', '371581'];
    const restricted = fc.array(
      fc.record({ code: fc.constantFrom(...COUNTIES, '371500'), rest: otherLeaf }),
      {
        minLength: 2,
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(restricted, fc.constantFrom(...COUNTIES), (list, county) => {
        fc.pre(list.some((x) => x.code !== county && x.code !== '371500'));
        const items = list.map((x, i) =>
          item(`r-${i}`, { op: 'all', of: [x.rest, within('enterprise.region', x.code)] }),
        );
        const { examined } = buildMatchingIndex(items).match(
          profile('enterprise', { 'enterprise.region': county }),
          'enterprise',
          DAY,
        );
        const admitted = list.filter((x) => x.code === county || x.code === '371500').length;
        expect(examined).toBe(admitted);
        expect(examined).toBeLessThan(items.length);
      }),
    );
  });
});
