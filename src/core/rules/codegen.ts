import { isWithinIndustry } from '../codes/industry.ts';
import { isWithinRegion } from '../codes/region.ts';
import { addPeriod, completedPeriods, latestStart, type DayNumber } from './dates.ts';
import type { FlatProfile } from './flatten.ts';
import { describeOperand, isParam, parameterValue, thresholdNumber, type OperandInfo } from './operands.ts';
import type {
  CmpOp,
  ItemCondition,
  LeafRule,
  Literal,
  ParameterDef,
  Rule,
  SinceUnit,
  Value,
} from './types.ts';
import type { Catalogue, VariableType } from './variables.ts';

/**
 * Writes a checked rule as the body of one JavaScript function of a flat profile `f`, for `compileRule`.
 *
 * Safety: nothing from the AST enters the source as written. Variable keys go through JSON.stringify; every
 * literal and threshold is passed in arrays: `k` (the rule's literals), `n` (numbers, some prepared per day,
 * n[0] the day itself), `a` (other per-day values) and `h` (helpers). The source is therefore the rule's
 * structure alone, and rules of one structure share it.
 *
 * Each node becomes statements that leave 0 (notMet), 1 (met) or 2 (unknown) in a fresh `let r…`; a group
 * breaks out of its labelled block as soon as its outcome is settled.
 *
 * @example
 * const g = new Generator(BASE_CATALOGUE, params);
 * const result = g.rule(rule); // g.lines now compute `result`
 */
