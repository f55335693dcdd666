import type { Bounds } from './codegen.ts';
import type { ColumnBatch } from './columns.ts';
import type { Tri } from './compile.ts';
import { latestStart, type DayNumber } from './dates.ts';
import { countOutcome } from './evaluate.ts';
import type { CmpOp, SinceUnit } from './types.ts';

/**
 * The nodes of a rule compiled for columns (batch.ts): one class per kind of condition, each with one loop
 * over a column. Every rule of every item runs through these few loops, which therefore stay hot.
 *
 * A node writes its outcome (0 notMet, 1 met, 2 unknown) into `out[row]` for each of `rows[0..n)`, and leaves
 * the other entries of `out` alone. `prepare` runs whenever the evaluation day changes: parameters in force
 * and date thresholds are worked out there, never per row.
 */
export interface BatchNode {
  prepare(day: DayNumber, iso: string): void;
  run(batch: ColumnBatch, rows: Int32Array, n: number, out: Uint8Array, depth: number): void;
}

/** lo ≤ x ≤ hi, or its negation. Nodes hold `undefined` instead when a threshold has no value on the day. */
export interface Interval {
  lo: number;
  hi: number;
  negate: boolean;
}

function fill(rows: Int32Array, n: number, out: Uint8Array, value: Tri): void {
  for (let k = 0; k < n; k++) out[rows[k]!] = value;
}

/**
 * all, any, none in Kleene's logic. Each child runs only on the rows the group has not yet settled: a row
 * leaves the list as soon as a child decides it (notMet for all, met for any and none), as the compiled rule
 * breaks out of its block. The list shrinks in place in the scratch space of this depth.
 */
export class GroupNode implements BatchNode {
  private readonly start: Tri;
  private readonly decisive: Tri;
  private readonly settled: Tri;

  constructor(
    op: 'all' | 'any' | 'none',
    private readonly children: readonly BatchNode[],
  ) {
    // all and none start met and fall to notMet; any starts notMet and rises to met.
    this.start = op === 'any' ? 0 : 1;
    this.decisive = op === 'all' ? 0 : 1;
    this.settled = op === 'any' ? 1 : 0;
  }

  prepare(day: DayNumber, iso: string): void {
    for (const child of this.children) child.prepare(day, iso);
  }

  run(batch: ColumnBatch, rows: Int32Array, n: number, out: Uint8Array, depth: number): void {
    const { start, decisive, settled } = this;
    fill(rows, n, out, start);
    const { rows: pending, out: child } = batch.scratch(depth);
    let list = rows;
    let m = n;
    for (const node of this.children) {
      if (m === 0) return;
      node.run(batch, list, m, child, depth + 1);
      // Writing behind the read position: `pending` may be `list` itself from the second child on.
      let w = 0;
      for (let k = 0; k < m; k++) {
        const r = list[k]!;
        const o = child[r]!;
        if (o === decisive) out[r] = settled;
        else {
          if (o === 2) out[r] = 2;
          pending[w++] = r;
        }
      }
      list = pending;
      m = w;
    }
  }
}

/** A number or a date (day number) within an interval: comparisons, between, withinLast. */
export class RangeNode implements BatchNode {
  private interval: Interval | undefined;

  constructor(
    private readonly variable: string,
    private readonly intervalOn: (day: DayNumber, iso: string) => Interval | undefined,
  ) {}

  prepare(day: DayNumber, iso: string): void {
    this.interval = this.intervalOn(day, iso);
  }

  run(batch: ColumnBatch, rows: Int32Array, n: number, out: Uint8Array): void {
    const interval = this.interval;
    if (!interval) return fill(rows, n, out, 2);
    const x = batch.numbers(this.variable);
    const { lo, hi } = interval;
    const [yes, no] = interval.negate ? [0, 1] : [1, 0];
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      const v = x[r]!;
      out[r] = v !== v ? 2 : v >= lo && v <= hi ? yes : no;
    }
  }
}

/** What a code condition yields for each distinct value; `key` names it for the column's table cache. */
export interface TableSpec {
  key: string;
  outcome: (value: unknown) => Tri;
}

/**
 * A condition on a code column (=, ≠, in, notIn, within on strings, enums, booleans, regions, industries):
 * looked up in a table with one entry per distinct value of the batch, so that the condition itself (a walk
 * up GB/T 2260, say) runs once per value and not once per row.
 */
export class TableNode implements BatchNode {
  private spec: TableSpec | undefined;

