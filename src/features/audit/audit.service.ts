import { createHmac } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Transaction } from 'kysely';
import {
  ChainVerifier,
  GENESIS_HASH,
  canonicalJson,
  hashEntry,
  type AuditEntry,
  type ChainedEntry,
  type SubjectKind,
} from '../../core/audit/chain.ts';
import type { Principal } from '../../core/access/policy.ts';
import { parseCitizenId } from '../../core/codes/citizen-id.ts';
import { DomainError } from '../../core/errors.ts';
import { parseUscc } from '../../core/codes/uscc.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import * as repo from './audit.repository.ts';
import {
  ACTOR_KINDS,
  ACTOR_KIND_LABELS,
  actionCode,
  actionLabel,
  auditFilters,
  timeBound,
  type ActorKind,
  type AuditFilters,
  type AuditRecord,
  type AuditSearchResult,
  type ChainVerifyResult,
  type PageQuery,
  type SubjectAccessResult,
} from './audit.schema.ts';
import { writeAuditXlsx } from './audit.xlsx.ts';

/** Whose data an entry is about: an enterprise by its USCC, a person by the citizen id (stored only as a pseudonym). */
export type AuditSubject = { kind: 'person'; citizenId: string } | { kind: 'enterprise'; uscc: string };

/** What a caller records: who, what, on what, about whom, why, from where. The time and the chain are added here. */
export interface AuditInput {
  actor: { kind: ActorKind; id: string | null; name: string };
  /** `area.verb`: profile.read, item.update, session.signIn … */
  action: string;
  target?: { kind: string; id: string } | null;
  subject?: AuditSubject | null;
  /** Required for any use of a subject's data other than a change to it (see purposeRequired). */
  purpose?: string | null;
  /** The legal basis (个人信息保护法 第十三条), e.g. "履行法定职责". */
  legalBasis?: string | null;
  ip?: string | null;
  /** Anything else worth keeping, as JSON. `department` (the actor's) is shown to the data subject. */
  detail?: Record<string, unknown> | null;
}

/** The audit actor for a signed-in principal (or the automation token). */
export function actorOf(p: Principal): AuditInput['actor'] {
  return { kind: p.kind, id: String(p.accountId), name: p.displayName };
}

export interface Recorded {
  seq: number;
  at: string;
  hash: string;
}

/** An audit entry (or search) that cannot be taken as given; `field` names the part that is wrong. */
export class AuditInputError extends DomainError {
  constructor(field: string, message: string) {
    super('invalid', message, field);
    this.name = 'AuditInputError';
  }
}

export interface AuditServiceOptions {
  /**
   * The secret for persons' pseudonyms (HMAC-SHA256 of the citizen id). Kept out of the database, so that someone
   * who copies the audit log cannot turn pseudonyms back into ids; without it entries about persons are refused.
   * Changing it cuts the link between a person and the entries recorded under the old key.
   */
  subjectKey?: string | Uint8Array;
  /** The clock (tests fix it). */
  now?: () => Date;
  /** Records per read when streaming the log (verification, export). */
  pageSize?: number;
}

/**
 * Verbs that change a subject's data. PIPL 第六条 asks a purpose of every processing; for a change the act itself
 * says what it is for, but a read, an export, a match … does not, so every other verb (including ones we have never
 * heard of) must come with a stated purpose.
 */
const CHANGE_VERBS = new Set(['create', 'update', 'delete', 'import', 'correct', 'submit', 'withdraw']);

export function purposeRequired(action: string, subject: AuditSubject | null | undefined): boolean {
  return subject != null && !CHANGE_VERBS.has(action.slice(action.lastIndexOf('.') + 1));
}

/** A citizen id anywhere in free text: 17 digits and a digit or X, not part of a longer number. */
const CITIZEN_ID_LIKE = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
/** Lone surrogates and NUL: PostgreSQL refuses or alters them, which would change the text under its hash. */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * Filter times to stored bounds: a date is that whole day in 北京时间 (UTC+8, no daylight saving since 1991), an
 * instant is itself; both ends inclusive. Returns [from inclusive, to exclusive] as UTC ISO text.
 */
export function timeBounds(from?: string, to?: string): { fromAt?: string; toAt?: string } {
  const instant = (s: string, field: string): number => {
    if (!timeBound.safeParse(s).success) throw new AuditInputError(field, `时间格式无效：${s}`);
    const ms = s.length === 10 ? Date.parse(`${s}T00:00:00Z`) - CHINA_OFFSET_MS : Date.parse(s);
    if (Number.isNaN(ms)) throw new AuditInputError(field, `时间无效：${s}`);
    return ms;
  };
  const out: { fromAt?: string; toAt?: string } = {};
  if (from !== undefined) out.fromAt = new Date(instant(from, 'from')).toISOString();
  if (to !== undefined) {
    const end = instant(to, 'to') + (to.length === 10 ? 24 * 3600_000 : 1);
    out.toAt = new Date(end).toISOString();
  }
  return out;
}

