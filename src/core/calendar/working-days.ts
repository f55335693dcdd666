import { dayNumber, isoFromDay, type DayNumber } from '../rules/dates.ts';
import type { IsoDate } from '../rules/types.ts';
import { CalendarGapError, type CalendarProblem, type SpecialDay } from './types.ts';

/**
 * Working days (工作日) on the official calendar, for the deadlines of 行政许可 and of putting policy items online.
 *
 * Counting convention. 《中华人民共和国行政许可法》第八十二条: 期限以工作日计算，不含法定节假日. The day a period
 * starts on is not counted; counting starts the next day (《中华人民共和国民法典》第二百零一条：开始的当日不计入，
 * 自下一日开始计算). So "N个工作日" from day S ends on the N-th working day strictly after S, whether S itself is a
 * working day or not, and the deadline is that whole day. `n = 0` (当日办结) means S itself when S is a working
 * day, else the first working day after it: a deadline never falls on a day off (民法典第二百零三条：期间的最后一日
 * 是法定休假日的，以法定休假日结束的次日为期间的最后一日).
 *
 * A year is either covered (its notice has been entered) or not; any computation that has to look at a day of
 * an uncovered year throws CalendarGapError naming that year, rather than assuming weekdays work.
 *
 * @example
 * const cal = new WorkingCalendar(days2023, [2023]);
 * cal.addWorkingDays('2023-09-28', 3); // '2023-10-09': 10-07 (Sat) and 10-08 (Sun) are worked, 09-29..10-06 off
 * cal.workingDaysBetween('2023-09-28', '2023-10-09'); // 3
 * cal.isWorkingDay('2027-01-04'); // throws CalendarGapError: 2027年的节假日安排尚未录入…
 */
export class WorkingCalendar {
  /** The covered years, ascending. */
  readonly years: readonly number[];
  private readonly covered: ReadonlySet<number>;
  private readonly special = new Map<DayNumber, SpecialDay>();
  /** 1 January of the first covered year and 31 December of the last: the span `counts` describes. */
  private readonly first: DayNumber;
  private readonly last: DayNumber;
  /**
   * counts[i] = working days in [first, first + i). Working days in (a, b] are then one subtraction, and the
   * N-th working day after a is a binary search. Days of an uncovered year inside the span count as off; every
   * query checks coverage before it trusts them.
   */
  private readonly counts: Int32Array;

  constructor(days: readonly SpecialDay[], years: Iterable<number>) {
    this.years = [...new Set(years)].sort((a, b) => a - b);
    for (const y of this.years) {
      if (!Number.isInteger(y) || y < 1900 || y > 2199) throw new RangeError(`年份不正确：${y}`);
    }
    this.covered = new Set(this.years);
    for (const d of days) {
      const n = dayNumber(d.day);
      if (n === null) throw new RangeError(`不是有效日期：${d.day}`);
      if (!this.covered.has(yearOf(n))) throw new RangeError(`${d.day}所在年份未录入节假日安排`);
      if (this.special.has(n)) throw new RangeError(`${d.day}重复出现`);
      this.special.set(n, d);
    }
    if (this.years.length === 0) {
      this.first = 0;
      this.last = -1;
      this.counts = new Int32Array(1);
      return;
    }
    this.first = dayNumber(`${this.years[0]}-01-01`)!;
    this.last = dayNumber(`${this.years.at(-1)}-12-31`)!;
    this.counts = new Int32Array(this.last - this.first + 2);
    for (let y = this.years[0]!; y <= this.years.at(-1)!; y++) {
      const covered = this.covered.has(y);
      for (let d = dayNumber(`${y}-01-01`)!, end = dayNumber(`${y}-12-31`)!; d <= end; d++) {
        const i = d - this.first;
        this.counts[i + 1] = this.counts[i]! + (covered && this.works(d) ? 1 : 0);
      }
    }
  }

  /** Whether a year's arrangement is known. */
  covers(year: number): boolean {
    return this.covered.has(year);
  }

  /** The entry for a day that is not an ordinary weekday or weekend day, if any (no coverage check). */
  specialDay(day: IsoDate): SpecialDay | undefined {
    return this.special.get(parse(day));
  }

  isWorkingDay(day: IsoDate): boolean {
    const d = parse(day);
    this.ensureCovered(d, d);
    return this.works(d);
  }

  /**
   * The deadline of "n个工作日" starting on `start`: the n-th working day after it (see the module comment for the
   * convention and for n = 0). `n` must be a non-negative integer.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数应为非负整数：${n}`);
    const s = parse(start);
    return isoFromDay(n === 0 ? this.nth(s - 1, 1) : this.nth(s, n));
  }

  /** The first working day strictly after `day`. */
  nextWorkingDay(day: IsoDate): IsoDate {
    return isoFromDay(this.nth(parse(day), 1));
  }

