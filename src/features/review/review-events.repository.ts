import type { Selectable } from 'kysely';
import {
  PUBLICATION_ACTIONS,
  type PublicationAction,
  type ReviewAction,
  type ReviewEvent,
} from '../../core/review/review-rules.ts';
import type { Db } from '../../db/helpers/search/types.ts';
import type { ReviewEventTable } from '../../db/schema.ts';

/**
 * The SQL of review events (the table of migration 0007), shared by items, documents, repeals and the daily
 * validity run. Functions take `db | trx` first, so that an event is written in its step's transaction.
 */

export async function insertReviewEvent(trx: Db, e: ReviewEvent): Promise<void> {
  await trx
    .insertInto('review_events')
    .values({
      target_kind: e.targetKind,
      target_key: e.targetKey,
      version: e.version,
      action: e.action,
      actor_id: e.actorId,
      actor_name: e.actorName,
      department_id: e.departmentId,
      comment: e.comment,
      at: e.at,
    })
    .execute();
}

const toEvent = (r: Selectable<ReviewEventTable>): ReviewEvent => ({
  targetKind: r.target_kind as ReviewEvent['targetKind'],
  targetKey: r.target_key,
  version: r.version,
  action: r.action as ReviewAction,
  actorId: r.actor_id,
  actorName: r.actor_name,
  departmentId: r.department_id,
  comment: r.comment,
  at: r.at,
});

/** The events of one item or document, oldest first. */
export async function reviewEvents(
  db: Db,
  kind: ReviewEvent['targetKind'],
  key: string,
): Promise<ReviewEvent[]> {
  const rows = await db
    .selectFrom('review_events')
    .selectAll()
    .where('target_kind', '=', kind)
    .where('target_key', '=', key)
    .orderBy('id')
    .execute();
  return rows.map(toEvent);
}

/** Publications, newest first: the public list of what changed (公示). */
export async function publications(db: Db, limit: number, offset: number) {
  const base = db.selectFrom('review_events').where('action', 'in', PUBLICATION_ACTIONS);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    events: rows.map(toEvent) as (ReviewEvent & { action: PublicationAction })[],
  };
}
