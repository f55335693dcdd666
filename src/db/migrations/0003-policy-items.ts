import type { Kysely } from 'kysely';
import { idColumn } from '../helpers/schema/id-column.ts';
import type { MigrationContext } from '../migrate.ts';

/**
 * Policy items (政策事项) with their versions and the articles they cite, profiles (电子画像), and the dated
 * rule parameters. An item's definition (conditions as a rule, materials, process, limits …) is one JSON
 * document per version: it is written and reviewed as a whole, and an old version must read exactly as it was.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);

  await db.schema
    .createTable('policy_items')
    .addColumn('id', ...id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lead_department', 'text', (c) => c.notNull())
    .addColumn('stacking_group', 'text')
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policy_items_status_idx').on('policy_items').column('status').execute();

  await db.schema
    .createTable('policy_item_versions')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('policy_items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_item_versions_pk', ['item_id', 'version'])
    .execute();

  // What each item version cites, so that an article can list the items that come from it.
  await db.schema
    .createTable('item_citations')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('policy_items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('article_number', 'integer')
    .addColumn('section', 'text')
    .addColumn('condition_id', 'text')
    .execute();
  await db.schema
    .createIndex('item_citations_article_idx')
    .on('item_citations')
    .columns(['doc_number', 'article_number'])
    .execute();
  await db.schema
    .createIndex('item_citations_item_idx')
    .on('item_citations')
    .columns(['item_id', 'version'])
    .execute();

  await db.schema
    .createTable('profiles')
    .addColumn('id', ...id)
    .addColumn('kind', 'text', (c) => c.notNull())
    /** USCC or citizen id. */
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('is_sample', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('profiles_kind_subject_key', ['kind', 'subject_key'])
    .execute();
  await db.schema
    .createIndex('profiles_kind_region_idx')
    .on('profiles')
    .columns(['kind', 'region'])
    .execute();

  await db.schema
    .createTable('rule_parameters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
