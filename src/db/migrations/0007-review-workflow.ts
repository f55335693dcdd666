import { sql, type Kysely } from 'kysely';
import { idColumn } from '../helpers/schema/id-column.ts';
import type { MigrationContext } from '../migrate.ts';

/**
 * 上线审查 and 谁制定、谁更新: documents and items get an owning department; an item keeps its published version
 * apart from the latest one (a revision under review does not replace what the public reads); each item
 * version records its author and where it is in review; every submission, decision and publication is an event.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('policy_items').addColumn('owner_department_id', 'integer').execute();
  await db.schema.alterTable('policy_items').addColumn('published_version', 'integer').execute();
  await db.schema.alterTable('policy_item_versions').addColumn('author_id', 'integer').execute();
  /** draft | submitted | rejected | approved; null for versions stored before review existed. */
  await db.schema.alterTable('policy_item_versions').addColumn('review_state', 'text').execute();
  await db.schema.alterTable('documents').addColumn('owner_department_id', 'integer').execute();
  await sql`UPDATE policy_items SET published_version = current_version WHERE status = 'published'`.execute(
    db,
  );

  await db.schema
    .createTable('review_events')
    .addColumn('id', ...idColumn(ctx.dialect))
    /** item | document */
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    /** submit | approve | reject | publish | suspend | expire | repeal */
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer')
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_events_target_idx')
    .on('review_events')
    .columns(['target_kind', 'target_key', 'version'])
    .execute();
  await db.schema.createIndex('review_events_at_idx').on('review_events').column('at').execute();
}