export class Generator {
  readonly lines: string[] = [];
  /** Per-day numbers: slot 0 is the evaluation day; NaN means no value in force. */
  readonly num: number[] = [NaN];
  /** Per-day values compared for equality; undefined means no value in force. */
  readonly any: Array<Literal | undefined> = [];
  readonly helpers: unknown[] = [];
  /**
   * The rule's literals. They are read from this array rather than written into the source, so that rules of
   * the same structure (the same template with other codes and thresholds) have the same source and share one
   * compiled function, which stays hot however many items use it (compile.ts caches factories by source).
   */
  readonly consts: Literal[] = [];
  /** Run in order whenever the evaluation date changes. */
  readonly preparers: Array<(day: DayNumber, iso: string) => void> = [];
  readonly variables = new Set<string>();
  leaves = 0;
  private counter = 0;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly params: Map<string, ParameterDef>,
  ) {}

  /** Emits the statements for `rule` and returns the name of the variable holding its outcome. */
  rule(rule: Rule): string {
    if (rule.op === 'all' || rule.op === 'any' || rule.op === 'none')
      return this.group(
        rule.op,
        rule.of.map((child) => () => this.rule(child)),
      );
    this.leaves++;
    const r = this.fresh('r');
    this.emit(`let ${r};`);
    this.emit('{');
    this.leaf(rule, r);
    this.emit('}');
    return r;
  }

  private group(op: 'all' | 'any' | 'none', children: Array<() => string>): string {
    const r = this.fresh('r');
    const label = this.fresh('b');
    // all and none start met and fall to notMet; any starts notMet and rises to met.
    this.emit(`let ${r} = ${op === 'any' ? 0 : 1};`);
    this.emit(`${label}: {`);
    const decisive = op === 'all' ? 0 : 1;
    const settled = op === 'any' ? 1 : 0;
    for (const child of children) {
      const c = child();
      this.emit(`if (${c} === ${decisive}) { ${r} = ${settled}; break ${label}; }`);
      this.emit(`if (${c} === 2) ${r} = 2;`);
    }
    this.emit('}');
    return r;
  }

  private leaf(rule: LeafRule, r: string): void {
    if (rule.op === 'count') return this.count(rule.list, rule.where, rule.cmp, rule.right, r);
    const info = describeOperand(rule.left, this.catalogue)!;
    this.variables.add(info.variable);
    const v = this.fresh('v');
    const since = this.sinceOf(info);
    switch (rule.op) {
      case 'cmp':
        if (since)
          return this.sinceRange(since, boundsOf(rule.cmp), this.number(rule.right, info.type), undefined, r);
        this.emit(`const ${v} = f[${key(info.variable)}];`);
        if (isOrdered(info.type)) return this.numberTest(v, rule.cmp, this.number(rule.right, info.type), r);
        return this.equalityTest(v, rule.cmp === '=', rule.right, r);
      case 'between': {
        const [lo, hi] = [this.number(rule.min, info.type), this.number(rule.max, info.type)];
        if (since) return this.sinceRange(since, { lo: 'ceil', hi: 'floor', negate: false }, lo, hi, r);
        this.emit(`const ${v} = f[${key(info.variable)}];`);
        const guard = [lo, hi].filter((t) => t.guard).map((t) => `${t.expr} !== ${t.expr}`);
        this.emit(
          `${r} = typeof ${v} !== "number"${guard.map((g) => ` || ${g}`).join('')} ? 2 : ${v} >= ${lo.expr} && ${v} <= ${hi.expr} ? 1 : 0;`,
        );
        return;
      }
      case 'in':
      case 'notIn': {
        if (since) this.emit(`const ${v} = ${this.helper(sinceValue(since, this.num))}(f);`);
        else this.emit(`const ${v} = f[${key(info.variable)}];`);
        const [yes, no] = rule.op === 'in' ? [1, 0] : [0, 1];
        this.emit(`${r} = ${v} === undefined ? 2 : ${this.membership(v, rule.values)} ? ${yes} : ${no};`);
        return;
      }
      case 'within': {
        const memo = new Map<string, number>();
        const test = info.type === 'industry' ? isWithinIndustry : isWithinRegion;
        const code = rule.code;
        // Codes come from finite standards, so the memo stays small.
        const within = (value: string) => {
          let hit = memo.get(value);
          if (hit === undefined) memo.set(value, (hit = test(value, code) ? 1 : 0));
          return hit;
        };
        this.emit(`const ${v} = f[${key(info.variable)}];`);
        this.emit(`${r} = typeof ${v} !== "string" ? 2 : ${this.helper(within)}(${v});`);
        return;
      }
      case 'has':
        this.emit(`const ${v} = f[${key(info.variable)}];`);
        this.emit(`${r} = Array.isArray(${v}) ? (${v}.includes(${this.lit(rule.value)}) ? 1 : 0) : 2;`);
        return;
    }
  }

  private numberTest(v: string, cmp: CmpOp, t: Threshold, r: string): void {
    const js = cmp === '=' ? '===' : cmp === '!=' ? '!==' : cmp;
    const guard = t.guard ? ` || ${t.expr} !== ${t.expr}` : '';
    this.emit(`${r} = typeof ${v} !== "number"${guard} ? 2 : ${v} ${js} ${t.expr} ? 1 : 0;`);
  }

  private equalityTest(v: string, equal: boolean, right: Value, r: string): void {
    const [yes, no] = equal ? [1, 0] : [0, 1];
    if (!isParam(right)) {
      this.emit(`${r} = ${v} === undefined ? 2 : ${v} === ${this.lit(right)} ? ${yes} : ${no};`);
      return;
    }
    const slot = this.anyValue(right);
    this.emit(
      `${r} = ${v} === undefined || a[${slot}] === undefined ? 2 : ${v} === a[${slot}] ? ${yes} : ${no};`,
    );
  }

  /** A literal, as a read of its slot in `k`. */
  private lit(value: Literal): string {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`不是有限数值：${value}`);
    return `k[${this.consts.push(value) - 1}]`;
  }

  /** A short list as a chain of ===, a long one as a Set. */
  private membership(v: string, values: readonly Literal[]): string {
    if (values.length <= 8) return `(${values.map((x) => `${v} === ${this.lit(x)}`).join(' || ')})`;
    return `${this.helper(new Set<unknown>(values))}.has(${v})`;
  }

  /** For a since-operand, or a since-derived variable (person.age), where to find the date and a given value. */
  private sinceOf(info: OperandInfo): Since | undefined {
    if (info.since) return { unit: info.since, dateKey: info.variable, givenKey: undefined };
    const d = info.def.derived;
    if (d?.kind !== 'since') return undefined;
    this.variables.add(d.from);
    return { unit: d.unit, dateKey: d.from, givenKey: info.variable };
  }

  /**
   * Whole periods since a date, between integer bounds L and U, as date thresholds prepared once per day:
   * periods ≥ L ⇔ date ≤ latestStart(L); periods ≤ U ⇔ date > latestStart(U + 1). A value the profile gives
   * directly (an age the applicant stated) is compared as a number.
   */
  private sinceRange(
    since: Since,
    bounds: Bounds,
    lo: Threshold,
    hi: Threshold | undefined,
    r: string,
  ): void {
    const num = this.num;
    const [loValue, hiValue] = [lo.slot, (hi ?? lo).slot];
    const [lower, upper, tLower, tUpper] = [this.slot(), this.slot(), this.slot(), this.slot()];
    this.preparers.push((day) => {
      if (bounds.lo) {
        const x = num[loValue]!;
        num[lower] = bounds.lo === 'ceil' ? Math.ceil(x) : Math.floor(x) + 1;
        num[tLower] = x === x ? latestStart(since.unit, num[lower], day) : NaN;
      }
      if (bounds.hi) {
        const x = num[hiValue]!;
        num[upper] = bounds.hi === 'floor' ? Math.floor(x) : Math.ceil(x) - 1;
        num[tUpper] = x === x ? latestStart(since.unit, num[upper] + 1, day) : NaN;
      }
    });
    const test = (value: string, lowSlot: number, highSlot: number, below: boolean) => {
      const parts: string[] = [];
      const guards: string[] = [];
      if (bounds.lo) {
        parts.push(below ? `${value} <= n[${lowSlot}]` : `${value} >= n[${lowSlot}]`);
        guards.push(`n[${lowSlot}] !== n[${lowSlot}]`);
      }
      if (bounds.hi) {
        parts.push(below ? `${value} > n[${highSlot}]` : `${value} <= n[${highSlot}]`);
        guards.push(`n[${highSlot}] !== n[${highSlot}]`);
      }
      const [yes, no] = bounds.negate ? [0, 1] : [1, 0];
      return `${guards.join(' || ')} ? 2 : ${parts.join(' && ')} ? ${yes} : ${no}`;
    };
    const d = this.fresh('d');
    const dated = `const ${d} = f[${key(since.dateKey)}]; ${r} = typeof ${d} !== "number" ? 2 : ${test(d, tLower, tUpper, true)};`;
    if (!since.givenKey) {
      this.emit(dated);
      return;
    }
    const g = this.fresh('g');
    this.emit(`const ${g} = f[${key(since.givenKey)}];`);
    this.emit(`if (typeof ${g} === "number") ${r} = ${test(g, lower, upper, false)};`);
    this.emit(`else { ${dated} }`);
  }

  private count(list: string, where: ItemCondition | undefined, cmp: CmpOp, right: Value, r: string): void {
    this.variables.add(list);
    const fields = this.catalogue.get(list)!.fields!;
    const [records, t, sure, maybe, i, e] = ['l', 't', 's', 'm', 'i', 'e'].map((p) => this.fresh(p)) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const target = this.number(right, 'integer');
    this.emit(`const ${records} = f[${key(list)}];`);
    this.emit(`const ${t} = ${target.expr};`);
    this.emit(`if (!Array.isArray(${records}) || ${t} !== ${t}) ${r} = 2;`);
    this.emit(`else { let ${sure} = 0, ${maybe} = 0;`);
    this.emit(`for (let ${i} = 0; ${i} < ${records}.length; ${i}++) { const ${e} = ${records}[${i}];`);
    if (where) {
      const o = this.item(where, e, fields);
      this.emit(`if (${o} === 1) ${sure}++; else if (${o} === 2) ${maybe}++;`);
    } else this.emit(`${sure}++;`);
    this.emit('}');
    // The count lies in [s, s + m]: met when the comparison holds across the range, notMet when nowhere.
    const [lo, hi] = [sure, `(${sure} + ${maybe})`];
    const outcome: Record<CmpOp, string> = {
      '>=': `${lo} >= ${t} ? 1 : ${hi} < ${t} ? 0 : 2`,
      '>': `${lo} > ${t} ? 1 : ${hi} <= ${t} ? 0 : 2`,
      '<=': `${hi} <= ${t} ? 1 : ${lo} > ${t} ? 0 : 2`,
      '<': `${hi} < ${t} ? 1 : ${lo} >= ${t} ? 0 : 2`,
      '=': `${lo} === ${t} && ${maybe} === 0 ? 1 : ${t} < ${lo} || ${t} > ${hi} ? 0 : 2`,
      '!=': `${t} < ${lo} || ${t} > ${hi} ? 1 : ${lo} === ${t} && ${maybe} === 0 ? 0 : 2`,
    };
    this.emit(`${r} = ${outcome[cmp]}; }`);
  }

  /** Statements for a condition on list element `e`; returns the variable with its outcome. */
  private item(cond: ItemCondition, e: string, fields: Record<string, { type: VariableType }>): string {
    if (cond.op === 'and' || cond.op === 'or')
      return this.group(
        cond.op === 'and' ? 'all' : 'any',
        cond.of.map((c) => () => this.item(c, e, fields)),
      );
    const r = this.fresh('r');
    const v = this.fresh('v');
    this.emit(`let ${r}; { const ${v} = ${e}[${key(cond.field)}];`);
    switch (cond.op) {
      case 'withinLast': {
        const from = this.slot();
        const { unit, amount } = cond;
        const num = this.num;
        this.preparers.push((day) => (num[from] = addPeriod(day, unit, -amount)));
        this.emit(`${r} = typeof ${v} !== "number" ? 2 : ${v} >= n[${from}] && ${v} <= n[0] ? 1 : 0;`);
        break;
      }
      case 'cmp': {
        const type = fields[cond.field]!.type;
        if (isOrdered(type)) this.numberTest(v, cond.cmp, this.number(cond.right, type), r);
        else this.equalityTest(v, cond.cmp === '=', cond.right, r);
        break;
      }
      case 'in':
      case 'notIn': {
        const [yes, no] = cond.op === 'in' ? [1, 0] : [0, 1];
        this.emit(`${r} = ${v} === undefined ? 2 : ${this.membership(v, cond.values)} ? ${yes} : ${no};`);
        break;
      }
    }
    this.emit('}');
    return r;
  }

  /**
   * A literal as source (dates as day numbers), or a parameter read from a per-day slot that may hold NaN.
   * Every threshold also gets a slot, which since-ranges read when preparing their dates.
   */
  private number(value: Value, type: VariableType): Threshold {
    const slot = this.slot();
    const toNumber = (v: number | string | boolean | undefined) => thresholdNumber(v, type);
    if (!isParam(value)) {
      const x = toNumber(value);
      this.num[slot] = x;
      return { slot, expr: `n[${slot}]`, guard: !Number.isFinite(x) };
    }
    const def = this.params.get(value.param)!;
    const num = this.num;
    this.preparers.push((_day, iso) => (num[slot] = toNumber(parameterValue(def, iso))));
    return { slot, expr: `n[${slot}]`, guard: true };
  }

  private anyValue(value: { param: string }): number {
    const def = this.params.get(value.param)!;
    const slot = this.any.push(undefined) - 1;
    const any = this.any;
    this.preparers.push((_day, iso) => (any[slot] = parameterValue(def, iso)));
    return slot;
  }

  private slot(): number {
    return this.num.push(NaN) - 1;
  }

  private helper(value: unknown): string {
    return `h[${this.helpers.push(value) - 1}]`;
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  private emit(line: string): void {
    this.lines.push(line);
  }
}

