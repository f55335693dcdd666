import { z } from 'zod';
import { isoDate, profile as profileSchema } from '../items/items.schema.ts';

/** Request and response shapes of window visits (窗口代办). */

/** How the visitor gave consent, with the words the officer's screen shows for each. */
export const CONSENT_METHODS = ['signature', 'idCard', 'qrCode'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_NAMES: Record<ConsentMethod, string> = {
  signature: '现场签字',
  idCard: '身份证读卡确认',
  qrCode: '手机扫码确认',
};

export const VISITOR_KINDS = ['person', 'enterprise'] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

/** What a window officer sends to start a visit; ids and consent wording are checked by the service. */
export const startVisitBody = z.object({
  visitorKind: z.enum(VISITOR_KINDS).describe('办事人类型：person 自然人，enterprise 企业'),
  citizenId: z.string().max(40).optional().describe('自然人的公民身份号码（GB 11643）'),
  uscc: z.string().max(40).optional().describe('企业的统一社会信用代码（GB 32100）'),
  consentText: z.string().max(2000).describe('向办事人出示或宣读的授权告知内容（原文）'),
  consentMethod: z.enum(CONSENT_METHODS).describe('取得同意的方式'),
  purpose: z.string().max(200).optional().describe('办理事项（使用数据的目的）'),
});
export type StartVisitInput = z.infer<typeof startVisitBody>;

export const visitParams = z.object({ id: z.coerce.number().int().positive() });

export const readQuery = z.object({
  purpose: z.string().max(200).optional().describe('本次查看的目的；不填则为开始代办时登记的办理事项'),
});

export const matchQuery = readQuery.extend({ asOf: isoDate.optional() });

export const visitView = z.object({
  id: z.number().int(),
  visitor: z.object({
    kind: z.enum(VISITOR_KINDS),
    /** The USCC in full; a citizen id masked (the officer typed it, the screen need not show it again). */
    id: z.string(),
  }),
  purpose: z.string().nullable(),
  consentMethod: z.enum(CONSENT_METHODS),
  consentMethodLabel: z.string(),
  consentText: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable(),
  status: z.enum(['open', 'ended', 'expired']),
});
export type VisitView = z.infer<typeof visitView>;

export const visitorProfile = z.object({
  visit: visitView,
  profile: z.object({
    id: z.number().int(),
    kind: z.enum(VISITOR_KINDS),
    name: z.string(),
    subject: z.string(),
    region: z.string().nullable(),
    isSample: z.boolean(),
    profile: profileSchema,
  }),
});
