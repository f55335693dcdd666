import { normalizeIndustryCode } from '../codes/industry.ts';
import { regionByCode } from '../codes/region.ts';
import { isIsoDate } from './dates.ts';
import type { Fact, ListRecord } from './types.ts';
import type { FieldDef, VariableDef } from './variables.ts';

/**
 * Validation of fact values against the catalogue, shared by the interpreter and `flatten` so that both
 * evaluators see the same data. A value of the wrong type, outside its range, or not a member of its enum is
 * treated as missing (unknown), never coerced: "12人" is not 12, and an unrecognised region is not "outside
 * 聊城".
 *
 * @example normaliseValue(employeesDef, 8) === 8; normaliseValue(employeesDef, '8') === undefined
 */
export type CheckedValue = number | string | boolean | readonly string[] | readonly ListRecord[];

/** A fact's value as the evaluators see it. Values we derived ourselves skip the range check (an age from a
 * birth date after the evaluation date is negative, and both evaluators must agree on it). */
export function factValue(def: VariableDef, fact: Fact): CheckedValue | undefined {
  return normaliseValue(def, fact.value, { ignoreRange: fact.source.kind === 'derived' });
}

/** Why a value was refused, in Chinese, or null when it is acceptable. */
export function invalidReason(def: VariableDef, value: unknown): string | null {
  return normaliseValue(def, value) === undefined ? `数据格式不符：${def.label}（${describe(value)}）` : null;
}

/** The value in canonical form (industry codes as "C3451"), or undefined when it is not acceptable. */
export function normaliseValue(
  def: VariableDef,
  value: unknown,
  { ignoreRange = false } = {},
): CheckedValue | undefined {
  switch (def.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      if (def.type === 'integer' && !Number.isInteger(value)) return undefined;
      if (
        !ignoreRange &&
        ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max))
      )
        return undefined;
      return value;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'date':
      return isIsoDate(value) ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'enum':
      return typeof value === 'string' && def.values!.includes(value) ? value : undefined;
    case 'set':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && def.values!.includes(v))
        ? (value as string[])
        : undefined;
    case 'region':
      return typeof value === 'string' && regionByCode(value) ? value : undefined;
    case 'industry':
      return typeof value === 'string' ? (normalizeIndustryCode(value) ?? undefined) : undefined;
    case 'list':
      if (!Array.isArray(value)) return undefined;
      return value.map((element) => normaliseRecord(def.fields!, element));
  }
}

/**
 * An element of a list with only its known, valid fields: a record whose date is garbled still counts as a
 * record, its date unknown.
 */
function normaliseRecord(fields: Record<string, FieldDef>, element: unknown): ListRecord {
  const out: ListRecord = {};
  if (typeof element !== 'object' || element === null) return out;
  for (const [name, field] of Object.entries(fields)) {
    const v = (element as Record<string, unknown>)[name];
    if (v !== undefined && isValidField(field, v)) out[name] = v as string | number | boolean;
  }
  return out;
}

export function isValidField(field: FieldDef, v: unknown): boolean {
  switch (field.type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return isIsoDate(v);
    case 'string':
      return typeof v === 'string';
    case 'enum':
      return typeof v === 'string' && field.values!.includes(v);
  }
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
