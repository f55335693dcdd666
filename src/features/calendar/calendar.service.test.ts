import chineseDays from 'chinese-days';
import { createRequire } from 'node:module';
import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { NOTICE_DAYS, NOTICE_YEARS } from '../../core/calendar/notices.test-support.ts';
import { CalendarGapError, type SpecialDay } from '../../core/calendar/types.ts';
import { DomainError } from '../../core/errors.ts';
import { dayNumber, isoFromDay } from '../../core/rules/dates.ts';
import * as repo from './calendar.repository.ts';
import { CalendarService, CalendarValidationError } from './calendar.service.ts';

/** The package's raw data file, read independently of the query functions the migration uses. */
const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const packageYears = [...new Set(Object.keys(raw.holidays).map((d) => Number(d.slice(0, 4))))].sort();
const isWeekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());
const everyDay = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = dayNumber(from)!; d <= dayNumber(to)!; d++) out.push(isoFromDay(d));
  return out;
};

/** What a rejected promise was rejected with. */
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

/**
 * A made-up 2031 arrangement (no notice exists yet) with the fixed statutory holidays and two runs:
 * 劳动节 05-01 (Thu) … 05-05 (Mon), worked Sunday 04-27; 国庆节 10-01 (Wed) … 10-07 (Tue), worked Saturday 10-11.
 */
const days2031: SpecialDay[] = [
  { day: '2031-01-01', kind: 'holiday', name: '元旦' },
  ...everyDay('2031-05-01', '2031-05-05').map((day): SpecialDay => ({
    day,
    kind: 'holiday',
    name: '劳动节',
  })),
  { day: '2031-04-27', kind: 'workday', name: '劳动节' },
  ...everyDay('2031-10-01', '2031-10-07').map((day): SpecialDay => ({
    day,
    kind: 'holiday',
    name: '国庆节',
  })),
  { day: '2031-10-11', kind: 'workday', name: '国庆节' },
];

