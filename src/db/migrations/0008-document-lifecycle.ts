import { sql, type Kysely } from 'kysely';
import { idColumn } from '../helpers/schema/id-column.ts';
import type { MigrationContext } from '../migrate.ts';

/**
 * Documents through review (上线审查), and repeal of documents and items (Issue 5: "Revising a published item or
 * document creates a new version … and goes through review again. Repeal needs a reason and the repealing
 * document.").
 *
 * - A document version records its author and where it is in review; versions the platform loaded (bulk
 *   ingest, samples) keep a null state and were public on arrival. A correction remembers the version it
 *   corrects, so that approving it over a newer text is refused.
 * - A document has `published_at`: null while a document an editor ingested waits for its first approval,
 *   when the public does not see it at all. Documents already stored were public from their creation.
 * - A repeal is requested by an editor and decided by a reviewer (`repeals`); once approved, the document or
 *   item carries its date, reason and repealing document (文号, and its id when the library holds it).
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('document_versions').addColumn('author_id', 'integer').execute();
  /** draft | submitted | rejected | approved; null for versions the platform loaded. */
  await db.schema.alterTable('document_versions').addColumn('review_state', 'text').execute();
  await db.schema.alterTable('document_versions').addColumn('base_version', 'integer').execute();
  await db.schema.alterTable('document_versions').addColumn('note', 'text').execute();

  await db.schema.alterTable('documents').addColumn('published_at', 'text').execute();
  await sql`UPDATE documents SET published_at = created_at`.execute(db);
  // documents already have repealed_on (0001).
  await db.schema.alterTable('policy_items').addColumn('repealed_on', 'text').execute();
  for (const table of ['documents', 'policy_items']) {
    await db.schema.alterTable(table).addColumn('repeal_reason', 'text').execute();
    await db.schema.alterTable(table).addColumn('repealed_by', 'text').execute();
    await db.schema.alterTable(table).addColumn('repealed_by_document_id', 'integer').execute();
  }

  await db.schema
    .createTable('repeals')
    .addColumn('id', ...idColumn(ctx.dialect))
    /** document | item */
    .addColumn('target_kind', 'text', (c) => c.notNull())
    /** The document's id, or the item's code. */
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** The repealing document's 文号, normalised (GB/T 9704-2012 §7.2.4). */
    .addColumn('repealed_by', 'text', (c) => c.notNull())
    .addColumn('repealed_by_document_id', 'integer')
    .addColumn('repealed_on', 'text', (c) => c.notNull())
    /** submitted | approved | rejected */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'integer')
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('comment', 'text')
    .addCheckConstraint('repeals_state', sql`state in ('submitted', 'approved', 'rejected')`)
    .addCheckConstraint('repeals_target_kind', sql`target_kind in ('document', 'item')`)
    .execute();
  await db.schema
    .createIndex('repeals_target_idx')
    .on('repeals')
    .columns(['target_kind', 'target_key'])
    .execute();
  await db.schema
    .createIndex('document_versions_review_idx')
    .on('document_versions')
    .column('review_state')
    .execute();
}
