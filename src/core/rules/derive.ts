import { completedPeriods, dayNumber } from './dates.ts';
import type { Fact, FactValue, Profile } from './types.ts';
import { normaliseValue } from './values.ts';
import type { Catalogue, VariableDef } from './variables.ts';

/**
 * Adds the facts that follow from others: person.birthDate and person.sex from person.citizenId,
 * enterprise.scale from industry, employees, revenue and total assets, person.age and person.drivingYears
 * from dates as of the evaluation date.
 *
 * A derivation never runs on a missing or invalid input, so unknown stays unknown. A valid fact supplied in
 * the profile is kept as it is (the applicant said "35岁" and gave no birth date). Facts whose source is
 * `derived` are computed afresh: an age derived last year is wrong today, and we hold the inputs.
 *
 * @example
 * deriveFacts({ kind: 'person', facts: { 'person.birthDate': fact('1990-06-01') } }, '2025-06-01', BASE_CATALOGUE)
 *   .facts['person.age'] // { value: 35, source: { kind: 'derived', from: ['person.birthDate'] }, asOf: '2025-06-01' }
 */
export function deriveFacts(profile: Profile, asOf: string, catalogue: Catalogue): Profile {
  return { ...profile, facts: derive(profile.facts, catalogue, asOf) };
}

/**
 * The derivations that do not depend on the evaluation date (asOf null), for `flatten`: the compiled
 * evaluator computes years-since itself, from the date it is given.
 */
export function derive(
  facts: Record<string, Fact>,
  catalogue: Catalogue,
  asOf: string | null,
): Record<string, Fact> {
  const out: Record<string, Fact> = {};
  for (const [id, fact] of Object.entries(facts)) {
    if (fact.source.kind === 'derived' && catalogue.get(id)?.derived) continue;
    out[id] = fact;
  }
  for (const def of catalogue.derivedOrder) {
    const given = out[def.id];
    if (given && normaliseValue(def, given.value) !== undefined) continue;
    const derived = deriveOne(def, out, catalogue, asOf);
    if (derived) out[def.id] = derived;
  }
  return out;
}

function deriveOne(
  def: VariableDef,
  facts: Record<string, Fact>,
  catalogue: Catalogue,
  asOf: string | null,
): Fact | null {
  const d = def.derived!;
  const known = (id: string): FactValue | undefined => {
    const fact = facts[id];
    const inputDef = catalogue.get(id);
    if (!fact || !inputDef) return undefined;
    return normaliseValue(inputDef, fact.value, { ignoreRange: inputDef.derived?.kind === 'since' }) as
      FactValue | undefined;
  };
  if (d.kind === 'since') {
    if (asOf === null) return null;
    const from = known(d.from);
    const [start, end] = [typeof from === 'string' ? dayNumber(from) : null, dayNumber(asOf)];
    if (start === null || end === null) return null;
    return { value: completedPeriods(d.unit, start, end), source: { kind: 'derived', from: [d.from] }, asOf };
  }
  const inputs: Record<string, FactValue> = {};
  for (const id of d.from) {
    const v = known(id);
    if (v !== undefined) inputs[id] = v;
  }
  if (d.requires.some((id) => inputs[id] === undefined)) return null;
  const value = d.compute(inputs);
  if (value === undefined || normaliseValue(def, value) === undefined) return null;
  // The fact holds as of the newest input it rests on.
  const inputDates = Object.keys(inputs).map((id) => facts[id]!.asOf);
  return {
    value,
    source: { kind: 'derived', from: Object.keys(inputs) },
    asOf: asOf ?? inputDates.reduce((a, b) => (a > b ? a : b)),
  };
}
