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
 * What evaluating a rule needs that does not depend on the profile: each node's path, inherited citation,
 * polarity (under an odd number of "none"s a failing leaf is one that holds), operand and Chinese text. An
 * explanation for one profile against thousands of items (MatchingService.match) spent most of its time
 * rebuilding these per node, so they are prepared once per rule and catalogue and kept while both live.
 * Only correct while rules are not mutated after evaluation, which holds: definitions are parsed from storage
 * and never edited in place.
 */
interface PlanNode {
  rule: Rule;
  /** Position in `Plan.nodes`, and so in a text array. */
  index: number;
  path: string;
  cite: Citation | undefined;
  positive: boolean;
  /** The operand of a comparison-like leaf; null when its variable is not in the catalogue. */
  info: OperandInfo | null | undefined;
  children: PlanNode[] | undefined;
}

interface Plan {
  root: PlanNode;
  nodes: Rule[];
  /** Texts of all nodes for a rule without parameters. */
  plain?: string[];
  /** Texts by parameter list and day: parameters are shown at their value in force. */
  dated?: WeakMap<readonly ParameterDef[], Map<string, string[]>>;
}

const PLANS = new WeakMap<Catalogue, WeakMap<Rule, Plan>>();

function planFor(rule: Rule, catalogue: Catalogue): Plan {
  let byRule = PLANS.get(catalogue);
  if (!byRule) PLANS.set(catalogue, (byRule = new WeakMap()));
  let plan = byRule.get(rule);
  if (!plan) {
    const nodes: Rule[] = [];
    const build = (r: Rule, path: string, inherited: Citation | undefined, positive: boolean): PlanNode => {
      const cite = r.cite ?? inherited;
      const node: PlanNode = {
        rule: r,
        index: nodes.push(r) - 1,
        path,
        cite,
        positive,
        info: undefined,
        children: undefined,
      };
      if (r.op === 'all' || r.op === 'any' || r.op === 'none') {
        const flip = r.op === 'none' ? !positive : positive;
        node.children = r.of.map((c, i) => build(c, childPath(path, r.op, i), cite, flip));
      } else if (r.op !== 'count') {
        node.info = describeOperand(r.left, catalogue);
      }
      return node;
    };
    plan = { root: build(rule, '', undefined, true), nodes };
    byRule.set(rule, plan);
  }
  return plan;
}

/**
 * The Chinese text of every node of a plan. Rendering a group renders its whole subtree, so rendering every
 * node anew made an explanation cost quadratic in the rule's depth; the text depends only on the node, the
 * catalogue, the parameters and (through them) the day, so it is remembered.
 */
function textsFor(
  plan: Plan,
  catalogue: Catalogue,
  parameters: readonly ParameterDef[],
  asOf: string,
): string[] {
  if (parameters.length === 0) return (plan.plain ??= renderAll(plan, catalogue, parameters, asOf));
  plan.dated ??= new WeakMap();
  let byDay = plan.dated.get(parameters);
  if (!byDay) plan.dated.set(parameters, (byDay = new Map<string, string[]>()));
  let texts = byDay.get(asOf);
  if (!texts) {
    texts = renderAll(plan, catalogue, parameters, asOf);
    if (byDay.size < 64) byDay.set(asOf, texts);
  }
  return texts;
}

function renderAll(
  plan: Plan,
  catalogue: Catalogue,
  parameters: readonly ParameterDef[],
  asOf: string,
): string[] {
  return plan.nodes.map((r) => renderRule(r, { catalogue, parameters, asOf }));
}

export function evaluate(rule: Rule, profile: Profile, options: EvaluateOptions): Explanation {
  const asOfDay = dayNumber(options.asOf);
  if (asOfDay === null) throw new RangeError(`评估日期“${options.asOf}”不是有效日期`);
  // Matching many items for one profile derives once (deriveFacts) and passes the result as `derived`.
  const facts = options.derived ? profile.facts : derive(profile.facts, options.catalogue, options.asOf);
  const plan = planFor(rule, options.catalogue);
  const texts = textsFor(plan, options.catalogue, options.parameters ?? [], options.asOf);
  return new Evaluator(facts, options, asOfDay, texts).node(plan.root);
}

