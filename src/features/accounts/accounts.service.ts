import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { OidcIdentityResult } from '../../core/access/oidc-claims.ts';
import { maskCitizenId, parseCitizenId } from '../../core/codes/citizen-id.ts';
import { parseUscc } from '../../core/codes/uscc.ts';
import type { AccountKind, DepartmentRef, Level, Principal, StaffRole } from '../../core/access/policy.ts';
import { DomainError } from '../../core/errors.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { actorOf, type AuditInput, type AuditService } from '../audit/audit.service.ts';
import * as repo from './accounts.repository.ts';
import type { Notifier } from './notifier.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

export interface SessionPolicy {
  /** A session unused this long ends (等保 2.0 asks for a timeout on idle sessions). */
  idleMinutes: number;
  /** And none lasts longer than this. */
  maxHours: number;
}

/** After this many failures within the window, the username (or IP) is locked for the window. */
export const THROTTLE = { failures: 5, windowMinutes: 15 } as const;
const RESET_MINUTES = 30;

export interface SignedIn {
  /** The cookie's value: shown once, stored only as its hash. */
  token: string;
  csrfToken: string;
  principal: Principal;
  expiresAt: string;
}

export interface NewAccountInput {
  username: string;
  displayName: string;
  kind: AccountKind;
  password?: string | undefined;
  staffRoles?: StaffRole[] | undefined;
  departmentCode?: string | undefined;
  citizenId?: string | undefined;
  uscc?: string | undefined;
  enterpriseRole?: 'admin' | 'agent' | undefined;
  phone?: string | undefined;
}

/** How a sign-in failed, as the audit trail records it (never with the password). */
export type SignInFailure =
  | 'unknownUsername'
  | 'wrongPassword'
  | 'disabled'
  | 'locked'
  /** OIDC: the provider's answer did not check out (state, code, ID token) or it refused. */
  | 'oidcState'
  | 'oidcDenied'
  | 'oidcRejected'
  | 'oidcUnavailable'
  | 'oidcIdentity';

/** Who signed in through the unified identity: the provider's issuer and subject, and what its claims say. */
export interface OidcSignIn {
  issuer: string;
  subject: string;
  /** Needed only the first time, to provision the account; a returning subject is found by issuer and subject. */
  identity: OidcIdentityResult;
}

/** Failed sign-ins have no account behind them yet: the actor is whoever is at the keyboard. */
const ANONYMOUS_ACTOR: AuditInput['actor'] = { kind: 'system', id: null, name: '未登录的访问者' };

/** Whoever runs `zct accounts create` on the server itself. */
const CONSOLE_ACTOR: AuditInput['actor'] = { kind: 'system', id: 'cli', name: '服务器命令行' };

/** Who creates an account: a signed-in principal, the new account itself (registration) or the command line. */
export type AccountCreator = Principal | 'self' | 'console';

const accountActor = (a: repo.AccountRow): AuditInput['actor'] => ({
  kind: a.kind,
  id: String(a.id),
  name: a.displayName,
});

/** A username as the audit trail may keep it: one that is (or holds) a citizen id keeps it only masked. */
const auditableUsername = (u: string) =>
  u.slice(0, 64).replace(/(?<!\d)\d{17}[\dXx](?![\dXx])/g, (m) => maskCitizenId(m));

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = () => randomBytes(32).toString('base64url');
const addMinutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

/**
 * Accounts, departments and sign-in: argon2id passwords, sessions stored by the hash of their token, throttled
 * sign-in kept in the database (a restart does not reset it), password resets through the message adapter, and the
 * agents (经办人) of an enterprise.
 */
