import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AMOUNTS,
  asOfArb,
  dateNear,
  leafArb,
  PARAMETERS,
  profileFor,
  restrict,
  ruleArb,
  worldArb,
} from './arbitraries.test-support.ts';
import { checkRule } from './check.ts';
import { compileRule } from './compile.ts';
import { dayNumber } from './dates.ts';
import { evaluate } from './evaluate.ts';
import { flatten } from './flatten.ts';
import { parseRule, printRule } from './syntax.ts';
import type { CmpOp, Outcome, Profile, Rule, SinceUnit } from './types.ts';
import { BASE_CATALOGUE } from './variables.ts';

const options = (asOf: string) => ({ asOf, catalogue: BASE_CATALOGUE, parameters: PARAMETERS });
const checked = (rule: Rule) => checkRule(rule, BASE_CATALOGUE, PARAMETERS).ok;
const outcome = (rule: Rule, profile: Profile, asOf: string): Outcome =>
  evaluate(rule, profile, options(asOf)).outcome;
const person = (facts: Profile['facts']): Profile => ({ kind: 'person', facts });
const CODES: Outcome[] = ['notMet', 'met', 'unknown'];
const citedLeaf = leafArb.map((leaf): Rule => ({ ...leaf, cite: { doc: '聊政字〔2023〕9号', article: 30 } }));

describe('properties of the rule language', () => {
  it('generates rules that mostly pass the checker, so the properties below are not vacuous', () => {
    const sample = fc.sample(ruleArb, { numRuns: 300, seed: 42 });
    expect(sample.filter(checked).length).toBeGreaterThan(200);
  });

  it('a leaf with none of its data is unknown, never met', () => {
    fc.assert(
      fc.property(citedLeaf.filter(checked), asOfArb, (leaf, asOf) => {
        expect(outcome(leaf, person({}), asOf)).toBe('unknown');
      }),
      { numRuns: 500 },
    );
  });

  it('a profile with no facts never meets a checked rule', () => {
    fc.assert(
      fc.property(ruleArb.filter(checked), asOfArb, (rule, asOf) => {
        expect(outcome(rule, person({}), asOf)).not.toBe('met');
      }),
      { numRuns: 300 },
    );
  });

  it('is monotone: once partial knowledge settles the outcome, more facts about the same entity keep it', () => {
    const case_ = asOfArb.chain((asOf) =>
      worldArb(asOf).chain((world) => {
        const keys = Object.keys(world);
        return fc
          .tuple(fc.subarray(keys), fc.subarray(keys))
          .map(([a, b]) => ({ asOf, world, small: new Set(a), large: new Set([...a, ...b]) }));
      }),
    );
    fc.assert(
      fc.property(ruleArb.filter(checked), case_, (rule, { asOf, world, small, large }) => {
        const before = outcome(rule, person(restrict(world, small)), asOf);
        const after = outcome(rule, person(restrict(world, large)), asOf);
        const full = outcome(rule, person(world), asOf);
        if (before !== 'unknown') {
          expect(after).toBe(before);
          expect(full).toBe(before);
        }
        if (after !== 'unknown') expect(full).toBe(after);
      }),
      { numRuns: 400 },
    );
  });

  it('compiled and interpreted evaluators agree on every rule, profile and date', () => {
    fc.assert(
      fc.property(
        ruleArb.filter(checked),
        asOfArb.chain((asOf) =>
          fc.tuple(fc.constant(asOf), fc.array(profileFor(asOf), { minLength: 1, maxLength: 5 })),
        ),
        asOfArb,
        (rule, [asOf, profiles], otherDay) => {
          const compiled = compileRule(rule, { catalogue: BASE_CATALOGUE, parameters: PARAMETERS });
          // Alternate the dates: the compiled rule re-prepares its parameters and thresholds when the day changes.
          for (const profile of profiles)
            for (const date of [asOf, otherDay])
              expect(CODES[compiled.evaluate(flatten(profile, BASE_CATALOGUE), dayNumber(date)!)]).toBe(
                outcome(rule, profile, date),
              );
        },
      ),
      { numRuns: 600 },
    );
  });

  it('agree at the edges of durations and windows, where an off-by-one day would hide', () => {
    const cite = { doc: '聊政字〔2023〕9号', article: 30 };
    const unit = fc.constantFrom('years', 'months', 'days') as fc.Arbitrary<SinceUnit>;
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
          left:
            u === 'years'
              ? { yearsSince: 'person.birthDate' }
              : u === 'months'
                ? { monthsSince: 'person.birthDate' }
                : { daysSince: 'person.birthDate' },
          cmp,
          right: n + fraction,
          cite,
        })),
      fc.tuple(unit, fc.constantFrom(...AMOUNTS)).map(([u, n]): Rule => ({
        op: 'count',
        list: 'person.records',
        where: { op: 'withinLast', field: 'on', amount: n, unit: u },
        cmp: '=',
        right: 0,
        cite,
      })),
    );
    const case_ = asOfArb.chain((asOf) => fc.tuple(fc.constant(asOf), dateNear(asOf)));
    fc.assert(
      fc.property(leaf.filter(checked), case_, (rule, [asOf, date]) => {
        const profile = person({
          'person.birthDate': { value: date, source: { kind: 'declared' }, asOf },
          'person.records': { value: [{ kind: '犯罪', on: date }], source: { kind: 'declared' }, asOf },
        });
        const compiled = compileRule(rule, { catalogue: BASE_CATALOGUE });
        expect(CODES[compiled.evaluate(flatten(profile, BASE_CATALOGUE), dayNumber(asOf)!)]).toBe(
          outcome(rule, profile, asOf),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('prints and parses back to the same rule', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => {
        const parsed = parseRule(printRule(rule));
        expect(parsed).toEqual({ ok: true, rule });
      }),
      { numRuns: 1000 },
    );
  });
});
