import type { AccountKind, DepartmentRef, Level, StaffRole } from '../../core/access/policy.ts';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/helpers/search/types.ts';
import type { AccountTable, DepartmentTable } from '../../db/schema-accounts.ts';

/** All SQL about departments, accounts, sessions, sign-in throttling, password resets and the outbox. */

export interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  kind: AccountKind;
  passwordHash: string | null;
  staffRoles: StaffRole[];
  departmentId: number | null;
  citizenId: string | null;
  uscc: string | null;
  enterpriseRole: 'admin' | 'agent' | null;
  phone: string | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  disabled: boolean;
  createdAt: string;
}

const toAccount = (r: Selectable<AccountTable>): AccountRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  kind: r.kind as AccountKind,
  passwordHash: r.password_hash,
  staffRoles: r.staff_roles ? (r.staff_roles.split(',') as StaffRole[]) : [],
  departmentId: r.department_id,
  citizenId: r.citizen_id,
  uscc: r.uscc,
  enterpriseRole: r.enterprise_role as AccountRow['enterpriseRole'],
  phone: r.phone,
  oidcIssuer: r.oidc_issuer,
  oidcSubject: r.oidc_subject,
  disabled: Number(r.disabled) === 1,
  createdAt: r.created_at,
});

const toDepartment = (r: Selectable<DepartmentTable>): DepartmentRef => ({
  id: r.id,
  code: r.code,
  name: r.name,
  level: r.level as Level,
  regionCode: r.region_code,
});