function parseDetail(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  const v = JSON.parse(text) as unknown;
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : { value: v };
}

function toRecord(e: ChainedEntry): AuditRecord {
  return {
    seq: e.seq,
    at: e.at,
    actor: { kind: e.actorKind, id: e.actorId, name: e.actorName },
    action: e.action,
    actionLabel: actionLabel(e.action),
    target:
      e.targetKind === null && e.targetId === null ? null : { kind: e.targetKind ?? '', id: e.targetId },
    subject: e.subjectKind !== null && e.subjectId !== null ? { kind: e.subjectKind, id: e.subjectId } : null,
    purpose: e.purpose,
    legalBasis: e.legalBasis,
    ip: e.ip,
    detail: parseDetail(e.detail),
    hash: e.hash,
  };
}

/**
 * The audit trail: every change and every read of personal or enterprise data, in a hash chain that
 * `verify` checks end to end.
 *
 * @example
 * const audit = new AuditService(handle, { subjectKey: process.env.ZCT_AUDIT_KEY });
 * await db.transaction().execute(async (trx) => {
 *   await profiles.update(trx, …);
 *   await audit.record({ actor, action: 'profile.update', subject: { kind: 'enterprise', uscc } }, trx);
 * });
 */
export class AuditService {
  readonly #handle: DatabaseHandle;
  readonly #key: string | Uint8Array | undefined;
  readonly #now: () => Date;
  readonly #pageSize: number;

  constructor(handle: DatabaseHandle, options: AuditServiceOptions = {}) {
    this.#handle = handle;
    this.#key = options.subjectKey;
    this.#now = options.now ?? (() => new Date());
    this.#pageSize = options.pageSize ?? 1000;
  }

