import { isWithinIndustry } from '../codes/industry.ts';
import { isWithinRegion } from '../codes/region.ts';
import { addPeriod, chineseDate, completedPeriods, dayNumber } from './dates.ts';
import { derive } from './derive.ts';
import { leafNearMiss, type NearMiss } from './near-miss.ts';
import { childPath } from './check.ts';
import { describeOperand, isParam, parameterEntry, parameterIndex, type OperandInfo } from './operands.ts';
import { renderRule } from './render.ts';
import type {
  Citation,
  CmpOp,
  Fact,
  FactValue,
  ItemCondition,
  ListRecord,
  Outcome,
  ParameterDef,
  Profile,
  Rule,
  Source,
  Value,
} from './types.ts';
import { factValue, type CheckedValue } from './values.ts';
import type { Catalogue } from './variables.ts';

/**
 * The interpreted evaluator: slower than `compileRule`, but it explains itself. Each node of the result says
 * met, notMet or unknown, in Kleene's three-valued logic, with the facts it read, the article it rests on,
 * why it is unknown ("缺少数据：初次领证日期"), and by how much a failing comparison missed
 * ("差一点：从业人员需≥20人，当前为8人").
 *
 * @example
 * const e = evaluate(rule, profile, { asOf: '2025-06-01', catalogue: BASE_CATALOGUE });
 * e.outcome; // 'met' | 'notMet' | 'unknown'
 * e.children?.[0]?.reason; // '缺少数据：初次领证日期'
 */
export interface EvaluateOptions {
  /** The evaluation date, "YYYY-MM-DD": ages, windows and parameters are taken on this day. */
  asOf: string;
  catalogue: Catalogue;
  parameters?: readonly ParameterDef[];
  /**
   * The profile's facts already went through `deriveFacts` for this date and a catalogue with the same
   * derivations: skip deriving again (one profile against many items).
   */
  derived?: boolean;
}

export interface UsedFact {
  variable: string;
  label: string;
  value: FactValue;
  source: Source;
  asOf: string;
}

/** A parameter a condition used, with the value in force and where that value comes from. */
export interface UsedParameter {
  id: string;
  label: string;
  value: number | string;
  unit?: string;
  /** The date from which this value is in force. */
  from: string;
  cite?: Citation;
}

export interface Explanation {
  outcome: Outcome;
  op: Rule['op'];
  path: string;
  id?: string;
  label?: string;
  /** This node in Chinese, with parameters shown at their value on the evaluation date. */
  text: string;
  /** The citation in force for this node: its own, or inherited. */
  cite?: Citation;
  used: UsedFact[];
  /** Parameters read on the evaluation date (leaves only). */
  parameters?: UsedParameter[];
  /** Why the outcome is unknown. */
  reason?: string;
  nearMiss?: NearMiss;
  children?: Explanation[];
}

export type { NearMiss };

/** 0 notMet, 1 met, 2 unknown: the compiled evaluator's encoding, used here for the Kleene tables. */
type Tri = 0 | 1 | 2;
const OUTCOMES: readonly Outcome[] = ['notMet', 'met', 'unknown'];

/**
 * Rendered texts by catalogue, rule node and day ('' when the rule has no parameters). Weak on both objects, so
 * an item's texts go when its definition does. Only correct while nodes are not mutated after evaluation,
 * which holds: definitions are parsed from storage and never edited in place.
 */
const TEXTS = new WeakMap<Catalogue, WeakMap<Rule, Map<string, string>>>();

export function evaluate(rule: Rule, profile: Profile, options: EvaluateOptions): Explanation {
  const asOfDay = dayNumber(options.asOf);
  if (asOfDay === null) throw new RangeError(`评估日期“${options.asOf}”不是有效日期`);
  // Matching many items for one profile derives once (deriveFacts) and passes the result as `derived`.
  const facts = options.derived ? profile.facts : derive(profile.facts, options.catalogue, options.asOf);
  return new Evaluator(facts, options, asOfDay).node(rule, '', undefined, true);
}

