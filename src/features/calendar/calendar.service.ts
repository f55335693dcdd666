import type { CalendarProblem, SpecialDay, SpecialDayKind } from '../../core/calendar/types.ts';
import { checkYearDays, WorkingCalendar } from '../../core/calendar/working-days.ts';
import { DomainError } from '../../core/errors.ts';
import { dayNumber } from '../../core/rules/dates.ts';
import type { IsoDate } from '../../core/rules/types.ts';
import type { Principal } from '../../core/access/policy.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { actorOf, type AuditService } from '../audit/audit.service.ts';
import * as repo from './calendar.repository.ts';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from './calendar.schema.ts';

/** An edit of the calendar that was refused: every problem names its field and the day it concerns. */
export class CalendarValidationError extends DomainError {
  constructor(override readonly problems: CalendarProblem[]) {
    super(
      'invalid',
      `节假日安排未通过校验：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`,
      problems[0]?.field,
    );
    this.name = 'CalendarValidationError';
  }
}

export type CalendarDay = repo.CalendarDayRow;
export type CalendarYearSummary = repo.CalendarYearRow;
export interface CalendarYear extends CalendarYearSummary {
  days: CalendarDay[];
}

export interface CalendarServiceOptions {
  /**
   * How long a loaded calendar is trusted. Edits through this service take effect at once; this bounds how long
   * another process (a job worker, a second server) keeps using a calendar from before an edit. Default 60 s.
   */
  maxAgeMs?: number;
  /** Where edits by a signed-in administrator are recorded (every change is audited, issue 5). */
  audit?: AuditService;
}

/** Who edits the calendar: a signed-in principal (audited), or a name for seeding and scripts. */
export type CalendarEditor = Principal | string;
const editorName = (by: CalendarEditor) => (typeof by === 'string' ? by : by.username);

const NAME_MAX = 60;
const now = () => new Date().toISOString();

/**
 * The official working-day calendar: deadline maths on the arrangement stored in the database (seeded from
 * chinese-days, corrected and extended by administrators), refusing years that have none (CalendarGapError).
 *
 * @example
 * const calendar = new CalendarService(handle);
 * await calendar.addWorkingDays('2023-09-28', 3); // '2023-10-09'
 * await calendar.setDay('2026-12-31', 'holiday', '临时调整', 'admin'); // effective for the next call
 */
export class CalendarService {
  private cache: { loadedAt: number; calendar: Promise<WorkingCalendar> } | null = null;
  private readonly maxAgeMs: number;
  private readonly audit: AuditService | undefined;

  constructor(
    private readonly handle: DatabaseHandle,
    options: CalendarServiceOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.audit = options.audit;
  }

  /** The calendar as stored, loaded once and kept until an edit or until it is older than `maxAgeMs`. */
  calendar(): Promise<WorkingCalendar> {
    const at = Date.now();
    if (this.cache && at - this.cache.loadedAt < this.maxAgeMs) return this.cache.calendar;
    const entry = {
      loadedAt: at,
      calendar: repo
        .loadArrangement(this.handle.db)
        .then(({ years, days }) => new WorkingCalendar(days, years)),
    };
    this.cache = entry;
    // A failed load is not remembered: the next call tries again.
    entry.calendar.catch(() => {
      if (this.cache === entry) this.cache = null;
    });
    return entry.calendar;
  }

  async isWorkingDay(day: IsoDate): Promise<boolean> {
    return (await this.calendar()).isWorkingDay(day);
  }

  /** The deadline of "n个工作日" from `start` (the start day not counted; see WorkingCalendar). */
  async addWorkingDays(start: IsoDate, n: number): Promise<IsoDate> {
    return (await this.calendar()).addWorkingDays(start, n);
  }

  async nextWorkingDay(day: IsoDate): Promise<IsoDate> {
    return (await this.calendar()).nextWorkingDay(day);
  }

  /** Working days in (from, to]: how many have passed, e.g. how far past a deadline a day is. */
  async workingDaysBetween(from: IsoDate, to: IsoDate): Promise<number> {
    return (await this.calendar()).workingDaysBetween(from, to);
  }

  /** The covered years, with where each one's arrangement comes from. */
  years(): Promise<CalendarYearSummary[]> {
    return repo.listYears(this.handle.db);
  }

  /** One year's special days and source, or null when the year has not been entered. */
  async year(year: number): Promise<CalendarYear | null> {
    const summary = await repo.findYear(this.handle.db, year);
    if (!summary) return null;
    return { ...summary, days: await repo.listDays(this.handle.db, year) };
  }

