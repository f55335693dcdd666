import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { asMatchResult } from '../../api/items.ts';
import type { paths } from '../../api/schema';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

/** A visit as the server shows it (src/features/window/window.schema.ts). */
export type Visit = Ok<paths['/api/window/visits']['get']>[number];
export type VisitorProfile = Ok<paths['/api/window/visits/{id}/profile']['get']>;
export type StartVisitBody = NonNullable<
  paths['/api/window/visits']['post']['requestBody']
>['content']['application/json'];
export type ConsentMethod = StartVisitBody['consentMethod'];
export const CONSENT_METHODS: readonly ConsentMethod[] = ['signature', 'idCard', 'qrCode'];

/**
 * The window officer's queries. Keys start with 'staff', so that signing out or changing account drops them
 * (api/session.ts), and a visitor's data never outlives the officer's session on this screen.
 */
export const windowQueries = {
  open: () =>
    queryOptions({
      queryKey: ['staff', 'window', 'visits'],
      queryFn: ({ signal }) => unwrap(api.GET('/api/window/visits', { signal })),
    }),
  /** Each fetch is a recorded read: never refetched behind the officer's back, never kept once unused. */
  profile: (id: number, purpose: string) =>
    queryOptions({
      queryKey: ['staff', 'window', 'visits', id, 'profile', purpose],
      queryFn: ({ signal }) =>
        unwrap(
          api.GET('/api/window/visits/{id}/profile', {
            params: { path: { id }, query: purpose ? { purpose } : {} },
            signal,
          }),
        ),
      ...recordedRead,
    }),
  match: (id: number, purpose: string) =>
    queryOptions({
      queryKey: ['staff', 'window', 'visits', id, 'match', purpose],
      queryFn: async ({ signal }) =>
        asMatchResult(
          await unwrap(
            api.GET('/api/window/visits/{id}/match', {
              params: { path: { id }, query: purpose ? { purpose } : {} },
              signal,
            }),
          ),
        ),
      ...recordedRead,
    }),
};

const recordedRead = {
  staleTime: Infinity,
  gcTime: 0,
  retry: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
} as const;

/** Only the list: a prefix match would refetch the visitors' data below it, and each fetch is a recorded read. */
function refreshOpen(client: QueryClient) {
  return client.invalidateQueries({ queryKey: windowQueries.open().queryKey, exact: true });
}

export function useStartVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StartVisitBody) => unwrap(api.POST('/api/window/visits', { body })),
    onSuccess: () => refreshOpen(client),
  });
}

export function useEndVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/window/visits/{id}/end', { params: { path: { id } } })),
    onSuccess: (_visit, id) => {
      // The visitor's data leaves this screen with the visit.
      client.removeQueries({ queryKey: ['staff', 'window', 'visits', id] });
      return refreshOpen(client);
    },
  });
}