/** Kleene conjunction over children's outcomes, and its duals. */
export function combine(op: 'all' | 'any' | 'none', outcomes: readonly Tri[]): Tri {
  let unknown = false;
  for (const o of outcomes) {
    const v = op === 'any' ? o : op === 'none' ? negate(o) : o;
    if (op === 'any' ? v === 1 : v === 0) return v;
    if (v === 2) unknown = true;
  }
  if (unknown) return 2;
  return op === 'any' ? 0 : 1;
}

function negate(o: Tri): Tri {
  return o === 2 ? 2 : o === 1 ? 0 : 1;
}

/** Compares numbers, or ISO dates as strings (their order is the calendar's); null for other types. */
function compare(a: CheckedValue, cmp: CmpOp, b: number | string | boolean): boolean | null {
  if (cmp === '=') return a === b;
  if (cmp === '!=') return a !== b;
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return null;
  const [x, y] = [a, b as number | string];
  return cmp === '<' ? x < y : cmp === '<=' ? x <= y : cmp === '>' ? x > y : x >= y;
}

interface LeafResult {
  outcome: Tri;
  reason?: string;
  /** The operand's value, for near misses. */
  current?: number | string;
}

class Evaluator {
  private readonly params: Map<string, ParameterDef>;
  private used: UsedFact[] = [];
  private usedParams: UsedParameter[] = [];

  constructor(
    private readonly facts: Record<string, Fact>,
    private readonly options: EvaluateOptions,
    private readonly asOfDay: number,
  ) {
    this.params = parameterIndex(options.parameters ?? []);
  }

  node(rule: Rule, path: string, inherited: Citation | undefined, positive: boolean): Explanation {
    const cite = rule.cite ?? inherited;
    const base: Explanation = { outcome: 'unknown', op: rule.op, path, text: this.text(rule), used: [] };
    if (rule.id !== undefined) base.id = rule.id;
    if (rule.label !== undefined) base.label = rule.label;
    if (cite) base.cite = cite;
    if (rule.op === 'all' || rule.op === 'any' || rule.op === 'none') {
      const flip = rule.op === 'none' ? !positive : positive;
      // Loops rather than map: this runs for every node of every item a profile is matched against.
      const children: Explanation[] = [];
      const outcomes: Tri[] = [];
      for (let i = 0; i < rule.of.length; i++) {
        const c = this.node(rule.of[i]!, childPath(path, rule.op, i), cite, flip);
        children.push(c);
        outcomes.push(OUTCOMES.indexOf(c.outcome) as Tri);
      }
      const outcome = combine(rule.op, outcomes);
      base.outcome = OUTCOMES[outcome]!;
      base.children = children;
      base.used = dedupe(children.flatMap((c) => c.used));
      if (outcome === 2) {
        const reasons = [...new Set(children.filter((c) => c.outcome === 'unknown').map((c) => c.reason))];
        base.reason = reasons.filter((r) => r !== undefined).join('；');
      }
      return base;
    }
    this.used = [];
    this.usedParams = [];
    const result = this.leaf(rule);
    base.outcome = OUTCOMES[result.outcome]!;
    base.used = this.used;
    if (this.usedParams.length > 0) base.parameters = this.usedParams;
    if (result.reason !== undefined) base.reason = result.reason;
    const failing = positive ? result.outcome === 0 : result.outcome === 1;
    if (failing && result.current !== undefined) {
      const miss = leafNearMiss(rule, positive, result.current, {
        catalogue: this.options.catalogue,
        resolve: (v) => {
          const r = this.resolve(v);
          return 'value' in r ? r.value : undefined;
        },
        asOfDay: this.asOfDay,
        path,
        text: base.text,
        sinceStart: this.sinceStart(rule),
      });
      if (miss) base.nearMiss = miss;
    }
    return base;
  }

  /**
   * A node's Chinese text. Rendering a group renders its whole subtree, so rendering every node anew made an
   * explanation cost quadratic in the rule's depth and dominated matching with explanations; the text depends
   * only on the node, the catalogue, the parameters and (through them) the day, so it is remembered.
   */
  private text(rule: Rule): string {
    const { catalogue, parameters, asOf } = this.options;
    const key = parameters?.length ? asOf : '';
    let byRule = TEXTS.get(catalogue);
    if (!byRule) TEXTS.set(catalogue, (byRule = new WeakMap()));
    let byDay = byRule.get(rule);
    if (!byDay) byRule.set(rule, (byDay = new Map<string, string>()));
    let text = byDay.get(key);
    if (text === undefined) {
      text = renderRule(rule, { catalogue, parameters: parameters ?? [], asOf });
      if (byDay.size < 64) byDay.set(key, text);
    }
    return text;
  }

