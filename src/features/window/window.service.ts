import { mayActForVisitor, type Principal } from '../../core/access/policy.ts';
import { maskCitizenId, parseCitizenId } from '../../core/codes/citizen-id.ts';
import { parseUscc } from '../../core/codes/uscc.ts';
import { DomainError } from '../../core/errors.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { actorOf, type AuditInput, type AuditService, type AuditSubject } from '../audit/audit.service.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import type { MatchingService } from '../matching/matching.service.ts';
import type { ProfilesService } from '../profiles/profiles.service.ts';
import * as repo from './window.repository.ts';
import {
  CONSENT_METHOD_NAMES,
  CONSENT_METHODS,
  type ConsentMethod,
  type StartVisitInput,
  type VisitView,
} from './window.schema.ts';

/**
 * How long a visit lasts unless the officer ends it first: 2 hours from the visitor's consent. A visit is one
 * sitting at the window (the 2 hours of a session's idle limit cover a long one); business that goes on later
 * starts a new visit, with consent given again.
 */
export const VISIT_LIMIT_MS = 2 * 3600_000;

/** Consent wording shorter than this cannot say what is used, by whom and for what (个人信息保护法 第十七条). */
const CONSENT_TEXT_MIN = 20;

/**
 * The legal basis recorded with each use: a person's consent (个人信息保护法 第十三条第一款第一项), or the
 * enterprise's authorisation given through the agent at the window.
 */
const LEGAL_BASIS = {
  person: '个人同意（《中华人民共和国个人信息保护法》第十三条第一款第一项）',
  enterprise: '企业授权（经办人现场确认）',
} as const;

/** Used as the purpose when the officer stated none when starting the visit. */
const DEFAULT_PURPOSE = '窗口代办';

/**
 * Window visits (窗口代办): a window officer acts for a visitor who is present, from the visitor's recorded consent
 * until the officer ends the visit or it expires. Only during it, and only the officer who started it, may read
 * the visitor's profile and match it to the published items (`mayActForVisitor`); every read is recorded with its
 * purpose and the visit, and so are the start and the end, in the audit trail the visitor can read
 * (`GET /api/me/data-use`).
 *
 * @example
 * const visit = await window.start(officer, { visitorKind: 'enterprise', uscc, consentText, consentMethod: 'signature' }, ip);
 * const { profile } = await window.profile(officer, visit.id, '核对企业开办信息', ip);
 * await window.end(officer, visit.id, ip);
 */