type GroupOp = 'all' | 'any' | 'none';

/**
 * Kleene's three-valued all/any/none from which outcomes occur among the children: all fails on a notMet, any
 * holds on a met, none fails on a met; otherwise an unknown makes the group unknown.
 */
function kleene(op: GroupOp, met: boolean, notMet: boolean, unknown: boolean): Tri {
  if (op === 'all') return notMet ? 0 : unknown ? 2 : 1;
  if (op === 'any') return met ? 1 : unknown ? 2 : 0;
  return met ? 0 : unknown ? 2 : 1;
}

/** Kleene conjunction over children's outcomes, and its duals. */
export function combine(op: GroupOp, outcomes: readonly Tri[]): Tri {
  return kleene(op, outcomes.includes(1), outcomes.includes(0), outcomes.includes(2));
}

/** Compares numbers, or ISO dates as strings (their order is the calendar's); null for other types. */
function compare(a: CheckedValue, cmp: CmpOp, b: number | string | boolean): boolean | null {
  if (cmp === '=') return a === b;
  if (cmp === '!=') return a !== b;
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return null;
  const x = a;
  const y = b as number | string;
  return cmp === '<' ? x < y : cmp === '<=' ? x <= y : cmp === '>' ? x > y : x >= y;
}

interface LeafResult {
  outcome: Tri;
  reason?: string;
  /** The operand's value, for near misses. */
  current?: number | string;
}

const TYPE_MISMATCH = '条件与数据类型不符';

/** A comparison's result: unknown when the types did not fit, else met or not with the value compared. */
function decided(ok: boolean | null, current: number | string | undefined): LeafResult {
  if (ok === null) return { outcome: 2, reason: TYPE_MISMATCH };
  return current === undefined ? { outcome: ok ? 1 : 0 } : { outcome: ok ? 1 : 0, current };
}

function outcomeOf(o: Outcome): Tri {
  return o === 'met' ? 1 : o === 'notMet' ? 0 : 2;
}

class Evaluator {
  private readonly params: Map<string, ParameterDef>;
  private used: UsedFact[] = [];
  private usedParams: UsedParameter[] = [];
  constructor(
    private readonly facts: Record<string, Fact>,
    private readonly options: EvaluateOptions,
    private readonly asOfDay: number,
    private readonly texts: readonly string[],
  ) {
    this.params = parameterIndex(options.parameters ?? []);
  }

