import { sql, type ExpressionBuilder, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { ChainHead, ChainedEntry, SubjectKind } from '../../core/audit/chain.ts';
import type { Db } from '../../db/helpers/search/types.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditLogTable } from '../../db/schema-audit.ts';

/** All SQL about the audit trail. Functions take `db | trx` first. */

/** Filters in stored form: subject ids already pseudonymised, time bounds as UTC instants. */
export interface AuditQuery {
  /** An actor's id or name, exactly. */
  actor?: string;
  actorKind?: string;
  /** An action exactly, or every action of an area with `profile.*`. */
  action?: string;
  targetKind?: string;
  targetId?: string;
  subjectKind?: SubjectKind;
  subjectId?: string;
  /** Words the purpose contains. */
  purpose?: string;
  /** Inclusive. */
  fromAt?: string;
  /** Exclusive. */
  toAt?: string;
  /** Only records up to this seq (an export leaves out what is appended while it runs). */
  throughSeq?: number;
}

const toEntry = (r: AuditLogTable): ChainedEntry => ({
  // bigint columns can come back as strings from some drivers; the hash covers the number.
  seq: Number(r.seq),
  at: r.at,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  targetKind: r.target_kind,
  targetId: r.target_id,
  subjectKind: r.subject_kind as SubjectKind | null,
  subjectId: r.subject_id,
  purpose: r.purpose,
  legalBasis: r.legal_basis,
  ip: r.ip,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Claims the next seq and returns it with the hash of the current last record. The UPDATE is the lock, on both
 * backends and in one statement: on PostgreSQL it locks the head row until the transaction ends (as SELECT … FOR
 * UPDATE would; a concurrent append waits, then re-reads the committed row under READ COMMITTED), and on SQLite it
 * takes the database's write lock at once, so that another process cannot read the same head between our read and
 * our write (a deferred transaction that read first would fail with SQLITE_BUSY on upgrade instead of waiting).
 * Within one process Kysely's SQLite driver already runs one transaction at a time on its single connection.
 */
export async function claimNextSeq(trx: Transaction<Database>): Promise<{ seq: number; prevHash: string }> {
  const r = await trx
    .updateTable('audit_head')
    .set((eb) => ({ count: eb('count', '+', 1) }))
    .where('id', '=', 1)
    .returning(['count', 'last_hash'])
    .executeTakeFirst();
  if (!r) throw new Error('审计链头记录（audit_head）缺失，无法追加审计记录');
  return { seq: Number(r.count), prevHash: r.last_hash };
}

/** Stores a chained record and moves the head to it; call after claimNextSeq, in the same transaction. */
/** A chained record as its row. */
export const toRow = (e: ChainedEntry): AuditLogTable => ({
  seq: e.seq,
  at: e.at,
  actor_kind: e.actorKind,
  actor_id: e.actorId,
  actor_name: e.actorName,
  action: e.action,
  target_kind: e.targetKind,
  target_id: e.targetId,
  subject_kind: e.subjectKind,
  subject_id: e.subjectId,
  purpose: e.purpose,
  legal_basis: e.legalBasis,
  ip: e.ip,
  detail: e.detail,
  prev_hash: e.prevHash,
  hash: e.hash,
});

export async function appendEntry(trx: Transaction<Database>, e: ChainedEntry): Promise<void> {
  await trx.insertInto('audit_log').values(toRow(e)).execute();
  const moved = await trx
    .updateTable('audit_head')
    .set({ last_hash: e.hash, updated_at: e.at })
    .where('id', '=', 1)
    .where('count', '=', e.seq)
    .executeTakeFirst();
  // Only possible if the seq was not claimed in this transaction: refuse rather than fork the chain.
  if (moved.numUpdatedRows !== 1n) throw new Error(`审计记录 ${e.seq} 与链头记录不一致，未写入`);
}

export async function getHead(db: Db): Promise<ChainHead | null> {
  const r = await db
    .selectFrom('audit_head')
    .select(['count', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return r ? { count: Number(r.count), lastHash: r.last_hash } : null;
}

/** Records after a seq, in seq order: one page of a streamed walk over the chain. */
export async function pageAfter(
  db: Db,
  afterSeq: number,
  limit: number,
  query?: AuditQuery,
): Promise<ChainedEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .$if(query !== undefined, (q) => q.where((eb) => matching(eb, query!)))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

/** `like` with the user's % and _ taken literally ('!' escapes: a backslash means different things per backend). */
const contains = (text: string) => `%${text.replace(/[!%_]/g, '!$&')}%`;
const startsWith = (text: string) => `${text.replace(/[!%_]/g, '!$&')}%`;

function matching(eb: ExpressionBuilder<Database, 'audit_log'>, q: AuditQuery): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  if (q.actor !== undefined) all.push(eb.or([eb('actor_id', '=', q.actor), eb('actor_name', '=', q.actor)]));
  if (q.actorKind !== undefined) all.push(eb('actor_kind', '=', q.actorKind));
  if (q.action !== undefined) {
    all.push(
      q.action.endsWith('.*')
        ? sql<SqlBool>`${eb.ref('action')} like ${startsWith(q.action.slice(0, -1))} escape '!'`
        : eb('action', '=', q.action),
    );
  }
  if (q.targetKind !== undefined) all.push(eb('target_kind', '=', q.targetKind));
  if (q.targetId !== undefined) all.push(eb('target_id', '=', q.targetId));
  if (q.subjectKind !== undefined) all.push(eb('subject_kind', '=', q.subjectKind));
  if (q.subjectId !== undefined) all.push(eb('subject_id', '=', q.subjectId));
  if (q.purpose !== undefined)
    all.push(sql<SqlBool>`${eb.ref('purpose')} like ${contains(q.purpose)} escape '!'`);
  if (q.fromAt !== undefined) all.push(eb('at', '>=', q.fromAt));
  if (q.toAt !== undefined) all.push(eb('at', '<', q.toAt));
  if (q.throughSeq !== undefined) all.push(eb('seq', '<=', q.throughSeq));
  return eb.and(all);
}

/** Matching records, newest first (by seq: the order in which they were appended), with how many match in all. */
export async function search(
  db: Db,
  q: AuditQuery,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: ChainedEntry[] }> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) => matching(eb, q))
    .orderBy('seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { total: await count(db, q), rows: rows.map(toEntry) };
}

export async function count(db: Db, q: AuditQuery): Promise<number> {
  const r = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => matching(eb, q))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
