import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type Preferences = Ok<paths['/api/me/preferences']['get']>;
export type DataUse = Ok<paths['/api/me/data-use']['get']>;
export type DataUseEntry = DataUse['entries'][number];

export const DATA_USE_PAGE_SIZE = 20;

/** A data subject's own queries; keys start with 'me', so that a change of account drops them (api/session.ts). */
export const myDataQueries = {
  preferences: () =>
    queryOptions({
      queryKey: ['me', 'preferences'],
      queryFn: ({ signal }) => unwrap(api.GET('/api/me/preferences', { signal })),
    }),
  dataUse: (page: number) =>
    queryOptions({
      queryKey: ['me', 'data-use', page],
      queryFn: ({ signal }) =>
        unwrap(
          api.GET('/api/me/data-use', { params: { query: { page, pageSize: DATA_USE_PAGE_SIZE } }, signal }),
        ),
      placeholderData: keepPreviousData,
    }),
};

export function useSetPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { personalisedPush: boolean }) => unwrap(api.PUT('/api/me/preferences', { body })),
    onSuccess: (saved) => {
      client.setQueryData(myDataQueries.preferences().queryKey, saved);
      // The change itself is a new entry in "who used my data".
      return client.invalidateQueries({ queryKey: ['me', 'data-use'] });
    },
  });
}
