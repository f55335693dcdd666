/**
 * An error a use case reports to its caller, whatever the channel (HTTP, CLI, jobs): the HTTP layer turns it into
 * problem+json with the status of its kind, naming the field when there is one.
 *
 * @example throw new DomainError('invalid', '公民身份号码校验码不符', 'citizenId');
 */
export type DomainErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'notFound' | 'conflict' | 'locked';

export const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  locked: 429,
};

/** The problem's title, shown to people. */
export const DOMAIN_ERROR_TITLE: Record<DomainErrorKind, string> = {
  invalid: '请求有误',
  unauthenticated: '需要登录',
  forbidden: '无权访问',
  notFound: '未找到',
  conflict: '状态冲突',
  locked: '请求过于频繁',
};

export class DomainError extends Error {
  /** When several things are wrong at once (a calendar year, say), each with its field. */
  readonly problems?: readonly { field: string; message: string }[];

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
    /** For `locked`: seconds until trying again makes sense. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
