import { sql } from 'kysely';
import type { Db } from '../../db/helpers/search/types.ts';
import { validityExpr } from '../library/library.repository.ts';

/**
 * All SQL of the validity jobs: items and documents whose validity ends, the reminders sent for them, the
 * documents still waiting for an item, and the housekeeping of sessions and password resets. Functions take
 * `db | trx` first.
 */

/** Kinds of document that set policy and are put online as items (not 任免, 大事记, 批复, 函, 报告 …). */
export const POLICY_DOCUMENT_KINDS = [
  '办法',
  '规定',
  '细则',
  '条例',
  '规则',
  '方案',
  '计划',
  '规划',
  '意见',
  '通知',
  '决定',
] as const;

/** Items the public can see, or that are suspended, with the definition of their published version. */
export async function liveItems(db: Db) {
  return db
    .selectFrom('policy_items')
    .innerJoin('policy_item_versions', (j) =>
      j
        .onRef('policy_item_versions.item_id', '=', 'policy_items.id')
        .onRef('policy_item_versions.version', '=', 'policy_items.published_version'),
    )
    .leftJoin('departments', 'departments.id', 'policy_items.owner_department_id')
    .select([
      'policy_items.id',
      'policy_items.code',
      'policy_items.name',
      'policy_items.status',
      'policy_items.published_version as version',
      'policy_items.owner_department_id as departmentId',
      'departments.name as departmentName',
      'policy_items.repealed_on as repealedOn',
      'policy_item_versions.definition',
    ])
    .where('policy_items.status', 'in', ['published', 'suspended'])
    .orderBy('policy_items.code')
    .execute();
}

/** Marks an item expired, if it is still published or suspended; false when something else got there first. */
export async function expireItem(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('policy_items')
    .set({ status: 'expired', updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['published', 'suspended'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Documents whose validity ended before `today` (not repealed) and whose current version has no 'expire' event. */
export async function documentsToExpire(db: Db, today: string) {
  return db
    .selectFrom('documents')
    .select([
      'doc_key as docKey',
      'doc_number as docNumber',
      'title',
      'effective_until as until',
      'current_version as version',
      'owner_department_id as departmentId',
    ])
    .where(sql<boolean>`${validityExpr(today)} = 'expired'`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('review_events')
            .select('review_events.id')
            .where('review_events.target_kind', '=', 'document')
            .whereRef('review_events.target_key', '=', 'documents.doc_key')
            .whereRef('review_events.version', '=', 'documents.current_version')
            .where('review_events.action', '=', 'expire'),
        ),
      ),
    )
    .execute();
}

/** Documents in force whose validity ends between `from` and `to` (inclusive), with their owning department. */
export async function documentsEnding(db: Db, from: string, to: string, departmentId?: number) {
  let q = db
    .selectFrom('documents')
    .leftJoin('departments', 'departments.id', 'documents.owner_department_id')
    .select([
      'documents.id',
      'documents.doc_key as docKey',
      'documents.doc_number as docNumber',
      'documents.title',
      'documents.effective_until as until',
      'documents.owner_department_id as departmentId',
      'departments.name as departmentName',
    ])
    .where(sql<boolean>`${validityExpr(from)} = 'in-force'`)
    .where('documents.effective_until', '>=', from)
    .where('documents.effective_until', '<=', to);
  if (departmentId !== undefined) q = q.where('documents.owner_department_id', '=', departmentId);
  return q.orderBy('documents.effective_until').orderBy('documents.doc_key').execute();
}

/**
 * Policy documents issued on or after `since` that are in force (or not yet) on `today` and that no published
 * item cites: the candidates for the overdue list.
 */
export async function documentsWithoutItems(db: Db, since: string, today: string, departmentId?: number) {
  let q = db
    .selectFrom('documents')
    .leftJoin('departments', 'departments.id', 'documents.owner_department_id')
    .select([
      'documents.id',
      'documents.doc_number as docNumber',
      'documents.title',
      'documents.kind',
      'documents.issued_on as issuedOn',
      'documents.owner_department_id as departmentId',
      'departments.name as departmentName',
    ])
    .where('documents.kind', 'in', [...POLICY_DOCUMENT_KINDS])
    .where('documents.doc_number', 'is not', null)
    .where('documents.issued_on', 'is not', null)
    .where('documents.issued_on', '>=', since)
    .where('documents.issued_on', '<=', today)
    .where(sql<boolean>`${validityExpr(today)} in ('in-force', 'not-yet', 'unknown')`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('item_citations')
            .innerJoin('policy_items', 'policy_items.id', 'item_citations.item_id')
            .select('item_citations.item_id')
            .whereRef('item_citations.version', '=', 'policy_items.published_version')
            .whereRef('item_citations.doc_number', '=', 'documents.doc_number')
            .where('policy_items.status', '=', 'published'),
        ),
      ),
    );
  if (departmentId !== undefined) q = q.where('documents.owner_department_id', '=', departmentId);
  const rows = await q.orderBy('documents.issued_on').orderBy('documents.id').execute();
  return rows.map((r) => ({ ...r, docNumber: r.docNumber!, issuedOn: r.issuedOn! }));
}

