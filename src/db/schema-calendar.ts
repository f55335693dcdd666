/**
 * The official working-day calendar (see migration 0006-calendar): the years whose arrangement is known, and in
 * them the days that differ from the ordinary week. A day not listed is a working day from Monday to Friday.
 */
export interface CalendarYearTable {
  year: number;
  /** 'chinese-days' (seeded at install) | 'manual' (entered or edited by an administrator) */
  source: string;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface CalendarDayTable {
  /** YYYY-MM-DD */
  day: string;
  /** The year of `day`; references calendar_years, so no special day exists in a year that is not covered. */
  year: number;
  /** 'holiday' | 'workday' (a weekend day worked in exchange, 调休上班) */
  kind: string;
  name: string | null;
  /** 'chinese-days' | 'manual' */
  source: string;
  updated_at: string;
  updated_by: string | null;
}

export interface CalendarTables {
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
}
