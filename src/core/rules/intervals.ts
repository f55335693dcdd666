import { dayNumber } from './dates.ts';
import { describeOperand, isParam, quantityKey, type OperandInfo } from './operands.ts';
import type { CmpOp, Literal, Rule } from './types.ts';
import type { Catalogue } from './variables.ts';

/**
 * Interval reasoning for the checker: a comparison that no value in the variable's range can meet
 * (employees < 0), and bounds on one quantity inside an `all` that exclude each other (age ≥ 60 and age < 25).
 * Integers, dates and whole-period counts are tightened to integer bounds, so "> 5 and < 6" is empty for them.
 * In one dimension, intervals that meet pairwise meet all together (Helly), so checking pairs is enough.
 *
 * @example impossibleAlone({ type: 'integer', min: 0 }, '<', 0) === true
 */
interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

const ALL: Interval = { lo: -Infinity, loOpen: false, hi: Infinity, hiOpen: false };

function fromComparison(cmp: CmpOp, v: number): Interval | null {
  switch (cmp) {
    case '=':
      return { lo: v, loOpen: false, hi: v, hiOpen: false };
    case '>=':
      return { ...ALL, lo: v };
    case '>':
      return { ...ALL, lo: v, loOpen: true };
    case '<=':
      return { ...ALL, hi: v };
    case '<':
      return { ...ALL, hi: v, hiOpen: true };
    case '!=':
      return null;
  }
}

function intersect(a: Interval, b: Interval): Interval {
  const lo = a.lo > b.lo ? a : a.lo < b.lo ? b : { lo: a.lo, loOpen: a.loOpen || b.loOpen };
  const hi = a.hi < b.hi ? a : a.hi > b.hi ? b : { hi: a.hi, hiOpen: a.hiOpen || b.hiOpen };
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen };
}

function isEmpty(iv: Interval, integer: boolean): boolean {
  if (integer) {
    const lo = iv.loOpen ? Math.floor(iv.lo) + 1 : Math.ceil(iv.lo);
    const hi = iv.hiOpen ? Math.ceil(iv.hi) - 1 : Math.floor(iv.hi);
    return lo > hi;
  }
  return iv.lo > iv.hi || (iv.lo === iv.hi && (iv.loOpen || iv.hiOpen));
}

function domain(info: Pick<OperandInfo, 'min' | 'max'>): Interval {
  return { lo: info.min ?? -Infinity, loOpen: false, hi: info.max ?? Infinity, hiOpen: false };
}

/** Whether `operand cmp value` is false for every value the variable can take. */
export function impossibleAlone(
  info: Pick<OperandInfo, 'type' | 'min' | 'max'>,
  cmp: CmpOp,
  value: number,
): boolean {
  const iv = fromComparison(cmp, value);
  return iv !== null && isEmpty(intersect(iv, domain(info)), info.type === 'integer');
}

/** Pairs of indexes of children of an `all` whose bounds on the same quantity cannot hold together. */
export function findContradictions(children: readonly Rule[], catalogue: Catalogue): Array<[number, number]> {
  const byKey = new Map<string, Array<{ index: number; iv: Interval; integer: boolean }>>();
  children.forEach((child, index) => {
    const bound = boundOf(child, catalogue);
    if (!bound) return;
    const list = byKey.get(bound.key) ?? [];
    list.push({ index, iv: bound.iv, integer: bound.integer });
    byKey.set(bound.key, list);
  });
  const out: Array<[number, number]> = [];
  for (const list of byKey.values())
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        if (
          !isEmpty(a.iv, a.integer) &&
          !isEmpty(b.iv, b.integer) &&
          isEmpty(intersect(a.iv, b.iv), a.integer)
        )
          out.push([a.index, b.index]);
      }
  return out;
}

function boundOf(rule: Rule, catalogue: Catalogue): { key: string; iv: Interval; integer: boolean } | null {
  if (rule.op !== 'cmp' && rule.op !== 'between') return null;
  const info = describeOperand(rule.left, catalogue);
  if (!info || (info.type !== 'number' && info.type !== 'integer' && info.type !== 'date')) return null;
  const num = (v: unknown): number | null => {
    if (isParam(v as Literal)) return null;
    if (info.type === 'date') return typeof v === 'string' ? dayNumber(v) : null;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  let iv: Interval | null;
  if (rule.op === 'cmp') {
    const v = num(rule.right);
    iv = v === null ? null : fromComparison(rule.cmp, v);
  } else {
    const [lo, hi] = [num(rule.min), num(rule.max)];
    iv = lo === null || hi === null ? null : { lo, loOpen: false, hi, hiOpen: false };
  }
  if (!iv) return null;
  return { key: quantityKey(rule.left, catalogue), iv, integer: info.type !== 'number' };
}
