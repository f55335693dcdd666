import type { CalendarSource, SpecialDay, SpecialDayKind } from '../../core/calendar/types.ts';
import type { Db } from '../../db/helpers/search/types.ts';

/** All SQL about the working-day calendar. Functions take `db | trx` first. */

export interface CalendarYearRow {
  year: number;
  source: CalendarSource;
  note: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CalendarDayRow extends SpecialDay {
  source: CalendarSource;
  updatedAt: string;
  updatedBy: string | null;
}

const toYear = (r: {
  year: number;
  source: string;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
}): CalendarYearRow => ({
  year: Number(r.year),
  source: r.source as CalendarSource,
  note: r.note,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const toDay = (r: {
  day: string;
  kind: string;
  name: string | null;
  source: string;
  updated_at: string;
  updated_by: string | null;
}): CalendarDayRow => ({
  day: r.day,
  kind: r.kind as SpecialDayKind,
  ...(r.name !== null ? { name: r.name } : {}),
  source: r.source as CalendarSource,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export async function listYears(db: Db): Promise<CalendarYearRow[]> {
  const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  return rows.map(toYear);
}

export async function findYear(db: Db, year: number): Promise<CalendarYearRow | null> {
  const r = await db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
  return r ? toYear(r) : null;
}

/** The special days of one year, or of every year, by day. */
export async function listDays(db: Db, year?: number): Promise<CalendarDayRow[]> {
  let q = db
    .selectFrom('calendar_days')
    .select(['day', 'kind', 'name', 'source', 'updated_at', 'updated_by']);
  if (year !== undefined) q = q.where('year', '=', year);
  const rows = await q.orderBy('day').execute();
  return rows.map(toDay);
}

/**
 * The covered years and their special days, read in one statement so that an edit committed meanwhile cannot
 * give days of a year that is not in the list (or a year without its days).
 */
export async function loadArrangement(db: Db): Promise<{ years: number[]; days: SpecialDay[] }> {
  const rows = await db
    .selectFrom('calendar_years')
    .leftJoin('calendar_days', 'calendar_days.year', 'calendar_years.year')
    .select(['calendar_years.year', 'calendar_days.day', 'calendar_days.kind', 'calendar_days.name'])
    .orderBy('calendar_years.year')
    .orderBy('calendar_days.day')
    .execute();
  const years = new Set<number>();
  const days: SpecialDay[] = [];
  for (const r of rows) {
    years.add(Number(r.year));
    if (r.day !== null && r.kind !== null) {
      days.push({ day: r.day, kind: r.kind as SpecialDayKind, ...(r.name !== null ? { name: r.name } : {}) });
    }
  }
  return { years: [...years], days };
}

export async function insertYear(
  db: Db,
  year: number,
  source: CalendarSource,
  note: string | null,
  now: string,
  by: string | null,
): Promise<void> {
  await db
    .insertInto('calendar_years')
    .values({ year, source, note, updated_at: now, updated_by: by })
    .execute();
}

/** Records that an administrator changed a year: from then on its arrangement is theirs, not the package's. */
export async function markYearManual(db: Db, year: number, now: string, by: string): Promise<void> {
  await db
    .updateTable('calendar_years')
    .set({ source: 'manual', updated_at: now, updated_by: by })
    .where('year', '=', year)
    .execute();
}

/** Inserts special days in batches (one statement per 500 days, far below either backend's parameter limit). */
export async function insertDays(
  db: Db,
  days: readonly SpecialDay[],
  source: CalendarSource,
  now: string,
  by: string | null,
): Promise<void> {
  for (let i = 0; i < days.length; i += 500) {
    await db
      .insertInto('calendar_days')
      .values(
        days.slice(i, i + 500).map((d) => ({
          day: d.day,
          year: Number(d.day.slice(0, 4)),
          kind: d.kind,
          name: d.name ?? null,
          source,
          updated_at: now,
          updated_by: by,
        })),
      )
      .execute();
  }
}

/** Sets one day's entry, replacing any earlier one. */
export async function upsertDay(db: Db, d: SpecialDay, now: string, by: string): Promise<void> {
  const fields = { kind: d.kind, name: d.name ?? null, source: 'manual', updated_at: now, updated_by: by };
  await db
    .insertInto('calendar_days')
    .values({ day: d.day, year: Number(d.day.slice(0, 4)), ...fields })
    .onConflict((oc) => oc.column('day').doUpdateSet(fields))
    .execute();
}

export async function deleteDay(db: Db, day: string): Promise<void> {
  await db.deleteFrom('calendar_days').where('day', '=', day).execute();
}
