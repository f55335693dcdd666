import { addPeriod, chineseDate, dayNumber, isoFromDay } from './dates.ts';
import type { Explanation } from './evaluate.ts';
import { describeOperand, type OperandInfo } from './operands.ts';
import { phrasesFor, renderRequirement } from './render.ts';
import type { CmpOp, Rule, Value } from './types.ts';
import type { Catalogue } from './variables.ts';

/**
 * How close a failing condition came: "差一点：从业人员需≥20人，当前为8人", "差一点：驾驶经历需满3年，当前为2年
 * （2026年3月1日起满足）". Only numeric, date and duration comparisons, and counts that need more of
 * something, have a gap: a record of 醉酒驾驶 or a wrong licence class is not "nearly" met.
 *
 * @example
 * const { misses, onlyNearMisses, summary } = nearMisses(evaluate(rule, profile, options));
 */
export interface NearMiss {
  path: string;
  /** The condition in Chinese. */
  text: string;
  variable: string;
  label: string;
  /** The requirement without unit, e.g. "≥20". */
  required: string;
  current: number | string;
  /** How far off, in the variable's unit (days for dates). */
  gap: number;
  /** gap divided by the threshold (dates: gap in years), to rank misses. */
  relativeGap: number;
  unit?: string;
  /** For durations that grow with time: the date from which the condition holds. */
  metOn?: string;
  message: string;
}

export interface NearMissContext {
  catalogue: Catalogue;
  resolve: (value: Value) => number | string | boolean | undefined;
  asOfDay: number;
  path: string;
  text: string;
  /** The day a duration counts from, when the operand is one. */
  sinceStart: number | undefined;
}

const NEGATED: Record<CmpOp, CmpOp> = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

/**
 * The gap of a leaf that fails in its context: notMet where it should be met, or met under `none` (then the
 * comparison to reach is the negation).
 */
export function leafNearMiss(
  rule: Rule,
  positive: boolean,
  current: number | string,
  ctx: NearMissContext,
): NearMiss | undefined {
  if (rule.op === 'count') {
    const cmp = positive ? rule.cmp : NEGATED[rule.cmp];
    const t = ctx.resolve(rule.right);
    const def = ctx.catalogue.get(rule.list);
    if ((cmp !== '>=' && cmp !== '>') || typeof t !== 'number' || typeof current !== 'number' || !def) return;
    const unit = def.itemNoun === '记录' ? '条' : '个';
    const info: OperandInfo = { variable: rule.list, def, type: 'integer', label: def.label };
    return build(info, cmp, t, current, ctx, unit);
  }
  if (rule.op !== 'cmp' && rule.op !== 'between') return;
  const info = describeOperand(rule.left, ctx.catalogue);
  if (!info || (info.type !== 'number' && info.type !== 'integer' && info.type !== 'date')) return;
  if (rule.op === 'cmp') {
    const t = ctx.resolve(rule.right);
    if (t === undefined || typeof t === 'boolean') return;
    return build(info, positive ? rule.cmp : NEGATED[rule.cmp], t, current, ctx, info.unit);
  }
  // Leaving a range is not a near miss; falling short of one is, towards the nearer end.
  if (!positive) return;
  const [min, max] = [ctx.resolve(rule.min), ctx.resolve(rule.max)];
  if (min !== undefined && typeof min !== 'boolean' && current < min)
    return build(info, '>=', min, current, ctx, info.unit);
  if (max !== undefined && typeof max !== 'boolean' && current > max)
    return build(info, '<=', max, current, ctx, info.unit);
  return;
}

