import { sql, type Insertable, type RawBuilder, type SqlBool } from 'kysely';
import type { PassageTable } from '../../db/schema.ts';
import type { Db } from '../../db/helpers/search/types.ts';

/** All SQL of the policy library except search. Functions take `db | trx` first so that transactions compose. */

export type Validity = 'in-force' | 'not-yet' | 'expired' | 'repealed' | 'unknown';

/** The validity of a document on a given day, as SQL (one place, both backends: ISO dates compare as text). */
export function validityExpr(asOf: string) {
  return sql<Validity>`CASE
    WHEN documents.repealed_on IS NOT NULL AND documents.repealed_on <= ${asOf} THEN 'repealed'
    WHEN documents.effective_from IS NULL THEN 'unknown'
    WHEN documents.effective_from > ${asOf} THEN 'not-yet'
    WHEN documents.effective_until IS NOT NULL AND documents.effective_until < ${asOf} THEN 'expired'
    ELSE 'in-force' END`;
}

/**
 * What the public may read (上线审查): documents that have been published, and versions the platform loaded
 * (no review state) or that a reviewer approved. Drafts, submissions and rejected corrections stay with staff.
 */
const isPublished = sql<SqlBool>`documents.published_at IS NOT NULL`;
const isPublicVersion = sql<SqlBool>`(document_versions.review_state IS NULL OR document_versions.review_state = 'approved')`;

export async function findIssueByKey(db: Db, key: { title: string; year: number; number: number }) {
  return db
    .selectFrom('gazette_issues')
    .selectAll()
    .where('title', '=', key.title)
    .where('year', '=', key.year)
    .where('number', '=', key.number)
    .executeTakeFirst();
}

