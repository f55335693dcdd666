import { dayNumber, type DayNumber } from './dates.ts';
import { derive } from './derive.ts';
import type { ListRecord, Profile } from './types.ts';
import { factValue } from './values.ts';
import type { Catalogue, FieldDef } from './variables.ts';

/**
 * The compiled evaluator's input: one plain value per variable, keyed by variable id.
 *
 * - undefined is missing (unknown), never zero or false;
 * - dates, including the date fields of list elements, are day numbers (days since 1970-01-01), so that the
 *   hot path compares integers;
 * - sets are string arrays, lists are arrays of flat records;
 * - values are valid for their variable (flatten drops invalid ones), and industry codes are canonical.
 *
 * `flatten` builds every profile of a catalogue with one object literal (the catalogue's keys, in order), so
 * that V8 gives them one shape with fast properties. Built key by key instead, an object with more than a
 * dozen properties falls into dictionary mode, and every load in the compiled rule becomes a hash lookup:
 * measured, that made the school-bus rule three times slower. Profiles written by hand should be object
 * literals too.
 *
 * @example flatten(profile, BASE_CATALOGUE)['person.licensedOn'] === dayNumber('2020-03-01')
 */
export type FlatRecord = Readonly<Record<string, number | string | boolean | undefined>>;
export type FlatValue = number | string | boolean | readonly string[] | readonly FlatRecord[] | undefined;
export type FlatProfile = Readonly<Record<string, FlatValue>>;

/**
 * Validates, derives what does not depend on the evaluation date (birth date and sex from the citizen id,
 * enterprise scale), and flattens. Ages and other durations are left to the compiled rule, which computes
 * them for the date it is given.
 */
export function flatten(profile: Profile, catalogue: Catalogue): FlatProfile {
  const facts = derive(profile.facts, catalogue, null);
  const values = catalogue.variables.map((def): FlatValue => {
    const fact = facts[def.id];
    const value = fact === undefined ? undefined : factValue(def, fact);
    if (value === undefined) return undefined;
    if (def.type === 'date') return dayNumber(value as string)!;
    if (def.type === 'list')
      return (value as readonly ListRecord[]).map((r) => flattenRecord(r, def.fields!));
    return value;
  });
  return literalFor(catalogue)(values);
}

const literals = new WeakMap<Catalogue, (values: FlatValue[]) => FlatProfile>();

/**
 * A function returning `{ "enterprise.uscc": v[0], … }` for the catalogue. Keys are catalogue ids (checked
 * against a pattern by createCatalogue) and go through JSON.stringify; values are passed in, never written.
 */
function literalFor(catalogue: Catalogue): (values: FlatValue[]) => FlatProfile {
  let make = literals.get(catalogue);
  if (!make) {
    const fields = catalogue.variables.map((def, i) => `${JSON.stringify(def.id)}: v[${i}]`).join(', ');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function(
      `"use strict"; return function flatProfile(v) { return { ${fields} }; };`,
    ) as () => (values: FlatValue[]) => FlatProfile;
    make = factory();
    literals.set(catalogue, make);
  }
  return make;
}

function flattenRecord(record: ListRecord, fields: Record<string, FieldDef>): FlatRecord {
  const out: Record<string, number | string | boolean | undefined> = {};
  for (const [name, field] of Object.entries(fields)) {
    const v = record[name];
    out[name] = field.type === 'date' && typeof v === 'string' ? (dayNumber(v) as DayNumber) : v;
  }
  return out;
}