  private leaf(rule: Exclude<Rule, { op: 'all' | 'any' | 'none' }>): LeafResult {
    if (rule.op === 'count') return this.count(rule.list, rule.where, rule.cmp, rule.right);
    const info = describeOperand(rule.left, this.options.catalogue);
    if (!info) return { outcome: 2, reason: `未定义的变量：${Object.values(rule.left)[0] as string}` };
    const read = this.operand(info);
    if ('reason' in read) return { outcome: 2, reason: read.reason };
    const v = read.value;
    const current = typeof v === 'number' || typeof v === 'string' ? v : undefined;
    const done = (ok: boolean | null, reason = '条件与数据类型不符'): LeafResult =>
      ok === null
        ? { outcome: 2, reason }
        : { outcome: ok ? 1 : 0, ...(current !== undefined && { current }) };
    switch (rule.op) {
      case 'cmp': {
        const right = this.resolve(rule.right);
        if ('reason' in right) return { outcome: 2, reason: right.reason };
        return done(compare(v, rule.cmp, right.value));
      }
      case 'between': {
        const [min, max] = [this.resolve(rule.min), this.resolve(rule.max)];
        if ('reason' in min) return { outcome: 2, reason: min.reason };
        if ('reason' in max) return { outcome: 2, reason: max.reason };
        const [lo, hi] = [compare(v, '>=', min.value), compare(v, '<=', max.value)];
        return done(lo === null || hi === null ? null : lo && hi);
      }
      case 'in':
      case 'notIn': {
        const found = rule.values.includes(v as string);
        return done(rule.op === 'in' ? found : !found);
      }
      case 'within':
        if (typeof v !== 'string') return done(null);
        return done(info.type === 'industry' ? isWithinIndustry(v, rule.code) : isWithinRegion(v, rule.code));
      case 'has':
        return done(Array.isArray(v) ? (v as readonly string[]).includes(rule.value as string) : null);
    }
  }

  /** The operand's value on the evaluation date, or why it is unknown. */
  private operand(info: OperandInfo): { value: CheckedValue } | { reason: string } {
    const fact = this.facts[info.variable];
    if (!fact) return { reason: `缺少数据：${info.def.label}` };
    const value = factValue(info.def, fact);
    if (value === undefined) return { reason: `数据格式不符：${info.def.label}` };
    this.used.push({
      variable: info.variable,
      label: info.def.label,
      value: fact.value,
      source: fact.source,
      asOf: fact.asOf,
    });
    if (!info.since) return { value };
    return { value: completedPeriods(info.since, dayNumber(value as string)!, this.asOfDay) };
  }

  /** For a since-operand, the day it counts from (to say when a duration will be reached). */
  private sinceStart(rule: Rule): number | undefined {
    if (rule.op !== 'cmp' && rule.op !== 'between') return undefined;
    const info = describeOperand(rule.left, this.options.catalogue);
    if (!info) return undefined;
    const d = info.def.derived;
    const [unit, from] = info.since
      ? [info.since, info.variable]
      : d?.kind === 'since' && this.facts[info.variable]?.source.kind === 'derived'
        ? [d.unit, d.from]
        : [undefined, undefined];
    const fact = from ? this.facts[from] : undefined;
    if (!unit || !fact || typeof fact.value !== 'string') return undefined;
    return dayNumber(fact.value) ?? undefined;
  }

  resolve(value: Value): { value: number | string | boolean } | { reason: string } {
    if (!isParam(value)) return { value };
    const def = this.params.get(value.param);
    if (!def) return { reason: `未定义的参数：${value.param}` };
    const entry = parameterEntry(def, this.options.asOf);
    if (entry === undefined)
      return { reason: `参数“${def.label}”在${chineseDate(this.options.asOf)}没有生效的取值` };
    if (!this.usedParams.some((p) => p.id === def.id)) {
      const used: UsedParameter = { id: def.id, label: def.label, value: entry.value, from: entry.from };
      if (def.unit !== undefined) used.unit = def.unit;
      if (entry.cite) used.cite = entry.cite;
      this.usedParams.push(used);
    }
    return { value: entry.value };
  }

