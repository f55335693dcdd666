import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addPeriod,
  chineseDate,
  completedPeriods,
  dayNumber,
  isoFromDay,
  latestStart,
} from './dates.ts';
import type { SinceUnit } from './types.ts';

const day = (iso: string) => dayNumber(iso)!;

describe('rule calendar', () => {
  it('reads only real calendar dates', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-02-29')).toBe(19782);
    expect(dayNumber('2023-02-29')).toBeNull();
    expect(dayNumber('2023-13-01')).toBeNull();
    expect(dayNumber('2023-1-01')).toBeNull();
    expect(dayNumber('２０２３-01-01')).toBeNull();
    expect(isoFromDay(-1)).toBe('1969-12-31');
    expect(chineseDate('2023-05-01')).toBe('2023年5月1日');
  });

  it('round-trips every day number through ISO', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40000, max: 40000 }), (n) => {
        expect(dayNumber(isoFromDay(n))).toBe(n);
      }),
    );
  });

  it('ends a month-period on the last day of a shorter month (民法典 第二百零一条)', () => {
    expect(isoFromDay(addMonths(day('2025-01-31'), 1))).toBe('2025-02-28');
    expect(isoFromDay(addMonths(day('2024-02-29'), 12))).toBe('2025-02-28');
    expect(isoFromDay(addMonths(day('2025-03-31'), -1))).toBe('2025-02-28');
    expect(isoFromDay(addPeriod(day('2025-03-01'), 'days', -1))).toBe('2025-02-28');
  });

  it('counts completed years as 周岁, the leap-day birthday falling on 28 February', () => {
    expect(completedPeriods('years', day('2000-06-01'), day('2025-05-31'))).toBe(24);
    expect(completedPeriods('years', day('2000-06-01'), day('2025-06-01'))).toBe(25);
    expect(completedPeriods('years', day('2000-02-29'), day('2025-02-28'))).toBe(25);
    expect(completedPeriods('years', day('2000-02-29'), day('2025-02-27'))).toBe(24);
    expect(completedPeriods('months', day('2025-01-31'), day('2025-02-28'))).toBe(1);
    expect(completedPeriods('years', day('2030-01-01'), day('2025-01-01'))).toBe(-5);
    expect(completedPeriods('days', day('2025-01-01'), day('2025-03-01'))).toBe(59);
  });

  it('gives the latest start date that has n whole periods by a day, for every unit', () => {
    const tricky = fc.oneof(
      fc.integer({ min: day('1950-01-01'), max: day('2040-12-31') }),
      fc
        .tuple(
          fc.integer({ min: 1950, max: 2040 }),
          fc.constantFrom('02-28', '02-29', '03-31', '01-31', '12-31'),
        )
        .map(([y, md]) => dayNumber(`${y}-${md}`))
        .filter((d): d is number => d !== null),
    );
    fc.assert(
      fc.property(
        fc.constantFrom<SinceUnit>('years', 'months', 'days'),
        fc.integer({ min: -30, max: 80 }),
        tricky,
        fc.integer({ min: -3, max: 3 }),
        (unit, n, on, delta) => {
          const t = latestStart(unit, n, on);
          expect(completedPeriods(unit, t, on)).toBeGreaterThanOrEqual(n);
          expect(completedPeriods(unit, t + 1, on)).toBeLessThan(n);
          const d = t + delta;
          expect(completedPeriods(unit, d, on) >= n).toBe(d <= t);
        },
      ),
      { numRuns: 2000 },
    );
    // Born on 29 February 2000: 25 on 28 February 2025, so that day is the latest 25-year birth date.
    expect(isoFromDay(latestStart('years', 25, day('2025-02-28')))).toBe('2000-02-29');
  });
});
