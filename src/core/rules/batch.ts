import { isWithinIndustry } from '../codes/industry.ts';
import { isWithinRegion } from '../codes/region.ts';
import {
  CountNode,
  GroupNode,
  HasNode,
  RangeNode,
  SinceMemberNode,
  SinceRangeNode,
  TableNode,
  type BatchNode,
  type Interval,
  type SinceSource,
  type TableSpec,
} from './batch-nodes.ts';
import { checkRule } from './check.ts';
import { boundsOf, isOrdered } from './codegen.ts';
import type { ColumnBatch } from './columns.ts';
import { RuleCheckError, type Tri } from './compile.ts';
import { addPeriod, isoFromDay, type DayNumber } from './dates.ts';
import {
  describeOperand,
  isParam,
  parameterIndex,
  parameterValue,
  thresholdNumber,
  type OperandInfo,
} from './operands.ts';
import type {
  CmpOp,
  CountRule,
  ItemCondition,
  LeafRule,
  Literal,
  ParameterDef,
  Rule,
  Value,
} from './types.ts';
import type { Catalogue, FieldDef, VariableType } from './variables.ts';

/**
 * A rule compiled for columns: one rule over many profiles at once, condition by condition over the columns
 * of a `ColumnBatch` (columns.ts), with code that every rule shares (batch-nodes.ts). The outcome of every
 * row is the outcome `compileRule` gives for that profile on that day (a property test holds it to that),
 * for profiles as `flatten` makes them.
 *
 * Why: `compileRule` generates one function per rule structure, and thousands of items have thousands of
 * structures. Run in turn, each is called too rarely for V8 to optimise it, and their code does not stay in
 * the caches (bench/rules.bench.ts). Here the work per rule is a walk over a handful of nodes; the work per
 * profile is a tight loop over typed arrays, one per kind of condition, hot whatever the rule. So it pays
 * where the work is rule-major: one rule over many profiles (`matchMany`, impact simulation, full scans).
 * For one profile against many rules, `compileRule` stays the better tool.
 *
 * Groups combine their children's outcomes in Kleene's logic, and each child runs only on the rows its group
 * has not settled yet. As in `compileRule`, parameters in force and date thresholds are worked out once per
 * evaluation day ("age ≥ 25 on D" is "birth date ≤ latestStart(25, D)"), and codes are resolved once per
 * distinct value of a batch ("within 371500" is a table over the batch's region codes).
 *
 * @example
 * const rule = compileBatch(item.rule, { catalogue: BASE_CATALOGUE, parameters });
 * const batch = toColumns(flatProfiles);
 * const outcomes = rule.evaluate(batch, dayNumber('2025-06-01')!); // outcomes[i]: 0 notMet, 1 met, 2 unknown
 */
export interface BatchRule {
  /**
   * Writes the outcome on `asOf` of each row in `rows` (every row of the batch when absent) to out[row]: 0
   * notMet, 1 met, 2 unknown. Other entries of `out` are left as they were; `out` has at least `batch.size`
   * entries and is a new array when absent. Returns `out`.
   */
  evaluate(batch: ColumnBatch, asOf: DayNumber, rows?: Int32Array, out?: Uint8Array): Uint8Array;
  /** Leaf conditions, as `CompiledRule.leaves` counts them. */
  readonly leaves: number;
}

/** Checks the rule first, as `compileRule` does: only well-typed rules compile. */
export function compileBatch(
  rule: Rule,
  options: { catalogue: Catalogue; parameters?: readonly ParameterDef[] },
): BatchRule {
  const parameters = options.parameters ?? [];
  const checked = checkRule(rule, options.catalogue, parameters);
  if (!checked.ok) throw new RuleCheckError(checked.errors);
  const compiler = new BatchCompiler(options.catalogue, parameterIndex(parameters));
  const root = compiler.rule(rule);
  let day = NaN;
  return {
    evaluate(batch, asOf, rows, out) {
      const result = out ?? new Uint8Array(batch.size);
      if (result.length < batch.size)
        throw new RangeError(`结果数组长度 ${result.length} 小于批次行数 ${batch.size}`);
      if (asOf !== day) {
        root.prepare(asOf, isoFromDay(asOf));
        day = asOf;
      }
      const list = rows ?? batch.allRows();
      root.run(batch, list, list.length, result, 0);
      return result;
    },
    leaves: compiler.leaves,
  };
}