function build(
  info: OperandInfo,
  cmp: CmpOp,
  threshold: number | string,
  current: number | string,
  ctx: NearMissContext,
  unit: string | undefined,
): NearMiss | undefined {
  if (cmp === '!=') return;
  const isDate = info.type === 'date';
  const [t, c] = isDate
    ? [dayNumber(threshold as string), dayNumber(current as string)]
    : [threshold as number, current as number];
  if (t === null || c === null || typeof t !== 'number' || typeof c !== 'number') return;
  // The smallest change that meets the comparison; integers and days move in whole steps.
  const whole = info.type !== 'number';
  const gapFor: Record<Exclude<CmpOp, '!='>, number> = {
    '>=': t - c,
    '>': t - c + (whole ? 1 : 0),
    '<=': c - t,
    '<': c - t + (whole ? 1 : 0),
    '=': Math.abs(t - c),
  };
  const gap = gapFor[cmp];
  if (!(gap > 0)) return;
  // A duration only grows: someone too old, or licensed too long ago, never comes closer by waiting.
  const grows = info.since !== undefined || info.def.derived?.kind === 'since';
  if (grows && (cmp === '<' || cmp === '<=' || (cmp === '=' && c > t))) return;
  const relativeGap = isDate ? gap / 365 : t === 0 ? gap : gap / Math.abs(t);
  const shownUnit = unit ?? '';
  const required = renderRequirement(cmp, String(threshold));
  const phrases = phrasesFor(info);
  let message: string;
  let metOn: string | undefined;
  if (isDate) {
    message = `差一点：${info.label}需${phrases[cmp]}${chineseDate(threshold as string)}，当前为${chineseDate(current as string)}（相差${gap}天）`;
  } else if (phrases['>='] === '满') {
    message = `差一点：${info.label}需${phrases[cmp]}${threshold}${shownUnit}，当前为${current}${shownUnit}`;
    const unitOfTime = info.since ?? (info.def.derived?.kind === 'since' ? info.def.derived.unit : undefined);
    if (ctx.sinceStart !== undefined && unitOfTime && (cmp === '>=' || cmp === '>')) {
      const needed = cmp === '>=' ? Math.ceil(t) : Math.floor(t) + 1;
      const day = addPeriod(ctx.sinceStart, unitOfTime, needed);
      if (day > ctx.asOfDay) {
        metOn = isoFromDay(day);
        message += `（${chineseDate(metOn)}起满足）`;
      }
    }
  } else {
    message = `差一点：${info.label}需${required}${shownUnit}，当前为${current}${shownUnit}`;
  }
  const miss: NearMiss = {
    path: ctx.path,
    text: ctx.text,
    variable: info.variable,
    label: info.label,
    required,
    current,
    gap,
    relativeGap,
    message,
  };
  if (unit !== undefined) miss.unit = unit;
  if (metOn !== undefined) miss.metOn = metOn;
  return miss;
}

export interface NearMissReport {
  /** Failing conditions that have a gap, smallest relative gap first. */
  misses: NearMiss[];
  /** Failing conditions without a gap (a disqualifying record, a wrong enum value, …). */
  blocking: Array<Pick<Explanation, 'path' | 'text' | 'cite'>>;
  /** The rule is not met, and closing the listed gaps alone would meet it. */
  onlyNearMisses: boolean;
  /** One Chinese sentence for the applicant, or "" when there is nothing near. */
  summary: string;
}

/**
 * Walks an explanation down to the conditions that make it fail. Under `all`, each failing child must be
 * fixed; under `any`, one is enough; under `none`, each child that is met must stop being met.
 */
export function nearMisses(explanation: Explanation): NearMissReport {
  const found = failing(explanation, true);
  const onlyNearMisses = explanation.outcome === 'notMet' && found !== null && found.nearly;
  const misses = (found?.misses ?? []).sort((a, b) => a.relativeGap - b.relativeGap);
  const blocking = onlyNearMisses ? [] : (found?.blocking ?? []);
  const summary = onlyNearMisses
    ? `只差以下条件：${misses.map((m) => m.message.replace(/^差一点：/, '')).join('；')}`
    : misses.length > 0
      ? `未满足的条件中，以下差距较小：${misses.map((m) => m.message.replace(/^差一点：/, '')).join('；')}`
      : '';
  return { misses, blocking, onlyNearMisses, summary };
}

interface Failing {
  /** Closing near misses alone would fix this node. */
  nearly: boolean;
  misses: NearMiss[];
  blocking: Array<Pick<Explanation, 'path' | 'text' | 'cite'>>;
}

function failing(node: Explanation, positive: boolean): Failing | null {
  const fails = positive ? node.outcome === 'notMet' : node.outcome === 'met';
  if (!fails) return null;
  if (!node.children) {
    if (node.nearMiss) return { nearly: true, misses: [node.nearMiss], blocking: [] };
    const blocking: Pick<Explanation, 'path' | 'text' | 'cite'> = { path: node.path, text: node.text };
    if (node.cite) blocking.cite = node.cite;
    return { nearly: false, misses: [], blocking: [blocking] };
  }
  const op = node.op === 'any' || node.op === 'none' ? node.op : 'all';
  // Which children must change, with which polarity, and whether all of them or one of them.
  const childPositive = op === 'none' ? !positive : positive;
  const needsEvery = positive ? op !== 'any' : op === 'any';
  const parts = node.children.map((c) => failing(c, childPositive)).filter((f): f is Failing => f !== null);
  if (parts.length === 0) return null;
  if (needsEvery)
    return {
      nearly: parts.every((p) => p.nearly),
      misses: parts.flatMap((p) => p.misses),
      blocking: parts.flatMap((p) => p.blocking),
    };
  const near = parts.filter((p) => p.nearly);
  return near.length > 0
    ? { nearly: true, misses: near.flatMap((p) => p.misses), blocking: [] }
    : { nearly: false, misses: parts.flatMap((p) => p.misses), blocking: parts.flatMap((p) => p.blocking) };
}