  /**
   * Appends an entry. Given the caller's transaction, the entry commits or rolls back with the change it records;
   * otherwise it gets a transaction of its own.
   *
   * Appends are serialised on the chain's head, which stays locked until the transaction ends: record last, just
   * before the caller commits, or every other append waits for the rest of that transaction. On SQLite, do not call
   * it without `trx` from inside another transaction: the single connection is held by that one, and this would
   * wait for it forever.
   */
  async record(input: AuditInput, trx?: Transaction<Database>): Promise<Recorded> {
    // Everything that can be refused is checked before the head is locked.
    const fields = this.#prepare(input);
    const append = async (t: Transaction<Database>): Promise<Recorded> => {
      const { seq, prevHash } = await repo.claimNextSeq(t);
      // Taken under the lock, so that times never go backwards along the chain while the clock does not.
      const entry: AuditEntry = { ...fields, seq, at: this.#now().toISOString() };
      const hash = hashEntry(prevHash, entry);
      await repo.appendEntry(t, { ...entry, prevHash, hash });
      return { seq, at: entry.at, hash };
    };
    if (trx) {
      if (!trx.isTransaction) throw new TypeError('record(entry, trx) 的 trx 必须是事务');
      return append(trx);
    }
    return this.#handle.db.transaction().execute(append);
  }

  /**
   * Appends several entries in one transaction (the caller's, or one of its own): all are recorded, or none. Each is
   * checked before the head is locked, so one bad entry refuses the lot.
   */
  async recordMany(inputs: readonly AuditInput[], trx?: Transaction<Database>): Promise<Recorded[]> {
    for (const input of inputs) this.#prepare(input);
    const appendAll = async (t: Transaction<Database>) => {
      const out: Recorded[] = [];
      for (const input of inputs) out.push(await this.record(input, t));
      return out;
    };
    if (inputs.length === 0) return [];
    return trx ? appendAll(trx) : this.#handle.db.transaction().execute(appendAll);
  }

  /**
   * Walks the whole chain in seq order, a page at a time, and checks it against the anchor. Appends made while it
   * runs are verified too (it reads until it has caught up with the anchor).
   */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<ChainVerifyResult> {
    const db = this.#handle.db;
    const verifier = new ChainVerifier();
    let head = await repo.getHead(db);
    const expected = head?.count ?? 0;
    let lastSeq = 0;
    const drain = async (): Promise<boolean> => {
      let progressed = false;
      while (!verifier.settled) {
        const page = await repo.pageAfter(db, lastSeq, this.#pageSize);
        for (const row of page) verifier.push(row);
        if (page.length > 0) {
          lastSeq = page.at(-1)!.seq;
          progressed = true;
          onProgress?.(verifier.checked, Math.max(expected, verifier.checked));
        }
        if (page.length < this.#pageSize) break;
      }
      return progressed;
    };
    await drain();
    // Rows and the anchor commit together, so an anchor read after the rows counts at least the rows read; if it
    // counts more, either appends landed meanwhile (read them) or rows are missing (nothing more to read).
    while (!verifier.settled) {
      head = await repo.getHead(db);
      if (!head || head.count <= lastSeq || !(await drain())) break;
    }
    const result = verifier.finish(head);
    return result.ok
      ? { ...result, lastHash: head?.lastHash ?? GENESIS_HASH }
      : { ...result, lastHash: head?.lastHash ?? null };
  }

  /** An auditor's search, itself recorded (who looked for what is part of the trail). */
  async searchAs(
    by: AuditInput['actor'],
    ip: string | null,
    filters: AuditFilters,
    page?: PageQuery,
  ): Promise<AuditSearchResult> {
    await this.record({ actor: by, action: 'audit.search', ip, detail: { filters } });
    return this.search(filters, page);
  }

  /**
   * An auditor's export, itself recorded before the file is written: a failure to record refuses the export, and
   * `done` settles when the file has been written to `out`.
   */
  async exportAs(by: AuditInput['actor'], ip: string | null, filters: AuditFilters, out: Writable) {
    await this.record({ actor: by, action: 'audit.export', ip, detail: { filters } });
    return { done: this.exportXlsx(filters, out) };
  }

  /** Auditors' search: newest first, with the number of all matching records. */
  async search(
    filters: AuditFilters,
    page: PageQuery = { page: 1, pageSize: 50 },
  ): Promise<AuditSearchResult> {
    const q = this.#toQuery(filters);
    const { total, rows } = await repo.search(
      this.#handle.db,
      q,
      page.pageSize,
      (page.page - 1) * page.pageSize,
    );
    return { total, page: page.page, pageSize: page.pageSize, records: rows.map(toRecord) };
  }

  /**
   * What a data subject may see of the use of their data (个人信息保护法 第四十四、四十五条): who (name, kind and,
   * when recorded, department), when, what and why; newest first. `id` is the USCC or the citizen id.
   */
  async forSubject(
    kind: SubjectKind,
    id: string,
    page: PageQuery = { page: 1, pageSize: 50 },
  ): Promise<SubjectAccessResult> {
    const subjectId = this.#subjectId(kind === 'person' ? { kind, citizenId: id } : { kind, uscc: id });
    const { total, rows } = await repo.search(
      this.#handle.db,
      { subjectKind: kind, subjectId },
      page.pageSize,
      (page.page - 1) * page.pageSize,
    );
    return {
      total,
      entries: rows.map((r) => {
        const department = parseDetail(r.detail)?.department;
        return {
          at: r.at,
          who: {
            kind: r.actorKind,
            kindLabel: ACTOR_KIND_LABELS[r.actorKind as ActorKind] ?? r.actorKind,
            name: r.actorName,
            department: typeof department === 'string' ? department : null,
          },
          action: r.action,
          actionLabel: actionLabel(r.action),
          purpose: r.purpose,
          legalBasis: r.legalBasis,
        };
      }),
    };
  }

  /**
   * Writes the matching records, oldest first, to an xlsx file or stream (Chinese headers, one row per record).
   * Streams both the reading and the writing, so the size of the log does not matter; records appended after the
   * export starts are left out, so that the count given to `onProgress` holds.
   */
  async exportXlsx(
    filters: AuditFilters,
    out: Writable | string,
    onProgress?: (written: number, total: number) => void,
  ): Promise<{ rows: number }> {
    const db = this.#handle.db;
    const head = await repo.getHead(db);
    const q: repo.AuditQuery = { ...this.#toQuery(filters), throughSeq: head?.count ?? 0 };
    const total = await repo.count(db, q);
    const pageSize = this.#pageSize;
    async function* records(): AsyncGenerator<AuditRecord> {
      let after = 0;
      for (;;) {
        const page = await repo.pageAfter(db, after, pageSize, q);
        for (const row of page) yield toRecord(row);
        if (page.length < pageSize) return;
        after = page.at(-1)!.seq;
      }
    }
    const rows = await writeAuditXlsx(records(), out, { total, onProgress });
    return { rows };
  }

  /** The stored subject id: the USCC as written in GB 32100, or a person's keyed pseudonym. */
  #subjectId(subject: AuditSubject): string {
    if (subject.kind === 'enterprise') {
      const r = parseUscc(subject.uscc);
      if (!r.ok) throw new AuditInputError('subject', `数据主体的统一社会信用代码无效：${r.error}`);
      return r.code;
    }
    const r = parseCitizenId(subject.citizenId);
    if (!r.ok) throw new AuditInputError('subject', `数据主体的公民身份号码无效：${r.error}`);
    if (this.#key === undefined || this.#key.length === 0) {
      throw new AuditInputError(
        'subject',
        '未配置审计主体密钥（subjectKey），不能记录或查询涉及个人的审计记录',
      );
    }
    // Not a plain hash: citizen ids are few enough (region × birth date × sequence) to hash them all in minutes.
    // Not the profile id either: a person may have no profile (the calculator), and deleting one must not orphan the
    // record of who used the data. The prefix keeps these MACs apart from any other use of the same key.
    return createHmac('sha256', this.#key).update(`zct-audit-person:${r.id}`, 'utf8').digest('hex');
  }

  #toQuery(filters: AuditFilters): repo.AuditQuery {
    const parsed = auditFilters.safeParse(filters);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AuditInputError(issue.path.join('.') || 'filters', issue.message);
    }
    const f = parsed.data;
    const q: repo.AuditQuery = {
      actor: f.actor,
      actorKind: f.actorKind,
      action: f.action,
      targetKind: f.targetKind,
      targetId: f.targetId,
      subjectKind: f.subjectKind,
      purpose: f.purpose,
      ...timeBounds(f.from, f.to),
    };
    if (f.subjectKind !== undefined && f.subjectId !== undefined) {
      q.subjectId = this.#subjectId(
        f.subjectKind === 'person'
          ? { kind: 'person', citizenId: f.subjectId }
          : { kind: 'enterprise', uscc: f.subjectId },
      );
    }
    return q;
  }

  /** Checks an input and turns it into the stored fields (all but seq and time). */
  #prepare(input: AuditInput): Omit<AuditEntry, 'seq' | 'at'> {
    const text = (
      field: string,
      v: string | null | undefined,
      max: number,
      required = false,
    ): string | null => {
      const s = v?.trim() ?? '';
      if (s === '') {
        if (required) throw new AuditInputError(field, `审计记录缺少 ${field}`);
        return null;
      }
      if (s.length > max) throw new AuditInputError(field, `审计记录的 ${field} 超过 ${max} 个字符`);
      if (UNSTORABLE.test(s)) throw new AuditInputError(field, `审计记录的 ${field} 含有无法保存的字符`);
      if (hasCitizenId(s)) throw new AuditInputError(field, `审计记录的 ${field} 不得包含公民身份号码`);
      return s;
    };
    if (!(ACTOR_KINDS as readonly string[]).includes(input.actor.kind)) {
      throw new AuditInputError('actor.kind', `未知的操作者类型：${input.actor.kind}`);
    }
    const action = actionCode.safeParse(input.action);
    if (!action.success)
      throw new AuditInputError('action', `${action.error.issues[0]!.message}：${input.action}`);
    if (purposeRequired(input.action, input.subject) && !input.purpose?.trim()) {
      throw new AuditInputError(
        'purpose',
        `使用个人或企业数据（${actionLabel(input.action)}）必须说明目的（《中华人民共和国个人信息保护法》第六条）`,
      );
    }
    const detail = input.detail == null ? null : canonicalJson(input.detail);
    if (detail !== null && hasCitizenId(detail)) {
      throw new AuditInputError('detail', '审计记录的 detail 不得包含公民身份号码，请改用画像编号等');
    }
    if (detail !== null && detail.length > 20_000)
      throw new AuditInputError('detail', '审计记录的 detail 过长');
    const target = input.target ?? null;
    return {
      actorKind: input.actor.kind,
      actorId: text('actor.id', input.actor.id, 100),
      actorName: text('actor.name', input.actor.name, 100, true)!,
      action: input.action,
      targetKind: target ? text('target.kind', target.kind, 40, true) : null,
      targetId: target ? text('target.id', target.id, 100) : null,
      subjectKind: input.subject?.kind ?? null,
      subjectId: input.subject ? this.#subjectId(input.subject) : null,
      purpose: text('purpose', input.purpose, 500),
      legalBasis: text('legalBasis', input.legalBasis, 200),
      ip: text('ip', input.ip, 64),
      detail,
    };
  }
}

/**
 * True when the text holds something that checks out as a citizen id (GB 11643: valid date and check character).
 * An all-digit USCC can pass that check too; one that is also a valid USCC is let through, since refusing the
 * entry would block the act it records.
 */
function hasCitizenId(s: string): boolean {
  for (const m of s.matchAll(CITIZEN_ID_LIKE))
    if (parseCitizenId(m[0]).ok && !parseUscc(m[0]).ok) return true;
  return false;
}
