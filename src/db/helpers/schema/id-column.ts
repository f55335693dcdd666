import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectName } from '../../database.ts';

/**
 * A generated integer primary key, for `addColumn('id', …)` in migrations: `serial` on PostgreSQL, `integer
 * … autoincrement` on SQLite (so that ids are never reused after a delete). The one place migrations differ by
 * dialect.
 *
 * @example db.schema.createTable('t').addColumn('id', ...idColumn(ctx.dialect))
 */
export function idColumn(
  dialect: DialectName,
): [ReturnType<typeof sql>, (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return dialect === 'postgres'
    ? [sql`serial`, (c) => c.primaryKey()]
    : [sql`integer`, (c) => c.primaryKey().autoIncrement()];
}