  node(p: PlanNode): Explanation {
    const rule = p.rule;
    const base: Explanation = {
      outcome: 'unknown',
      op: rule.op,
      path: p.path,
      text: this.texts[p.index]!,
      used: [],
    };
    if (rule.id !== undefined) base.id = rule.id;
    if (rule.label !== undefined) base.label = rule.label;
    if (p.cite) base.cite = p.cite;
    if (p.children) {
      // Loops rather than map and Sets: this runs for every node of every item a profile is matched against.
      const n = p.children.length;
      const children: Explanation[] = new Array<Explanation>(n);
      const used = base.used;
      let [met, notMet, unknown] = [false, false, false];
      for (let i = 0; i < n; i++) {
        const c = this.node(p.children[i]!);
        children[i] = c;
        const o = outcomeOf(c.outcome);
        if (o === 1) met = true;
        else if (o === 0) notMet = true;
        else unknown = true;
        for (const u of c.used) if (!used.some((x) => x.variable === u.variable)) used.push(u);
      }
      const outcome = kleene(rule.op as GroupOp, met, notMet, unknown);
      base.outcome = OUTCOMES[outcome]!;
      base.children = children;
      if (outcome === 2) {
        const reasons: string[] = [];
        for (const c of children)
          if (c.outcome === 'unknown' && c.reason !== undefined && !reasons.includes(c.reason))
            reasons.push(c.reason);
        base.reason = reasons.join('；');
      }
      return base;
    }
    this.used = [];
    this.usedParams = [];
    const result = this.leaf(rule as Exclude<Rule, { op: 'all' | 'any' | 'none' }>, p.info);
    base.outcome = OUTCOMES[result.outcome]!;
    base.used = this.used;
    if (this.usedParams.length > 0) base.parameters = this.usedParams;
    if (result.reason !== undefined) base.reason = result.reason;
    const failing = p.positive ? result.outcome === 0 : result.outcome === 1;
    if (failing && result.current !== undefined) {
      const miss = leafNearMiss(rule, p.positive, result.current, {
        catalogue: this.options.catalogue,
        resolve: this.resolveValue.bind(this),
        asOfDay: this.asOfDay,
        path: p.path,
        text: base.text,
        sinceStart: this.sinceStart(rule, p.info),
      });
      if (miss) base.nearMiss = miss;
    }
    return base;
  }

  private leaf(
    rule: Exclude<Rule, { op: 'all' | 'any' | 'none' }>,
    info: OperandInfo | null | undefined,
  ): LeafResult {
    if (rule.op === 'count') return this.count(rule.list, rule.where, rule.cmp, rule.right);
    if (!info) return { outcome: 2, reason: `未定义的变量：${Object.values(rule.left)[0] as string}` };
    const read = this.operand(info);
    if ('reason' in read) return { outcome: 2, reason: read.reason };
    const v = read.value;
    const current = typeof v === 'number' || typeof v === 'string' ? v : undefined;
    switch (rule.op) {
      case 'cmp': {
        const right = this.resolve(rule.right);
        if ('reason' in right) return { outcome: 2, reason: right.reason };
        return decided(compare(v, rule.cmp, right.value), current);
      }
      case 'between': {
        const min = this.resolve(rule.min);
        const max = this.resolve(rule.max);
        if ('reason' in min) return { outcome: 2, reason: min.reason };
        if ('reason' in max) return { outcome: 2, reason: max.reason };
        const lo = compare(v, '>=', min.value);
        const hi = compare(v, '<=', max.value);
        return decided(lo === null || hi === null ? null : lo && hi, current);
      }
      case 'in':
      case 'notIn': {
        const found = rule.values.includes(v as string);
        return decided(rule.op === 'in' ? found : !found, current);
      }
      case 'within':
        if (typeof v !== 'string') return decided(null, current);
        return decided(
          info.type === 'industry' ? isWithinIndustry(v, rule.code) : isWithinRegion(v, rule.code),
          current,
        );
      case 'has':
        return decided(
          Array.isArray(v) ? (v as readonly string[]).includes(rule.value as string) : null,
          current,
        );
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
  private sinceStart(rule: Rule, info: OperandInfo | null | undefined): number | undefined {
    if ((rule.op !== 'cmp' && rule.op !== 'between') || !info) return undefined;
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

  /** For near misses: a threshold's value on the evaluation date. */
  private resolveValue(v: Value): number | string | boolean | undefined {
    const r = this.resolve(v);
    return 'value' in r ? r.value : undefined;
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
    if (typeof target.value !== 'number') return { outcome: 2, reason: TYPE_MISMATCH };
    let sure = 0;
    let maybe = 0;
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

/** Distinct "缺少数据：…" reasons of unknown leaves. */
export function missingData(e: Explanation, out = new Set<string>()): string[] {
  if (e.outcome === 'unknown') {
    if (e.children?.length) e.children.forEach((c) => missingData(c, out));
    else if (e.reason) out.add(e.reason.replace(/^缺少数据：/, ''));
  }
  return [...out];
}
