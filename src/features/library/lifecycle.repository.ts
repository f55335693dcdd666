import type { Selectable } from 'kysely';
import type { ReviewState } from '../../core/review/review-rules.ts';
import type { Db } from '../../db/helpers/search/types.ts';
import type { RepealTable } from '../../db/schema-lifecycle.ts';

/**
 * The SQL of documents through review and of repeal (src/db/migrations/0008-document-lifecycle.ts): staff
 * reads of versions whatever their state, the department's worklist and review queue, repeal requests, and
 * what an approved repeal writes on a document or an item (their review events are in
 * src/features/review/review-events.repository.ts). Functions take `db | trx` first.
 */

export interface StaffDocument {
  id: number;
  docKey: string;
  docNumber: string | null;
  title: string;
  ownerDepartmentId: number | null;
  currentVersion: number;
  publishedAt: string | null;
  repealedOn: string | null;
  issueId: number | null;
}

export interface StaffVersion {
  version: number;
  reviewState: ReviewState | null;
  authorId: number | null;
  baseVersion: number | null;
  note: string | null;
  source: string;
  issueId: number | null;
  ingestedAt: string;
  contentHash: string;
}

export async function findDocument(db: Db, id: number): Promise<StaffDocument | null> {
  const r = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  return r
    ? {
        id: r.id,
        docKey: r.doc_key,
        docNumber: r.doc_number,
        title: r.title,
        ownerDepartmentId: r.owner_department_id,
        currentVersion: r.current_version,
        publishedAt: r.published_at,
        repealedOn: r.repealed_on,
        issueId: r.issue_id,
      }
    : null;
}

export async function findDocumentIdByKey(db: Db, key: string): Promise<number | null> {
  const r = await db.selectFrom('documents').select('id').where('doc_key', '=', key).executeTakeFirst();
  return r?.id ?? null;
}

/** A published document with this 文号: what a repeal links to. */
export async function publishedDocumentIdByNumber(db: Db, docNumber: string): Promise<number | null> {
  const r = await db
    .selectFrom('documents')
    .select('id')
    .where('doc_number', '=', docNumber)
    .where('published_at', 'is not', null)
    .executeTakeFirst();
  return r?.id ?? null;
}

const versionColumns = [
  'version',
  'review_state',
  'author_id',
  'base_version',
  'note',
  'source_name',
  'issue_id',
  'ingested_at',
  'content_hash',
] as const;

const toVersion = (r: {
  version: number;
  review_state: string | null;
  author_id: number | null;
  base_version: number | null;
  note: string | null;
  source_name: string;
  issue_id: number | null;
  ingested_at: string;
  content_hash: string;
}): StaffVersion => ({
  version: r.version,
  reviewState: r.review_state as ReviewState | null,
  authorId: r.author_id,
  baseVersion: r.base_version,
  note: r.note,
  source: r.source_name,
  issueId: r.issue_id,
  ingestedAt: r.ingested_at,
  contentHash: r.content_hash,
});

/** Every version of a document, whatever its review state, newest first (staff only). */
export async function listVersions(db: Db, documentId: number): Promise<StaffVersion[]> {
  const rows = await db
    .selectFrom('document_versions')
    .select(versionColumns)
    .where('document_id', '=', documentId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toVersion);
}

/** The newest version: a correction under way, or the current one. */
export async function latestVersion(db: Db, documentId: number): Promise<StaffVersion | null> {
  const r = await db
    .selectFrom('document_versions')
    .select(versionColumns)
    .where('document_id', '=', documentId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? toVersion(r) : null;
}

/** One version with its parse (JSON text), whatever its review state. */
export async function versionWithText(db: Db, documentId: number, version: number) {
  const r = await db
    .selectFrom('document_versions')
    .select([...versionColumns, 'parsed'])
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r ? { ...toVersion(r), parsed: r.parsed } : null;
}

export async function insertDraft(
  trx: Db,
  row: {
    documentId: number;
    version: number;
    contentHash: string;
    parsed: string;
    source: string;
    issueId: number | null;
    authorId: number | null;
    baseVersion: number | null;
    note: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('document_versions')
    .values({
      document_id: row.documentId,
      version: row.version,
      content_hash: row.contentHash,
      parsed: row.parsed,
      source_name: row.source,
      issue_id: row.issueId,
      ingested_at: new Date().toISOString(),
      author_id: row.authorId,
      review_state: 'draft',
      base_version: row.baseVersion,
      note: row.note,
    })
    .execute();
}

export async function setReviewState(
  trx: Db,
  documentId: number,
  version: number,
  state: ReviewState,
): Promise<void> {
  await trx
    .updateTable('document_versions')
    .set({ review_state: state })
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .execute();
}

export async function setOwner(trx: Db, documentId: number, departmentId: number): Promise<void> {
  await trx
    .updateTable('documents')
    .set({ owner_department_id: departmentId })
    .where('id', '=', documentId)
    .execute();
}

/** A department's documents joined to their newest version. */
function newestOfDepartment(db: Db, departmentId: number) {
  return db
    .selectFrom('documents')
    .innerJoin('document_versions', 'document_versions.document_id', 'documents.id')
    .where('documents.owner_department_id', '=', departmentId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('document_versions as newer')
            .select('newer.version')
            .whereRef('newer.document_id', '=', 'documents.id')
            .whereRef('newer.version', '>', 'document_versions.version'),
        ),
      ),
    );
}

