import { describe, expect, it } from 'vitest';
import {
  dueDailyRun,
  formatTimeOfDay,
  latestDailyRun,
  nextDailyRun,
  parseTimeOfDay,
  retryDelayMs,
} from './schedule.ts';
import { todayInChina } from '../rules/dates.ts';

const utc = (s: string) => new Date(s);
const at = (s: string) => parseTimeOfDay(s)!;

describe('daily schedule in Beijing time', () => {
  it('reads and writes HH:MM, refusing what is not a time of day', () => {
    expect(parseTimeOfDay('01:30')).toEqual({ hour: 1, minute: 30 });
    expect(formatTimeOfDay({ hour: 0, minute: 5 })).toBe('00:05');
    for (const bad of ['24:00', '1:30', '01:60', '0130', '']) expect(parseTimeOfDay(bad), bad).toBeNull();
  });

  it('turns the date at midnight Beijing time, which is 16:00 UTC', () => {
    expect(todayInChina(utc('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(todayInChina(utc('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
  });

  it('runs at 01:00 Beijing time on the Beijing day, not the UTC one', () => {
    // 00:30 on 28 Nov in Beijing is still 27 Nov in UTC: the next 01:00 is half an hour away, not a day.
    expect(nextDailyRun(at('01:00'), utc('2026-11-27T16:30:00Z'))).toEqual(utc('2026-11-27T17:00:00Z'));
    // 23:30 on 27 Nov in Beijing (15:30 UTC): the next 01:00 is 28 Nov.
    expect(nextDailyRun(at('01:00'), utc('2026-11-27T15:30:00Z'))).toEqual(utc('2026-11-27T17:00:00Z'));
    // 02:00 on 28 Nov in Beijing: tomorrow's.
    expect(nextDailyRun(at('01:00'), utc('2026-11-27T18:00:00Z'))).toEqual(utc('2026-11-28T17:00:00Z'));
  });

  it('at midnight itself: the next run is strictly after, the latest is at or before', () => {
    const midnight = utc('2026-11-27T16:00:00Z');
    expect(nextDailyRun(at('00:00'), midnight)).toEqual(utc('2026-11-28T16:00:00Z'));
    expect(nextDailyRun(at('00:00'), new Date(midnight.getTime() - 1))).toEqual(midnight);
    expect(latestDailyRun(at('00:00'), midnight)).toEqual(midnight);
    expect(latestDailyRun(at('00:00'), new Date(midnight.getTime() - 1))).toEqual(
      utc('2026-11-26T16:00:00Z'),
    );
  });

  it('crosses month and year ends', () => {
    expect(nextDailyRun(at('23:59'), utc('2026-12-31T16:00:00Z'))).toEqual(utc('2027-01-01T15:59:00Z'));
    expect(todayInChina(nextDailyRun(at('00:10'), utc('2026-12-31T16:05:00Z')))).toBe('2027-01-01');
  });

  it('is not due before its run, and due at it', () => {
    const next = utc('2026-11-27T17:00:00Z');
    expect(dueDailyRun(at('01:00'), next, utc('2026-11-27T16:59:59Z'))).toEqual({ due: false });
    expect(dueDailyRun(at('01:00'), next, next)).toEqual({
      due: true,
      runAt: next,
      nextRunAt: utc('2026-11-28T17:00:00Z'),
    });
  });

  it('after a restart, owes one run for all the days it missed, then waits for the next one', () => {
    // Stopped while waiting for 01:00 on 25 Nov; started again at 10:00 on 28 Nov (Beijing).
    const due = dueDailyRun(at('01:00'), utc('2026-11-24T17:00:00Z'), utc('2026-11-28T02:00:00Z'));
    expect(due).toEqual({
      due: true,
      runAt: utc('2026-11-27T17:00:00Z'),
      nextRunAt: utc('2026-11-28T17:00:00Z'),
    });
    // Once that run is taken, nothing more is due until tomorrow's.
    if (due.due) expect(dueDailyRun(at('01:00'), due.nextRunAt, utc('2026-11-28T02:00:01Z')).due).toBe(false);
  });
});

describe('retry backoff', () => {
  it('doubles from the base delay and stops at the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, 30_000)).toBe(3600_000);
    expect(retryDelayMs(100, 1000, 5000)).toBe(5000);
  });
});
