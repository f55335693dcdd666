import type { Profile } from '../../core/rules/types.ts';
import type { Db } from '../../db/helpers/search/types.ts';

/** All SQL about profiles (电子画像). Functions take `db | trx` first. */

export interface ProfileRow {
  id: number;
  kind: 'enterprise' | 'person';
  subjectKey: string;
  name: string;
  region: string | null;
  isSample: boolean;
  profile: Profile;
}

type Raw = {
  id: number;
  kind: string;
  subject_key: string;
  name: string;
  region: string | null;
  facts: string;
  is_sample: number;
};

const toRow = (r: Raw): ProfileRow => ({
  id: r.id,
  kind: r.kind as ProfileRow['kind'],
  subjectKey: r.subject_key,
  name: r.name,
  region: r.region,
  isSample: r.is_sample === 1,
  profile: {
    kind: r.kind as Profile['kind'],
    id: r.subject_key,
    facts: JSON.parse(r.facts) as Profile['facts'],
  },
});

/** Inserts or replaces the profile of a subject (USCC or citizen id). */
export async function upsertProfile(
  trx: Db,
  p: {
    kind: Profile['kind'];
    subjectKey: string;
    name: string;
    region: string | null;
    profile: Profile;
    isSample: boolean;
  },
  now: string,
): Promise<number> {
  const existing = await trx
    .selectFrom('profiles')
    .select('id')
    .where('kind', '=', p.kind)
    .where('subject_key', '=', p.subjectKey)
    .executeTakeFirst();
  const values = {
    name: p.name,
    region: p.region,
    facts: JSON.stringify(p.profile.facts),
    is_sample: p.isSample ? 1 : 0,
    updated_at: now,
  };
  if (existing) {
    await trx.updateTable('profiles').set(values).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const r = await trx
    .insertInto('profiles')
    .values({ ...values, kind: p.kind, subject_key: p.subjectKey, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function getProfile(db: Db, id: number): Promise<ProfileRow | null> {
  const r = await db.selectFrom('profiles').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

/** The stored profile of a subject (a USCC or a citizen id, as stored), if any. */
export async function findProfileBySubject(
  db: Db,
  kind: Profile['kind'],
  subjectKey: string,
): Promise<ProfileRow | null> {
  const r = await db
    .selectFrom('profiles')
    .selectAll()
    .where('kind', '=', kind)
    .where('subject_key', '=', subjectKey)
    .executeTakeFirst();
  return r ? toRow(r) : null;
}

export async function listProfiles(
  db: Db,
  filter: { kind?: Profile['kind']; samplesOnly?: boolean },
): Promise<ProfileRow[]> {
  let q = db.selectFrom('profiles').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.samplesOnly) q = q.where('is_sample', '=', 1);
  return (await q.orderBy('id').execute()).map(toRow);
}

export async function countProfiles(db: Db): Promise<number> {
  const r = await db
    .selectFrom('profiles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