  private count(list: string, where: ItemCondition | undefined, cmp: CmpOp, right: Value): LeafResult {
    const def = this.options.catalogue.get(list);
    if (!def) return { outcome: 2, reason: `未定义的变量：${list}` };
    const fact = this.facts[list];
    if (!fact) return { outcome: 2, reason: `缺少数据：${def.label}` };
    const value = factValue(def, fact);
    // A list that is not a list (an unchecked rule counting a number) is as unknown as garbled data.
    const records =
      def.type === 'list' && Array.isArray(value) ? (value as readonly ListRecord[]) : undefined;
    if (records === undefined) return { outcome: 2, reason: `数据格式不符：${def.label}` };
    this.used.push({
      variable: list,
      label: def.label,
      value: fact.value,
      source: fact.source,
      asOf: fact.asOf,
    });
    const target = this.resolve(right);
    if ('reason' in target) return { outcome: 2, reason: target.reason };
    if (typeof target.value !== 'number') return { outcome: 2, reason: '条件与数据类型不符' };
    let [sure, maybe] = [0, 0];
    for (const r of records) {
      const o = where ? this.item(where, r) : 1;
      if (o === 1) sure++;
      else if (o === 2) maybe++;
    }
    const outcome = countOutcome(sure, sure + maybe, cmp, target.value);
    if (outcome === 2)
      return {
        outcome,
        reason: `${def.label}中有${maybe}${def.itemNoun === '记录' ? '条' : '个'}信息不全，无法判断`,
      };
    return { outcome, current: outcome === 0 ? sure + maybe : sure };
  }

  private item(cond: ItemCondition, record: ListRecord): Tri {
    switch (cond.op) {
      case 'and':
      case 'or':
        return combine(
          cond.op === 'and' ? 'all' : 'any',
          cond.of.map((c) => this.item(c, record)),
        );
      case 'withinLast': {
        const v = record[cond.field];
        const day = typeof v === 'string' ? dayNumber(v) : null;
        if (day === null) return 2;
        return day >= addPeriod(this.asOfDay, cond.unit, -cond.amount) && day <= this.asOfDay ? 1 : 0;
      }
      case 'cmp': {
        const v = record[cond.field];
        if (v === undefined) return 2;
        const ok = compare(v, cond.cmp, cond.right);
        return ok === null ? 2 : ok ? 1 : 0;
      }
      case 'in':
      case 'notIn': {
        const v = record[cond.field];
        if (v === undefined) return 2;
        return cond.values.includes(v) === (cond.op === 'in') ? 1 : 0;
      }
    }
  }
}

/**
 * A count known only to lie in [lo, hi] (elements whose fields are missing may or may not match): met when
 * the comparison holds for every count in the range, notMet when for none.
 */
export function countOutcome(lo: number, hi: number, cmp: CmpOp, n: number): Tri {
  switch (cmp) {
    case '>=':
      return lo >= n ? 1 : hi < n ? 0 : 2;
    case '>':
      return lo > n ? 1 : hi <= n ? 0 : 2;
    case '<=':
      return hi <= n ? 1 : lo > n ? 0 : 2;
    case '<':
      return hi < n ? 1 : lo >= n ? 0 : 2;
    case '=':
      return lo === n && hi === n ? 1 : n < lo || n > hi ? 0 : 2;
    case '!=':
      return n < lo || n > hi ? 1 : lo === n && hi === n ? 0 : 2;
  }
}

function dedupe(used: UsedFact[]): UsedFact[] {
  const seen = new Set<string>();
  return used.filter((u) => !seen.has(u.variable) && seen.add(u.variable));
}

/** Distinct "缺少数据：…" reasons of unknown leaves. */
export function missingData(e: Explanation, out = new Set<string>()): string[] {
  if (e.outcome === 'unknown') {
    if (e.children?.length) e.children.forEach((c) => missingData(c, out));
    else if (e.reason) out.add(e.reason.replace(/^缺少数据：/, ''));
  }
  return [...out];
}
