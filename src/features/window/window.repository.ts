import type { Selectable } from 'kysely';
import type { Db } from '../../db/helpers/search/types.ts';
import type { WindowVisitTable } from '../../db/schema-accounts.ts';

/** All SQL about window visits (窗口代办). Functions take `db | trx` first. */

export interface VisitRow {
  id: number;
  officerId: number;
  subjectKind: 'person' | 'enterprise';
  /** The USCC or the citizen id, as checked when the visit started. */
  subjectKey: string;
  consentText: string;
  consentMethod: string;
  purpose: string | null;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
}

const toVisit = (r: Selectable<WindowVisitTable>): VisitRow => ({
  id: r.id,
  officerId: r.officer_id,
  subjectKind: r.subject_kind as VisitRow['subjectKind'],
  subjectKey: r.subject_key,
  consentText: r.consent_text,
  consentMethod: r.consent_method,
  purpose: r.purpose,
  startedAt: r.started_at,
  expiresAt: r.expires_at,
  endedAt: r.ended_at,
});

export async function insertVisit(db: Db, v: Omit<VisitRow, 'id' | 'endedAt'>): Promise<VisitRow> {
  const r = await db
    .insertInto('window_visits')
    .values({
      officer_id: v.officerId,
      subject_kind: v.subjectKind,
      subject_key: v.subjectKey,
      consent_text: v.consentText,
      consent_method: v.consentMethod,
      purpose: v.purpose,
      started_at: v.startedAt,
      expires_at: v.expiresAt,
      ended_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toVisit(r);
}

export async function findVisit(db: Db, id: number): Promise<VisitRow | null> {
  const r = await db.selectFrom('window_visits').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toVisit(r) : null;
}

/** Ends a visit that has not ended yet; false when it already had. */
export async function endVisit(db: Db, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('window_visits')
    .set({ ended_at: at })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** An officer's visits that are still open at `now` (not ended, not expired), newest first. */
export async function openVisits(db: Db, officerId: number, now: string): Promise<VisitRow[]> {
  const rows = await db
    .selectFrom('window_visits')
    .selectAll()
    .where('officer_id', '=', officerId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toVisit);
}