/** The department's documents, each with its newest version's review state and any repeal under review. */
export async function departmentDocuments(db: Db, departmentId: number) {
  const rows = await newestOfDepartment(db, departmentId)
    .leftJoin('repeals', (j) =>
      j
        .on('repeals.target_kind', '=', 'document')
        .on('repeals.state', '=', 'submitted')
        .on((eb) => eb(eb.cast('documents.id', 'text'), '=', eb.ref('repeals.target_key'))),
    )
    .select([
      'documents.id',
      'documents.doc_number as docNumber',
      'documents.title',
      'documents.kind',
      'documents.issued_on as issuedOn',
      'documents.current_version as currentVersion',
      'documents.published_at as publishedAt',
      'documents.repealed_on as repealedOn',
      'document_versions.version as latestVersion',
      'document_versions.review_state as reviewState',
      'document_versions.ingested_at as updatedAt',
      'repeals.id as pendingRepealId',
    ])
    .orderBy('document_versions.ingested_at', 'desc')
    .orderBy('documents.id', 'desc')
    .execute();
  return rows.map(({ publishedAt, ...r }) => ({
    ...r,
    reviewState: r.reviewState as ReviewState | null,
    published: publishedAt !== null,
  }));
}

/** Documents whose newest version waits for review, in a department, oldest first. */
export async function submittedDocuments(db: Db, departmentId: number) {
  const rows = await newestOfDepartment(db, departmentId)
    .where('document_versions.review_state', '=', 'submitted')
    .select([
      'documents.id',
      'documents.doc_number as docNumber',
      'documents.title',
      'documents.current_version as currentVersion',
      'documents.published_at as publishedAt',
      'document_versions.version',
      'document_versions.author_id as authorId',
      'document_versions.note',
      'document_versions.ingested_at as createdAt',
    ])
    .orderBy('document_versions.ingested_at')
    .execute();
  return rows.map(({ publishedAt, ...r }) => ({ ...r, published: publishedAt !== null }));
}

// Repeals

export type RepealState = 'submitted' | 'approved' | 'rejected';

export interface Repeal {
  id: number;
  targetKind: 'document' | 'item';
  targetKey: string;
  reason: string;
  repealedBy: string;
  repealedByDocumentId: number | null;
  repealedOn: string;
  state: RepealState;
  requestedBy: number | null;
  requestedByName: string;
  departmentId: number | null;
  requestedAt: string;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  comment: string | null;
}

const toRepeal = (r: Selectable<RepealTable>): Repeal => ({
  id: r.id,
  targetKind: r.target_kind as Repeal['targetKind'],
  targetKey: r.target_key,
  reason: r.reason,
  repealedBy: r.repealed_by,
  repealedByDocumentId: r.repealed_by_document_id,
  repealedOn: r.repealed_on,
  state: r.state as RepealState,
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  departmentId: r.department_id,
  requestedAt: r.requested_at,
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
  comment: r.comment,
});