export async function insertDepartment(
  db: Db,
  d: Omit<DepartmentRef, 'id'>,
  now: string,
): Promise<DepartmentRef> {
  const r = await db
    .insertInto('departments')
    .values({ code: d.code, name: d.name, level: d.level, region_code: d.regionCode, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, ...d };
}

export async function findDepartment(
  db: Db,
  by: { id: number } | { code: string },
): Promise<DepartmentRef | null> {
  const q = db.selectFrom('departments').selectAll();
  const r = await ('id' in by ? q.where('id', '=', by.id) : q.where('code', '=', by.code)).executeTakeFirst();
  return r ? toDepartment(r) : null;
}

export async function listDepartments(db: Db): Promise<DepartmentRef[]> {
  const rows = await db
    .selectFrom('departments')
    .selectAll()
    .orderBy('region_code')
    .orderBy('code')
    .execute();
  return rows.map(toDepartment);
}

export interface NewAccount {
  username: string;
  displayName: string;
  kind: AccountKind;
  passwordHash: string | null;
  staffRoles?: readonly StaffRole[];
  departmentId?: number | null;
  citizenId?: string | null;
  uscc?: string | null;
  enterpriseRole?: 'admin' | 'agent' | null;
  phone?: string | null;
  oidcIssuer?: string | null;
  oidcSubject?: string | null;
}

export async function insertAccount(db: Db, a: NewAccount, now: string): Promise<AccountRow> {
  const r = await db
    .insertInto('accounts')
    .values({
      username: a.username,
      display_name: a.displayName,
      kind: a.kind,
      password_hash: a.passwordHash,
      staff_roles: a.staffRoles?.length ? a.staffRoles.join(',') : null,
      department_id: a.departmentId ?? null,
      citizen_id: a.citizenId ?? null,
      uscc: a.uscc ?? null,
      enterprise_role: a.enterpriseRole ?? null,
      phone: a.phone ?? null,
      oidc_issuer: a.oidcIssuer ?? null,
      oidc_subject: a.oidcSubject ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAccount(r);
}

export async function findAccount(
  db: Db,
  by: { id: number } | { username: string } | { oidc: { issuer: string; subject: string } },
): Promise<AccountRow | null> {
  let q = db.selectFrom('accounts').selectAll();
  if ('id' in by) q = q.where('id', '=', by.id);
  else if ('username' in by) q = q.where('username', '=', by.username);
  else q = q.where('oidc_issuer', '=', by.oidc.issuer).where('oidc_subject', '=', by.oidc.subject);
  const r = await q.executeTakeFirst();
  return r ? toAccount(r) : null;
}

export async function listAccounts(
  db: Db,
  filter: { kind?: AccountKind; uscc?: string; departmentId?: number },
): Promise<AccountRow[]> {
  let q = db.selectFrom('accounts').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.uscc) q = q.where('uscc', '=', filter.uscc);
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  const rows = await q.orderBy('id').execute();
  return rows.map(toAccount);
}

export async function updateAccount(
  db: Db,
  id: number,
  set: Partial<{ passwordHash: string; disabled: boolean; oidcIssuer: string; oidcSubject: string }>,
  now: string,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      ...(set.passwordHash !== undefined && { password_hash: set.passwordHash }),
      ...(set.disabled !== undefined && { disabled: set.disabled ? 1 : 0 }),
      ...(set.oidcIssuer !== undefined && { oidc_issuer: set.oidcIssuer }),
      ...(set.oidcSubject !== undefined && { oidc_subject: set.oidcSubject }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

// Sessions

export interface SessionRow {
  id: string;
  accountId: number;
  csrfToken: string;
  method: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export async function insertSession(db: Db, s: SessionRow & { ip: string | null }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      account_id: s.accountId,
      csrf_token: s.csrfToken,
      method: s.method,
      ip: s.ip,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
    })
    .execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | null> {
  const r = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return r
    ? {
        id: r.id,
        accountId: r.account_id,
        csrfToken: r.csrf_token,
        method: r.method,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
      }
    : null;
}

export async function touchSession(db: Db, id: string, lastSeenAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
}

export async function deleteSessions(db: Db, by: { id: string } | { accountId: number }): Promise<void> {
  const q = db.deleteFrom('sessions');
  await ('id' in by ? q.where('id', '=', by.id) : q.where('account_id', '=', by.accountId)).execute();
}

// Sign-in throttling

export interface FailureRow {
  key: string;
  failures: number;
  firstAt: string;
  lockedUntil: string | null;
}

export async function findFailures(db: Db, keys: readonly string[]): Promise<FailureRow[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('sign_in_failures').selectAll().where('key', 'in', keys).execute();
  return rows.map((r) => ({
    key: r.key,
    failures: r.failures,
    firstAt: r.first_at,
    lockedUntil: r.locked_until,
  }));
}

export async function saveFailure(db: Db, f: FailureRow): Promise<void> {
  await db
    .insertInto('sign_in_failures')
    .values({ key: f.key, failures: f.failures, first_at: f.firstAt, locked_until: f.lockedUntil })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ failures: f.failures, first_at: f.firstAt, locked_until: f.lockedUntil }),
    )
    .execute();
}

export async function clearFailures(db: Db, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await db.deleteFrom('sign_in_failures').where('key', 'in', keys).execute();
}

// Password resets

export async function insertReset(
  db: Db,
  r: { tokenHash: string; accountId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: r.tokenHash,
      account_id: r.accountId,
      created_at: r.createdAt,
      expires_at: r.expiresAt,
      used_at: null,
    })
    .execute();
}

/** Marks an unused, unexpired reset used and returns its account; null when there is none. */
export async function consumeReset(db: Db, tokenHash: string, now: string): Promise<number | null> {
  const r = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('account_id')
    .executeTakeFirst();
  return r ? r.account_id : null;
}

// Outbox of the local message adapter

export async function insertOutbox(
  db: Db,
  m: { channel: string; recipient: string; subject: string; body: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('outbox_messages')
    .values({
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      created_at: m.createdAt,
    })
    .execute();
}

export async function listOutbox(db: Db, recipient?: string) {
  let q = db.selectFrom('outbox_messages').selectAll();
  if (recipient) q = q.where('recipient', '=', recipient);
  return q.orderBy('id', 'desc').limit(100).execute();
}
