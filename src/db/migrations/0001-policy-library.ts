import type { Kysely } from 'kysely';
import { idColumn } from '../helpers/schema/id-column.ts';
import type { MigrationContext } from '../migrate.ts';

/** The policy library: gazette issues, documents with versions, articles, citations and search passages. */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);

  await db.schema
    .createTable('gazette_issues')
    .addColumn('id', ...id)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('total_number', 'integer')
    .addColumn('toc', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('ingested_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('gazette_issues_title_year_number', ['title', 'year', 'number'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', ...id)
    .addColumn('doc_key', 'text', (c) => c.notNull().unique())
    .addColumn('doc_number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('toc_title', 'text')
    .addColumn('issuers', 'text', (c) => c.notNull())
    .addColumn('addressees', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text')
    .addColumn('issued_year', 'integer')
    .addColumn('effective_from', 'text')
    .addColumn('effective_until', 'text')
    .addColumn('validity_basis', 'text', (c) => c.notNull())
    .addColumn('validity_clause', 'text')
    .addColumn('repealed_on', 'text')
    .addColumn('level', 'text')
    .addColumn('region_code', 'text')
    .addColumn('issue_id', 'integer', (c) => c.references('gazette_issues.id'))
    .addColumn('page', 'integer')
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_doc_number_idx').on('documents').column('doc_number').execute();
  await db.schema.createIndex('documents_title_idx').on('documents').column('title').execute();
  await db.schema.createIndex('documents_issued_on_idx').on('documents').column('issued_on').execute();

  await db.schema
    .createTable('document_issuers')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_issuers_pk', ['document_id', 'issuer'])
    .execute();
  await db.schema
    .createIndex('document_issuers_issuer_idx')
    .on('document_issuers')
    .column('issuer')
    .execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', ...id)
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('parsed', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'integer', (c) => c.references('gazette_issues.id'))
    .addColumn('ingested_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_versions_doc_version', ['document_id', 'version'])
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', ...id)
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('chapter_number', 'integer')
    .addColumn('chapter_title', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('paragraphs', 'text', (c) => c.notNull())
    .addUniqueConstraint('articles_doc_number', ['document_id', 'number'])
    .execute();

  await db.schema
    .createTable('citations')
    .addColumn('id', ...id)
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('title', 'text')
    .addColumn('doc_number', 'text')
    .addColumn('cited_document_id', 'integer', (c) => c.references('documents.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('citations_document_idx').on('citations').column('document_id').execute();
  await db.schema.createIndex('citations_cited_idx').on('citations').column('cited_document_id').execute();

  await db.schema
    .createTable('passages')
    .addColumn('id', ...id)
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('article_number', 'integer')
    .addColumn('ref', 'text')
    .addColumn('heading', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('seg_body', 'text', (c) => c.notNull())
    .addColumn('seg_heading', 'text', (c) => c.notNull())
    .addColumn('seg_title', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passages_document_idx').on('passages').column('document_id').execute();
  // Search maps tens of thousands of matching passage ids to their documents; this small covering index spares
  // reading each wide passage row (nine times faster on SQLite at 100,000 passages; see docs/benchmarks.md).
  await db.schema
    .createIndex('passages_id_document_idx')
    .on('passages')
    .columns(['id', 'document_id'])
    .execute();

  await ctx.search.createSchema(db as never);
}
