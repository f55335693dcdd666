import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { asItemDetail, type ItemDetail } from '../../api/items.ts';

/**
 * The review workflow's shapes, as src/features/items/review.service.ts returns them. Those routes declare no
 * response schema, so schema.d.ts knows their requests but not their answers: these types say what the
 * console reads, and `received` marks the one place each answer is taken on trust.
 */
export type ReviewState = 'draft' | 'submitted' | 'rejected' | 'approved';
export type ItemStatus = 'draft' | 'published' | 'suspended' | 'expired';

export interface WorklistItem {
  code: string;
  name: string;
  status: ItemStatus;
  version: number;
  publishedVersion: number | null;
  reviewState: ReviewState | null;
  updatedAt: string;
}

export interface QueuedItem {
  code: string;
  name: string;
  version: number;
  authorId: number | null;
  createdAt: string;
}

export interface ReviewEvent {
  version: number;
  action: 'submit' | 'approve' | 'reject' | 'publish' | 'suspend' | 'expire' | 'repeal';
  actorName: string;
  comment: string | null;
  at: string;
}

export interface HistoryVersion {
  version: number;
  status: ItemStatus;
  note: string | null;
  createdAt: string;
  authorId: number | null;
  reviewState: ReviewState | null;
  events: ReviewEvent[];
}

export interface ItemHistory {
  code: string;
  name: string;
  status: ItemStatus;
  currentVersion: number;
  publishedVersion: number | null;
  versions: HistoryVersion[];
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface ItemDiff {
  code: string;
  from: number;
  to: number;
  parts: DiffPart[];
}

export interface PublicChange {
  code: string;
  kind: string;
  version: number;
  /** Publications only (review.service.ts `publications`): never a submission or a rejection. */
  action: Exclude<ReviewEvent['action'], 'submit' | 'reject'>;
  comment: string | null;
  at: string;
}

/** An answer of a route without a response schema: typed by the interfaces above. */
function received<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  return unwrap(call) as Promise<T>;
}

/**
 * Queries of the staff console. Every key starts with 'staff', so that a decision can refresh them all at once
 * (and a change of account empties the whole cache: api/session.ts).
 */
export const staffQueries = {
  worklist: () =>
    queryOptions({
      queryKey: ['staff', 'worklist'],
      queryFn: ({ signal }) => received<WorklistItem[]>(api.GET('/api/staff/items', { signal })),
      staleTime: 0,
    }),
  queue: () =>
    queryOptions({
      queryKey: ['staff', 'queue'],
      queryFn: ({ signal }) => received<QueuedItem[]>(api.GET('/api/review/queue', { signal })),
      staleTime: 0,
    }),
  history: (code: string) =>
    queryOptions({
      queryKey: ['staff', 'item', code, 'history'],
      queryFn: ({ signal }) =>
        received<ItemHistory>(api.GET('/api/items/{code}/history', { params: { path: { code } }, signal })),
      staleTime: 0,
    }),
  version: (code: string, version: number) =>
    queryOptions({
      queryKey: ['staff', 'item', code, 'version', version],
      // A version never changes once saved: cached for the session.
      queryFn: async ({ signal }): Promise<ItemDetail> =>
        asItemDetail(
          await unwrap(
            api.GET('/api/items/{code}/versions/{version}', { params: { path: { code, version } }, signal }),
          ),
        ),
      staleTime: Infinity,
    }),
  diff: (code: string, from: number, to: number) =>
    queryOptions({
      queryKey: ['staff', 'item', code, 'diff', from, to],
      queryFn: ({ signal }) =>
        received<ItemDiff>(
          api.GET('/api/items/{code}/diff', { params: { path: { code }, query: { from, to } }, signal }),
        ),
      staleTime: Infinity,
    }),
};

export const changesQuery = (limit: number, offset: number) =>
  queryOptions({
    queryKey: ['changes', limit, offset],
    queryFn: ({ signal }) =>
      received<{ total: number; changes: PublicChange[] }>(
        api.GET('/api/changes', { params: { query: { limit, offset } }, signal }),
      ),
  });

/** Submits an item's latest draft for review (editor). */
export function submitForReview(code: string, comment?: string) {
  return received<{ code: string; version: number; reviewState: ReviewState }>(
    api.POST('/api/items/{code}/submit', { params: { path: { code } }, body: comment ? { comment } : {} }),
  );
}

/** A reviewer's decision: approve publishes the version; reject needs a comment. */
export function decide(code: string, version: number, decision: 'approve' | 'reject', comment: string) {
  return received<{ code: string; version: number; reviewState: ReviewState }>(
    api.POST('/api/items/{code}/review', {
      params: { path: { code } },
      body: { version, decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
    }),
  );
}
