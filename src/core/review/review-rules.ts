import { mayReview, type Owned, type Principal } from '../access/policy.ts';
import { DomainError } from '../errors.ts';

/**
 * The rules of 上线审查 shared by policy items and documents (issue 5: "draft → submitted for review → approved
 * (published) or rejected with comments"): only a draft is submitted; a reviewer of the owning department who did
 * not write the version decides on the newest version while it waits; rejecting needs a comment. Pure: callers
 * read the version and write the outcome.
 *
 * @example
 * assertSubmittable(version, { revise: '修改' });
 * assertDecision(by, { label: `政策事项 ${code}`, ownerDepartmentId, authorId, version: 2, reviewState: 'submitted',
 *   newest: true }, 'reject', '材料清单不全');
 * const state = decidedState('reject'); // 'rejected'
 */

/** Where a version is in review; null for versions the platform loaded (public on arrival). */
export const REVIEW_STATES = ['draft', 'submitted', 'rejected', 'approved'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export type Decision = 'approve' | 'reject';

export const REVIEW_STATE_NAMES: Record<ReviewState, string> = {
  draft: '草稿',
  submitted: '待审核',
  rejected: '已退回',
  approved: '已通过',
};

export interface ReviewedVersion {
  version: number;
  reviewState: ReviewState | null;
}

/**
 * Refuses to submit a version that is not a draft. A rejected version stays rejected: the editor saves a new
 * version (`revise` names how: 修改 an item, 更正 a document) and submits that.
 */
export function assertSubmittable(v: ReviewedVersion, o: { revise: string; field?: string }): void {
  if (v.reviewState === 'rejected')
    throw new DomainError('conflict', `第${v.version}版已被退回，请${o.revise}后保存为新版本再提交`, o.field);
  if (v.reviewState !== 'draft')
    throw new DomainError(
      'conflict',
      `第${v.version}版${v.reviewState ? REVIEW_STATE_NAMES[v.reviewState] : '已发布'}，只有草稿可以提交审核`,
      o.field,
    );
}

export interface DecisionTarget extends Owned, ReviewedVersion {
  /** How errors name what is reviewed: `政策事项 LC-XC-001`, a 文号 or a title. */
  label: string;
  authorId: number | null;
  /** Whether the version is the newest one: an older version is no longer under review. */
  newest: boolean;
}

/**
 * Refuses a decision that the rules do not allow, in this order: who decides (mayReview: a reviewer of the owning
 * department, never the version's author), then whether the version waits for review, then a comment on rejection.
 */
export function assertDecision(
  by: Principal,
  t: DecisionTarget,
  decision: Decision,
  comment: string | null,
): void {
  if (!mayReview(by, t))
    throw new DomainError(
      'forbidden',
      t.authorId === by.accountId
        ? '不能审核自己编写的版本（上线审查须由他人进行）'
        : `${t.label} 不属于本部门，当前账号不能审核`,
    );
  if (t.reviewState !== 'submitted' || !t.newest)
    throw new DomainError('conflict', `第${t.version}版不在待审核状态`, 'version');
  assertCommentOnRejection(decision, comment);
}

/** Rejecting needs the reviewer's comment, so that the editor knows what to change (items, documents, repeals). */
export function assertCommentOnRejection(decision: Decision, comment: string | null): void {
  if (decision === 'reject' && !comment?.trim())
    throw new DomainError('invalid', '退回时必须填写审核意见', 'comment');
}

/** The state a decision leaves the version in. */
export function decidedState(decision: Decision): 'approved' | 'rejected' {
  return decision === 'approve' ? 'approved' : 'rejected';
}

/**
 * What happened to an item or document version, or to a repeal. `publish`, `approve`, `suspend`, `expire` and
 * `repeal` are publications and appear in the public list of changes (公示); requests and refusals stay with staff.
 */
export const REVIEW_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'publish',
  'suspend',
  'expire',
  'repeal-request',
  'repeal',
  'repeal-reject',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** The actions the public reads in the list of changes (公示); the others stay with staff. */
export const PUBLICATION_ACTIONS = ['publish', 'approve', 'suspend', 'expire', 'repeal'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];

export interface ReviewEvent {
  targetKind: 'item' | 'document';
  targetKey: string;
  version: number;
  action: ReviewAction;
  actorId: number | null;
  actorName: string;
  departmentId: number | null;
  comment: string | null;
  at: string;
}

/** The event a person's step writes: who, of which department, and their comment (blank is none). */
export function reviewEvent(
  by: Principal,
  target: { kind: ReviewEvent['targetKind']; key: string; version: number },
  action: ReviewAction,
  comment: string | null,
  at: string,
): ReviewEvent {
  return {
    targetKind: target.kind,
    targetKey: target.key,
    version: target.version,
    action,
    actorId: by.accountId || null,
    actorName: by.displayName,
    departmentId: by.department?.id ?? null,
    comment: comment?.trim() || null,
    at,
  };
}
