import { z } from 'zod';

/** Request and response shapes of the validity routes (and the report of the daily job). */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const department = z.object({ id: z.number(), name: z.string() }).nullable();

export const overdueDocument = z.object({
  documentId: z.number(),
  docNumber: z.string(),
  title: z.string(),
  kind: z.string(),
  issuedOn: isoDate,
  /** The 7th working day after issue: the day by which its items should have been online. */
  deadline: isoDate,
  workingDaysOverdue: z.number().int().min(1),
  department,
});
export type OverdueDocument = z.infer<typeof overdueDocument>;

export const overdueReply = z.object({
  asOf: isoDate,
  workingDays: z.number(),
  since: isoDate,
  documents: z.array(overdueDocument),
});

export const expiringEntry = z.object({
  targetKind: z.enum(['document', 'item']),
  /** A document's doc_key (its 文号), an item's code. */
  targetKey: z.string(),
  title: z.string(),
  /** The last day in force. */
  endsOn: isoDate,
  daysLeft: z.number().int(),
  department,
  /** When the reminder (有效期届满评估) went to the department's staff; null when not (yet). */
  remindedAt: z.string().nullable(),
});
export type ExpiringEntry = z.infer<typeof expiringEntry>;

/** The day the lists are as of (Beijing); today by default. */
const asOf = isoDate.optional();

export const overdueQuery = z.object({ asOf });

export const expiringQuery = z.object({
  asOf,
  days: z.coerce.number().int('天数应为整数').min(1, '天数至少为 1').max(366, '天数不能超过 366').default(30),
});

export const expiringReply = z.object({ asOf: isoDate, days: z.number(), entries: z.array(expiringEntry) });

export const dailyReport = z.object({
  day: isoDate,
  expiredItems: z.array(z.object({ code: z.string(), name: z.string(), until: isoDate })),
  expiredDocuments: z.array(
    z.object({ docKey: z.string(), docNumber: z.string().nullable(), title: z.string(), until: isoDate }),
  ),
  reminders: z.array(
    z.object({
      targetKind: z.enum(['document', 'item']),
      targetKey: z.string(),
      title: z.string(),
      endsOn: isoDate,
      department: z.string().nullable(),
      recipients: z.number(),
    }),
  ),
  /** How many documents are overdue today; null when it could not be counted (see warnings). */
  overdueDocuments: z.number().nullable(),
  housekeeping: z.object({ sessions: z.number(), passwordResets: z.number() }),
  warnings: z.array(z.string()),
});
export type DailyReport = z.infer<typeof dailyReport>;
