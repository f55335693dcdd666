/**
 * Our rule AST translated to json-logic (json-logic-js 2), the common way to store and run rules as JSON, for
 * the speed comparison in bench/rules.bench.ts. Only the operators the synthetic corpus uses are translated;
 * anything else throws, so that the comparison never runs a rule it silently changed.
 *
 * json-logic has two-valued logic: a missing variable reads as null, which compares as 0 (`null >= 10` is
 * false, `-2000 <= null` is true) and fails equality and membership. Our rules say unknown instead. The
 * translation treats missing data as json-logic does, so the two are compared for speed on the same
 * profiles, and for outcomes only on profiles without missing data, where both logics must agree.
 *
 * json-logic has no dates either. Like `compileRule`, the translation fixes the evaluation day ahead: "age
 * between 25 and 60 on day D" becomes "latestStart(61) < birthDate ≤ latestStart(25)" on day numbers, and the
 * data carries dates as day numbers (as `flatten` gives them). GB/T 2260 and GB/T 4754 codes nest by prefix,
 * so `within` becomes a `substr` comparison.
 *
 * @example
 * const logic = toJsonLogic(rule, BASE_CATALOGUE, dayNumber('2025-06-01')!);
 * jsonLogic.apply(logic, jsonLogicData(flatten(profile, BASE_CATALOGUE))) === true;
 */
import type { AdditionalOperation, RulesLogic } from 'json-logic-js';
import { addPeriod, latestStart, type DayNumber } from '../src/core/rules/dates.ts';
import type { FlatProfile } from '../src/core/rules/flatten.ts';
import { describeOperand, isParam } from '../src/core/rules/operands.ts';
import type { CmpOp, ItemCondition, Literal, Rule, SinceUnit, Value } from '../src/core/rules/types.ts';
import type { Catalogue } from '../src/core/rules/variables.ts';

export type Logic = RulesLogic<AdditionalOperation>;

const STRICT: Record<CmpOp, string> = { '=': '===', '!=': '!==', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

export function toJsonLogic(rule: Rule, catalogue: Catalogue, asOf: DayNumber): Logic {
  const tr = (r: Rule): Logic => {
    switch (r.op) {
      case 'all':
        return { and: r.of.map(tr) };
      case 'any':
        return { or: r.of.map(tr) };
      case 'none':
        return { '!': { or: r.of.map(tr) } };
      case 'count':
        // count(…) = 0 is json-logic's `none` over the list.
        if (r.cmp !== '=' || r.right !== 0)
          throw new Error(`not used by the corpus: count ${r.cmp} ${JSON.stringify(r.right)}`);
        return { none: [{ var: r.list }, r.where ? item(r.where, asOf) : true] };
    }
    const info = describeOperand(r.left, catalogue);
    if (!info) throw new Error(`unknown variable in ${JSON.stringify(r.left)}`);
    const d = info.def.derived;
    const since = info.since
      ? { unit: info.since, from: info.variable }
      : d?.kind === 'since'
        ? { unit: d.unit, from: d.from }
        : undefined;
    const v = { var: since?.from ?? info.variable };
    switch (r.op) {
      case 'cmp':
        if (since) return periods(v, since.unit, r.cmp, integer(r.right), asOf);
        return { [STRICT[r.cmp]]: [v, literal(r.right)] };
      case 'between':
        if (!since) return { '<=': [literal(r.min), v, literal(r.max)] };
        // min ≤ periods ≤ max ⇔ latestStart(max + 1) < date ≤ latestStart(min), day numbers being integers.
        return {
          '<=': [
            latestStart(since.unit, integer(r.max) + 1, asOf) + 1,
            v,
            latestStart(since.unit, integer(r.min), asOf),
          ],
        };
      case 'in':
        return { in: [v, r.values] };
      case 'notIn':
        return { '!': { in: [v, r.values as string[]] } };
      case 'has':
        return { in: [literal(r.value), v] };
      case 'within':
        return {
          '===': [
            { substr: [v, 0, prefixLength(info.type, r.code)] },
            r.code.slice(0, prefixLength(info.type, r.code)),
          ],
        };
    }
  };
  return tr(rule);
}

/** Whole periods since a date compared with n, as a comparison of the date with a threshold of that day. */
function periods(v: Logic, unit: SinceUnit, cmp: CmpOp, n: number, asOf: DayNumber): Logic {
  const start = (k: number) => latestStart(unit, k, asOf);
  switch (cmp) {
    case '>=':
      return { '<=': [v, start(n)] };
    case '>':
      return { '<=': [v, start(n + 1)] };
    case '<=':
      return { '>': [v, start(n + 1)] };
    case '<':
      return { '>': [v, start(n)] };
    default:
      throw new Error(`not used by the corpus: periods ${cmp} ${n}`);
  }
}

function item(cond: ItemCondition, asOf: DayNumber): Logic {
  switch (cond.op) {
    case 'and':
      return { and: cond.of.map((c) => item(c, asOf)) };
    case 'or':
      return { or: cond.of.map((c) => item(c, asOf)) };
    case 'cmp':
      return { [STRICT[cond.cmp]]: [{ var: cond.field }, cond.right] };
    case 'in':
      return { in: [{ var: cond.field }, cond.values] };
    case 'notIn':
      return { '!': { in: [{ var: cond.field }, cond.values as string[]] } };
    case 'withinLast':
      return { '<=': [addPeriod(asOf, cond.unit, -cond.amount), { var: cond.field }, asOf] };
  }
}

/** The prefix a code's descendants share: 371581 all six digits, 371500 four, 370000 two; C34 three. */
function prefixLength(type: string, code: string): number {
  if (type === 'industry') return code.length;
  return code.endsWith('0000') ? 2 : code.endsWith('00') ? 4 : 6;
}

function literal(value: Value): Literal {
  if (isParam(value)) throw new Error(`not used by the corpus: parameter ${value.param}`);
  return value;
}

function integer(value: Value): number {
  const x = literal(value);
  if (typeof x !== 'number' || !Number.isInteger(x)) throw new Error(`not used by the corpus: ${String(x)}`);
  return x;
}

/** A flat profile as json-logic data: "enterprise.region" is the path enterprise → region; missing keys are left out. */
export function jsonLogicData(flat: FlatProfile): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (value === undefined) continue;
    const dot = key.indexOf('.');
    (out[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = value;
  }
  return out;
}
