import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle, DialectName } from './database.ts';
import type { SearchDialect } from './helpers/search/types.ts';
import * as m0001 from './migrations/0001-policy-library.ts';
import * as m0002 from './migrations/0002-meta.ts';
import * as m0003 from './migrations/0003-policy-items.ts';
import * as m0004 from './migrations/0004-accounts.ts';
import * as m0005 from './migrations/0005-audit.ts';
import * as m0006 from './migrations/0006-calendar.ts';
import * as m0007 from './migrations/0007-review-workflow.ts';
import * as m0008 from './migrations/0008-document-lifecycle.ts';
import * as m0009 from './migrations/0009-jobs.ts';
import * as m0010 from './migrations/0010-subject-data.ts';

export interface MigrationContext {
  dialect: DialectName;
  search: SearchDialect;
}

type Step = { up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> };

/** Versioned migrations, in order. Names never change once released. */
const STEPS: Record<string, Step> = {
  '0001-policy-library': m0001,
  '0002-meta': m0002,
  '0003-policy-items': m0003,
  '0004-accounts': m0004,
  '0005-audit': m0005,
  '0006-calendar': m0006,
  '0007-review-workflow': m0007,
  '0008-document-lifecycle': m0008,
  '0009-jobs': m0009,
  '0010-subject-data': m0010,
};

/** Applies pending migrations; each runs in its own transaction, and a failure stops with its name. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const ctx: MigrationContext = { dialect: handle.dialect, search: handle.search };
  const provider: MigrationProvider = {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(STEPS).map(([name, step]): [string, Migration] => [
            name,
            { up: (db) => step.up(db, ctx) },
          ]),
        ),
      ),
  };
  const migrator = new Migrator({
    db: handle.db,
    provider,
    migrationTableName: 'zct_migrations',
    migrationLockTableName: 'zct_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(
      `数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
