import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, isoFromDay } from '../rules/dates.ts';
import { NOTICE_DAYS, NOTICE_YEARS, NOTICES, noticeDays } from './notices.test-support.ts';
import { CalendarGapError } from './types.ts';
import { checkYearDays, WorkingCalendar } from './working-days.ts';

/** 2023, 2024 and 2025 as the State Council's notices set them (see notices.test-support.ts). */
const cal = new WorkingCalendar(NOTICE_DAYS, NOTICE_YEARS);

/** A reference written the slow, obvious way: the notice's lists, else the day of the week from Date. */
const special = new Map(NOTICE_DAYS.map((d) => [d.day, d.kind]));
const naiveWorks = (iso: string) => {
  const kind = special.get(iso);
  if (kind) return kind === 'workday';
  const w = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
};
const plus = (iso: string, days: number) => isoFromDay(dayNumber(iso)! + days);
const everyDay = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = plus(d, 1)) out.push(d);
  return out;
};

const gapYear = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof CalendarGapError) return e.year;
    throw e;
  }
  throw new Error('expected CalendarGapError');
};

describe('official working days', () => {
  it('follows the 2023 notice: 中秋、国庆 9月29日至10月6日放假, 10月7日（星期六）、8日（星期日）上班', () => {
    for (const d of everyDay('2023-09-29', '2023-10-06')) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2023-10-07')).toBe(true);
    expect(cal.isWorkingDay('2023-10-08')).toBe(true);
    expect(cal.isWorkingDay('2023-09-28')).toBe(true);
    expect(cal.isWorkingDay('2023-10-09')).toBe(true);
    // An ordinary weekend afterwards is off again.
    expect(cal.isWorkingDay('2023-10-14')).toBe(false);
  });

  it('follows the 2024 notice: 春节 2月10日至17日放假, 2月4日（星期日）、18日（星期日）上班', () => {
    for (const d of everyDay('2024-02-10', '2024-02-17')) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2024-02-04')).toBe(true);
    expect(cal.isWorkingDay('2024-02-18')).toBe(true);
    // 除夕 (Friday 2024-02-09) is not in the 2024 notice's holiday: an ordinary working day.
    expect(cal.isWorkingDay('2024-02-09')).toBe(true);
  });

  it('follows the 2025 notice: 春节 1月28日至2月4日放假, 1月26日（周日）、2月8日（周六）上班', () => {
    for (const d of everyDay('2025-01-28', '2025-02-04')) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2025-01-26')).toBe(true);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    expect(cal.isWorkingDay('2025-02-05')).toBe(true);
  });

  it('agrees with the obvious day-by-day reading on every day of the three years', () => {
    for (const d of everyDay('2023-01-01', '2025-12-31')) expect(cal.isWorkingDay(d), d).toBe(naiveWorks(d));
  });

  it('adds working days across a holiday: 3 working days from 2023-09-28 end on 2023-10-09', () => {
    // 09-28 (Thu) is the start and is not counted. 09-29 … 10-06 are off (中秋、国庆); 10-07 (Sat) is the 1st
    // working day, 10-08 (Sun) the 2nd, 10-09 (Mon) the 3rd.
    expect(cal.addWorkingDays('2023-09-28', 1)).toBe('2023-10-07');
    expect(cal.addWorkingDays('2023-09-28', 3)).toBe('2023-10-09');
    // 5 working days (a 校车使用许可 step) from Thursday 2024-02-08: 02-09 (Fri) is the 1st, 02-10 … 02-17 are
    // off (春节), 02-18 (Sun) is worked (2nd), then 02-19, 02-20, 02-21 (3rd to 5th).
    expect(cal.addWorkingDays('2024-02-08', 5)).toBe('2024-02-21');
  });

  it('adds working days across a weekend, the start day never counted', () => {
    // Thursday 2023-11-16: Fri 11-17 (1st), weekend off, Mon 11-20 (2nd), Tue 11-21 (3rd).
    expect(cal.addWorkingDays('2023-11-16', 3)).toBe('2023-11-21');
    expect(cal.addWorkingDays('2023-11-17', 1)).toBe('2023-11-20');
    // Starting on a Sunday: the count still starts the day after (民法典第二百零一条).
    expect(cal.addWorkingDays('2023-11-19', 1)).toBe('2023-11-20');
    expect(cal.nextWorkingDay('2023-11-17')).toBe('2023-11-20');
    expect(cal.nextWorkingDay('2023-09-28')).toBe('2023-10-07');
  });

  it('reads n = 0 as the same day, moved past any day off', () => {
    expect(cal.addWorkingDays('2023-10-09', 0)).toBe('2023-10-09');
    expect(cal.addWorkingDays('2023-10-01', 0)).toBe('2023-10-07');
    expect(cal.addWorkingDays('2023-11-18', 0)).toBe('2023-11-20');
  });

  it('refuses negative or fractional counts and dates that do not exist', () => {
    expect(() => cal.addWorkingDays('2023-10-09', -1)).toThrow('工作日数应为非负整数：-1');
    expect(() => cal.addWorkingDays('2023-10-09', 1.5)).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2023-02-29')).toThrow('不是有效日期：2023-02-29');
  });

  it('counts working days that have passed, for "overdue by N working days"', () => {
    expect(cal.workingDaysBetween('2023-09-28', '2023-10-09')).toBe(3);
    expect(cal.workingDaysBetween('2023-10-09', '2023-09-28')).toBe(-3);
    expect(cal.workingDaysBetween('2023-09-28', '2023-10-06')).toBe(0);
    expect(cal.workingDaysBetween('2023-09-28', '2023-09-28')).toBe(0);
    // A document issued on Monday 2023-09-25 must be online within 7 working days: 09-26, 09-27, 09-28, then
    // (after the holiday) 10-07, 10-08, 10-09, 10-10. On Friday 10-13 the item is 3 working days overdue.
    const deadline = cal.addWorkingDays('2023-09-25', 7);
    expect(deadline).toBe('2023-10-10');
    expect(cal.workingDaysBetween(deadline, '2023-10-13')).toBe(3);
  });

  it('refuses any year without an arrangement, naming it', () => {
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow(CalendarGapError);
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow('2027年的节假日安排尚未录入，无法计算工作日期限');
    expect(gapYear(() => cal.isWorkingDay('2022-12-30'))).toBe(2022);
    // The last covered day is fine; one day further is not.
    expect(cal.addWorkingDays('2025-12-29', 2)).toBe('2025-12-31');
    expect(gapYear(() => cal.addWorkingDays('2025-12-29', 3))).toBe(2026);
    expect(gapYear(() => cal.nextWorkingDay('2025-12-31'))).toBe(2026);
    expect(cal.addWorkingDays('2025-12-31', 0)).toBe('2025-12-31');
    expect(gapYear(() => cal.workingDaysBetween('2025-12-01', '2027-01-10'))).toBe(2026);
    expect(gapYear(() => cal.workingDaysBetween('2027-01-10', '2025-12-01'))).toBe(2026);
    // A hole in the middle is named too.
    const holed = new WorkingCalendar([...noticeDays(NOTICES[0]!), ...noticeDays(NOTICES[2]!)], [2023, 2025]);
    expect(gapYear(() => holed.addWorkingDays('2023-12-28', 3))).toBe(2024);
    expect(holed.addWorkingDays('2023-12-28', 1)).toBe('2023-12-29');
    // Saturday 2023-12-30 with n = 0 must look into 2024 for the next working day.
    expect(gapYear(() => holed.addWorkingDays('2023-12-30', 0))).toBe(2024);
    expect(gapYear(() => new WorkingCalendar([], []).addWorkingDays('2023-10-09', 1))).toBe(2023);
  });

  it('takes no special day outside its years, and none twice', () => {
    expect(() => new WorkingCalendar([{ day: '2026-01-01', kind: 'holiday' }], [2025])).toThrow(
      '2026-01-01所在年份未录入节假日安排',
    );
    const d = { day: '2025-01-01', kind: 'holiday' } as const;
    expect(() => new WorkingCalendar([d, d], [2025])).toThrow('2025-01-01重复出现');
  });

  const days = (from: string, to: string) =>
    fc.integer({ min: dayNumber(from)!, max: dayNumber(to)! }).map((n) => isoFromDay(n));
  // The start day itself is never looked at for n ≥ 1, so a start on the last day of 2022 is fine.
  const inRange = days('2022-12-31', '2025-10-31');

  it('lands n ≥ 1 working days later on a working day, with exactly n working days passed', () => {
    fc.assert(
      fc.property(inRange, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = cal.addWorkingDays(d, n);
        expect(cal.isWorkingDay(r)).toBe(true);
        expect(cal.workingDaysBetween(d, r)).toBe(n);
        // … and not a day earlier.
        expect(cal.workingDaysBetween(d, plus(r, -1))).toBe(n - 1);
      }),
    );
  });

  it('lands n = 0 on the first working day on or after the start', () => {
    fc.assert(
      fc.property(days('2023-01-01', '2025-12-24'), (d) => {
        const r = cal.addWorkingDays(d, 0);
        expect(cal.isWorkingDay(r)).toBe(true);
        expect(r >= d).toBe(true);
        expect(cal.workingDaysBetween(d, r)).toBe(naiveWorks(d) ? 0 : 1);
      }),
    );
  });

  it('counts between any two days as the day-by-day reading does', () => {
    fc.assert(
      fc.property(inRange, inRange, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const naive = everyDay(plus(lo, 1), hi).filter(naiveWorks).length;
        expect(cal.workingDaysBetween(a, b)).toBe(a <= b ? naive : -naive);
      }),
      { numRuns: 200 },
    );
  });
});

