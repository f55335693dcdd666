import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDepartmentSamples } from './features/accounts/samples.ts';
import { loadItemSamples } from './features/items/samples.ts';
import { loadSamples } from './features/library/samples.ts';
import { buildApp } from './http/app.ts';
import { createLogger } from './logger.ts';

const DATA = fileURLToPath(new URL('../data', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../data/samples', import.meta.url));

/** `npm start`: migrate, load the sample gazette, and listen. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(config.LOG_LEVEL);
  const database = openDatabase({ url: config.DATABASE_URL, sqlitePath: config.ZCT_SQLITE_PATH });
  const applied = await migrateToLatest(database);
  log.info({ database: database.dialect, applied }, 'database ready');
  const { app, library, items, profiles, accounts } = await buildApp({ config, database, logger: log });
  const reindexed = await library.ensureSearchIndex();
  if (reindexed > 0) log.info({ documents: reindexed }, 'search index rebuilt for the current segmenter');
  if (config.ZCT_LOAD_SAMPLES) {
    await loadSamples(library, SAMPLES, log);
    await loadItemSamples(items, profiles, DATA, log);
    await loadDepartmentSamples(accounts, items, DATA, log);
  }
  if (!config.ZCT_ADMIN_TOKEN)
    log.info('ZCT_ADMIN_TOKEN is not set: automation-token access is off (staff sign in with accounts)');

  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    await database.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
