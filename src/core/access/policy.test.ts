import { describe, expect, it } from 'vitest';
import {
  allows,
  isSubject,
  mayActForVisitor,
  mayEdit,
  mayReview,
  PERMISSIONS,
  type Permission,
  type Principal,
} from './policy.ts';

const base: Principal = {
  accountId: 1,
  username: 'u',
  displayName: 'u',
  kind: 'person',
  staffRoles: [],
  department: null,
  uscc: null,
  enterpriseRole: null,
  citizenId: null,
  via: 'session',
};
const city = { id: 10, code: 'city', name: '市局', level: 'city' as const, regionCode: '371500' };
const county = { id: 20, code: 'county', name: '县局', level: 'county' as const, regionCode: '371581' };

const CALLERS: Record<string, Principal | null> = {
  anonymous: null,
  person: { ...base, citizenId: '371502199001011234' },
  entAdmin: { ...base, accountId: 2, kind: 'enterprise', uscc: 'A', enterpriseRole: 'admin' },
  entAgent: { ...base, accountId: 3, kind: 'enterprise', uscc: 'A', enterpriseRole: 'agent' },
  editor: { ...base, accountId: 4, kind: 'staff', staffRoles: ['editor'], department: city },
  reviewer: { ...base, accountId: 5, kind: 'staff', staffRoles: ['reviewer'], department: city },
  window: { ...base, accountId: 6, kind: 'window', department: city },
  admin: { ...base, accountId: 7, kind: 'admin' },
  token: { ...base, accountId: 0, kind: 'admin', via: 'token' },
  auditor: { ...base, accountId: 8, kind: 'auditor' },
};

/**
 * Who holds each permission, written out by hand: the route × role matrix (src/http/access-matrix.test.ts) checks
 * that HTTP enforces `allows`; this table checks that `allows` is what we mean.
 */
const EXPECTED: Record<Permission, string[]> = {
  public: Object.keys(CALLERS),
  signedIn: ['person', 'entAdmin', 'entAgent', 'editor', 'reviewer', 'window', 'admin', 'token', 'auditor'],
  subject: ['person', 'entAdmin', 'entAgent'],
  'enterprise.admin': ['entAdmin'],
  'staff.read': ['editor', 'reviewer', 'admin', 'token', 'auditor'],
  'content.edit': ['editor', 'token'],
  'content.review': ['reviewer'],
  window: ['window'],
  'audit.read': ['auditor'],
  admin: ['admin', 'token'],
};

describe('access policy', () => {
  it.each(PERMISSIONS)('%s is held by exactly the expected callers', (permission) => {
    const holders = Object.entries(CALLERS)
      .filter(([, p]) => allows(p, permission))
      .map(([name]) => name);
    expect(holders.sort()).toEqual([...EXPECTED[permission]].sort());
  });

  it('lets an editor change only what their own department owns (谁制定、谁更新)', () => {
    const editor = CALLERS.editor!;
    expect(mayEdit(editor, { ownerDepartmentId: city.id })).toBe(true);
    expect(mayEdit(editor, { ownerDepartmentId: county.id })).toBe(false);
    expect(mayEdit({ ...editor, department: county }, { ownerDepartmentId: city.id })).toBe(false);
    expect(mayEdit(editor, { ownerDepartmentId: null })).toBe(false);
    expect(mayEdit(CALLERS.reviewer!, { ownerDepartmentId: city.id })).toBe(false);
    expect(mayEdit(CALLERS.admin!, { ownerDepartmentId: city.id })).toBe(false);
    expect(mayEdit(CALLERS.token!, { ownerDepartmentId: null })).toBe(true);
  });

  it('never lets a reviewer approve their own draft, nor another department’s', () => {
    const both: Principal = { ...CALLERS.editor!, staffRoles: ['editor', 'reviewer'] };
    expect(mayReview(both, { ownerDepartmentId: city.id, authorId: both.accountId })).toBe(false);
    expect(mayReview(both, { ownerDepartmentId: city.id, authorId: 99 })).toBe(true);
    expect(mayReview(CALLERS.reviewer!, { ownerDepartmentId: county.id, authorId: 99 })).toBe(false);
    expect(mayReview(CALLERS.editor!, { ownerDepartmentId: city.id, authorId: 99 })).toBe(false);
    expect(mayReview(CALLERS.token!, { ownerDepartmentId: null, authorId: null })).toBe(false);
  });

  it('lets a window officer act for a visitor only during that visit', () => {
    const w = CALLERS.window!;
    const visit = {
      officerId: w.accountId,
      subjectKind: 'person' as const,
      subjectKey: 'X',
      expiresAt: '2025-06-01T10:00:00.000Z',
      endedAt: null,
    };
    const subject = { kind: 'person' as const, key: 'X' };
    expect(mayActForVisitor(w, visit, subject, '2025-06-01T09:00:00.000Z')).toBe(true);
    expect(mayActForVisitor(w, visit, subject, '2025-06-01T10:00:00.000Z')).toBe(false);
    expect(
      mayActForVisitor(
        w,
        { ...visit, endedAt: '2025-06-01T09:30:00.000Z' },
        subject,
        '2025-06-01T09:40:00.000Z',
      ),
    ).toBe(false);
    expect(mayActForVisitor(w, visit, { kind: 'person', key: 'Y' }, '2025-06-01T09:00:00.000Z')).toBe(false);
    expect(mayActForVisitor({ ...w, accountId: 77 }, visit, subject, '2025-06-01T09:00:00.000Z')).toBe(false);
  });

  it('recognises a data subject by citizen id or USCC', () => {
    expect(isSubject(CALLERS.person!, { kind: 'person', key: '371502199001011234' })).toBe(true);
    expect(isSubject(CALLERS.entAgent!, { kind: 'enterprise', key: 'A' })).toBe(true);
    expect(isSubject(CALLERS.entAgent!, { kind: 'enterprise', key: 'B' })).toBe(false);
    expect(isSubject(CALLERS.editor!, { kind: 'person', key: '371502199001011234' })).toBe(false);
  });
});
