import type { IsoDate, SinceUnit } from './types.ts';

/**
 * Calendar arithmetic for rules, on day numbers (days since 1970-01-01, proleptic Gregorian) so that the
 * compiled evaluator compares dates as integers.
 *
 * A period of N months ends on the same day of the N-th month, or on that month's last day when it has no
 * such day (民法典 第二百零一条): 2024-02-29 plus one year is 2025-02-28. Completed years (周岁) count a
 * year as done on that day, so someone born on 2000-02-29 is 25 on 2025-02-28.
 *
 * @example
 * dayNumber('1970-01-02') === 1;
 * completedPeriods('years', dayNumber('2000-02-29')!, dayNumber('2025-02-28')!) === 25;
 */
export type DayNumber = number;

/**
 * Parsed dates, remembered: explanations parse the same few dates (the evaluation day, a birth date) for every
 * item they look at. Bounded, and cleared when full.
 */
const PARSED = new Map<string, DayNumber | null>();

/** Day number of an ISO date, or null when the string is not a real calendar date. */
export function dayNumber(iso: string): DayNumber | null {
  const known = PARSED.get(iso);
  if (known !== undefined) return known;
  const n = parseDay(iso);
  if (PARSED.size >= 50_000) PARSED.clear();
  PARSED.set(iso, n);
  return n;
}

function parseDay(iso: string): DayNumber | null {
  if (iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') return null;
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && dayNumber(value) !== null;
}

/** The ISO date of a day number. */
export function isoFromDay(day: DayNumber): IsoDate {
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 2023年5月1日, as dates are written in official text. */
/**
 * The calendar date in China of an instant, as YYYY-MM-DD. China is UTC+8 all year (no daylight saving since
 * 1991), so validity, deadlines and daily jobs turn at midnight Beijing time.
 */
export function todayInChina(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The day before an ISO date: what is repealed on D was last in force on D − 1. */
export function dayBefore(iso: IsoDate): IsoDate {
  const d = dayNumber(iso);
  if (d === null) throw new RangeError(`not an ISO date: ${iso}`);
  return isoFromDay(d - 1);
}

export function chineseDate(iso: IsoDate): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** `day` plus `months` (negative to go back), clamped to the end of the target month. */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const [y, m, d] = civilFromDays(day);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  return daysFromCivil(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** `amount` units after `day` (before, when negative). */
export function addPeriod(day: DayNumber, unit: SinceUnit, amount: number): DayNumber {
  if (unit === 'days') return day + amount;
  return addMonths(day, unit === 'years' ? amount * 12 : amount);
}

/** Whole years, months or days from `from` to `to`: the largest n with from + n units ≤ to (negative if `from` is later). */
export function completedPeriods(unit: SinceUnit, from: DayNumber, to: DayNumber): number {
  if (unit === 'days') return to - from;
  const [fy, fm] = civilFromDays(from);
  const [ty, tm] = civilFromDays(to);
  const perUnit = unit === 'years' ? 12 : 1;
  let n = unit === 'years' ? ty - fy : (ty - fy) * 12 + (tm - fm);
  // The estimate is exact or one too many; month-end clamping never makes it too few.
  while (addMonths(from, n * perUnit) > to) n--;
  return n;
}

/**
 * The latest date `d` with completedPeriods(unit, d, on) ≥ n, so that "at least n years since d on day `on`"
 * becomes "d ≤ latestStart(...)": one integer comparison in the compiled evaluator. completedPeriods is
 * monotone in `d`, so such a latest date exists.
 */
export function latestStart(unit: SinceUnit, n: number, on: DayNumber): DayNumber {
  if (unit === 'days') return on - n;
  const perUnit = unit === 'years' ? 12 : 1;
  let d = addMonths(on, -n * perUnit);
  // Going back clamps to a month end (2025-02-28 minus a year is 2024-02-28), yet 2024-02-29 also qualifies.
  while (addMonths(d + 1, n * perUnit) <= on) d++;
  return d;
}

// Howard Hinnant's days_from_civil and civil_from_days (public domain), exact for any Gregorian date.
function daysFromCivil(y0: number, m: number, d: number): DayNumber {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: DayNumber): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