forEachBackend('working-day calendar', (backend) => {
  let calendar: CalendarService;

  beforeAll(() => {
    calendar = new CalendarService(backend.handle());
  });

  // The first tests read the seed as the migration left it; later ones edit 2004, 2031 and 2032 only.

  it('seeds every year chinese-days covers, each from the package', async () => {
    expect(packageYears[0]).toBe(2004);
    expect(packageYears).toContain(2026);
    const years = await calendar.years();
    expect(years.map((y) => y.year)).toEqual(packageYears);
    expect(new Set(years.map((y) => y.source))).toEqual(new Set(['chinese-days']));
  });

  it('seeds exactly the package’s days off and its weekend days worked', async () => {
    const stored = await repo.listDays(backend.handle().db);
    expect(stored.filter((d) => d.kind === 'holiday').map((d) => d.day)).toEqual(
      Object.keys(raw.holidays).sort(),
    );
    expect(stored.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual(
      Object.keys(raw.workdays).filter(isWeekend).sort(),
    );
    expect(new Set(stored.map((d) => d.source))).toEqual(new Set(['chinese-days']));
    const y2023 = (await calendar.year(2023))!;
    expect(y2023.days.find((d) => d.day === '2023-09-29')).toMatchObject({ kind: 'holiday', name: '中秋节' });
    expect(y2023.days.find((d) => d.day === '2023-10-07')).toMatchObject({ kind: 'workday', name: '国庆节' });
  });

  it('agrees with the State Council notices for 2023–2025, day by day', async () => {
    const fromNotices = new Map(NOTICE_DAYS.map((d) => [d.day, d.kind]));
    const cal = await calendar.calendar();
    for (const year of NOTICE_YEARS) {
      for (const d of everyDay(`${year}-01-01`, `${year}-12-31`)) {
        const kind = fromNotices.get(d);
        expect(cal.isWorkingDay(d), d).toBe(kind ? kind === 'workday' : !isWeekend(d));
      }
    }
    expect(await calendar.addWorkingDays('2023-09-28', 3)).toBe('2023-10-09');
    expect(await calendar.workingDaysBetween('2024-02-08', '2024-02-21')).toBe(5);
  });

  it('agrees with chinese-days on every day it covers', async () => {
    const cal = await calendar.calendar();
    const from = `${packageYears[0]}-01-01`;
    const to = `${packageYears.at(-1)}-12-31`;
    const disagree = everyDay(from, to).filter((d) => cal.isWorkingDay(d) !== chineseDays.isWorkday(d));
    expect(disagree).toEqual([]);
  });

  it('refuses deadlines that reach a year without an arrangement, naming it', async () => {
    const e = await failure(calendar.addWorkingDays('2026-12-30', 5));
    expect(e).toBeInstanceOf(CalendarGapError);
    expect((e as CalendarGapError).year).toBe(2027);
    expect((e as Error).message).toBe('2027年的节假日安排尚未录入，无法计算工作日期限');
    // Where chinese-days would answer from its blind spot, as if 2027 had no holidays at all:
    expect(chineseDays.isWorkday('2027-01-01')).toBe(true);
    await expect(calendar.isWorkingDay('2027-01-01')).rejects.toThrow('2027年的节假日安排尚未录入');
  });

  it('applies an administrator’s edit at once, and marks the year manual', async () => {
    const other = new CalendarService(backend.handle()); // another process, with its own cache
    expect(await calendar.isWorkingDay('2004-12-31')).toBe(true);
    expect(await other.isWorkingDay('2004-12-31')).toBe(true);

    const year = await calendar.setDay('2004-12-31', 'holiday', ' 临时调整 ', 'admin1');
    expect(year.source).toBe('manual');
    expect(year.updatedBy).toBe('admin1');
    expect(year.days.find((d) => d.day === '2004-12-31')).toMatchObject({
      kind: 'holiday',
      name: '临时调整',
      source: 'manual',
      updatedBy: 'admin1',
    });
    expect(await calendar.isWorkingDay('2004-12-31')).toBe(false);
    expect(await calendar.addWorkingDays('2004-12-29', 2)).toBe('2005-01-04'); // 12-30, then past 1-1..1-3 off
    // Another process keeps its calendar until its max age; one that reloads every time sees the edit.
    expect(await other.isWorkingDay('2004-12-31')).toBe(true);
    expect(await new CalendarService(backend.handle(), { maxAgeMs: 0 }).isWorkingDay('2004-12-31')).toBe(
      false,
    );

    await calendar.setDay('2004-12-31', null, null, 'admin2');
    expect(await calendar.isWorkingDay('2004-12-31')).toBe(true);
    const after = (await calendar.year(2004))!;
    expect(after.days.some((d) => d.day === '2004-12-31')).toBe(false);
    expect(after).toMatchObject({ source: 'manual', updatedBy: 'admin2' });
    // Other years are untouched.
    expect((await calendar.year(2005))!.source).toBe('chinese-days');
  });

  it('refuses an edit that breaks the year, naming the field and the day, and writes nothing', async () => {
    const cases: [() => Promise<unknown>, { field: string; day: string }, RegExp][] = [
      [
        () => calendar.setDay('2023-10-09', 'workday', null, 'a'),
        { field: 'kind', day: '2023-10-09' },
        /星期一/,
      ],
      [
        () => calendar.setDay('2024-10-01', null, null, 'a'),
        { field: 'kind', day: '2024-10-01' },
        /法定节假日（国庆节）/,
      ],
      [
        () => calendar.setDay('2024-05-01', 'workday', null, 'a'),
        { field: 'kind', day: '2024-05-01' },
        /星期三/,
      ],
      [
        () => calendar.setDay('2023-02-30', 'holiday', null, 'a'),
        { field: 'day', day: '2023-02-30' },
        /不是有效日期/,
      ],
      [
        () => calendar.setDay('2040-05-06', 'holiday', null, 'a'),
        { field: 'day', day: '2040-05-06' },
        /2040年.*尚未录入/,
      ],
    ];
    for (const [attempt, where, message] of cases) {
      const e = await failure(attempt());
      expect(e).toBeInstanceOf(CalendarValidationError);
      expect((e as CalendarValidationError).problems[0]).toMatchObject(where);
      expect((e as CalendarValidationError).problems[0]!.message).toMatch(message);
    }
    for (const y of [2023, 2024]) expect((await calendar.year(y))!.source).toBe('chinese-days');
    expect(await calendar.isWorkingDay('2024-10-01')).toBe(false);
  });

  it('adds a year when its notice comes out, usable at once', async () => {
    await expect(calendar.isWorkingDay('2031-05-02')).rejects.toThrow('2031年的节假日安排尚未录入');
    const year = await calendar.addYear(2031, days2031, 'admin1', '（测试）2031年安排');
    expect(year).toMatchObject({
      year: 2031,
      source: 'manual',
      note: '（测试）2031年安排',
      updatedBy: 'admin1',
    });
    expect(year.days).toHaveLength(days2031.length);
    expect(await calendar.isWorkingDay('2031-05-02')).toBe(false);
    expect(await calendar.isWorkingDay('2031-04-27')).toBe(true);
    expect(await calendar.addWorkingDays('2031-04-30', 1)).toBe('2031-05-06');
    // The years in between are still unknown.
    expect(((await failure(calendar.addWorkingDays('2026-12-30', 5))) as CalendarGapError).year).toBe(2027);

    const again = await failure(calendar.addYear(2031, days2031, 'admin2'));
    expect(again).toBeInstanceOf(DomainError);
    expect(again).toMatchObject({ kind: 'conflict', field: 'year' });
    expect((await calendar.year(2031))!.updatedBy).toBe('admin1');
  });

  it('writes nothing of a year with a bad day in the middle of its list', async () => {
    const days = days2031.map((d) => ({ ...d, day: d.day.replace('2031', '2032') }));
    days.splice(5, 0, { day: '2032-02-30', kind: 'holiday', name: '笔误' });
    const e = await failure(calendar.addYear(2032, days, 'admin1'));
    expect(e).toBeInstanceOf(CalendarValidationError);
    const problems = (e as CalendarValidationError).problems;
    expect(problems[0]).toEqual({
      field: 'days[5].day',
      day: '2032-02-30',
      message: '2032-02-30不是有效日期',
    });
    // 2032-04-27 is a Tuesday, so the copied "worked Sunday" is wrong too, and named with its index.
    expect(problems).toContainEqual(expect.objectContaining({ field: 'days[7].kind', day: '2032-04-27' }));
    expect((e as Error).message).toContain('days[5].day：2032-02-30不是有效日期');
    expect(await calendar.year(2032)).toBeNull();
    expect(await repo.listDays(backend.handle().db, 2032)).toEqual([]);
    await expect(calendar.isWorkingDay('2032-01-01')).rejects.toThrow(CalendarGapError);
  });

  it('keeps a day of an uncovered year, or of an unknown kind, out of the tables themselves', async () => {
    const db = backend.handle().db;
    // The foreign key: no special day without its year.
    await expect(
      repo.insertDays(db, [{ day: '2034-01-01', kind: 'holiday' }], 'manual', '2034-01-01T00:00:00Z', 'x'),
    ).rejects.toThrow();
    // The check constraint, inside a transaction: the year row written first goes with the failed day.
    await expect(
      db.transaction().execute(async (trx) => {
        await repo.insertYear(trx, 2035, 'manual', null, '2035-01-01T00:00:00Z', 'x');
        await repo.insertDays(trx, [{ day: '2035-01-01', kind: 'rest' as 'holiday' }], 'manual', 'now', 'x');
      }),
    ).rejects.toThrow();
    expect(await repo.findYear(db, 2035)).toBeNull();
    expect(await repo.listDays(db, 2034)).toEqual([]);
  });
});