// Reminders (有效期届满评估)

export interface ReminderKey {
  targetKind: 'document' | 'item';
  targetKey: string;
  endsOn: string;
}

/** Remembers a reminder that is due; false when it was remembered before (sent, or being sent). */
export async function claimReminder(
  db: Db,
  r: ReminderKey & { departmentId: number | null; title: string; now: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('validity_reminders')
    .values({
      target_kind: r.targetKind,
      target_key: r.targetKey,
      ends_on: r.endsOn,
      department_id: r.departmentId,
      title: r.title,
      created_at: r.now,
      recipients: 0,
    })
    .onConflict((oc) => oc.columns(['target_kind', 'target_key', 'ends_on']).doNothing())
    .returning('target_key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Reminders remembered but not yet handed to the Notifier (a run stopped between the two). */
export async function unsentReminders(db: Db) {
  return db
    .selectFrom('validity_reminders')
    .leftJoin('departments', 'departments.id', 'validity_reminders.department_id')
    .select([
      'validity_reminders.target_kind as targetKind',
      'validity_reminders.target_key as targetKey',
      'validity_reminders.ends_on as endsOn',
      'validity_reminders.department_id as departmentId',
      'departments.name as departmentName',
      'validity_reminders.title',
    ])
    .where('validity_reminders.sent_at', 'is', null)
    .orderBy('validity_reminders.ends_on')
    .orderBy('validity_reminders.target_key')
    .execute();
}

export async function markReminderSent(
  db: Db,
  r: ReminderKey,
  recipients: number,
  now: string,
): Promise<void> {
  await db
    .updateTable('validity_reminders')
    .set({ sent_at: now, recipients })
    .where('target_kind', '=', r.targetKind)
    .where('target_key', '=', r.targetKey)
    .where('ends_on', '=', r.endsOn)
    .execute();
}

/** When each reminder of the given targets was sent, keyed `kind|key|endsOn`. */
export async function remindersSent(db: Db, endsFrom: string, endsTo: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('validity_reminders')
    .select(['target_kind', 'target_key', 'ends_on', 'sent_at'])
    .where('ends_on', '>=', endsFrom)
    .where('ends_on', '<=', endsTo)
    .where('sent_at', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [`${r.target_kind}|${r.target_key}|${r.ends_on}`, r.sent_at!]));
}

/** The staff of a department who are reminded: enabled staff accounts. */
export async function departmentStaff(db: Db, departmentId: number) {
  return db
    .selectFrom('accounts')
    .select(['username', 'display_name as displayName'])
    .where('kind', '=', 'staff')
    .where('department_id', '=', departmentId)
    .where('disabled', '=', 0)
    .orderBy('username')
    .execute();
}

// Housekeeping

/** Deletes sessions past their absolute end or idle since before `idleBefore`. */
export async function deleteEndedSessions(db: Db, now: string, idleBefore: string): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where((w) => w.or([w('expires_at', '<=', now), w('last_seen_at', '<=', idleBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes password reset codes that were used or have expired. */
export async function deleteSpentPasswordResets(db: Db, now: string): Promise<number> {
  const r = await db
    .deleteFrom('password_resets')
    .where((w) => w.or([w('used_at', 'is not', null), w('expires_at', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