export async function insertRepeal(
  trx: Db,
  r: Omit<Repeal, 'id' | 'decidedBy' | 'decidedByName' | 'decidedAt' | 'comment'>,
): Promise<number> {
  const row = await trx
    .insertInto('repeals')
    .values({
      target_kind: r.targetKind,
      target_key: r.targetKey,
      reason: r.reason,
      repealed_by: r.repealedBy,
      repealed_by_document_id: r.repealedByDocumentId,
      repealed_on: r.repealedOn,
      state: r.state,
      requested_by: r.requestedBy,
      requested_by_name: r.requestedByName,
      department_id: r.departmentId,
      requested_at: r.requestedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function decideRepeal(
  trx: Db,
  id: number,
  d: {
    state: 'approved' | 'rejected';
    by: number | null;
    byName: string;
    at: string;
    comment: string | null;
  },
): Promise<void> {
  await trx
    .updateTable('repeals')
    .set({
      state: d.state,
      decided_by: d.by,
      decided_by_name: d.byName,
      decided_at: d.at,
      comment: d.comment,
    })
    .where('id', '=', id)
    .execute();
}

export async function getRepeal(db: Db, id: number): Promise<Repeal | null> {
  const r = await db.selectFrom('repeals').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRepeal(r) : null;
}

/** Repeals of one document or item, newest first. */
export async function repealsOf(db: Db, kind: Repeal['targetKind'], key: string): Promise<Repeal[]> {
  const rows = await db
    .selectFrom('repeals')
    .selectAll()
    .where('target_kind', '=', kind)
    .where('target_key', '=', key)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toRepeal);
}

/** Repeals waiting for a reviewer of a department, oldest first. */
export async function submittedRepeals(db: Db, departmentId: number): Promise<Repeal[]> {
  const rows = await db
    .selectFrom('repeals')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('state', '=', 'submitted')
    .orderBy('id')
    .execute();
  return rows.map(toRepeal);
}

/** What an approved repeal writes on the document: the public reads 已废止 with its reason and document. */
export async function repealDocument(trx: Db, documentId: number, r: Repeal, at: string): Promise<void> {
  await trx
    .updateTable('documents')
    .set({
      repealed_on: r.repealedOn,
      repeal_reason: r.reason,
      repealed_by: r.repealedBy,
      repealed_by_document_id: r.repealedByDocumentId,
      updated_at: at,
    })
    .where('id', '=', documentId)
    .execute();
}

/**
 * What an approved repeal writes on an item. From the repeal date on, the item is no longer published
 * (status `expired`, the platform's status for an item no longer in force), so that the public list and
 * matching drop it; `updated_at` changes so that matching reloads its items.
 */
export async function repealItem(
  trx: Db,
  code: string,
  r: Repeal,
  o: { at: string; inForceNoLonger: boolean },
): Promise<void> {
  await trx
    .updateTable('policy_items')
    .set({
      repealed_on: r.repealedOn,
      repeal_reason: r.reason,
      repealed_by: r.repealedBy,
      repealed_by_document_id: r.repealedByDocumentId,
      updated_at: o.at,
      ...(o.inForceNoLonger && { status: 'expired' }),
    })
    .where('code', '=', code)
    .execute();
}

/** An item's approved repeal, as the public reads it; null when it was not repealed. */
export async function itemRepeal(db: Db, code: string) {
  const r = await db
    .selectFrom('policy_items')
    .select(['repealed_on', 'repeal_reason', 'repealed_by', 'repealed_by_document_id'])
    .where('code', '=', code)
    .executeTakeFirst();
  return r?.repealed_on
    ? {
        on: r.repealed_on,
        reason: r.repeal_reason,
        docNumber: r.repealed_by,
        documentId: r.repealed_by_document_id,
      }
    : null;
}

/**
 * The items whose published version cites a document (any article or section), with their owners: what a
 * document's repeal affects. Their validity already follows the document (ItemsService.validityOf ends it the
 * day before the repeal), so they are listed for their owners rather than repealed on their behalf.
 */
export async function itemsBasedOn(db: Db, docNumber: string) {
  return db
    .selectFrom('item_citations')
    .innerJoin('policy_items', 'policy_items.id', 'item_citations.item_id')
    .leftJoin('departments', 'departments.id', 'policy_items.owner_department_id')
    .whereRef('item_citations.version', '=', 'policy_items.published_version')
    .where('item_citations.doc_number', '=', docNumber)
    .select([
      'policy_items.code',
      'policy_items.name',
      'policy_items.status',
      'policy_items.owner_department_id as ownerDepartmentId',
      'departments.name as ownerDepartment',
    ])
    .distinct()
    .orderBy('policy_items.code')
    .execute();
}

/** Marks items changed so that matching, which caches items by their latest change, re-reads their validity. */
export async function touchItems(trx: Db, codes: readonly string[], at: string): Promise<void> {
  if (codes.length === 0) return;
  await trx.updateTable('policy_items').set({ updated_at: at }).where('code', 'in', codes).execute();
}
