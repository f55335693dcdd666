import { z } from 'zod';
import { REVIEW_ACTIONS, REVIEW_STATES } from '../../core/review/review-rules.ts';

/** Response shapes shared by the review of items and of documents (items.schema.ts, lifecycle.schema.ts). */

export const reviewState = z.enum(REVIEW_STATES);

export const reviewEvent = z.object({
  targetKind: z.enum(['item', 'document']),
  targetKey: z.string(),
  version: z.number().int(),
  action: z.enum(REVIEW_ACTIONS),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  departmentId: z.number().int().nullable(),
  comment: z.string().nullable(),
  at: z.string(),
});

/** One run of a side-by-side diff (src/core/review/line-diff.ts). */
export const diffPart = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