  constructor(
    private readonly variable: string,
    private readonly specOn: (iso: string) => TableSpec | undefined,
  ) {}

  prepare(_day: DayNumber, iso: string): void {
    this.spec = this.specOn(iso);
  }

  run(batch: ColumnBatch, rows: Int32Array, n: number, out: Uint8Array): void {
    const spec = this.spec;
    if (!spec) return fill(rows, n, out, 2);
    const column = batch.codes(this.variable);
    const table = column.table(spec.key, spec.outcome);
    const codes = column.codes;
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      out[r] = table[codes[r]! + 1]!;
    }
  }
}

/** A set-valued variable has a member. */
export class HasNode implements BatchNode {
  constructor(
    private readonly variable: string,
    private readonly value: unknown,
  ) {}

  prepare(): void {}

  run(batch: ColumnBatch, rows: Int32Array, n: number, out: Uint8Array): void {
    const { known, words, bits, member } = batch.sets(this.variable);
    const b = member(this.value);
    if (b < 0) {
      for (let k = 0; k < n; k++) {
        const r = rows[k]!;
        out[r] = known[r] === 0 ? 2 : 0;
      }
      return;
    }
    const [word, mask] = [b >> 5, 1 << (b & 31)];
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      out[r] = known[r] === 0 ? 2 : (bits[r * words + word]! & mask) !== 0 ? 1 : 0;
    }
  }
}

/** Where a duration comes from: a date, and the derived variable (person.age) whose stated value wins. */
export interface SinceSource {
  unit: SinceUnit;
  dateKey: string;
  givenKey: string | undefined;
}

/**
 * Whole periods since a date between integer bounds L and U, as codegen.ts compiles it: on the day, periods ≥ L
 * ⇔ date ≤ latestStart(L), periods ≤ U ⇔ date > latestStart(U + 1); a stated value (an age the applicant gave)
 * is compared with L and U directly. "date > t" is "date ≥ the next double after t", so that both are closed
 * intervals.
 */
export class SinceRangeNode implements BatchNode {
  private dated: Interval | undefined;
  private given: Interval | undefined;

  constructor(
    private readonly since: SinceSource,
    private readonly bounds: Bounds,
    private readonly low: (iso: string) => number,
    private readonly high: (iso: string) => number,
  ) {}

  prepare(day: DayNumber, iso: string): void {
    const { unit } = this.since;
    const { lo, hi, negate } = this.bounds;
    let [lower, upper, tLower, tUpper] = [-Infinity, Infinity, Infinity, -Infinity];
    let [datedUnknown, givenUnknown] = [false, false];
    if (lo) {
      const x = this.low(iso);
      lower = lo === 'ceil' ? Math.ceil(x) : Math.floor(x) + 1;
      tLower = x === x ? latestStart(unit, lower, day) : NaN;
      datedUnknown ||= tLower !== tLower;
      givenUnknown ||= lower !== lower;
    }
    if (hi) {
      const x = this.high(iso);
      upper = hi === 'floor' ? Math.floor(x) : Math.ceil(x) - 1;
      tUpper = x === x ? latestStart(unit, upper + 1, day) : NaN;
      datedUnknown ||= tUpper !== tUpper;
      givenUnknown ||= upper !== upper;
    }
    this.dated = datedUnknown ? undefined : { lo: hi ? nextUp(tUpper) : -Infinity, hi: tLower, negate };
    this.given = givenUnknown ? undefined : { lo: lower, hi: upper, negate };
  }

  run(batch: ColumnBatch, rows: Int32Array, n: number, out: Uint8Array): void {
    const dates = batch.numbers(this.since.dateKey);
    const dated = this.dated;
    const [dLo, dHi] = dated ? [dated.lo, dated.hi] : [NaN, NaN];
    const [yes, no] = this.bounds.negate ? [0, 1] : [1, 0];
    if (this.since.givenKey === undefined) {
      if (!dated) return fill(rows, n, out, 2);
      for (let k = 0; k < n; k++) {
        const r = rows[k]!;
        const d = dates[r]!;
        out[r] = d !== d ? 2 : d >= dLo && d <= dHi ? yes : no;
      }
      return;
    }
    const stated = batch.numbers(this.since.givenKey);
    const given = this.given;
    const [gLo, gHi] = given ? [given.lo, given.hi] : [NaN, NaN];
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      const g = stated[r]!;
      if (g === g) out[r] = !given ? 2 : g >= gLo && g <= gHi ? yes : no;
      else {
        const d = dates[r]!;
        out[r] = d !== d || !dated ? 2 : d >= dLo && d <= dHi ? yes : no;
      }
    }
  }
}

