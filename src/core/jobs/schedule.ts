/**
 * When durable jobs run: a daily schedule at a time of day in Beijing time, and the wait before a failed job is
 * tried again. Pure: instants in, instants out.
 *
 * Asia/Shanghai is UTC+8 all year (China has not observed daylight saving time since 1991), so a Beijing time of
 * day is a fixed UTC instant and needs no time-zone database.
 *
 * @example
 * const at = parseTimeOfDay('01:30'); // { hour: 1, minute: 30 }
 * nextDailyRun(at, new Date('2026-11-27T17:00:00Z')); // 2026-11-27T17:30:00Z (01:30 on 28 Nov in Beijing)
 * todayInChina(new Date('2026-11-27T17:30:00Z')); // '2026-11-28' (src/core/rules/dates.ts)
 */

export interface TimeOfDay {
  hour: number;
  minute: number;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** 'HH:MM' (24-hour) as a time of day, or null when it is not one. */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

export function formatTimeOfDay(t: TimeOfDay): string {
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

/** The run at `at` on the Beijing day that contains `instant` (it may be before or after `instant`). */
function runOnSameBeijingDay(at: TimeOfDay, instant: Date): number {
  const local = instant.getTime() + BEIJING_OFFSET_MS;
  const midnightLocal = Math.floor(local / DAY_MS) * DAY_MS;
  return midnightLocal + (at.hour * 60 + at.minute) * 60_000 - BEIJING_OFFSET_MS;
}

/** The first run strictly after `after`. */
export function nextDailyRun(at: TimeOfDay, after: Date): Date {
  const sameDay = runOnSameBeijingDay(at, after);
  return new Date(sameDay > after.getTime() ? sameDay : sameDay + DAY_MS);
}

/** The last run at or before `instant`: the one a schedule that was stopped owes when it starts again. */
export function latestDailyRun(at: TimeOfDay, instant: Date): Date {
  const sameDay = runOnSameBeijingDay(at, instant);
  return new Date(sameDay <= instant.getTime() ? sameDay : sameDay - DAY_MS);
}

/**
 * What a schedule does at `now`, given the run it was waiting for: nothing yet, or run once (however many runs
 * were missed while nothing was running: a daily job catches up, it does not repeat) and then wait for the next
 * run after `now`.
 */
export function dueDailyRun(
  at: TimeOfDay,
  nextRunAt: Date,
  now: Date,
): { due: false } | { due: true; runAt: Date; nextRunAt: Date } {
  if (nextRunAt.getTime() > now.getTime()) return { due: false };
  return { due: true, runAt: latestDailyRun(at, now), nextRunAt: nextDailyRun(at, now) };
}

/**
 * How long to wait before attempt `failedAttempts + 1` of a failed job: the base delay doubled for each failure
 * (exponential backoff), capped.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, capMs = 3600_000): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(capMs, baseMs * 2 ** Math.min(n - 1, 30));
}
