import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of a migrated template database on TEST_DATABASE_URL's server, or null without PostgreSQL. */
    pgTemplate: string | null;
  }
}

/**
 * With TEST_DATABASE_URL set, migrates once into a template database; each test file then creates its own
 * database from it (cheap, and isolated), as immich's medium tests do.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    project.provide('pgTemplate', null);
    return;
  }
  const template = `zct_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL cannot be reached: ${(e as Error).message}`, {
      cause: e,
    });
  }
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template} ENCODING 'UTF8' TEMPLATE template0`);
  const target = new URL(url);
  target.pathname = `/${template}`;
  const handle = openDatabase({ url: target.toString() });
  await migrateToLatest(handle);
  await handle.destroy();
  project.provide('pgTemplate', template);

  return async () => {
    // This run's databases only: another run on the same server (a second checkout) keeps its own.
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`zct\\_t\\_${process.pid}\\_%`, template],
    );
    for (const { datname } of leftovers.rows)
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  };
}