export class WindowService {
  readonly #now: () => Date;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly profiles: ProfilesService,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
    options: { now?: () => Date } = {},
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  /** Starts a visit with the visitor's consent, recorded with the words shown to them and how they agreed. */
  async start(by: Principal, input: StartVisitInput, ip: string | null): Promise<VisitView> {
    requireOfficer(by);
    const subject = visitorOf(input);
    const consentText = input.consentText.trim();
    if (consentText.length < CONSENT_TEXT_MIN)
      throw new DomainError(
        'invalid',
        `授权告知内容至少${CONSENT_TEXT_MIN}个字，应说明使用哪些数据、由谁使用、用于什么目的`,
        'consentText',
      );
    if (!(CONSENT_METHODS as readonly string[]).includes(input.consentMethod))
      throw new DomainError('invalid', '请选择取得同意的方式', 'consentMethod');
    const purpose = input.purpose?.trim() || null;
    const started = this.#now();
    return this.handle.db.transaction().execute(async (trx) => {
      const visit = await repo.insertVisit(trx, {
        officerId: by.accountId,
        subjectKind: subject.kind,
        subjectKey: subject.key,
        consentText,
        consentMethod: input.consentMethod,
        purpose,
        startedAt: started.toISOString(),
        expiresAt: new Date(started.getTime() + VISIT_LIMIT_MS).toISOString(),
      });
      // The consent's own words go into the hash chain: what the visitor agreed to cannot be changed afterwards.
      await this.audit.record(
        this.#entry(by, visit, 'visit.start', purpose ?? DEFAULT_PURPOSE, ip, {
          consentMethod: CONSENT_METHOD_NAMES[input.consentMethod],
          consentText,
        }),
        trx,
      );
      return this.#view(visit);
    });
  }

  /** Ends the officer's own visit; from now on the visitor's data is out of reach. */
  async end(by: Principal, id: number, ip: string | null): Promise<VisitView> {
    requireOfficer(by);
    const visit = await this.#visit(id);
    if (visit.officerId !== by.accountId) throw otherOfficers();
    if (visit.endedAt !== null) throw new DomainError('conflict', '该次窗口代办已经结束', 'id');
    const at = this.#now().toISOString();
    return this.handle.db.transaction().execute(async (trx) => {
      if (!(await repo.endVisit(trx, id, at)))
        throw new DomainError('conflict', '该次窗口代办已经结束', 'id');
      const ended = { ...visit, endedAt: at };
      await this.audit.record(this.#entry(by, ended, 'visit.end', visit.purpose ?? DEFAULT_PURPOSE, ip), trx);
      return this.#view(ended);
    });
  }

  /** The officer's open visits, newest first. */
  async openVisits(by: Principal): Promise<VisitView[]> {
    requireOfficer(by);
    const visits = await repo.openVisits(this.handle.db, by.accountId, this.#now().toISOString());
    return visits.map((v) => this.#view(v));
  }

  /** The visitor's profile, read during the visit for a purpose (the visit's own unless another is given). */
  async profile(by: Principal, id: number, purpose: string | undefined, ip: string | null) {
    const { visit, why } = await this.#during(by, id, purpose);
    const found = await this.#visitorProfile(visit);
    await this.audit.record(this.#entry(by, visit, 'profile.read', why, ip, { profile: found.id }));
    return { visit: this.#view(visit), profile: found };
  }

  /** The published items matched to the visitor's profile, during the visit, for a purpose. */
  async match(
    by: Principal,
    id: number,
    purpose: string | undefined,
    asOf: string | undefined,
    ip: string | null,
  ) {
    const { visit, why } = await this.#during(by, id, purpose);
    const found = await this.#visitorProfile(visit);
    const day = asOf ?? todayInChina();
    await this.audit.record(
      this.#entry(by, visit, 'profile.match', why, ip, { profile: found.id, asOf: day }),
    );
    return this.matching.match(found.profile, day);
  }

  /**
   * The visit, if the officer may act for its visitor now (`mayActForVisitor`), and the purpose of this use;
   * otherwise why not, in words the officer can act on.
   */
  async #during(by: Principal, id: number, purpose: string | undefined) {
    requireOfficer(by);
    const visit = await this.#visit(id);
    const now = this.#now().toISOString();
    const subject = { kind: visit.subjectKind, key: visit.subjectKey };
    if (!mayActForVisitor(by, visit, subject, now)) {
      if (visit.officerId !== by.accountId) throw otherOfficers();
      if (visit.endedAt !== null)
        throw new DomainError(
          'forbidden',
          '该次窗口代办已结束，不能再查看办事人的数据；如需继续办理，请重新取得办事人同意后开始新的代办',
          'id',
        );
      throw new DomainError(
        'forbidden',
        `该次窗口代办已超过${VISIT_LIMIT_MS / 3600_000}小时有效期，不能再查看办事人的数据；请重新取得办事人同意后开始新的代办`,
        'id',
      );
    }
    const why = purpose?.trim() || visit.purpose;
    if (!why)
      throw new DomainError(
        'invalid',
        '请说明查看办事人数据的目的（开始代办时未登记办理事项）（《中华人民共和国个人信息保护法》第六条）',
        'purpose',
      );
    return { visit, why };
  }

  async #visit(id: number): Promise<repo.VisitRow> {
    const visit = await repo.findVisit(this.handle.db, id);
    if (!visit) throw new DomainError('notFound', `窗口代办 ${id} 不存在`, 'id');
    return visit;
  }

  async #visitorProfile(visit: repo.VisitRow) {
    const found = await this.profiles.forSubject(visit.subjectKind, visit.subjectKey);
    if (!found)
      throw new DomainError(
        'notFound',
        visit.subjectKind === 'enterprise'
          ? '平台尚未归集该企业的画像数据'
          : '平台尚未归集该办事人的画像数据',
        'id',
      );
    return found;
  }

  #entry(
    by: Principal,
    visit: repo.VisitRow,
    action: string,
    purpose: string,
    ip: string | null,
    extra: Record<string, unknown> = {},
  ): AuditInput {
    const subject: AuditSubject =
      visit.subjectKind === 'person'
        ? { kind: 'person', citizenId: visit.subjectKey }
        : { kind: 'enterprise', uscc: visit.subjectKey };
    return {
      actor: actorOf(by),
      action,
      target: { kind: 'visit', id: String(visit.id) },
      subject,
      purpose,
      legalBasis: LEGAL_BASIS[visit.subjectKind],
      ip,
      detail: { visit: visit.id, department: by.department?.name ?? null, ...extra },
    };
  }

  #view(v: repo.VisitRow): VisitView {
    const now = this.#now().toISOString();
    return {
      id: v.id,
      visitor: {
        kind: v.subjectKind,
        id: v.subjectKind === 'person' ? maskCitizenId(v.subjectKey) : v.subjectKey,
      },
      purpose: v.purpose,
      consentMethod: v.consentMethod as ConsentMethod,
      consentMethodLabel: CONSENT_METHOD_NAMES[v.consentMethod as ConsentMethod] ?? v.consentMethod,
      consentText: v.consentText,
      startedAt: v.startedAt,
      expiresAt: v.expiresAt,
      endedAt: v.endedAt,
      status: v.endedAt !== null ? 'ended' : v.expiresAt > now ? 'open' : 'expired',
    };
  }
}

function requireOfficer(by: Principal): void {
  if (by.kind !== 'window') throw new DomainError('forbidden', '仅窗口工作人员可以办理窗口代办');
}

function otherOfficers(): DomainError {
  return new DomainError('forbidden', '该次窗口代办由其他工作人员办理，您不能查看或结束', 'id');
}

/** The visitor as the visit stores them: the id checked (GB 11643 or GB 32100), naming the field when wrong. */
function visitorOf(input: StartVisitInput): { kind: 'person' | 'enterprise'; key: string } {
  if (input.visitorKind === 'person') {
    if (!input.citizenId?.trim()) throw new DomainError('invalid', '请填写办事人的公民身份号码', 'citizenId');
    const r = parseCitizenId(input.citizenId);
    if (!r.ok) throw new DomainError('invalid', `办事人的公民身份号码有误：${r.error}`, 'citizenId');
    return { kind: 'person', key: r.id };
  }
  if (!input.uscc?.trim()) throw new DomainError('invalid', '请填写办事企业的统一社会信用代码', 'uscc');
  const r = parseUscc(input.uscc);
  if (!r.ok) throw new DomainError('invalid', `办事企业的统一社会信用代码有误：${r.error}`, 'uscc');
  return { kind: 'enterprise', key: r.code };
}
