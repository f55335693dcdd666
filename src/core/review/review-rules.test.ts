import { describe, expect, it } from 'vitest';
import type { Principal } from '../access/policy.ts';
import { DomainError } from '../errors.ts';
import {
  assertCommentOnRejection,
  assertDecision,
  assertSubmittable,
  decidedState,
  reviewEvent,
  type DecisionTarget,
} from './review-rules.ts';

const city = { id: 10, code: 'city', name: '市局', level: 'city' as const, regionCode: '371500' };
const county = { id: 20, code: 'county', name: '县局', level: 'county' as const, regionCode: '371581' };
const reviewer: Principal = {
  accountId: 5,
  username: 'reviewer',
  displayName: '李审',
  kind: 'staff',
  staffRoles: ['reviewer'],
  department: city,
  uscc: null,
  enterpriseRole: null,
  citizenId: null,
  via: 'session',
};
const waiting: DecisionTarget = {
  label: '政策事项 LC-XC-001',
  ownerDepartmentId: city.id,
  authorId: 4,
  version: 2,
  reviewState: 'submitted',
  newest: true,
};

/** The error a call throws, so that its kind, field and message can all be checked. */
function thrown(f: () => void): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('assertSubmittable', () => {
  it('lets a draft through', () => {
    expect(() => assertSubmittable({ version: 3, reviewState: 'draft' }, { revise: '修改' })).not.toThrow();
  });

  it('sends a rejected version back to be revised as a new version, in the words of its kind', () => {
    const e = thrown(() =>
      assertSubmittable({ version: 2, reviewState: 'rejected' }, { revise: '更正', field: 'id' }),
    );
    expect(e).toMatchObject({ kind: 'conflict', field: 'id' });
    expect(e.message).toBe('第2版已被退回，请更正后保存为新版本再提交');
  });

  it.each([
    ['submitted', '第1版待审核，只有草稿可以提交审核'],
    ['approved', '第1版已通过，只有草稿可以提交审核'],
    [null, '第1版已发布，只有草稿可以提交审核'],
  ] as const)('refuses a version that is %s', (reviewState, message) => {
    const e = thrown(() => assertSubmittable({ version: 1, reviewState }, { revise: '修改' }));
    expect(e).toMatchObject({ kind: 'conflict', field: undefined, message });
  });
});

describe('assertDecision', () => {
  it('lets a reviewer of the owning department decide on the newest version waiting for review', () => {
    expect(() => assertDecision(reviewer, waiting, 'approve', null)).not.toThrow();
    expect(() => assertDecision(reviewer, waiting, 'reject', '材料清单不全')).not.toThrow();
  });

  it('refuses the version’s author, even when they are a reviewer of the department', () => {
    const e = thrown(() =>
      assertDecision(reviewer, { ...waiting, authorId: reviewer.accountId }, 'approve', null),
    );
    expect(e).toMatchObject({ kind: 'forbidden', message: '不能审核自己编写的版本（上线审查须由他人进行）' });
  });

  it('refuses a reviewer of another department, an editor, and content no department owns', () => {
    const other = thrown(() => assertDecision({ ...reviewer, department: county }, waiting, 'approve', null));
    expect(other).toMatchObject({
      kind: 'forbidden',
      message: '政策事项 LC-XC-001 不属于本部门，当前账号不能审核',
    });
    const editor = { ...reviewer, staffRoles: ['editor'] as const };
    expect(thrown(() => assertDecision(editor, waiting, 'approve', null)).kind).toBe('forbidden');
    const platform = { ...waiting, ownerDepartmentId: null };
    expect(thrown(() => assertDecision(reviewer, platform, 'approve', null)).kind).toBe('forbidden');
  });

  it.each([
    ['a draft', { reviewState: 'draft' as const }],
    ['a version already approved', { reviewState: 'approved' as const }],
    ['a version no longer the newest', { newest: false }],
  ])('refuses %s as not waiting for review', (_, change) => {
    const e = thrown(() => assertDecision(reviewer, { ...waiting, ...change }, 'approve', null));
    expect(e).toMatchObject({ kind: 'conflict', field: 'version', message: '第2版不在待审核状态' });
  });

  it('asks who decides before whether the version waits, and that before the comment', () => {
    const stranger = { ...reviewer, department: county };
    expect(thrown(() => assertDecision(stranger, { ...waiting, newest: false }, 'reject', '')).kind).toBe(
      'forbidden',
    );
    expect(thrown(() => assertDecision(reviewer, { ...waiting, newest: false }, 'reject', '')).kind).toBe(
      'conflict',
    );
  });
});

describe('assertCommentOnRejection', () => {
  it.each([null, '', '  \n'])('refuses a rejection with the comment %j', (comment) => {
    const e = thrown(() => assertCommentOnRejection('reject', comment));
    expect(e).toMatchObject({ kind: 'invalid', field: 'comment', message: '退回时必须填写审核意见' });
  });

  it('needs no comment to approve', () => {
    expect(() => assertCommentOnRejection('approve', null)).not.toThrow();
  });
});

describe('decidedState and reviewEvent', () => {
  it('maps a decision to the state it leaves', () => {
    expect(decidedState('approve')).toBe('approved');
    expect(decidedState('reject')).toBe('rejected');
  });

  it('records who acted, for which department, with a trimmed comment and none for blank', () => {
    const at = '2026-05-01T08:00:00.000Z';
    expect(
      reviewEvent(reviewer, { kind: 'item', key: 'LC-XC-001', version: 2 }, 'reject', ' 缺材料 ', at),
    ).toEqual({
      targetKind: 'item',
      targetKey: 'LC-XC-001',
      version: 2,
      action: 'reject',
      actorId: 5,
      actorName: '李审',
      departmentId: 10,
      comment: '缺材料',
      at,
    });
    const token = { ...reviewer, accountId: 0, department: null, via: 'token' as const };
    expect(reviewEvent(token, { kind: 'document', key: '7', version: 1 }, 'submit', '   ', at)).toMatchObject(
      {
        actorId: null,
        departmentId: null,
        comment: null,
      },
    );
  });
});
