import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { postgresSearch } from './helpers/search/postgres.ts';
import { sqliteSearch } from './helpers/search/sqlite.ts';
import type { SearchDialect } from './helpers/search/types.ts';
import type { Database } from './schema.ts';
import { loadBetterSqlite } from './sqlite-native.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  search: SearchDialect;
  destroy(): Promise<void>;
}

/** COUNT(*) is int8 in PostgreSQL; our counts fit in a JS number. */
pg.types.setTypeParser(20, (v) => Number(v));
/** numeric (ts_rank is real, but keep sums of it exact enough as numbers). */
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Opens the database: PostgreSQL for a postgres:// URL, else the embedded SQLite file (created with its folder).
 */
export function openDatabase(options: { url?: string | undefined; sqlitePath?: string }): DatabaseHandle {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection that the server closes (a restart, or an administrator ending it) is reported here; the
    // pool has already dropped it and opens a new one on the next query, and a query in flight still fails on
    // its own promise. Unhandled, node-postgres would crash the process (its documentation says to listen).
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', search: postgresSearch, destroy: () => db.destroy() };
  }
  const path = options.sqlitePath ?? './data/zct.sqlite';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const SQLite = loadBetterSqlite();
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', search: sqliteSearch, destroy: () => db.destroy() };
}
