import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, ApiError, unwrap } from './client.ts';
import {
  asCalculatorResult,
  asItemDetail,
  asMatchResult,
  asVariables,
  type CalculatorResult,
  type ItemDetail,
  type MatchResult,
  type Target,
  type Variable,
} from './items.ts';

export interface ItemFilter {
  target?: Target;
  kind?: '减免' | '奖补' | '权益' | '资质' | '行政许可' | '公共服务';
  mode?: '依申请' | '即申即享' | '免申即享';
}

/** What "哪些政策适合我" matches: a fictional sample profile, or a record the visitor typed. */
export type MatchRequest =
  { sampleId: number } | { record: { kind: Target; fields: Record<string, unknown> } };

export interface CalculatorRequest {
  kind: Target;
  answers: Record<string, unknown>;
  none: string[];
  items?: string[];
}

/**
 * What a visitor typed into the calculator or the match form is kept in the cache only briefly (and the kiosk
 * drops it at its idle reset): the server stores none of it, and neither should a shared device.
 */
const PRIVATE_GC = 60_000;

/**
 * Queries of policy items, matching and the calculator: a module of their own, so that only their pages load
 * them (api/queries.ts is part of the shell).
 */
export const itemQueries = {
  items: (filter: ItemFilter) =>
    queryOptions({
      queryKey: ['items', filter],
      queryFn: ({ signal }) => unwrap(api.GET('/api/items', { params: { query: filter }, signal })),
      placeholderData: keepPreviousData,
    }),
  item: (code: string) =>
    queryOptions({
      queryKey: ['item', code],
      // No response schema on this route (see api/items.ts): checked before use.
      queryFn: async ({ signal }): Promise<ItemDetail> =>
        asItemDetail(await unwrap(api.GET('/api/items/{code}', { params: { path: { code } }, signal }))),
    }),
  /** An item's approved repeal, or null when it has none (the route answers 404 then). */
  itemRepeal: (code: string) =>
    queryOptions({
      queryKey: ['item', code, 'repeal'],
      queryFn: async ({ signal }) => {
        try {
          return await unwrap(api.GET('/api/items/{code}/repeal', { params: { path: { code } }, signal }));
        } catch (e) {
          if (e instanceof ApiError && e.notFound) return null;
          throw e;
        }
      },
    }),
  itemVersions: (code: string) =>
    queryOptions({
      queryKey: ['item', code, 'versions'],
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/items/{code}/versions', { params: { path: { code } }, signal })),
    }),
  sampleProfiles: (kind: Target) =>
    queryOptions({
      queryKey: ['profiles', 'samples', kind],
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/profiles/samples', { params: { query: { kind } }, signal })),
    }),
  variables: (kind: Target) =>
    queryOptions({
      queryKey: ['variables', kind],
      queryFn: async ({ signal }): Promise<Variable[]> =>
        asVariables(await unwrap(api.GET('/api/variables', { params: { query: { kind } }, signal }))),
      staleTime: 10 * 60_000,
    }),
  match: (request: MatchRequest | null) =>
    queryOptions({
      queryKey: ['match', request],
      queryFn: async ({ signal }): Promise<MatchResult> =>
        asMatchResult(await unwrap(api.POST('/api/match', { body: request!, signal }))),
      enabled: request !== null,
      gcTime: PRIVATE_GC,
    }),
  calculator: (request: CalculatorRequest | null) =>
    queryOptions({
      queryKey: ['calculator', request],
      queryFn: async ({ signal }): Promise<CalculatorResult> =>
        asCalculatorResult(await unwrap(api.POST('/api/calculator', { body: request!, signal }))),
      enabled: request !== null,
      // The last answer's results stay on screen while the next ones load.
      placeholderData: keepPreviousData,
      gcTime: PRIVATE_GC,
    }),
};
