import { z } from 'zod';
import { diffPart, reviewState } from '../review/review.schema.ts';

/** Request and response shapes of documents through review and of repeal (lifecycle.routes.ts). */

/** A calendar day that exists (2023-02-30 does not). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效的日期');

const comment = z.string().max(1000).optional();

export const correctionBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, '请填写更正后的全文')
    .max(2_000_000)
    .describe('the whole text of the document, parsed again as on ingest'),
  note: z.string().max(500).optional().describe('what was corrected'),
});

export const submitBody = z.object({ comment: z.string().max(500).optional() });

export const decisionBody = z.object({
  version: z.number().int().positive(),
  decision: z.enum(['approve', 'reject']),
  comment,
});

export const repealDecisionBody = z.object({ decision: z.enum(['approve', 'reject']), comment });

export const repealBody = z.object({
  reason: z.string().trim().min(1, '请填写废止理由').max(1000),
  docNumber: z
    .string()
    .trim()
    .min(3, '请填写废止文件的文号')
    .max(40)
    .describe('the repealing document’s 文号'),
  repealedOn: day.describe('the first day it is no longer in force'),
});

export const versionQuery = z.object({ version: z.coerce.number().int().positive().optional() });
export const diffQuery = z.object({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
});

const event = z.object({
  action: z.string(),
  actorName: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
});

export const repeal = z.object({
  id: z.number().int(),
  targetKind: z.enum(['document', 'item']),
  targetKey: z.string(),
  reason: z.string(),
  repealedBy: z.string(),
  repealedByDocumentId: z.number().int().nullable(),
  repealedOn: z.string(),
  state: z.enum(['submitted', 'approved', 'rejected']),
  requestedBy: z.number().int().nullable(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});

export const correctionResult = z.object({
  id: z.number().int(),
  version: z.number().int(),
  changed: z.boolean(),
  reviewState: reviewState.nullable(),
  warnings: z.array(z.string()),
});

export const stepResult = z.object({
  id: z.number().int(),
  version: z.number().int(),
  reviewState,
});

export const documentHistory = z.object({
  id: z.number().int(),
  docNumber: z.string().nullable(),
  title: z.string(),
  currentVersion: z.number().int(),
  published: z.boolean(),
  repealedOn: z.string().nullable(),
  ownerDepartmentId: z.number().int().nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      reviewState: reviewState.nullable(),
      authorId: z.number().int().nullable(),
      baseVersion: z.number().int().nullable(),
      note: z.string().nullable(),
      source: z.string(),
      ingestedAt: z.string(),
      current: z.boolean(),
      events: z.array(event),
    }),
  ),
  repeals: z.array(repeal),
});

export const documentText = z.object({
  id: z.number().int(),
  version: z.number().int(),
  reviewState: reviewState.nullable(),
  title: z.string(),
  text: z.string(),
});

export const diffResult = z.object({
  id: z.number().int(),
  from: z.number().int(),
  to: z.number().int(),
  parts: z.array(diffPart),
});

export const staffDocument = z.object({
  id: z.number().int(),
  docNumber: z.string().nullable(),
  title: z.string(),
  kind: z.string(),
  issuedOn: z.string().nullable(),
  currentVersion: z.number().int(),
  published: z.boolean(),
  repealedOn: z.string().nullable(),
  latestVersion: z.number().int(),
  reviewState: reviewState.nullable(),
  updatedAt: z.string(),
  pendingRepealId: z.number().int().nullable(),
});

export const queuedDocument = z.object({
  id: z.number().int(),
  docNumber: z.string().nullable(),
  title: z.string(),
  currentVersion: z.number().int(),
  published: z.boolean(),
  version: z.number().int(),
  authorId: z.number().int().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const basedItem = z.object({
  code: z.string(),
  name: z.string(),
  status: z.string(),
  ownerDepartmentId: z.number().int().nullable(),
  ownerDepartment: z.string().nullable(),
});

export const repealDecision = z.object({ repeal, affectedItems: z.array(basedItem) });

export const publicRepeal = z.object({
  on: z.string(),
  reason: z.string().nullable(),
  docNumber: z.string().nullable(),
  documentId: z.number().int().nullable(),
});