describe('checking an arrangement an administrator enters', () => {
  it('accepts each notice as typed in', () => {
    for (const n of NOTICES) expect(checkYearDays(n.year, noticeDays(n)), n.title).toEqual([]);
  });

  it('names the field and the day of each problem', () => {
    const base = noticeDays(NOTICES[0]!);
    const problems = checkYearDays(2023, [
      base[0]!,
      { day: '2023-02-30', kind: 'holiday' },
      { day: '2024-01-01', kind: 'holiday' },
      { day: base[0]!.day, kind: 'holiday' },
      { day: '2023-10-09', kind: 'workday' },
      ...base.slice(1),
    ]);
    expect(problems).toEqual([
      { field: 'days[1].day', day: '2023-02-30', message: '2023-02-30不是有效日期' },
      { field: 'days[2].day', day: '2024-01-01', message: '2024-01-01不在2023年内' },
      { field: 'days[3].day', day: '2023-01-01', message: '2023-01-01与days[0]重复' },
      { field: 'days[4].kind', day: '2023-10-09', message: '2023-10-09是星期一，调休上班日只能是周六或周日' },
    ]);
  });

  it('refuses a year without its fixed statutory holidays, such as an empty one', () => {
    expect(checkYearDays(2027, []).map((p) => p.day)).toEqual([
      '2027-01-01',
      '2027-05-01',
      '2027-05-02',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    const without = noticeDays(NOTICES[0]!).filter((d) => d.day !== '2023-10-02');
    expect(checkYearDays(2023, without)).toEqual([
      { field: 'days', day: '2023-10-02', message: '2023-10-02是法定节假日（国庆节），应列为放假' },
    ]);
  });
});
