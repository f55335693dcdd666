import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMOUNTS, asOfArb, dateNear, PARAMETERS, profileFor, ruleArb } from './arbitraries.test-support.ts';
import { compileBatch } from './batch.ts';
import { checkRule } from './check.ts';
import { toColumns } from './columns.ts';
import { compileRule, MET, NOT_MET, RuleCheckError, UNKNOWN, type Tri } from './compile.ts';
import { dayNumber } from './dates.ts';
import { SCHOOL_BUS_DRIVER_RULE } from './examples.ts';
import { flatten, type FlatProfile } from './flatten.ts';
import { AS_OF, CITE, KLEENE_CASES, OPERATOR_CASES, PARAMS, profile } from './operator-cases.test-support.ts';
import type { CmpOp, FactValue, Operand, Outcome, ParameterDef, Profile, Rule, SinceUnit } from './types.ts';
import { BASE_CATALOGUE, BASE_VARIABLES, createCatalogue } from './variables.ts';

const OUTCOME: Record<Tri, Outcome> = { [NOT_MET]: 'notMet', [MET]: 'met', [UNKNOWN]: 'unknown' };
const flat = (p: Profile) => flatten(p, BASE_CATALOGUE);
const checked = (rule: Rule) => checkRule(rule, BASE_CATALOGUE, PARAMETERS).ok;

/** The batch outcome of every row next to the compiled outcome of the same profile. */
function both(rule: Rule, profiles: readonly FlatProfile[], asOf: string, parameters: ParameterDef[]) {
  const options = { catalogue: BASE_CATALOGUE, parameters };
  const day = dayNumber(asOf)!;
  const compiled = compileRule(rule, options);
  const batch = [...compileBatch(rule, options).evaluate(toColumns(profiles), day)];
  return { batch, compiled: profiles.map((p) => compiled.evaluate(p, day)) };
}

// Every example in one batch: each rule then meets, besides its own profile, all the others' values.
const EXAMPLES = [...OPERATOR_CASES, ...KLEENE_CASES].map(([, , facts]) => flat(profile(facts)));

describe('compileBatch', () => {
  // Each case with its row in EXAMPLES and its day.
  const cases = [
    ...OPERATOR_CASES.map(([name, rule, , expected, asOf], row) => ({ name, rule, expected, asOf, row })),
    ...KLEENE_CASES.map(([name, rule, , expected], i) => ({
      name,
      rule: { ...rule, cite: CITE },
      expected,
      asOf: AS_OF,
      row: OPERATOR_CASES.length + i,
    })),
  ];
  it.each(cases)('$name', ({ rule, expected, asOf, row }) => {
    const { batch, compiled } = both(rule, EXAMPLES, asOf ?? AS_OF, PARAMS);
    expect(OUTCOME[batch[row] as Tri]).toBe(expected);
    expect(batch).toEqual(compiled);
  });

  it('re-reads parameters when the evaluation date changes (20 until 2025-12-31, 10 from 2026-01-01)', () => {
    const rule: Rule = {
      op: 'cmp',
      left: { var: 'enterprise.employees' },
      cmp: '>=',
      right: { param: 'minEmployees' },
      cite: CITE,
    };
    const batchRule = compileBatch(rule, { catalogue: BASE_CATALOGUE, parameters: PARAMS });
    const batch = toColumns([12, 25].map((n) => flat(profile({ 'enterprise.employees': n }))));
    const days = ['2025-12-31', '2026-01-01', '2025-12-31', '2019-06-01'].map((d) => [
      ...batchRule.evaluate(batch, dayNumber(d)!),
    ]);
    expect(days).toEqual([
      [NOT_MET, MET],
      [MET, MET],
      [NOT_MET, MET],
      [UNKNOWN, UNKNOWN],
    ]);
  });

  it('writes only the rows it is given, into the array it is given', () => {
    const rule: Rule = { op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: 20, cite: CITE };
    const batch = toColumns([5, 50, 500, 0].map((n) => flat(profile({ 'enterprise.employees': n }))));
    const out = new Uint8Array([9, 9, 9, 9]);
    const result = compileBatch(rule, { catalogue: BASE_CATALOGUE }).evaluate(
      batch,
      dayNumber(AS_OF)!,
      Int32Array.of(2, 0),
      out,
    );
    expect(result).toBe(out);
    expect([...out]).toEqual([NOT_MET, 9, MET, 9]);
    expect(() =>
      compileBatch(rule, { catalogue: BASE_CATALOGUE }).evaluate(batch, 0, undefined, new Uint8Array(3)),
    ).toThrow(RangeError);
  });

  it('refuses a rule that does not pass the checker', () => {
    const rule: Rule = { op: 'cmp', left: { var: 'enterprise.employes' }, cmp: '>=', right: 20, cite: CITE };
    expect(() => compileBatch(rule, { catalogue: BASE_CATALOGUE })).toThrow(RuleCheckError);
  });

  it('finds members of sets larger than one word of bits', () => {
    const tags = Array.from({ length: 70 }, (_, i) => `标签${i}`);
    const catalogue = createCatalogue([
      ...BASE_VARIABLES,
      { id: 'item.tags', label: '标签', entity: 'enterprise', type: 'set', values: tags },
    ]);
    const profiles = [
      tags.slice(0, 40),
      tags.filter((_, i) => i % 3 === 0),
      [],
      undefined,
      tags.slice(60),
    ].map((value) =>
      flatten(profile(value === undefined ? {} : { 'item.tags': value, 'enterprise.name': 'x' }), catalogue),
    );
    const batch = toColumns(profiles);
    const day = dayNumber(AS_OF)!;
    for (const tag of tags) {
      const rule: Rule = { op: 'has', left: { var: 'item.tags' }, value: tag, cite: CITE };
      const compiled = compileRule(rule, { catalogue });
      expect([...compileBatch(rule, { catalogue }).evaluate(batch, day)]).toEqual(
        profiles.map((p) => compiled.evaluate(p, day)),
      );
    }
    expect(batch.sets('item.tags').words).toBe(2);
  });

  it('decides the school-bus conditions for many drivers at once', () => {
    const good = {
      'person.citizenId': '371502199006010011',
      'person.licenceClass': 'A1',
      'person.licensedOn': '2015-01-01',
      'person.records': [{ kind: '记满分', on: '2020-01-01' }],
      'person.healthy': true,
    };
    const { 'person.healthy': _healthy, ...noHealthRecord } = good;
    const drivers = [
      good,
      { ...good, 'person.records': [{ kind: '客运超员超速等严重违法', on: '2024-06-01' }] },
      { ...good, 'person.records': [{ kind: '客运超员超速等严重违法', on: '2024-05-31' }] },
      noHealthRecord,
      { ...good, 'person.licenceClass': 'C1' },
    ].map((facts) => flat(profile(facts)));
    const rule = compileBatch(SCHOOL_BUS_DRIVER_RULE, { catalogue: BASE_CATALOGUE });
    expect(rule.leaves).toBe(9);
    expect([...rule.evaluate(toColumns(drivers), dayNumber(AS_OF)!)]).toEqual([
      MET,
      NOT_MET,
      MET,
      UNKNOWN,
      NOT_MET,
    ]);
  });
});

