import { maskCitizenId } from '../../core/codes/citizen-id.ts';
import {
  enterpriseFromRecord,
  personFromRecord,
  type FlatRecord,
  type RecordOrigin,
} from '../../core/profiles/records.ts';
import type { Profile } from '../../core/rules/types.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import * as repo from './profiles.repository.ts';

/** A profile record that was refused: each problem names the record's field. */
export class ProfileValidationError extends Error {
  constructor(
    readonly index: number | null,
    readonly problems: { field: string; message: string }[],
  ) {
    super(
      `画像${index === null ? '' : `第${index + 1}条`}有误：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`,
    );
    this.name = 'ProfileValidationError';
  }
}

export interface ProfileSummary {
  id: number;
  kind: Profile['kind'];
  name: string;
  /** USCC in full (public register data); a citizen id masked. */
  subject: string;
  region: string | null;
  isSample: boolean;
}

const str = (p: Profile, v: string) => {
  const f = p.facts[v];
  return f && typeof f.value === 'string' ? f.value : null;
};

/** Profiles (电子画像): built from records with every fact's source, validated (USCC, citizen id) on the way in. */
export class ProfilesService {
  constructor(private readonly handle: DatabaseHandle) {}

  /** A record to a profile, or the problems naming its fields. */
  fromRecord(
    kind: Profile['kind'],
    record: FlatRecord,
    index: number | null = null,
    origin: RecordOrigin = 'shared',
  ): Profile {
    const r =
      kind === 'enterprise'
        ? enterpriseFromRecord(record, origin)
        : personFromRecord(record, todayInChina(), origin);
    if (!r.ok) throw new ProfileValidationError(index, r.errors);
    return r.profile;
  }

  /** Stores records (the sample content) in one transaction; a bad record stores none of them. */
  async loadRecords(
    kind: Profile['kind'],
    records: readonly FlatRecord[],
    isSample: boolean,
  ): Promise<number> {
    const profiles = records.map((r, i) => this.fromRecord(kind, r, i));
    const now = new Date().toISOString();
    await this.handle.db.transaction().execute(async (trx) => {
      for (const p of profiles) {
        await repo.upsertProfile(
          trx,
          {
            kind,
            subjectKey: p.id!,
            name: str(p, `${kind}.name`) ?? p.id!,
            region: str(p, kind === 'enterprise' ? 'enterprise.region' : 'person.householdRegion'),
            profile: p,
            isSample,
          },
          now,
        );
      }
    });
    return profiles.length;
  }

  async listSamples(kind?: Profile['kind']): Promise<ProfileSummary[]> {
    const rows = await repo.listProfiles(this.handle.db, { kind, samplesOnly: true });
    return rows.map(summary);
  }

  /**
   * One stored profile. Only the fictional samples are readable here: reading real profiles needs an account, a
   * stated purpose and an audit record (issue 5).
   */
  async getSample(id: number): Promise<(ProfileSummary & { profile: Profile }) | null> {
    const row = await repo.getProfile(this.handle.db, id);
    return row?.isSample ? { ...summary(row), profile: row.profile } : null;
  }

  /**
   * The stored profile of a subject, real or sample. Not for routes to hand out as they are: a caller reads a real
   * profile only through a use case that checks who may and records the read with its purpose (the window visit).
   */
  async forSubject(
    kind: Profile['kind'],
    subjectKey: string,
  ): Promise<(ProfileSummary & { profile: Profile }) | null> {
    const row = await repo.findProfileBySubject(this.handle.db, kind, subjectKey);
    return row ? { ...summary(row), profile: row.profile } : null;
  }

  /** Every stored profile of a kind, for counting who an item reaches. */
  async all(kind: Profile['kind']) {
    return repo.listProfiles(this.handle.db, { kind });
  }
}

export function summary(row: repo.ProfileRow): ProfileSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    subject: row.kind === 'person' ? maskCitizenId(row.subjectKey) : row.subjectKey,
    region: row.region,
    isSample: row.isSample,
  };
}
