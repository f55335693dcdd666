/**
 * Who may do what: the one place where the platform's permissions are defined (13号: 系统权限管理; each department
 * maintains its own policies, 谁制定、谁更新; every policy is reviewed before it goes online, 上线审查).
 *
 * A route declares one `Permission` (src/http/plugins/access.ts refuses to start a route without one); the HTTP
 * layer checks it against the caller's `Principal` with `allows`. What depends on the resource as well as on the
 * caller — whose department owns a document, who wrote a draft, whose data a window officer may see — is decided
 * by the functions below it, which services call with the resource in hand.
 *
 * @example
 * allows(principal, 'content.edit'); // an editor, or the platform's automation token
 * mayEdit(principal, { ownerDepartmentId: 3 }); // only an editor of department 3
 * mayReview(principal, { ownerDepartmentId: 3, authorId: 7 }); // a reviewer of department 3 who is not account 7
 */

export const ACCOUNT_KINDS = ['person', 'enterprise', 'staff', 'window', 'admin', 'auditor'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const STAFF_ROLES = ['editor', 'reviewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** 国家/省/市/县: a department's level, with its GB/T 2260 region. */
export const LEVELS = ['national', 'province', 'city', 'county'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, string> = {
  national: '国家',
  province: '省',
  city: '市',
  county: '县（市、区）',
};

export const ACCOUNT_KIND_NAMES: Record<AccountKind, string> = {
  person: '自然人',
  enterprise: '企业',
  staff: '部门工作人员',
  window: '窗口工作人员',
  admin: '平台管理员',
  auditor: '审计员',
};

export interface DepartmentRef {
  id: number;
  code: string;
  name: string;
  level: Level;
  regionCode: string;
}

export interface Principal {
  accountId: number;
  username: string;
  displayName: string;
  kind: AccountKind;
  /** Staff only. */
  staffRoles: readonly StaffRole[];
  /** Staff and window officers. */
  department: DepartmentRef | null;
  /** Enterprise accounts: the USCC they act for, as administrator or 经办人. */
  uscc: string | null;
  enterpriseRole: 'admin' | 'agent' | null;
  /** Person accounts. */
  citizenId: string | null;
  /** A browser session (cookie + CSRF token) or the automation token (ZCT_ADMIN_TOKEN, no cookie). */
  via: 'session' | 'token';
}

export const PERMISSIONS = [
  'public',
  'signedIn',
  'subject',
  'enterprise.admin',
  'staff.read',
  'content.edit',
  'content.review',
  'window',
  'audit.read',
  'admin',
] as const;
/**
 * - public: anyone, signed in or not;
 * - signedIn: any account;
 * - subject: a person or an enterprise account, for its own data (the service scopes to it);
 * - enterprise.admin: an enterprise's administrator (adds and removes 经办人);
 * - staff.read: department staff, administrators and auditors: drafts, versions, reach;
 * - content.edit: editors (their own department's documents and items, checked with `mayEdit`);
 * - content.review: reviewers (their own department's, never their own draft, checked with `mayReview`);
 * - window: window officers (a visitor's data only during a visit, checked with `mayActForVisitor`);
 * - audit.read: auditors (read, search and export the audit trail);
 * - admin: platform administrators (accounts, departments, the calendar).
 */
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_NAMES: Record<Permission, string> = {
  public: '公开',
  signedIn: '已登录用户',
  subject: '自然人或企业本人',
  'enterprise.admin': '企业管理员',
  'staff.read': '部门工作人员、管理员或审计员',
  'content.edit': '政策编辑人员',
  'content.review': '政策审核人员',
  window: '窗口工作人员',
  'audit.read': '审计员',
  admin: '平台管理员',
};

/**
 * Whether a caller may call a route declared with a permission, before looking at the resource. Administrators
 * do not review and do not read the audit trail: whoever runs the platform is not who checks it.
 */
export function allows(p: Principal | null, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (!p) return false;
  switch (permission) {
    case 'signedIn':
      return true;
    case 'subject':
      return p.kind === 'person' || p.kind === 'enterprise';
    case 'enterprise.admin':
      return p.kind === 'enterprise' && p.enterpriseRole === 'admin';
    case 'staff.read':
      return p.kind === 'staff' || p.kind === 'admin' || p.kind === 'auditor';
    case 'content.edit':
      // The automation token loads sample and bulk content (npm start, zct); people edit through a department.
      return (
        (p.kind === 'staff' && p.staffRoles.includes('editor')) || (p.kind === 'admin' && p.via === 'token')
      );
    case 'content.review':
      return p.kind === 'staff' && p.staffRoles.includes('reviewer');
    case 'window':
      return p.kind === 'window';
    case 'audit.read':
      return p.kind === 'auditor';
    case 'admin':
      return p.kind === 'admin';
  }
}

/** Why `allows` refused, for the 401/403 problem: sign in, or this account may not. */
export function refusal(p: Principal | null, permission: Permission): { status: 401 | 403; detail: string } {
  if (!p) return { status: 401, detail: `请先登录（此操作限${PERMISSION_NAMES[permission]}）` };
  return {
    status: 403,
    detail: `当前账号（${ACCOUNT_KIND_NAMES[p.kind]}）无权执行此操作，仅限${PERMISSION_NAMES[permission]}`,
  };
}

/** A document or item owned by a department; null owner = loaded by the platform (samples, bulk ingest). */
export interface Owned {
  ownerDepartmentId: number | null;
}

/**
 * 谁制定、谁更新: an editor changes only what their own department owns. A county editor cannot edit the city's
 * documents, nor a city editor a county's. Content with no owner is changed only through the automation token.
 */
export function mayEdit(p: Principal, r: Owned): boolean {
  if (p.kind === 'admin' && p.via === 'token') return true;
  if (p.kind !== 'staff' || !p.staffRoles.includes('editor') || !p.department) return false;
  return r.ownerDepartmentId !== null && r.ownerDepartmentId === p.department.id;
}

/** 上线审查: a reviewer of the owning department, who is not the author of what is reviewed. */
export function mayReview(p: Principal, r: Owned & { authorId: number | null }): boolean {
  if (p.kind !== 'staff' || !p.staffRoles.includes('reviewer') || !p.department) return false;
  if (r.authorId !== null && r.authorId === p.accountId) return false;
  return r.ownerDepartmentId !== null && r.ownerDepartmentId === p.department.id;
}

export interface Visit {
  officerId: number;
  subjectKind: 'person' | 'enterprise';
  subjectKey: string;
  expiresAt: string;
  endedAt: string | null;
}

/** A window officer sees a visitor's data only during that visit: their own, not ended, not expired. */
export function mayActForVisitor(
  p: Principal,
  visit: Visit,
  subject: { kind: 'person' | 'enterprise'; key: string },
  nowIso: string,
): boolean {
  return (
    p.kind === 'window' &&
    visit.officerId === p.accountId &&
    visit.endedAt === null &&
    visit.expiresAt > nowIso &&
    visit.subjectKind === subject.kind &&
    visit.subjectKey === subject.key
  );
}

/** A person or enterprise account reading a data subject's own records. */
export function isSubject(p: Principal, subject: { kind: 'person' | 'enterprise'; key: string }): boolean {
  if (subject.kind === 'person') return p.kind === 'person' && p.citizenId === subject.key;
  return p.kind === 'enterprise' && p.uscc === subject.key;
}