describe('properties of the batch evaluator', () => {
  it('agrees with compileRule on every row, for random rules, batches with gaps, row subsets and days', () => {
    const case_ = asOfArb.chain((asOf) =>
      fc
        .array(profileFor(asOf), { minLength: 1, maxLength: 12 })
        .chain((profiles) =>
          fc.tuple(
            fc.constant(asOf),
            fc.constant(profiles),
            fc.option(fc.subarray(profiles.map((_, i) => i))),
          ),
        ),
    );
    fc.assert(
      fc.property(ruleArb.filter(checked), case_, asOfArb, (rule, [asOf, given, subset], otherDay) => {
        const options = { catalogue: BASE_CATALOGUE, parameters: PARAMETERS };
        const profiles = given.map(flat);
        const compiled = compileRule(rule, options);
        const batchRule = compileBatch(rule, options);
        const batch = toColumns(profiles);
        const rows = subset === null ? undefined : Int32Array.from(subset);
        // Alternate the dates: the batch rule, too, prepares its parameters and thresholds per day.
        for (const date of [asOf, otherDay, asOf]) {
          const day = dayNumber(date)!;
          const out = batchRule.evaluate(batch, day, rows, new Uint8Array(profiles.length).fill(7));
          const expected = profiles.map((p, i) =>
            subset === null || subset.includes(i) ? compiled.evaluate(p, day) : 7,
          );
          expect([...out]).toEqual(expected);
        }
        // Another batch for the same rule: nothing worked out for the first batch may leak into it.
        const reversed = [...profiles].reverse();
        const day = dayNumber(otherDay)!;
        expect([...batchRule.evaluate(toColumns(reversed), day)]).toEqual(
          reversed.map((p) => compiled.evaluate(p, day)),
        );
      }),
      { numRuns: 600 },
    );
  });

  it('agrees at the edges of durations and windows, where an off-by-one day would hide', () => {
    const cite = { doc: '聊政字〔2023〕9号', article: 30 };
    const unit = fc.constantFrom('years', 'months', 'days') as fc.Arbitrary<SinceUnit>;
    const since = (u: SinceUnit): Operand =>
      u === 'years'
        ? { yearsSince: 'person.birthDate' }
        : u === 'months'
          ? { monthsSince: 'person.birthDate' }
          : { daysSince: 'person.birthDate' };
    const near = fc.constantFrom(...AMOUNTS.flatMap((n) => [n - 1, n, n + 1]));
    const leaf: fc.Arbitrary<Rule> = fc.oneof(
      fc
        .tuple(
          unit,
          fc.constantFrom(...AMOUNTS),
          fc.constantFrom('>=', '>', '<=', '<', '=', '!=') as fc.Arbitrary<CmpOp>,
          fc.constantFrom(0, 0.25, 0.75),
        )
        .map(([u, n, cmp, fraction]): Rule => ({
          op: 'cmp',
          left: since(u),
          cmp,
          right: n + fraction,
          cite,
        })),
      fc.tuple(unit, near, near).map(([u, a, b]): Rule => ({
        op: 'between',
        left: since(u),
        min: Math.min(a, b),
        max: Math.max(a, b),
        cite,
      })),
      // The checker admits in and notIn on a duration only through a derived variable such as person.age.
      fc
        .tuple(
          fc.constantFrom<'in' | 'notIn'>('in', 'notIn'),
          fc.uniqueArray(near, { minLength: 1, maxLength: 10 }),
        )
        .map(([op, values]): Rule => ({ op, left: { var: 'person.age' }, values, cite })),
      fc.tuple(unit, fc.constantFrom(...AMOUNTS)).map(([u, n]): Rule => ({
        op: 'count',
        list: 'person.records',
        where: { op: 'withinLast', field: 'on', amount: n, unit: u },
        cmp: '=',
        right: 0,
        cite,
      })),
    );
    const case_ = asOfArb.chain((asOf) =>
      fc.tuple(fc.constant(asOf), fc.array(dateNear(asOf), { minLength: 1, maxLength: 8 })),
    );
    fc.assert(
      fc.property(leaf.filter(checked), case_, (rule, [asOf, dates]) => {
        const profiles = dates.map((date) =>
          flat({
            kind: 'person',
            facts: {
              'person.birthDate': { value: date, source: { kind: 'declared' }, asOf },
              'person.records': { value: [{ kind: '犯罪', on: date }], source: { kind: 'declared' }, asOf },
            },
          }),
        );
        const { batch, compiled } = both(rule, profiles, asOf, PARAMETERS);
        expect(batch).toEqual(compiled);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('toColumns', () => {
  it('keeps missing values apart from zero, false and the empty set', () => {
    const facts: Array<Record<string, FactValue>> = [
      { 'enterprise.employees': 0, 'enterprise.dishonest': false, 'enterprise.qualifications': [] },
      {},
      {
        'enterprise.employees': 12,
        'enterprise.dishonest': true,
        'enterprise.qualifications': ['瞪羚企业'],
      },
    ];
    const batch = toColumns(facts.map((f) => flat(profile(f))));
    expect([...batch.numbers('enterprise.employees')]).toEqual([0, NaN, 12]);
    const dishonest = batch.codes('enterprise.dishonest');
    expect([...dishonest.codes].map((c) => (c < 0 ? undefined : dishonest.values[c]))).toEqual([
      false,
      undefined,
      true,
    ]);
    const sets = batch.sets('enterprise.qualifications');
    expect([...sets.known]).toEqual([1, 0, 1]);
    expect(sets.member('瞪羚企业')).toBe(0);
    expect(sets.member('高新技术企业')).toBe(-1);
    expect(batch.numbers('no.such')).toEqual(new Float64Array([NaN, NaN, NaN]));
  });

  it('works out a code condition once per distinct value of the batch', () => {
    const batch = toColumns(
      ['371581', '371502', '371581', '371581'].map((region) =>
        flat(profile({ 'enterprise.region': region })),
      ),
    );
    const seen: unknown[] = [];
    const column = batch.codes('enterprise.region');
    const table = column.table('test', (v) => (seen.push(v), v === '371581' ? 1 : 0));
    expect(seen).toEqual(['371581', '371502']);
    expect(column.table('test', () => 2)).toBe(table);
    expect([...column.codes].map((c) => table[c + 1])).toEqual([1, 0, 1, 1]);
  });

  it('lays the elements of lists end to end, with offsets per row', () => {
    const records = batchOfRecords([
      [{ kind: '犯罪', on: '2020-01-01' }],
      undefined,
      [],
      [{ kind: '酗酒' }, { on: '2021-01-01' }],
    ]);
    const list = records.list('person.records');
    expect([...list.known]).toEqual([1, 0, 1, 1]);
    expect([...list.offsets]).toEqual([0, 1, 1, 1, 3]);
    expect([...list.elements.numbers('on')]).toEqual([dayNumber('2020-01-01'), NaN, dayNumber('2021-01-01')]);
  });
});

function batchOfRecords(lists: Array<Array<Record<string, string>> | undefined>) {
  return toColumns(
    lists.map((records) => flat(profile(records === undefined ? {} : { 'person.records': records }))),
  );
}
