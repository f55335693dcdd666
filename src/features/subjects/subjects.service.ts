import type { Principal } from '../../core/access/policy.ts';
import { parseCitizenId } from '../../core/codes/citizen-id.ts';
import { parseUscc } from '../../core/codes/uscc.ts';
import { DomainError } from '../../core/errors.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { actorOf, type AuditService, type AuditSubject } from '../audit/audit.service.ts';
import * as repo from './subjects.repository.ts';
import type { PreferencesInput, PreferencesView } from './subjects.schema.ts';

export type SubjectKind = 'person' | 'enterprise';

/**
 * Personalised push is on until the subject switches it off: the platform exists to bring policies to those they
 * fit (聊政办字〔2023〕13号: 精准推送), and 个人信息保护法 第二十四条 asks that a person can refuse it easily, which
 * `PUT /api/me/preferences` does in one step.
 */
const DEFAULTS = { personalisedPush: true } as const;

/**
 * A data subject's own settings: a person (by citizen id) or an enterprise (by USCC, for all its accounts).
 *
 * @example
 * await subjects.setPreferences(principal, { personalisedPush: false }, ip);
 * await subjects.allowsPersonalisedPush('enterprise', uscc); // false
 */
export class SubjectsService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async preferences(by: Principal): Promise<PreferencesView> {
    const s = subjectOf(by);
    const row = await repo.getPreference(this.handle.db, s.kind, s.key);
    return row ?? { ...DEFAULTS, updatedAt: null };
  }

  /** Changes the caller's own settings; the change is recorded in the trail they read back. */
  async setPreferences(by: Principal, input: PreferencesInput, ip: string | null): Promise<PreferencesView> {
    const s = subjectOf(by);
    const row = { personalisedPush: input.personalisedPush, updatedAt: this.now().toISOString() };
    await this.handle.db.transaction().execute(async (trx) => {
      await repo.putPreference(trx, s.kind, s.key, row);
      await this.audit.record(
        {
          actor: actorOf(by),
          action: 'preference.update',
          subject: auditSubject(s.kind, s.key),
          ip,
          detail: { personalisedPush: row.personalisedPush },
        },
        trx,
      );
    });
    return row;
  }

  /**
   * Whether a subject may be sent policies chosen from their profile (the push feature asks before each push).
   * `key` is the citizen id or the USCC; one that is not valid has no preference and is refused.
   */
  async allowsPersonalisedPush(kind: SubjectKind, key: string): Promise<boolean> {
    const id = normalised(kind, key);
    if (id === null) return false;
    const row = await repo.getPreference(this.handle.db, kind, id);
    return row?.personalisedPush ?? DEFAULTS.personalisedPush;
  }
}

/** The subject a person or enterprise account speaks for: the citizen id, or the enterprise's USCC. */
function subjectOf(by: Principal): { kind: SubjectKind; key: string } {
  if (by.kind === 'person' && by.citizenId) return { kind: 'person', key: by.citizenId };
  if (by.kind === 'enterprise' && by.uscc) return { kind: 'enterprise', key: by.uscc };
  throw new DomainError('forbidden', '仅自然人或企业账号可以管理本人（本企业）的数据设置');
}

/** The id as accounts and profiles store it (upper case, no spaces), or null when it does not check out. */
function normalised(kind: SubjectKind, key: string): string | null {
  if (kind === 'person') {
    const r = parseCitizenId(key);
    return r.ok ? r.id : null;
  }
  const r = parseUscc(key);
  return r.ok ? r.code : null;
}

function auditSubject(kind: SubjectKind, key: string): AuditSubject {
  return kind === 'person' ? { kind, citizenId: key } : { kind, uscc: key };
}