class BatchCompiler {
  leaves = 0;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly params: Map<string, ParameterDef>,
  ) {}

  rule(rule: Rule): BatchNode {
    if (rule.op === 'all' || rule.op === 'any' || rule.op === 'none')
      return new GroupNode(
        rule.op,
        rule.of.map((child) => this.rule(child)),
      );
    this.leaves++;
    return this.leaf(rule);
  }

  private leaf(rule: LeafRule): BatchNode {
    if (rule.op === 'count') return this.count(rule);
    const info = describeOperand(rule.left, this.catalogue)!;
    const since = this.sinceOf(info);
    switch (rule.op) {
      case 'cmp': {
        const t = this.number(rule.right, info.type);
        if (since) return new SinceRangeNode(since, boundsOf(rule.cmp), t, t);
        if (isOrdered(info.type)) return this.compared(info.variable, rule.cmp, t);
        return this.equality(info.variable, rule.cmp === '=', rule.right);
      }
      case 'between': {
        const [lo, hi] = [this.number(rule.min, info.type), this.number(rule.max, info.type)];
        if (since) return new SinceRangeNode(since, { lo: 'ceil', hi: 'floor', negate: false }, lo, hi);
        return new RangeNode(info.variable, (_day, iso) => {
          const [min, max] = [lo(iso), hi(iso)];
          return min !== min || max !== max ? undefined : { lo: min, hi: max, negate: false };
        });
      }
      case 'in':
      case 'notIn':
        if (since) return new SinceMemberNode(since, rule.values, rule.op === 'in');
        return this.membership(info.variable, rule.values, rule.op === 'in');
      case 'within': {
        const test = info.type === 'industry' ? isWithinIndustry : isWithinRegion;
        const code = rule.code;
        const spec: TableSpec = {
          key: `within ${info.type} ${code}`,
          outcome: (v) => (typeof v !== 'string' ? 2 : test(v, code) ? 1 : 0),
        };
        return new TableNode(info.variable, () => spec);
      }
      case 'has':
        return new HasNode(info.variable, literal(rule.value));
    }
  }

  private count(rule: CountRule): BatchNode {
    const fields = this.catalogue.get(rule.list)!.fields!;
    const where = rule.where && this.item(rule.where, fields);
    return new CountNode(rule.list, where, rule.cmp, this.number(rule.right, 'integer'));
  }

  /** A condition on one element of a list; the element batch has its fields as variables. */
  private item(cond: ItemCondition, fields: Record<string, FieldDef>): BatchNode {
    switch (cond.op) {
      case 'and':
      case 'or':
        return new GroupNode(
          cond.op === 'and' ? 'all' : 'any',
          cond.of.map((c) => this.item(c, fields)),
        );
      case 'withinLast': {
        const { unit, amount } = cond;
        return new RangeNode(cond.field, (day) => ({
          lo: addPeriod(day, unit, -amount),
          hi: day,
          negate: false,
        }));
      }
      case 'cmp': {
        const type = fields[cond.field]!.type;
        if (isOrdered(type)) return this.compared(cond.field, cond.cmp, this.number(cond.right, type));
        return this.equality(cond.field, cond.cmp === '=', cond.right);
      }
      case 'in':
      case 'notIn':
        return this.membership(cond.field, cond.values, cond.op === 'in');
    }
  }

  /**
   * A comparison as an interval: < t is "not in [t, ∞]", > t "not in [−∞, t]", ≠ t "not in [t, t]", which is
   * exact for every number, as the compiled rule's `v < t` is.
   */
  private compared(variable: string, cmp: CmpOp, threshold: (iso: string) => number): BatchNode {
    return new RangeNode(variable, (_day, iso) => {
      const t = threshold(iso);
      return t !== t ? undefined : interval(cmp, t);
    });
  }

  /** = or ≠ a literal or a parameter, as `===` compares. */
  private equality(variable: string, equal: boolean, right: Value): BatchNode {
    const [yes, no]: [Tri, Tri] = equal ? [1, 0] : [0, 1];
    const specFor = (k: unknown): TableSpec => ({
      key: `= ${yes} ${keyOf([k])}`,
      outcome: (v) => (v === k ? yes : no),
    });
    if (!isParam(right)) {
      const spec = specFor(literal(right));
      return new TableNode(variable, () => spec);
    }
    const def = this.params.get(right.param)!;
    return new TableNode(variable, (iso) => {
      const value = parameterValue(def, iso);
      return value === undefined ? undefined : specFor(value);
    });
  }

  private membership(variable: string, values: readonly Literal[], member: boolean): BatchNode {
    const [yes, no]: [Tri, Tri] = member ? [1, 0] : [0, 1];
    const has = memberTest(values);
    const spec: TableSpec = { key: `in ${yes} ${keyOf(values)}`, outcome: (v) => (has(v) ? yes : no) };
    return new TableNode(variable, () => spec);
  }

  /** As codegen.ts: a since-operand, or a since-derived variable (person.age) whose stated value wins. */
  private sinceOf(info: OperandInfo): SinceSource | undefined {
    if (info.since) return { unit: info.since, dateKey: info.variable, givenKey: undefined };
    const d = info.def.derived;
    if (d?.kind !== 'since') return undefined;
    return { unit: d.unit, dateKey: d.from, givenKey: info.variable };
  }

  /** A literal (dates as day numbers), or a parameter in force on the day; NaN when there is none. */
  private number(value: Value, type: VariableType): (iso: string) => number {
    const toNumber = (v: number | string | boolean | undefined) => thresholdNumber(v, type);
    if (!isParam(value)) {
      const x = toNumber(value);
      return () => x;
    }
    const def = this.params.get(value.param)!;
    return (iso) => toNumber(parameterValue(def, iso));
  }
}

function interval(cmp: CmpOp, t: number): Interval {
  switch (cmp) {
    case '=':
      return { lo: t, hi: t, negate: false };
    case '!=':
      return { lo: t, hi: t, negate: true };
    case '<':
      return { lo: t, hi: Infinity, negate: true };
    case '<=':
      return { lo: -Infinity, hi: t, negate: false };
    case '>':
      return { lo: -Infinity, hi: t, negate: true };
    case '>=':
      return { lo: t, hi: Infinity, negate: false };
  }
}

/** As codegen.ts writes literals: a number that is not finite has no place in a rule. */
function literal(value: Literal): Literal {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`不是有限数值：${value}`);
  return value;
}

/** As codegen.ts tests membership: a chain of === for a short list, a Set (SameValueZero) for a long one. */
function memberTest(values: readonly Literal[]): (v: unknown) => boolean {
  if (values.length <= 8) {
    const list = values.map(literal);
    return (v) => list.some((x) => x === v);
  }
  const set = new Set<unknown>(values);
  return (v) => set.has(v);
}

/** Names values by type and text, so that 1 and "1" (or NaN and Infinity, which JSON both writes null) differ. */
function keyOf(values: readonly unknown[]): string {
  return JSON.stringify(values.map((v) => [typeof v, String(v)]));
}
