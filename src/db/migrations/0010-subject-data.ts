import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrate.ts';

/**
 * Data subjects and window visits: the purpose a window officer states when a visit starts (个人信息保护法 第六条、
 * 第十四条: consent is given for a stated purpose), and an index to find a subject's visits.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('window_visits').addColumn('purpose', 'text').execute();
  await db.schema
    .createIndex('window_visits_subject_idx')
    .on('window_visits')
    .columns(['subject_kind', 'subject_key'])
    .execute();
}
