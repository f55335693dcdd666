import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { toApiFilters, type SearchState } from '../features/search/search-state.ts';
import { api, ApiError, unwrap } from './client.ts';

/**
 * Query definitions, one per API call, so that pages share cache keys: the home page's latest issue is the
 * issue page's data. Search and browse keep the previous page on screen while the next one loads.
 */
export const queries = {
  search: (state: SearchState) =>
    queryOptions({
      queryKey: ['search', state],
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/search', { params: { query: { ...toApiFilters(state), q: state.q } }, signal })),
      enabled: state.q.length > 0,
      placeholderData: keepPreviousData,
    }),
  documents: (state: SearchState, pageSize?: number) =>
    queryOptions({
      queryKey: ['documents', state, pageSize],
      queryFn: ({ signal }) => {
        const query = toApiFilters(state);
        if (pageSize) query.pageSize = pageSize;
        return unwrap(api.GET('/api/documents', { params: { query }, signal }));
      },
      placeholderData: keepPreviousData,
    }),
  document: (id: number) =>
    queryOptions({
      queryKey: ['document', id],
      queryFn: ({ signal }) => unwrap(api.GET('/api/documents/{id}', { params: { path: { id } }, signal })),
    }),
  documentVersion: (id: number, version: number) =>
    queryOptions({
      queryKey: ['document', id, 'version', version],
      // This route declares no response schema: the parsed document is checked where it is used.
      queryFn: ({ signal }) =>
        unwrap(
          api.GET('/api/documents/{id}/versions/{version}', { params: { path: { id, version } }, signal }),
        ) as Promise<unknown>,
    }),
  issues: () =>
    queryOptions({
      queryKey: ['issues'],
      queryFn: ({ signal }) => unwrap(api.GET('/api/issues', { signal })),
    }),
  issue: (id: number) =>
    queryOptions({
      queryKey: ['issue', id],
      queryFn: ({ signal }) => unwrap(api.GET('/api/issues/{id}', { params: { path: { id } }, signal })),
    }),
};

/** Retries a failed query twice, but never a 4xx: asking again will not make a missing document appear. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