/**
 * Whole periods since a date in a list of numbers (person.age in [18, 19, 20]). Periods are whole, so only the
 * whole numbers of the list can match, each on the dates latestStart(v + 1) < date ≤ latestStart(v): the
 * compiled rule's calendar arithmetic per profile becomes a few comparisons per row.
 */
export class SinceMemberNode implements BatchNode {
  private readonly numbers: Float64Array;
  private readonly wholes: number[];
  /** Per whole number of the list, the dates on which the periods equal it: [lo, hi] pairs. */
  private readonly ranges: Float64Array;

  constructor(
    private readonly since: SinceSource,
    values: readonly unknown[],
    private readonly member: boolean,
  ) {
    const numbers = values.filter((v): v is number => typeof v === 'number');
    this.numbers = Float64Array.from(numbers);
    this.wholes = numbers.filter((v) => Number.isInteger(v));
    this.ranges = new Float64Array(this.wholes.length * 2);
  }

  prepare(day: DayNumber): void {
    const unit = this.since.unit;
    this.wholes.forEach((v, i) => {
      this.ranges[2 * i] = nextUp(latestStart(unit, v + 1, day));
      this.ranges[2 * i + 1] = latestStart(unit, v, day);
    });
  }

  run(batch: ColumnBatch, rows: Int32Array, n: number, out: Uint8Array): void {
    const dates = batch.numbers(this.since.dateKey);
    const stated = this.since.givenKey === undefined ? undefined : batch.numbers(this.since.givenKey);
    const { numbers, ranges } = this;
    const [yes, no] = this.member ? [1, 0] : [0, 1];
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      const g = stated ? stated[r]! : NaN;
      let found = false;
      if (g === g) {
        for (let j = 0; j < numbers.length && !found; j++) found = g === numbers[j];
      } else {
        const d = dates[r]!;
        if (d !== d) {
          out[r] = 2;
          continue;
        }
        for (let j = 0; j < ranges.length && !found; j += 2) found = d >= ranges[j]! && d <= ranges[j + 1]!;
      }
      out[r] = found ? yes : no;
    }
  }
}

/**
 * The number of a list's elements that satisfy `where`, compared. The condition runs once over the elements of
 * all the rows at hand, as a batch of its own; the count of each row lies in [sure, sure + maybe] (elements
 * whose fields are missing may or may not match), as `countOutcome` judges it.
 */
export class CountNode implements BatchNode {
  private target = NaN;

  constructor(
    private readonly variable: string,
    private readonly where: BatchNode | undefined,
    private readonly cmp: CmpOp,
    private readonly targetOn: (iso: string) => number,
  ) {}

  prepare(day: DayNumber, iso: string): void {
    this.target = this.targetOn(iso);
    this.where?.prepare(day, iso);
  }

  run(batch: ColumnBatch, rows: Int32Array, n: number, out: Uint8Array): void {
    const { cmp, target } = this;
    if (target !== target) return fill(rows, n, out, 2);
    const { known, offsets, elements } = batch.list(this.variable);
    if (!this.where) {
      for (let k = 0; k < n; k++) {
        const r = rows[k]!;
        const count = offsets[r + 1]! - offsets[r]!;
        out[r] = known[r] === 0 ? 2 : countOutcome(count, count, cmp, target);
      }
      return;
    }
    const scratch = elements.scratch(0);
    const [members, matched] = [scratch.rows, scratch.out];
    let m = 0;
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      for (let e = offsets[r]!, end = offsets[r + 1]!; e < end; e++) members[m++] = e;
    }
    this.where.run(elements, members, m, matched, 1);
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      if (known[r] === 0) {
        out[r] = 2;
        continue;
      }
      let sure = 0;
      let maybe = 0;
      for (let e = offsets[r]!, end = offsets[r + 1]!; e < end; e++) {
        const o = matched[e]!;
        if (o === 1) sure++;
        else if (o === 2) maybe++;
      }
      out[r] = countOutcome(sure, sure + maybe, cmp, target);
    }
  }
}

const BITS = new Float64Array(1);
const WORD = new BigInt64Array(BITS.buffer);

/** The least double greater than x (x itself for NaN and +∞), so that "v > x" is "v ≥ nextUp(x)". */
export function nextUp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  BITS[0] = x;
  WORD[0]! += x > 0 ? 1n : -1n;
  return BITS[0];
}