export class AccountsService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly notifier: Notifier,
    /** Records sign-ins, sign-outs, failed sign-ins and accounts provisioned through OIDC. */
    private readonly audit: AuditService | null = null,
    private readonly sessions: SessionPolicy = { idleMinutes: 120, maxHours: 12 },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private now(): string {
    return this.clock().toISOString();
  }

  // Departments

  /** `by` is who creates it, for the audit trail; sample loading at start passes none. */
  async createDepartment(
    d: {
      code: string;
      name: string;
      level: Level;
      regionCode: string;
    },
    by?: Principal,
  ): Promise<DepartmentRef> {
    if (!/^\d{6}$/.test(d.regionCode))
      throw new DomainError(
        'invalid',
        `行政区划代码应为6位数字（GB/T 2260），当前为“${d.regionCode}”`,
        'regionCode',
      );
    const existing = await repo.findDepartment(this.handle.db, { code: d.code });
    if (existing) return existing;
    return this.handle.db.transaction().execute(async (trx) => {
      const created = await repo.insertDepartment(trx, d, this.now());
      if (by)
        await this.audit?.record(
          {
            actor: actorOf(by),
            action: 'department.create',
            target: { kind: 'department', id: String(created.id) },
            detail: { code: d.code, name: d.name, level: d.level, regionCode: d.regionCode },
          },
          trx,
        );
      return created;
    });
  }

  departments(): Promise<DepartmentRef[]> {
    return repo.listDepartments(this.handle.db);
  }

  department(id: number): Promise<DepartmentRef | null> {
    return repo.findDepartment(this.handle.db, { id });
  }

  // Accounts

  /** Checks an account's fields for its kind, naming the first that is wrong. */
  private async checkNew(
    a: NewAccountInput,
  ): Promise<{ departmentId: number | null; citizenId: string | null; uscc: string | null }> {
    if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(a.username))
      throw new DomainError('invalid', '用户名应为3至64位字母、数字或 _ . @ -', 'username');
    if (a.displayName.trim() === '') throw new DomainError('invalid', '姓名或名称不能为空', 'displayName');
    if (a.password !== undefined) {
      const p = passwordProblem(a.password, a.username);
      if (p) throw new DomainError('invalid', p, 'password');
    }
    let departmentId: number | null = null;
    if (a.kind === 'staff' || a.kind === 'window') {
      if (!a.departmentCode)
        throw new DomainError('invalid', '部门工作人员和窗口工作人员必须属于一个部门', 'departmentCode');
      const d = await repo.findDepartment(this.handle.db, { code: a.departmentCode });
      if (!d) throw new DomainError('invalid', `部门“${a.departmentCode}”不存在`, 'departmentCode');
      departmentId = d.id;
    }
    if (a.kind === 'staff' && !a.staffRoles?.length)
      throw new DomainError('invalid', '部门工作人员至少应为编辑或审核人员之一', 'staffRoles');
    let citizenId: string | null = null;
    if (a.kind === 'person') {
      const r = parseCitizenId(a.citizenId ?? '');
      if (!r.ok) throw new DomainError('invalid', `公民身份号码有误：${r.error}`, 'citizenId');
      citizenId = r.id;
    }
    let uscc: string | null = null;
    if (a.kind === 'enterprise') {
      const r = parseUscc(a.uscc ?? '');
      if (!r.ok) throw new DomainError('invalid', `统一社会信用代码有误：${r.error}`, 'uscc');
      uscc = r.code;
    }
    if (await repo.findAccount(this.handle.db, { username: a.username }))
      throw new DomainError('conflict', `用户名“${a.username}”已被使用`, 'username');
    return { departmentId, citizenId, uscc };
  }

  /**
   * Creates an account. `by` is who creates it (an administrator, an enterprise's administrator); a person or
   * enterprise registering themselves is recorded as their own act; the command line passes neither.
   */
  async createAccount(a: NewAccountInput, by?: AccountCreator): Promise<repo.AccountRow> {
    const checked = await this.checkNew(a);
    const passwordHash = a.password !== undefined ? await hashPassword(a.password) : null;
    return this.handle.db.transaction().execute(async (trx) => {
      const account = await this.insertChecked(trx, a, checked, passwordHash);
      if (by)
        await this.audit?.record(
          {
            actor: by === 'self' ? accountActor(account) : by === 'console' ? CONSOLE_ACTOR : actorOf(by),
            action: 'account.create',
            target: { kind: 'account', id: String(account.id) },
            detail: {
              via: typeof by === 'string' ? (by === 'self' ? 'register' : 'cli') : 'admin',
              kind: account.kind,
              username: auditableUsername(account.username),
              ...(account.departmentId !== null && { departmentId: account.departmentId }),
              ...(a.staffRoles?.length && { staffRoles: a.staffRoles }),
              ...(a.enterpriseRole && { enterpriseRole: a.enterpriseRole }),
            },
          },
          trx,
        );
      return account;
    });
  }

  private insertChecked(
    trx: Transaction<Database>,
    a: NewAccountInput,
    checked: { departmentId: number | null; citizenId: string | null; uscc: string | null },
    passwordHash: string | null,
  ): Promise<repo.AccountRow> {
    return repo.insertAccount(
      trx,
      {
        username: a.username,
        displayName: a.displayName.trim(),
        kind: a.kind,
        passwordHash,
        staffRoles: a.kind === 'staff' ? (a.staffRoles ?? []) : [],
        departmentId: checked.departmentId,
        citizenId: checked.citizenId,
        uscc: checked.uscc,
        enterpriseRole: a.kind === 'enterprise' ? (a.enterpriseRole ?? 'admin') : null,
        phone: a.phone ?? null,
      },
      this.now(),
    );
  }

  /**
   * Self-registration of a person, or of an enterprise's first administrator. Production verifies identity
   * through the unified identity (OIDC); local registration is for the platform's own accounts.
   */
  async register(
    a: Omit<NewAccountInput, 'kind' | 'staffRoles' | 'departmentCode' | 'enterpriseRole'> & {
      kind: 'person' | 'enterprise';
    },
  ): Promise<repo.AccountRow> {
    if (a.password === undefined) throw new DomainError('invalid', '请设置密码', 'password');
    if (a.kind === 'enterprise') {
      const r = parseUscc(a.uscc ?? '');
      if (r.ok && (await repo.listAccounts(this.handle.db, { uscc: r.code })).length > 0)
        throw new DomainError('conflict', '该企业已注册，请由企业管理员添加经办人', 'uscc');
    }
    return this.createAccount({ ...a, enterpriseRole: 'admin' }, 'self');
  }

  account(id: number): Promise<repo.AccountRow | null> {
    return repo.findAccount(this.handle.db, { id });
  }

  listAccounts(filter: { kind?: AccountKind; uscc?: string; departmentId?: number }) {
    return repo.listAccounts(this.handle.db, filter);
  }

  /** Disables (ending every session) or re-enables an account; `by` is recorded in the audit trail. */
  async setDisabled(id: number, disabled: boolean, by?: Principal): Promise<void> {
    const a = await repo.findAccount(this.handle.db, { id });
    if (!a) throw new DomainError('notFound', `账号 ${id} 不存在`, 'id');
    await this.handle.db.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, id, { disabled }, this.now());
      if (disabled) await repo.deleteSessions(trx, { accountId: id });
      if (by)
        await this.audit?.record(
          {
            actor: actorOf(by),
            action: disabled ? 'account.disable' : 'account.enable',
            target: { kind: 'account', id: String(id) },
            detail: { kind: a.kind },
          },
          trx,
        );
    });
  }

  async principalOf(a: repo.AccountRow, via: Principal['via'] = 'session'): Promise<Principal> {
    return {
      accountId: a.id,
      username: a.username,
      displayName: a.displayName,
      kind: a.kind,
      staffRoles: a.staffRoles,
      department:
        a.departmentId !== null ? await repo.findDepartment(this.handle.db, { id: a.departmentId }) : null,
      uscc: a.uscc,
      enterpriseRole: a.enterpriseRole,
      citizenId: a.citizenId,
      via,
    };
  }

  // Sign-in

  /**
   * Signs in with a username and password. Failures count per username and per IP; five within 15 minutes lock
   * that key for 15 minutes. The message never says whether the username exists.
   */
  async signIn(username: string, password: string, ip: string | null): Promise<SignedIn> {
    const now = this.now();
    const keys = [`user:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
    const failures = await repo.findFailures(this.handle.db, keys);
    const locked = failures.find((f) => f.lockedUntil !== null && f.lockedUntil > now);
    if (locked) {
      await this.recordFailure(null, { method: 'password', username, reason: 'locked' }, ip);
      const seconds = Math.ceil((Date.parse(locked.lockedUntil!) - Date.parse(now)) / 1000);
      throw new DomainError(
        'locked',
        `登录失败次数过多，请${Math.ceil(seconds / 60)}分钟后再试，或通过“忘记密码”重设`,
        undefined,
        seconds,
      );
    }
    const account = await repo.findAccount(this.handle.db, { username });
    const ok = await verifyPassword(account?.passwordHash ?? null, password);
    if (!account || !ok || account.disabled) {
      await this.handle.db.transaction().execute(async (trx) => {
        for (const key of keys) {
          const f = failures.find((x) => x.key === key);
          const fresh = !f || Date.parse(f.firstAt) < Date.parse(now) - THROTTLE.windowMinutes * 60_000;
          const count = fresh ? 1 : f.failures + 1;
          await repo.saveFailure(trx, {
            key,
            failures: count,
            firstAt: fresh ? now : f.firstAt,
            lockedUntil: count >= THROTTLE.failures ? addMinutes(now, THROTTLE.windowMinutes) : null,
          });
        }
        const reason = !account ? 'unknownUsername' : !ok ? 'wrongPassword' : 'disabled';
        await this.recordFailure(trx, { method: 'password', username, reason, accountId: account?.id }, ip);
      });
      throw new DomainError(
        'unauthenticated',
        account?.disabled && ok ? '账号已停用，请联系平台管理员' : '用户名或密码不正确',
      );
    }
    await repo.clearFailures(this.handle.db, [keys[0]!]);
    return this.openSession(account, 'password', ip);
  }

  /** Starts a session for an account that proved who it is (password or OIDC), and records the sign-in. */
  async openSession(
    account: repo.AccountRow,
    method: 'password' | 'oidc',
    ip: string | null,
  ): Promise<SignedIn> {
    if (account.disabled) throw new DomainError('forbidden', '账号已停用，请联系平台管理员');
    const opened = await this.handle.db
      .transaction()
      .execute((trx) => this.insertSession(trx, account, method, ip));
    return { ...opened, principal: await this.principalOf(account) };
  }

  private async insertSession(
    trx: Transaction<Database>,
    account: repo.AccountRow,
    method: 'password' | 'oidc',
    ip: string | null,
  ): Promise<Omit<SignedIn, 'principal'>> {
    const now = this.now();
    const t = token();
    const expiresAt = addMinutes(now, this.sessions.maxHours * 60);
    const csrfToken = token();
    await repo.insertSession(trx, {
      id: sha256(t),
      accountId: account.id,
      csrfToken,
      method,
      ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    await this.audit?.record(
      {
        actor: accountActor(account),
        action: 'session.signIn',
        target: { kind: 'account', id: String(account.id) },
        ip,
        detail: { method },
      },
      trx,
    );
    return { token: t, csrfToken, expiresAt };
  }

  /**
   * Signs in someone the unified identity (统一身份认证) vouched for. The account is found by the provider's issuer
   * and subject; the first time, a person account is provisioned from the citizen id, or an enterprise account
   * from the USCC (its administrator if the enterprise has no account yet, else a 经办人). An existing password
   * account with the same citizen id or name is never linked silently: that would hand it to whoever controls the
   * identity provider's record, so linking needs its own, explicit step.
   */
  async signInWithOidc(who: OidcSignIn, ip: string | null): Promise<SignedIn> {
    const found = await repo.findAccount(this.handle.db, {
      oidc: { issuer: who.issuer, subject: who.subject },
    });
    if (found?.disabled) {
      await this.recordFailure(null, { method: 'oidc', reason: 'disabled', accountId: found.id }, ip);
      throw new DomainError('forbidden', '账号已停用，请联系平台管理员');
    }
    if (!found && !who.identity.ok) {
      await this.recordFailure(null, { method: 'oidc', reason: 'oidcIdentity' }, ip);
      throw new DomainError('invalid', who.identity.problem, 'identity');
    }
    return this.handle.db.transaction().execute(async (trx) => {
      const account = found ?? (await this.provision(trx, who));
      const opened = await this.insertSession(trx, account, 'oidc', ip);
      return { ...opened, principal: await this.principalOf(account) };
    });
  }

  private async provision(trx: Transaction<Database>, who: OidcSignIn): Promise<repo.AccountRow> {
    if (!who.identity.ok) throw new DomainError('invalid', who.identity.problem, 'identity');
    const id = who.identity.identity;
    const enterpriseRole =
      id.kind === 'enterprise'
        ? (await repo.listAccounts(trx, { uscc: id.uscc })).length === 0
          ? 'admin'
          : 'agent'
        : null;
    const account = await repo.insertAccount(
      trx,
      {
        // Stable, unique and free of personal data; the person never types it (they sign in at the provider).
        username: `oidc-${sha256(`${who.issuer}\n${who.subject}`).slice(0, 20)}`,
        displayName: id.displayName,
        kind: id.kind,
        passwordHash: null,
        citizenId: id.kind === 'person' ? id.citizenId : null,
        uscc: id.kind === 'enterprise' ? id.uscc : null,
        enterpriseRole,
        oidcIssuer: who.issuer,
        oidcSubject: who.subject,
      },
      this.now(),
    );
    await this.audit?.record(
      {
        actor: accountActor(account),
        action: 'account.create',
        target: { kind: 'account', id: String(account.id) },
        detail: { via: 'oidc', issuer: who.issuer, kind: account.kind, enterpriseRole },
      },
      trx,
    );
    return account;
  }

  /**
   * Records a failed sign-in: how it failed, the username typed (masked if it is a citizen id) and the account
   * when there is one, never the password. Given a transaction, the record commits with it.
   */
  async recordFailure(
    trx: Transaction<Database> | null,
    f: {
      method: 'password' | 'oidc';
      reason: SignInFailure;
      username?: string;
      accountId?: number | undefined;
    },
    ip: string | null,
  ): Promise<void> {
    await this.audit?.record(
      {
        actor: ANONYMOUS_ACTOR,
        action: 'session.signInFailed',
        target: f.accountId !== undefined ? { kind: 'account', id: String(f.accountId) } : null,
        ip,
        detail: {
          method: f.method,
          reason: f.reason,
          ...(f.username !== undefined && { username: auditableUsername(f.username) }),
        },
      },
      trx ?? undefined,
    );
  }

  /** The principal of a session token, or null when it is unknown, idle too long, expired or disabled. */
  async resolveSession(
    t: string,
  ): Promise<{ principal: Principal; csrfToken: string; sessionId: string } | null> {
    const id = sha256(t);
    const s = await repo.findSession(this.handle.db, id);
    if (!s) return null;
    const now = this.now();
    if (s.expiresAt <= now || addMinutes(s.lastSeenAt, this.sessions.idleMinutes) <= now) {
      await repo.deleteSessions(this.handle.db, { id });
      return null;
    }
    const account = await repo.findAccount(this.handle.db, { id: s.accountId });
    if (!account || account.disabled) return null;
    // Write the last use at most once a minute: reads should not all become writes.
    if (Date.parse(now) - Date.parse(s.lastSeenAt) > 60_000) await repo.touchSession(this.handle.db, id, now);
    return { principal: await this.principalOf(account), csrfToken: s.csrfToken, sessionId: id };
  }

  /** Ends a session, and records who signed out. */
  async signOut(t: string, ip: string | null = null): Promise<void> {
    const id = sha256(t);
    const session = await repo.findSession(this.handle.db, id);
    if (!session) return;
    const account = await repo.findAccount(this.handle.db, { id: session.accountId });
    await this.handle.db.transaction().execute(async (trx) => {
      await repo.deleteSessions(trx, { id });
      if (account)
        await this.audit?.record(
          {
            actor: accountActor(account),
            action: 'session.signOut',
            target: { kind: 'account', id: String(account.id) },
            ip,
            detail: { method: session.method },
          },
          trx,
        );
    });
  }

  // Password reset

  /**
   * Sends a one-time reset code to the account's phone (or its username as the address) through the notifier.
   * Answers the same whether or not the account exists, so that it cannot be used to find usernames.
   */
  async requestPasswordReset(username: string): Promise<void> {
    const account = await repo.findAccount(this.handle.db, { username });
    if (!account || account.disabled || account.passwordHash === null) return;
    const t = token();
    const now = this.now();
    await this.handle.db.transaction().execute(async (trx) => {
      await repo.insertReset(trx, {
        tokenHash: sha256(t),
        accountId: account.id,
        createdAt: now,
        expiresAt: addMinutes(now, RESET_MINUTES),
      });
    });
    await this.notifier.send({
      channel: account.phone ? 'sms' : 'email',
      recipient: account.phone ?? account.username,
      subject: '政策通密码重设',
      body: `您正在重设政策通账号 ${account.username} 的密码。重设码：${t}（${RESET_MINUTES}分钟内有效，仅可使用一次）。如非本人操作，请忽略。`,
    });
  }

  /** Sets a new password with a reset code; every session of the account ends. */
  async resetPassword(code: string, newPassword: string): Promise<void> {
    const now = this.now();
    await this.handle.db.transaction().execute(async (trx) => {
      const accountId = await repo.consumeReset(trx, sha256(code), now);
      if (accountId === null) throw new DomainError('invalid', '重设码无效或已过期，请重新申请', 'code');
      const account = (await repo.findAccount(trx, { id: accountId }))!;
      const p = passwordProblem(newPassword, account.username);
      if (p) throw new DomainError('invalid', p, 'password');
      await repo.updateAccount(trx, accountId, { passwordHash: await hashPassword(newPassword) }, now);
      await repo.deleteSessions(trx, { accountId });
      await repo.clearFailures(trx, [`user:${account.username.toLowerCase()}`]);
      await this.audit?.record(
        {
          actor: accountActor(account),
          action: 'account.passwordReset',
          target: { kind: 'account', id: String(accountId) },
        },
        trx,
      );
    });
  }

  // Enterprise agents (经办人)

  agents(uscc: string) {
    return repo.listAccounts(this.handle.db, { kind: 'enterprise', uscc });
  }

  /** An enterprise administrator adds a 经办人 of the same enterprise. */
  async addAgent(
    by: Principal,
    a: { username: string; displayName: string; password: string; phone?: string },
  ) {
    if (by.kind !== 'enterprise' || by.enterpriseRole !== 'admin' || !by.uscc)
      throw new DomainError('forbidden', '仅企业管理员可以添加经办人');
    return this.createAccount({ ...a, kind: 'enterprise', uscc: by.uscc, enterpriseRole: 'agent' }, by);
  }

  /** Removes (disables) a 经办人 of the administrator's own enterprise. */
  async removeAgent(by: Principal, accountId: number): Promise<void> {
    const a = await repo.findAccount(this.handle.db, { id: accountId });
    if (!a || a.kind !== 'enterprise' || a.uscc !== by.uscc || by.enterpriseRole !== 'admin')
      throw new DomainError('notFound', `本企业没有账号 ${accountId}`, 'id');
    if (a.id === by.accountId) throw new DomainError('invalid', '不能移除企业管理员本人', 'id');
    await this.setDisabled(a.id, true, by);
  }
}
