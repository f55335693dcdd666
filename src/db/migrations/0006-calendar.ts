import chineseDays from 'chinese-days';
import { sql, type Kysely } from 'kysely';
import { checkYearDays } from '../../core/calendar/working-days.ts';
import type { SpecialDay } from '../../core/calendar/types.ts';
import type { MigrationContext } from '../migrate.ts';

/**
 * The official working-day calendar: the years whose arrangement (国务院办公厅关于X年部分节假日安排的通知) is known,
 * and in them the days off and the weekend days worked in exchange. Deadlines in working days (行政许可法第八十二条)
 * are computed from these tables, never from the package at run time: chinese-days knows nothing after its last
 * year and then silently treats every weekday as a working day. Seeded here from the package installed;
 * administrators add each new year when its notice comes out.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addCheckConstraint('calendar_years_source', sql`source in ('chinese-days', 'manual')`)
    .execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().references('calendar_years.year').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addCheckConstraint('calendar_days_kind', sql`kind in ('holiday', 'workday')`)
    .addCheckConstraint('calendar_days_source', sql`source in ('chinese-days', 'manual')`)
    .execute();
  await db.schema.createIndex('calendar_days_year_idx').on('calendar_days').column('year').execute();

  const { years, days } = packageArrangement();
  const now = new Date().toISOString();
  // The tables as this migration created them (not the current schema, which may have moved on).
  const seed = db.withTables<{
    calendar_years: { year: number; source: string; note: string | null; updated_at: string };
    calendar_days: {
      day: string;
      year: number;
      kind: string;
      name: string | null;
      source: string;
      updated_at: string;
    };
  }>();
  await seed
    .insertInto('calendar_years')
    .values(years.map((year) => ({ year, source: 'chinese-days', note: null, updated_at: now })))
    .execute();
  // About 800 rows: a few batched statements, not one round trip per day on PostgreSQL. 500 rows × 6 values stays
  // far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
  for (let i = 0; i < days.length; i += 500) {
    await seed
      .insertInto('calendar_days')
      .values(
        days.slice(i, i + 500).map((d) => ({
          day: d.day,
          year: Number(d.day.slice(0, 4)),
          kind: d.kind,
          name: d.name ?? null,
          source: 'chinese-days',
          updated_at: now,
        })),
      )
      .execute();
  }
}

/** The package names some festivals short (中秋); the notices write 中秋节. */
const FULL_NAMES: Record<string, string> = { 中秋: '中秋节', 清明: '清明节', 端午: '端午节' };

/**
 * Every year the installed chinese-days knows, with its days off and its weekend days worked. The package exposes
 * only query functions (default import), so the years are those in which it lists any holiday (every year has
 * 元旦). Its names read "Spring Festival,春节,3": English, Chinese, length of the run.
 */
function packageArrangement(): { years: number[]; days: SpecialDay[] } {
  // Year by year from 2000 up to the first year without data after some with (2004–2026 in 1.5), so that a newer
  // version seeds its new years. Stopping at a gap errs on the safe side: a year left out is refused, not guessed.
  // (One query over 2000–2099 would do the same at several times the cost, paid by every fresh test database.)
  const years: number[] = [];
  const holidays: string[] = [];
  for (let year = 2000; year <= 2099; year++) {
    const found = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false);
    if (found.length === 0 && years.length > 0) break;
    if (found.length > 0) years.push(year);
    holidays.push(...found);
  }
  if (years.length === 0) return { years, days: [] };
  // A worked day that is a weekday changes nothing; the ones that matter are the worked Saturdays and Sundays.
  const worked = chineseDays
    .getWorkdaysInRange(`${years[0]}-01-01`, `${years.at(-1)}-12-31`, true)
    .filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
  const nameOf = (day: string) => {
    const zh = chineseDays.getDayDetail(day).name.split(',')[1]?.trim();
    return zh ? (FULL_NAMES[zh] ?? zh) : undefined;
  };
  const days: SpecialDay[] = [
    ...holidays.map((day): SpecialDay => ({ day, kind: 'holiday', name: nameOf(day) })),
    ...worked.map((day): SpecialDay => ({ day, kind: 'workday', name: nameOf(day) })),
  ].sort((a, b) => (a.day < b.day ? -1 : 1));
  // The same checks an administrator's entry gets: a package release with a broken year stops the install here
  // rather than putting deadlines on holidays later.
  for (const year of years) {
    const problems = checkYearDays(
      year,
      days.filter((d) => d.day.startsWith(`${year}-`)),
    );
    if (problems.length > 0) {
      throw new Error(`chinese-days 的${year}年数据有误：${problems.map((p) => p.message).join('；')}`);
    }
  }
  return { years, days };
}
