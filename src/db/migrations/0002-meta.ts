import type { Kysely } from 'kysely';

/** Settings the database keeps about itself, such as which segmenter built the search index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('zct_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