  /**
   * How many working days have passed from `from` to `to`: the working days in (from, to], so that
   * workingDaysBetween(s, addWorkingDays(s, n)) === n for n ≥ 1, and a deadline D is overdue on day T by
   * workingDaysBetween(D, T) working days. Negative when `to` is before `from`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = parse(from);
    const b = parse(to);
    if (a === b) return 0;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    this.ensureCovered(lo + 1, hi);
    const n = this.through(hi) - this.through(lo);
    return a < b ? n : -n;
  }

  /** Working day or not, from the special days and the day of the week (coverage not checked). */
  private works(d: DayNumber): boolean {
    const s = this.special.get(d);
    if (s) return s.kind === 'workday';
    const w = weekday(d);
    return w !== 0 && w !== 6;
  }

  /** Working days in [first, d], clamped to the span. */
  private through(d: DayNumber): number {
    const i = Math.min(Math.max(d - this.first + 1, 0), this.counts.length - 1);
    return this.counts[i]!;
  }

  /** The n-th (n ≥ 1) working day strictly after `after`. */
  private nth(after: DayNumber, n: number): DayNumber {
    const target = this.through(after) + n;
    if (after >= this.last || target > this.counts[this.counts.length - 1]!) {
      // The answer lies past the last covered year: name the first year we cannot see into.
      this.ensureCovered(after + 1, Math.max(after + 1, this.last + 1));
    }
    // Smallest d in (after, last] with through(d) ≥ target; through is non-decreasing.
    let lo = Math.max(after + 1, this.first);
    let hi = this.last;
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.through(mid) >= target) hi = mid;
      else lo = mid + 1;
    }
    this.ensureCovered(after + 1, lo);
    return lo;
  }

  /** Throws CalendarGapError for the first uncovered year among the days [from, to]. */
  private ensureCovered(from: DayNumber, to: DayNumber): void {
    for (let y = yearOf(from), end = yearOf(to); y <= end; y++) {
      if (!this.covered.has(y)) throw new CalendarGapError(y);
    }
  }
}

/**
 * Checks one year's arrangement as an administrator enters it, naming the field and the day of each problem:
 * real dates in that year, no day twice, 调休上班 only on a Saturday or Sunday (a weekday already works), and the
 * statutory holidays with fixed dates present. The last check catches a year entered empty or half-typed, which
 * would otherwise quietly make every weekday a working day, the very trap this calendar exists to avoid.
 *
 * @param fieldOf how to name the entry at an index (default `days[i]`), for callers whose input is shaped otherwise
 */
export function checkYearDays(
  year: number,
  days: readonly SpecialDay[],
  fieldOf: (index: number) => string = (i) => `days[${i}]`,
): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const seen = new Map<string, number>();
  days.forEach((d, i) => {
    const n = dayNumber(d.day);
    if (n === null) {
      problems.push({ field: `${fieldOf(i)}.day`, day: d.day, message: `${d.day}不是有效日期` });
      return;
    }
    if (yearOf(n) !== year) {
      problems.push({ field: `${fieldOf(i)}.day`, day: d.day, message: `${d.day}不在${year}年内` });
      return;
    }
    const before = seen.get(d.day);
    if (before !== undefined) {
      problems.push({ field: `${fieldOf(i)}.day`, day: d.day, message: `${d.day}与${fieldOf(before)}重复` });
      return;
    }
    seen.set(d.day, i);
    const w = weekday(n);
    if (d.kind === 'workday' && w !== 0 && w !== 6) {
      problems.push({
        field: `${fieldOf(i)}.kind`,
        day: d.day,
        message: `${d.day}是星期${WEEKDAY_NAMES[w]}，调休上班日只能是周六或周日`,
      });
    }
  });
  for (const [monthDay, festival] of fixedHolidays(year)) {
    const day = `${year}-${monthDay}`;
    const i = seen.get(day);
    if (i === undefined || days[i]!.kind !== 'holiday') {
      problems.push({
        field: i === undefined ? 'days' : `${fieldOf(i)}.kind`,
        day,
        message: `${day}是法定节假日（${festival}），应列为放假`,
      });
    }
  }
  return problems;
}

/**
 * The statutory holidays with fixed solar dates (《全国年节及纪念日放假办法》第二条): 元旦 1月1日, 劳动节 5月1日
 * (and 5月2日 since the 2024 revision took effect on 2025-01-01), 国庆节 10月1日至3日. They are days off even when
 * they fall on a weekend (the lost day is made up on a weekday), so every year's list has them.
 */
function fixedHolidays(year: number): [string, string][] {
  const days: [string, string][] = [
    ['01-01', '元旦'],
    ['05-01', '劳动节'],
    ['10-01', '国庆节'],
    ['10-02', '国庆节'],
    ['10-03', '国庆节'],
  ];
  if (year >= 2025) days.splice(2, 0, ['05-02', '劳动节']);
  return days;
}

const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'] as const;

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekday(d: DayNumber): number {
  return (((d + 4) % 7) + 7) % 7;
}

function yearOf(d: DayNumber): number {
  return Number(isoFromDay(d).slice(0, 4));
}

function parse(iso: IsoDate): DayNumber {
  const n = dayNumber(iso);
  if (n === null) throw new RangeError(`不是有效日期：${iso}`);
  return n;
}