  /**
   * Sets one day of a covered year: a day off, a weekend day worked, or (`kind` null) an ordinary day again. The
   * year as a whole must still pass checkYearDays, so a fixed statutory holiday cannot be turned into a working
   * day. The year becomes 'manual'.
   */
  async setDay(
    day: IsoDate,
    kind: SpecialDayKind | null,
    name: string | null,
    by: CalendarEditor,
  ): Promise<CalendarYear> {
    if (dayNumber(day) === null) {
      throw new CalendarValidationError([{ field: 'day', day, message: `${day}不是有效日期` }]);
    }
    const cleanName = name?.trim() || undefined;
    if (cleanName !== undefined && cleanName.length > NAME_MAX) {
      throw new CalendarValidationError([{ field: 'name', day, message: `名称不能超过${NAME_MAX}个字` }]);
    }
    const year = Number(day.slice(0, 4));
    const changed = await this.handle.db.transaction().execute(async (trx) => {
      if (!(await repo.findYear(trx, year))) {
        throw new CalendarValidationError([
          { field: 'day', day, message: `${year}年的节假日安排尚未录入，请先整年添加该年的安排` },
        ]);
      }
      const current = await repo.listDays(trx, year);
      const before = current.find((d) => d.day === day);
      const unchanged = kind === null ? !before : before?.kind === kind && before.name === cleanName;
      if (unchanged) return false;
      const after: SpecialDay[] = current.filter((d) => d.day !== day);
      if (kind !== null) after.push({ day, kind, ...(cleanName !== undefined ? { name: cleanName } : {}) });
      // The edited entry is the last one: its problems are named by its own fields, 'day' and 'kind'.
      const edited = after.length - 1;
      const problems = checkYearDays(year, after, (i) =>
        kind !== null && i === edited ? '' : `days[${i}]`,
      ).map((p) => ({ ...p, field: p.field === 'days' ? 'kind' : p.field.replace(/^\./, '') }));
      if (problems.length > 0) throw new CalendarValidationError(problems);
      const at = now();
      if (kind === null) await repo.deleteDay(trx, day);
      else await repo.upsertDay(trx, after[edited]!, at, editorName(by));
      await repo.markYearManual(trx, year, at, editorName(by));
      if (typeof by !== 'string')
        await this.audit?.record(
          {
            actor: actorOf(by),
            action: 'calendar.setDay',
            target: { kind: 'calendarDay', id: day },
            detail: { before: before ?? null, after: kind === null ? null : after[edited] },
          },
          trx,
        );
      return true;
    });
    if (changed) this.invalidate();
    return (await this.year(year))!;
  }

  /**
   * Enters a year's arrangement when its notice comes out: all its days off (weekend days inside a run included)
   * and its weekend days worked, checked as a whole before anything is written, and written in one transaction.
   */
  async addYear(
    year: number,
    days: readonly SpecialDay[],
    by: CalendarEditor,
    note?: string,
  ): Promise<CalendarYear> {
    if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
      throw new CalendarValidationError([
        {
          field: 'year',
          day: null,
          message: `年份应为${MIN_CALENDAR_YEAR}至${MAX_CALENDAR_YEAR}之间的整数：${year}`,
        },
      ]);
    }
    const clean = days.map((d): SpecialDay => {
      const name = d.name?.trim();
      return { day: d.day, kind: d.kind, ...(name ? { name } : {}) };
    });
    const problems = checkYearDays(year, clean);
    clean.forEach((d, i) => {
      if ((d.name?.length ?? 0) > NAME_MAX) {
        problems.push({ field: `days[${i}].name`, day: d.day, message: `名称不能超过${NAME_MAX}个字` });
      }
    });
    if (problems.length > 0) throw new CalendarValidationError(problems);
    await this.handle.db.transaction().execute(async (trx) => {
      if (await repo.findYear(trx, year)) {
        throw new DomainError('conflict', `${year}年的节假日安排已录入，请逐日修改`, 'year');
      }
      const at = now();
      await repo.insertYear(trx, year, 'manual', note?.trim() || null, at, editorName(by));
      await repo.insertDays(
        trx,
        [...clean].sort((a, b) => (a.day < b.day ? -1 : 1)),
        'manual',
        at,
        editorName(by),
      );
      if (typeof by !== 'string')
        await this.audit?.record(
          {
            actor: actorOf(by),
            action: 'calendar.addYear',
            target: { kind: 'calendarYear', id: String(year) },
            detail: { days: clean.length, note: note?.trim() || null },
          },
          trx,
        );
    });
    this.invalidate();
    return (await this.year(year))!;
  }

  private invalidate(): void {
    this.cache = null;
  }
}