export async function insertIssue(
  db: Db,
  row: {
    title: string;
    publisher: string | null;
    year: number;
    number: number;
    total_number: number | null;
    toc: string;
    content_hash: string;
    source_name: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('gazette_issues')
    .values({ ...row, ingested_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateIssue(
  db: Db,
  id: number,
  row: {
    toc: string;
    content_hash: string;
    source_name: string;
    total_number: number | null;
    publisher: string | null;
  },
) {
  await db
    .updateTable('gazette_issues')
    .set({ ...row, ingested_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function listIssues(db: Db) {
  return db
    .selectFrom('gazette_issues')
    .selectAll()
    .orderBy('year', 'desc')
    .orderBy('number', 'desc')
    .execute();
}

export async function getIssue(db: Db, id: number) {
  return db.selectFrom('gazette_issues').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDocumentById(db: Db, id: number) {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDocumentByKey(db: Db, docKey: string) {
  return db.selectFrom('documents').selectAll().where('doc_key', '=', docKey).executeTakeFirst();
}

export async function versionHash(db: Db, documentId: number, version: number): Promise<string | null> {
  const r = await db
    .selectFrom('document_versions')
    .select('content_hash')
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r?.content_hash ?? null;
}

/** The highest version number stored, including corrections still under review. */
export async function lastVersion(db: Db, documentId: number): Promise<number> {
  const r = await db
    .selectFrom('document_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** A passage as stored, before it has an id. */
export type PassageRow = Omit<Insertable<PassageTable>, 'id' | 'document_id'> & {
  text: string;
  seg_body: string;
  seg_heading: string;
  seg_title: string;
};

export interface DocumentRowInput {
  doc_key: string;
  doc_number: string | null;
  title: string;
  toc_title: string | null;
  issuers: string;
  addressees: string;
  kind: string;
  issued_on: string | null;
  issued_year: number | null;
  effective_from: string | null;
  effective_until: string | null;
  validity_basis: string;
  validity_clause: string | null;
  level: string | null;
  region_code: string | null;
  issue_id: number | null;
  page: number | null;
  attachments: string;
  current_version: number;
  /** Left out: now on insert (public at once), unchanged on update. Null keeps a new document unpublished. */
  published_at?: string | null;
}

export async function insertDocument(db: Db, row: DocumentRowInput): Promise<number> {
  const now = new Date().toISOString();
  const r = await db
    .insertInto('documents')
    .values({ published_at: now, ...row, repealed_on: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDocument(db: Db, id: number, row: DocumentRowInput) {
  await db
    .updateTable('documents')
    .set({ ...row, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function replaceIssuers(db: Db, documentId: number, issuers: readonly string[]) {
  await db.deleteFrom('document_issuers').where('document_id', '=', documentId).execute();
  const unique = [...new Set(issuers)];
  if (unique.length > 0) {
    await db
      .insertInto('document_issuers')
      .values(unique.map((issuer) => ({ document_id: documentId, issuer })))
      .execute();
  }
}

export async function insertVersion(
  db: Db,
  row: {
    document_id: number;
    version: number;
    content_hash: string;
    parsed: string;
    source_name: string;
    issue_id: number | null;
  },
) {
  await db
    .insertInto('document_versions')
    .values({ ...row, ingested_at: new Date().toISOString() })
    .execute();
}

/** A published document's public versions, newest first. */
export async function listVersions(db: Db, documentId: number) {
  return db
    .selectFrom('document_versions')
    .innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .select([
      'document_versions.version',
      'document_versions.content_hash',
      'document_versions.source_name',
      'document_versions.issue_id',
      'document_versions.ingested_at',
    ])
    .where('document_versions.document_id', '=', documentId)
    .where(isPublished)
    .where(isPublicVersion)
    .orderBy('document_versions.version', 'desc')
    .execute();
}

/** A public version of a published document. */
export async function getVersion(db: Db, documentId: number, version: number) {
  return db
    .selectFrom('document_versions')
    .innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .selectAll('document_versions')
    .where('document_versions.document_id', '=', documentId)
    .where('document_versions.version', '=', version)
    .where(isPublished)
    .where(isPublicVersion)
    .executeTakeFirst();
}

export async function replaceArticles(
  db: Db,
  documentId: number,
  rows: readonly {
    number: number;
    label: string;
    chapter_number: number | null;
    chapter_title: string | null;
    text: string;
    paragraphs: string;
  }[],
) {
  await db.deleteFrom('articles').where('document_id', '=', documentId).execute();
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('articles')
      .values(rows.slice(i, i + 200).map((r) => ({ ...r, document_id: documentId })))
      .execute();
  }
}

export async function replaceCitations(
  db: Db,
  documentId: number,
  rows: readonly { title: string | null; doc_number: string | null }[],
) {
  await db.deleteFrom('citations').where('document_id', '=', documentId).execute();
  if (rows.length > 0) {
    await db
      .insertInto('citations')
      .values(rows.map((r) => ({ ...r, document_id: documentId, cited_document_id: null })))
      .execute();
  }
}

/**
 * Links citations to library documents: by 文号, else by title (the document's own title or the title of a text
 * it issues, as 《聊城市地方储备粮管理办法》 is issued by 聊政发〔2023〕3号). Runs after every ingest, so that the
 * order in which documents arrive does not matter.
 */
export async function resolveCitations(db: Db): Promise<number> {
  const open = await db
    .selectFrom('citations')
    .select(['id', 'document_id', 'title', 'doc_number'])
    .where('cited_document_id', 'is', null)
    .execute();
  let resolved = 0;
  for (const c of open) {
    let target: { id: number } | undefined;
    if (c.doc_number) {
      target = await db
        .selectFrom('documents')
        .select('id')
        .where('doc_number', '=', c.doc_number)
        .where(isPublished)
        .executeTakeFirst();
    }
    if (!target && c.title) {
      const title = c.title;
      target = await db
        .selectFrom('documents')
        .select('id')
        .where((eb) =>
          eb.or([eb('title', '=', title), eb('attachments', 'like', `%${JSON.stringify(title)}%`)]),
        )
        .where(isPublished)
        .orderBy('issued_on', 'desc')
        .executeTakeFirst();
    }
    if (target && target.id !== c.document_id) {
      await db
        .updateTable('citations')
        .set({ cited_document_id: target.id })
        .where('id', '=', c.id)
        .execute();
      resolved++;
    }
  }
  return resolved;
}

export async function citationsOf(db: Db, documentId: number) {
  return db
    .selectFrom('citations')
    .leftJoin('documents', 'documents.id', 'citations.cited_document_id')
    .select([
      'citations.title',
      'citations.doc_number',
      'citations.cited_document_id',
      'documents.title as cited_title',
      'documents.doc_number as cited_doc_number',
    ])
    .where('citations.document_id', '=', documentId)
    .orderBy('citations.id')
    .execute();
}

export async function citingDocuments(db: Db, documentId: number) {
  return db
    .selectFrom('citations')
    .innerJoin('documents', 'documents.id', 'citations.document_id')
    .select([
      'documents.id',
      'documents.doc_number',
      'documents.title',
      'documents.kind',
      'documents.issued_on',
    ])
    .where('citations.cited_document_id', '=', documentId)
    .distinct()
    .orderBy('documents.issued_on', 'desc')
    .execute();
}

export async function replacePassages(
  db: Db,
  documentId: number,
  rows: readonly PassageRow[],
): Promise<{ removed: number[]; inserted: (PassageRow & { id: number })[] }> {
  const old = await db.selectFrom('passages').select('id').where('document_id', '=', documentId).execute();
  await db.deleteFrom('passages').where('document_id', '=', documentId).execute();
  const inserted: { id: number; text: string; seg_body: string; seg_heading: string; seg_title: string }[] =
    [];
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const ids = await db
      .insertInto('passages')
      .values(batch.map((r) => ({ ...r, document_id: documentId })))
      .returning('id')
      .execute();
    ids.forEach((r, k) => inserted.push({ id: r.id, ...batch[k]! }));
  }
  return { removed: old.map((o) => o.id), inserted };
}

export interface DocumentFilter {
  issuer?: string | undefined;
  kind?: string | undefined;
  level?: string | undefined;
  region?: string | undefined;
  year?: number | undefined;
  validity?: Validity | undefined;
  issueId?: number | undefined;
}

/**
 * The document filters as SQL conditions on `documents`, shared by listing and search. `except` leaves one out,
 * for a facet that must not filter on itself.
 */
export function documentConditions(
  filter: DocumentFilter,
  asOf: string,
  except?: keyof DocumentFilter,
): RawBuilder<SqlBool>[] {
  const c: RawBuilder<SqlBool>[] = [];
  const on = (k: keyof DocumentFilter) => filter[k] !== undefined && except !== k;
  if (on('issuer')) {
    c.push(
      sql`EXISTS (SELECT 1 FROM document_issuers di WHERE di.document_id = documents.id AND di.issuer = ${filter.issuer})`,
    );
  }
  if (on('kind')) c.push(sql`documents.kind = ${filter.kind}`);
  if (on('level')) c.push(sql`documents.level = ${filter.level}`);
  // A region selects itself and what lies within it: 371500 → 3715%.
  if (on('region')) c.push(sql`documents.region_code LIKE ${`${filter.region!.replace(/(00)+$/, '')}%`}`);
  if (on('year')) c.push(sql`documents.issued_year = ${filter.year}`);
  if (on('issueId')) c.push(sql`documents.issue_id = ${filter.issueId}`);
  if (on('validity')) c.push(sql`${validityExpr(asOf)} = ${filter.validity}`);
  return c;
}

export async function listDocuments(
  db: Db,
  filter: DocumentFilter,
  asOf: string,
  page: { limit: number; offset: number },
) {
  // Search needs no such condition: an unpublished document has no passages until it is approved.
  let q = db.selectFrom('documents').where(isPublished);
  for (const c of documentConditions(filter, asOf)) q = q.where(c);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('documents')
    .select(validityExpr(asOf).as('validity'))
    .orderBy('issued_on', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: Number(total.n), rows };
}

export async function getDocument(db: Db, id: number, asOf: string) {
  return db
    .selectFrom('documents')
    .selectAll()
    .select(validityExpr(asOf).as('validity'))
    .where('id', '=', id)
    .where(isPublished)
    .executeTakeFirst();
}

export async function findDocumentIdByNumber(db: Db, docNumber: string) {
  return db
    .selectFrom('documents')
    .select('id')
    .where('doc_number', '=', docNumber)
    .where(isPublished)
    .executeTakeFirst();
}

export async function countAll(db: Db) {
  const r = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('documents').select(eb.fn.countAll<number>().as('n')).as('documents'),
      eb.selectFrom('articles').select(eb.fn.countAll<number>().as('n')).as('articles'),
      eb.selectFrom('gazette_issues').select(eb.fn.countAll<number>().as('n')).as('issues'),
    ])
    .executeTakeFirstOrThrow();
  return { documents: Number(r.documents), articles: Number(r.articles), issues: Number(r.issues) };
}

export async function getMeta(db: Db, key: string): Promise<string | null> {
  return (
    (await db.selectFrom('zct_meta').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null
  );
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db.deleteFrom('zct_meta').where('key', '=', key).execute();
  await db.insertInto('zct_meta').values({ key, value }).execute();
}

/** The current version of every published document, or of one. */
export async function currentVersions(db: Db, documentId?: number) {
  let q = db
    .selectFrom('documents')
    .innerJoin('document_versions', (j) =>
      j
        .onRef('document_versions.document_id', '=', 'documents.id')
        .onRef('document_versions.version', '=', 'documents.current_version'),
    )
    .select(['documents.id', 'document_versions.parsed'])
    .where(isPublished)
    .orderBy('documents.id');
  if (documentId !== undefined) q = q.where('documents.id', '=', documentId);
  return q.execute();
}
