import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export interface Backend {
  name: DialectName;
  /** The open database of the current test file. */
  handle: () => DatabaseHandle;
}

const SKIP_REASON = 'skipped: TEST_DATABASE_URL is not set (CI sets it; see .ci/run)';

/**
 * Runs a suite once per storage backend: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. Each run gets a
 * fresh, migrated database of its own. Without PostgreSQL its suite is reported as skipped, with the reason in
 * its title.
 */
export function forEachBackend(title: string, body: (backend: Backend) => void): void {
  const template = inject('pgTemplate');
  describe(`${title} [sqlite]`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = openDatabase({ sqlitePath: ':memory:' });
      await migrateToLatest(handle);
    });
    afterAll(async () => handle.destroy());
    body({ name: 'sqlite', handle: () => handle });
  });
  describe.skipIf(template === null)(
    `${title} [postgres${template === null ? ` — ${SKIP_REASON}` : ''}]`,
    () => {
      let handle: DatabaseHandle;
      let name: string;
      beforeAll(async () => {
        const url = process.env.TEST_DATABASE_URL!;
        // Named after the run (the template's pid), so a run's teardown drops its own leftovers only.
        name = `${template!.replace('zct_template_', 'zct_t_')}_${randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        await admin.end();
        const target = new URL(url);
        target.pathname = `/${name}`;
        handle = openDatabase({ url: target.toString() });
      });
      afterAll(async () => {
        await handle?.destroy();
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      });
      body({ name: 'postgres', handle: () => handle });
    },
  );
}

/** A fresh database outside the per-file one, for tests that need an empty library. */
export async function freshSqlite(): Promise<DatabaseHandle> {
  const handle = openDatabase({ sqlitePath: ':memory:' });
  await migrateToLatest(handle);
  return handle;
}
