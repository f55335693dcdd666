import { z } from 'zod';
import { ACCOUNT_KIND_NAMES, ACCOUNT_KINDS } from '../../core/access/policy.ts';
import { SUBJECT_KINDS } from '../../core/audit/chain.ts';

/**
 * Shapes of the audit trail as the API and the CLI take and give them: search filters (auditors), results, what a
 * data subject sees, and the verification result. The service accepts the same filters, so that the CLI and HTTP
 * agree on their meaning.
 */

/** Who acts: an account of one of the platform's kinds, or the system itself (jobs, the CLI, the automation token). */
export const ACTOR_KINDS = [...ACCOUNT_KINDS, 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const ACTOR_KIND_LABELS: Record<ActorKind, string> = { ...ACCOUNT_KIND_NAMES, system: '系统' };

export const SUBJECT_KIND_LABELS: Record<(typeof SUBJECT_KINDS)[number], string> = {
  person: '个人',
  enterprise: '企业',
};

/** Names of the actions the platform records, for people; an action without one is shown as its code. */
const ACTION_LABELS: Record<string, string> = {
  'profile.read': '查看画像',
  'profile.create': '建立画像',
  'profile.update': '修改画像',
  'profile.delete': '删除画像',
  'profile.export': '导出画像',
  'profile.match': '按画像匹配政策',
  'visit.start': '窗口代办开始（已取得同意）',
  'visit.end': '窗口代办结束',
  'preference.update': '修改个性化推送设置',
  'item.create': '新建政策事项',
  'item.update': '修改政策事项',
  'item.publish': '发布政策事项',
  'item.submit': '提交政策事项审核',
  'item.approve': '审核通过政策事项',
  'item.reject': '退回政策事项',
  'item.expire': '政策事项到期失效',
  'item.repeal': '废止政策事项',
  'item.repeal.request': '申请废止政策事项',
  'item.repeal.reject': '驳回政策事项废止申请',
  'document.create': '录入政策文件',
  'document.correct': '更正政策文件',
  'document.submit': '提交政策文件审核',
  'document.approve': '审核通过政策文件',
  'document.reject': '退回政策文件',
  'document.publish': '发布政策文件',
  'document.expire': '政策文件到期失效',
  'document.repeal': '废止政策文件',
  'document.repeal.request': '申请废止政策文件',
  'document.repeal.reject': '驳回政策文件废止申请',
  'session.signIn': '登录',
  'session.signOut': '退出登录',
  'session.signInFailed': '登录失败',
  'account.create': '创建账号',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.passwordReset': '重设密码',
  'department.create': '新建部门',
  'calendar.setDay': '修改工作日历',
  'calendar.addYear': '录入全年节假日安排',
  'audit.search': '查询审计记录',
  'audit.export': '导出审计记录',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** `area.verb`, lower camel case: profile.read, session.signIn. */
export const actionCode = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/, '操作代码应形如 profile.read');

/** A calendar day (in China's time) or an instant with its offset. */
export const timeBound = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    '时间应为日期 YYYY-MM-DD 或带时区的时间 2024-05-01T08:00:00+08:00',
  );

const text = (max: number) => z.string().trim().min(1).max(max);

/** What auditors search by. Times are inclusive at both ends; a date means that whole day in 北京时间. */
export const auditFilters = z
  .object({
    /** An actor's id or name, exactly. */
    actor: text(100).optional(),
    actorKind: z.enum(ACTOR_KINDS).optional(),
    /** An action exactly, or `profile.*` for every action of an area. */
    action: z
      .string()
      .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*(\.\*)?$/, '操作代码应形如 profile.read 或 profile.*')
      .optional(),
    targetKind: text(40).optional(),
    targetId: text(100).optional(),
    subjectKind: z.enum(SUBJECT_KINDS).optional(),
    /** The USCC, or a person's citizen id (looked up by its pseudonym: the log never holds it). */
    subjectId: text(40).optional(),
    /** Words the stated purpose contains. */
    purpose: text(100).optional(),
    from: timeBound.optional(),
    to: timeBound.optional(),
  })
  .refine((f) => f.subjectId === undefined || f.subjectKind !== undefined, {
    message: '按数据主体查询时须同时给出主体类型（person 或 enterprise）',
    path: ['subjectKind'],
  });
export type AuditFilters = z.infer<typeof auditFilters>;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** Query string of an auditor's search: the filters and the page. */
export const auditSearchQuery = z.intersection(auditFilters, pageQuery);

export const auditRecord = z.object({
  seq: z.number().int().positive(),
  at: z.string().meta({ description: 'UTC，精确到毫秒' }),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() }),
  action: z.string(),
  actionLabel: z.string(),
  target: z.object({ kind: z.string(), id: z.string().nullable() }).nullable(),
  subject: z
    .object({
      kind: z.enum(SUBJECT_KINDS),
      id: z
        .string()
        .meta({ description: '企业为统一社会信用代码；个人为身份号码的密钥化摘要（HMAC），不是号码本身' }),
    })
    .nullable(),
  purpose: z.string().nullable(),
  legalBasis: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof auditRecord>;

export const auditSearchResult = z.object({
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  records: z.array(auditRecord),
});
export type AuditSearchResult = z.infer<typeof auditSearchResult>;

/** One use of a data subject's data, as the subject sees it (个人信息保护法 第四十五条: the right to know). */
export const subjectAccessEntry = z.object({
  at: z.string(),
  who: z.object({
    kind: z.string(),
    kindLabel: z.string(),
    name: z.string(),
    department: z.string().nullable(),
  }),
  action: z.string(),
  actionLabel: z.string(),
  purpose: z.string().nullable(),
  legalBasis: z.string().nullable(),
});
export type SubjectAccessEntry = z.infer<typeof subjectAccessEntry>;

export const subjectAccessResult = z.object({
  total: z.number().int().nonnegative(),
  entries: z.array(subjectAccessEntry),
});
export type SubjectAccessResult = z.infer<typeof subjectAccessResult>;

export const chainVerifyResult = z.union([
  z.object({ ok: z.literal(true), checked: z.number().int(), lastHash: z.string() }),
  z.object({
    ok: z.literal(false),
    checked: z.number().int(),
    lastHash: z.string().nullable(),
    firstBad: z.object({
      seq: z.number().int(),
      problem: z.enum(['edited', 'removed', 'reordered', 'inserted']),
      message: z.string(),
    }),
  }),
]);
export type ChainVerifyResult = z.infer<typeof chainVerifyResult>;
