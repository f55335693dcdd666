import type { Db } from '../../db/helpers/search/types.ts';

/** All SQL about data subjects' preferences. Functions take `db | trx` first. */

export interface PreferenceRow {
  personalisedPush: boolean;
  updatedAt: string;
}

export async function getPreference(db: Db, kind: string, key: string): Promise<PreferenceRow | null> {
  const r = await db
    .selectFrom('subject_preferences')
    .select(['personalised_push', 'updated_at'])
    .where('subject_kind', '=', kind)
    .where('subject_key', '=', key)
    .executeTakeFirst();
  return r ? { personalisedPush: Number(r.personalised_push) === 1, updatedAt: r.updated_at } : null;
}

export async function putPreference(db: Db, kind: string, key: string, p: PreferenceRow): Promise<void> {
  const values = { personalised_push: p.personalisedPush ? 1 : 0, updated_at: p.updatedAt };
  await db
    .insertInto('subject_preferences')
    .values({ subject_kind: kind, subject_key: key, ...values })
    .onConflict((oc) => oc.columns(['subject_kind', 'subject_key']).doUpdateSet(values))
    .execute();
}
