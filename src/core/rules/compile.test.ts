import { describe, expect, it } from 'vitest';
import { compileRule, MET, NOT_MET, RuleCheckError, UNKNOWN, type Tri } from './compile.ts';
import { dayNumber } from './dates.ts';
import { SCHOOL_BUS_DRIVER_RULE } from './examples.ts';
import { flatten } from './flatten.ts';
import { AS_OF, CITE, KLEENE_CASES, OPERATOR_CASES, PARAMS, profile } from './operator-cases.test-support.ts';
import type { FactValue, Outcome, Rule } from './types.ts';
import { BASE_CATALOGUE } from './variables.ts';

const OUTCOME: Record<Tri, Outcome> = { [NOT_MET]: 'notMet', [MET]: 'met', [UNKNOWN]: 'unknown' };
const run = (rule: Rule, facts: Record<string, FactValue>, asOf = AS_OF): Outcome => {
  const compiled = compileRule(rule, { catalogue: BASE_CATALOGUE, parameters: PARAMS });
  return OUTCOME[compiled.evaluate(flatten(profile(facts), BASE_CATALOGUE), dayNumber(asOf)!)];
};

describe('compileRule', () => {
  it.each(OPERATOR_CASES)('%s', (_name, rule, facts, expected, asOf) => {
    expect(run(rule, facts, asOf)).toBe(expected);
  });

  it.each(KLEENE_CASES)('%s', (_name, rule, facts, expected) => {
    expect(run({ ...rule, cite: CITE }, facts)).toBe(expected);
  });

  it('re-reads parameters when the evaluation date changes (20 until 2025-12-31, 10 from 2026-01-01)', () => {
    const rule: Rule = {
      op: 'cmp',
      left: { var: 'enterprise.employees' },
      cmp: '>=',
      right: { param: 'minEmployees' },
      cite: CITE,
    };
    const compiled = compileRule(rule, { catalogue: BASE_CATALOGUE, parameters: PARAMS });
    const twelve = flatten(profile({ 'enterprise.employees': 12 }), BASE_CATALOGUE);
    const days = ['2025-12-31', '2026-01-01', '2025-12-31', '2019-06-01'].map((d) =>
      compiled.evaluate(twelve, dayNumber(d)!),
    );
    expect(days).toEqual([NOT_MET, MET, NOT_MET, UNKNOWN]);
  });

  it('refuses a rule that does not pass the checker', () => {
    const rule: Rule = { op: 'cmp', left: { var: 'enterprise.employes' }, cmp: '>=', right: 20, cite: CITE };
    expect(() => compileRule(rule, { catalogue: BASE_CATALOGUE })).toThrow(RuleCheckError);
    expect(() => compileRule(rule, { catalogue: BASE_CATALOGUE })).toThrow(
      '引用了未定义的变量 enterprise.employes',
    );
  });

  it('keeps AST text out of the generated source: literals are passed in, never written', () => {
    const hostile = '"; globalThis.pwned = true; "\\u2028</script>`${1}`';
    const rule: Rule = {
      op: 'any',
      id: 'x',
      label: '*/ globalThis.pwned = true; /*',
      cite: CITE,
      of: [
        { op: 'cmp', left: { var: 'enterprise.name' }, cmp: '=', right: hostile },
        { op: 'in', left: { var: 'person.name' }, values: [hostile, '\u2028'] },
      ],
    };
    const compiled = compileRule(rule, { catalogue: BASE_CATALOGUE });
    const day = dayNumber(AS_OF)!;
    expect(compiled.source).not.toContain('*/');
    expect(compiled.source).not.toContain('pwned');
    expect(compiled.evaluate(flatten(profile({ 'enterprise.name': hostile }), BASE_CATALOGUE), day)).toBe(
      MET,
    );
    expect(compiled.evaluate(flatten(profile({ 'person.name': '\u2028' }), BASE_CATALOGUE), day)).toBe(MET);
    expect(
      compiled.evaluate(
        flatten(profile({ 'enterprise.name': 'x', 'person.name': 'y' }), BASE_CATALOGUE),
        day,
      ),
    ).toBe(NOT_MET);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('gives rules of one structure the same source, each with its own values', () => {
    const within = (code: string, min: number): Rule => ({
      op: 'all',
      cite: CITE,
      of: [
        { op: 'within', left: { var: 'enterprise.region' }, code },
        { op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: min },
      ],
    });
    const a = compileRule(within('371581', 20), { catalogue: BASE_CATALOGUE });
    const b = compileRule(within('371525', 300), { catalogue: BASE_CATALOGUE });
    expect(a.source).toBe(b.source);
    const day = dayNumber(AS_OF)!;
    const linqing = flatten(
      profile({ 'enterprise.region': '371581', 'enterprise.employees': 50 }),
      BASE_CATALOGUE,
    );
    expect(a.evaluate(linqing, day)).toBe(MET);
    expect(b.evaluate(linqing, day)).toBe(NOT_MET);
  });

  it('reports what a benchmark needs: leaves and the variables read', () => {
    const compiled = compileRule(SCHOOL_BUS_DRIVER_RULE, { catalogue: BASE_CATALOGUE });
    expect(compiled.leaves).toBe(9);
    expect([...compiled.variables].sort()).toEqual([
      'person.age',
      'person.birthDate',
      'person.healthy',
      'person.licenceClass',
      'person.licensedOn',
      'person.records',
    ]);
  });

  it('decides the school-bus conditions from shared data', () => {
    const compiled = compileRule(SCHOOL_BUS_DRIVER_RULE, { catalogue: BASE_CATALOGUE });
    const driver = (facts: Record<string, FactValue>) =>
      compiled.evaluate(flatten(profile(facts), BASE_CATALOGUE), dayNumber(AS_OF)!);
    const good = {
      'person.citizenId': '371502199006010011',
      'person.licenceClass': 'A1',
      'person.licensedOn': '2015-01-01',
      'person.records': [{ kind: '记满分', on: '2020-01-01' }],
      'person.healthy': true,
    };
    expect(driver(good)).toBe(MET);
    expect(
      driver({ ...good, 'person.records': [{ kind: '客运超员超速等严重违法', on: '2024-06-01' }] }),
    ).toBe(NOT_MET);
    expect(
      driver({ ...good, 'person.records': [{ kind: '客运超员超速等严重违法', on: '2024-05-31' }] }),
    ).toBe(MET);
    const { 'person.healthy': _healthy, ...noHealthRecord } = good;
    expect(driver(noHealthRecord)).toBe(UNKNOWN);
    expect(driver({ ...good, 'person.licenceClass': 'C1' })).toBe(NOT_MET);
  });
});
