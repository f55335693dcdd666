import { queryOptions } from '@tanstack/react-query';
import type * as Api from '../../api/client.ts';
import { api, unwrap } from '../../api/client.ts';
import { asItemDetail, type ItemDetail } from '../../api/items.ts';

/**
 * The review workflow's shapes, as the server's response schemas give them (src/features/items/items.schema.ts,
 * generated into schema.d.ts by `npm run gen:api`).
 */
export type WorklistItem = Api.WorklistItem;
export type QueuedItem = Api.QueuedItem;
export type ItemStatus = WorklistItem['status'];
export type ReviewState = NonNullable<WorklistItem['reviewState']>;
export type ItemDiff = Api.ItemDiff;
export type DiffPart = ItemDiff['parts'][number];
export type PublicChange = Api.PublicChanges['changes'][number];

export type ItemHistory = Api.ItemHistory;
export type HistoryVersion = ItemHistory['versions'][number];
/** A step of a version's review, or of a request to repeal the item. */
export type ReviewEvent = HistoryVersion['events'][number];

/**
 * Queries of the staff console. Every key starts with 'staff', so that a decision can refresh them all at once
 * (and a change of account empties the whole cache: api/session.ts).
 */
export const staffQueries = {
  worklist: () =>
    queryOptions({
      queryKey: ['staff', 'worklist'],
      queryFn: ({ signal }) => unwrap(api.GET('/api/staff/items', { signal })),
      staleTime: 0,
    }),
  /** Documents whose items are still not online 7 working days after issue (the 四川 rule). */
  overdue: () =>
    queryOptions({
      queryKey: ['staff', 'validity', 'overdue'],
      queryFn: ({ signal }) => unwrap(api.GET('/api/staff/overdue', { signal })),
    }),
  /** Documents and items whose validity ends within 30 days (有效期届满评估). */
  expiring: () =>
    queryOptions({
      queryKey: ['staff', 'validity', 'expiring'],
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/staff/expiring', { params: { query: { days: 30 } }, signal })),
    }),
  queue: () =>
    queryOptions({
      queryKey: ['staff', 'queue'],
      queryFn: ({ signal }) => unwrap(api.GET('/api/review/queue', { signal })),
      staleTime: 0,
    }),
  history: (code: string) =>
    queryOptions({
      queryKey: ['staff', 'item', code, 'history'],
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/items/{code}/history', { params: { path: { code } }, signal })),
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
        unwrap(
          api.GET('/api/items/{code}/diff', { params: { path: { code }, query: { from, to } }, signal }),
        ),
      staleTime: Infinity,
    }),
};

export const changesQuery = (limit: number, offset: number) =>
  queryOptions({
    queryKey: ['changes', limit, offset],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/changes', { params: { query: { limit, offset } }, signal })),
  });

/** Submits an item's latest draft for review (editor). */
export function submitForReview(code: string, comment?: string) {
  return unwrap(
    api.POST('/api/items/{code}/submit', { params: { path: { code } }, body: comment ? { comment } : {} }),
  );
}

/** A reviewer's decision: approve publishes the version; reject needs a comment. */
export function decide(code: string, version: number, decision: 'approve' | 'reject', comment: string) {
  return unwrap(
    api.POST('/api/items/{code}/review', {
      params: { path: { code } },
      body: { version, decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
    }),
  );
}