interface Threshold {
  slot: number;
  /** Source text: a literal, or n[slot]. */
  expr: string;
  /** Whether the value may be missing (NaN) on some day. */
  guard: boolean;
}

interface Since {
  unit: SinceUnit;
  dateKey: string;
  /** The derived variable itself (person.age), whose given value wins when the profile has one. */
  givenKey: string | undefined;
}

/** Integer bounds of a comparison on whole periods: L = ceil(x) or floor(x)+1, U = floor(x) or ceil(x)−1. */
export interface Bounds {
  lo?: 'ceil' | 'floorPlusOne';
  hi?: 'floor' | 'ceilMinusOne';
  negate: boolean;
}

export function boundsOf(cmp: CmpOp): Bounds {
  switch (cmp) {
    case '>=':
      return { lo: 'ceil', negate: false };
    case '>':
      return { lo: 'floorPlusOne', negate: false };
    case '<=':
      return { hi: 'floor', negate: false };
    case '<':
      return { hi: 'ceilMinusOne', negate: false };
    // = x is x ≤ periods ≤ x, which is empty when x is not whole.
    case '=':
      return { lo: 'ceil', hi: 'floor', negate: false };
    case '!=':
      return { lo: 'ceil', hi: 'floor', negate: true };
  }
}

/** The whole periods themselves, for `person.age in [...]`: the rare case that needs calendar arithmetic. */
function sinceValue(since: Since, num: number[]): (f: FlatProfile) => number | undefined {
  const { unit, dateKey, givenKey } = since;
  return (f) => {
    const given = givenKey === undefined ? undefined : f[givenKey];
    if (typeof given === 'number') return given;
    const d = f[dateKey];
    return typeof d === 'number' ? completedPeriods(unit, d, num[0]!) : undefined;
  };
}

export function isOrdered(type: VariableType): boolean {
  return type === 'number' || type === 'integer' || type === 'date';
}

function key(name: string): string {
  return JSON.stringify(name);
}
