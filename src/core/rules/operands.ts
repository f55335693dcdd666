import { dayNumber } from './dates.ts';
import type { Operand, ParameterDef, SinceUnit, Value } from './types.ts';
import type { Catalogue, Unit, VariableDef, VariableType } from './variables.ts';

/**
 * What an operand denotes, shared by the checker, renderer and both evaluators. yearsSince(person.birthDate)
 * and person.age are the same quantity: when the catalogue defines an alias, its label and unit are used.
 *
 * @example describeOperand({ yearsSince: 'person.licensedOn' }, BASE_CATALOGUE)?.label === '驾驶经历'
 */
export interface OperandInfo {
  /** The variable read from the profile. */
  variable: string;
  def: VariableDef;
  /** Set when the operand counts whole periods from a date to the evaluation date. */
  since?: SinceUnit;
  /** The type of the operand's value: integer for a since-operand. */
  type: VariableType;
  label: string;
  unit?: Unit | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

const SINCE_UNIT_NAMES: Record<SinceUnit, Unit> = { years: '年', months: '个月', days: '天' };

export function operandVariable(operand: Operand): string {
  if ('var' in operand) return operand.var;
  if ('yearsSince' in operand) return operand.yearsSince;
  if ('monthsSince' in operand) return operand.monthsSince;
  return operand.daysSince;
}

export function operandSince(operand: Operand): SinceUnit | undefined {
  if ('yearsSince' in operand) return 'years';
  if ('monthsSince' in operand) return 'months';
  if ('daysSince' in operand) return 'days';
  return undefined;
}

/** Null when the variable is not in the catalogue. */
export function describeOperand(operand: Operand, catalogue: Catalogue): OperandInfo | null {
  const variable = operandVariable(operand);
  const def = catalogue.get(variable);
  if (!def) return null;
  const since = operandSince(operand);
  if (!since)
    return { variable, def, type: def.type, label: def.label, unit: def.unit, min: def.min, max: def.max };
  const alias = catalogue.sinceAlias(since, variable);
  return {
    variable,
    def,
    since,
    type: 'integer',
    label: alias?.label ?? `距${def.label}`,
    unit: alias?.unit ?? SINCE_UNIT_NAMES[since],
    min: alias?.min,
    max: alias?.max,
  };
}

/**
 * A key under which two operands denoting the same quantity meet: person.age and
 * yearsSince(person.birthDate) share one, so the checker sees "age ≥ 60 and yearsSince(birthDate) < 25".
 */
export function quantityKey(operand: Operand, catalogue: Catalogue): string {
  const since = operandSince(operand);
  const variable = operandVariable(operand);
  if (since) return `${since}:${variable}`;
  const d = catalogue.get(variable)?.derived;
  return d?.kind === 'since' ? `${d.unit}:${d.from}` : `var:${variable}`;
}

/** Parameter ids as the syntax writes them: param(workshop.minEmployees). */
export const PARAMETER_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function isParam(value: Value): value is { param: string } {
  return typeof value === 'object' && value !== null && 'param' in value;
}

/** The entry in force on `date` (ISO): the one with the latest `from` on or before it. */
export function parameterEntry(def: ParameterDef, date: string): ParameterDef['values'][number] | undefined {
  let best: ParameterDef['values'][number] | undefined;
  for (const v of def.values) if (v.from <= date && (!best || v.from >= best.from)) best = v;
  return best;
}

/** The value in force on `date` (ISO). */
export function parameterValue(def: ParameterDef, date: string): number | string | undefined {
  return parameterEntry(def, date)?.value;
}

const NO_PARAMETERS = new Map<string, ParameterDef>();
const INDEXES = new WeakMap<readonly ParameterDef[], Map<string, ParameterDef>>();

/** Parameters by id; remembered per array, since explanations index the same item's parameters every time. */
export function parameterIndex(parameters: readonly ParameterDef[]): Map<string, ParameterDef> {
  if (parameters.length === 0) return NO_PARAMETERS;
  let index = INDEXES.get(parameters);
  if (!index) INDEXES.set(parameters, (index = new Map(parameters.map((p) => [p.id, p]))));
  return index;
}

/**
 * A threshold as a number: dates as day numbers, numbers as themselves, NaN for anything else (a parameter
 * with no value in force, a value of the wrong type). Shared by both compilers.
 */
export function thresholdNumber(v: number | string | boolean | undefined, type: VariableType): number {
  if (type === 'date') return typeof v === 'string' ? (dayNumber(v) ?? NaN) : NaN;
  return typeof v === 'number' ? v : NaN;
}
