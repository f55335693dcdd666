import { createHash, randomBytes } from 'node:crypto';
import { parseCitizenId } from '../../core/codes/citizen-id.ts';
import { parseUscc } from '../../core/codes/uscc.ts';
import type { AccountKind, DepartmentRef, Level, Principal, StaffRole } from '../../core/access/policy.ts';
import { DomainError } from '../../core/errors.ts';
import type { DatabaseHandle } from '../../db/database.ts';
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
    private readonly sessions: SessionPolicy = { idleMinutes: 120, maxHours: 12 },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private now(): string {
    return this.clock().toISOString();
  }

  // Departments

  async createDepartment(d: {
    code: string;
    name: string;
    level: Level;
    regionCode: string;
  }): Promise<DepartmentRef> {
    if (!/^\d{6}$/.test(d.regionCode))
      throw new DomainError(
        'invalid',
        `行政区划代码应为6位数字（GB/T 2260），当前为“${d.regionCode}”`,
        'regionCode',
      );
    const existing = await repo.findDepartment(this.handle.db, { code: d.code });
    if (existing) return existing;
    return repo.insertDepartment(this.handle.db, d, this.now());
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

  async createAccount(a: NewAccountInput): Promise<repo.AccountRow> {
    const checked = await this.checkNew(a);
    const passwordHash = a.password !== undefined ? await hashPassword(a.password) : null;
    return repo.insertAccount(
      this.handle.db,
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
    return this.createAccount({ ...a, enterpriseRole: 'admin' });
  }

  account(id: number): Promise<repo.AccountRow | null> {
    return repo.findAccount(this.handle.db, { id });
  }

  listAccounts(filter: { kind?: AccountKind; uscc?: string; departmentId?: number }) {
    return repo.listAccounts(this.handle.db, filter);
  }

  async setDisabled(id: number, disabled: boolean): Promise<void> {
    const a = await repo.findAccount(this.handle.db, { id });
    if (!a) throw new DomainError('notFound', `账号 ${id} 不存在`, 'id');
    await this.handle.db.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, id, { disabled }, this.now());
      if (disabled) await repo.deleteSessions(trx, { accountId: id });
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
      });
      throw new DomainError(
        'unauthenticated',
        account?.disabled && ok ? '账号已停用，请联系平台管理员' : '用户名或密码不正确',
      );
    }
    await repo.clearFailures(this.handle.db, [keys[0]!]);
    return this.openSession(account, 'password', ip);
  }

  /** Starts a session for an account that proved who it is (password or OIDC). */
  async openSession(
    account: repo.AccountRow,
    method: 'password' | 'oidc',
    ip: string | null,
  ): Promise<SignedIn> {
    if (account.disabled) throw new DomainError('forbidden', '账号已停用，请联系平台管理员');
    const now = this.now();
    const t = token();
    const expiresAt = addMinutes(now, this.sessions.maxHours * 60);
    const csrfToken = token();
    await repo.insertSession(this.handle.db, {
      id: sha256(t),
      accountId: account.id,
      csrfToken,
      method,
      ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { token: t, csrfToken, principal: await this.principalOf(account), expiresAt };
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

  async signOut(t: string): Promise<void> {
    await repo.deleteSessions(this.handle.db, { id: sha256(t) });
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
    return this.createAccount({ ...a, kind: 'enterprise', uscc: by.uscc, enterpriseRole: 'agent' });
  }

  /** Removes (disables) a 经办人 of the administrator's own enterprise. */
  async removeAgent(by: Principal, accountId: number): Promise<void> {
    const a = await repo.findAccount(this.handle.db, { id: accountId });
    if (!a || a.kind !== 'enterprise' || a.uscc !== by.uscc || by.enterpriseRole !== 'admin')
      throw new DomainError('notFound', `本企业没有账号 ${accountId}`, 'id');
    if (a.id === by.accountId) throw new DomainError('invalid', '不能移除企业管理员本人', 'id');
    await this.setDisabled(a.id, true);
  }
}
