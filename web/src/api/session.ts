import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, unwrap, type Problem } from './client.ts';
import type { paths } from './schema';

export type SessionState = paths['/api/session']['get']['responses'][200]['content']['application/json'];
/** Who is signed in: kind, staff roles, department (docs/access.md, "Kinds of account"). */
export type Principal = NonNullable<SessionState['principal']>;

const SIGNED_OUT: SessionState = { signedIn: false, principal: null, csrfToken: null };

/**
 * A change of account (sign-in, sign-out) empties the whole query cache: what one account read (a department's
 * drafts, a visitor's data at a service window) must not show through to the next on a shared computer.
 */
function remember(client: QueryClient, state: SessionState): void {
  client.clear();
  setCsrfToken(state.csrfToken);
  client.setQueryData(sessionQuery.queryKey, state);
}

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async ({ signal }): Promise<SessionState> => {
    const state = await unwrap(api.GET('/api/session', { signal }));
    setCsrfToken(state.csrfToken);
    return state;
  },
  // A session ends after 2 hours unused: asking again every few minutes is plenty, and a refused call
  // (refreshSessionAfter) asks at once.
  staleTime: 5 * 60_000,
});

/**
 * A refused sign-in: wrong password (401), or too many failures (429) with the seconds to wait from the
 * Retry-After header, which both the account lock and the route's rate limit send.
 */
export class SignInError extends ApiError {
  constructor(
    status: number,
    problem: Problem | null,
    readonly retryAfterSeconds: number | null,
  ) {
    super(status, problem);
    this.retryAt = retryAfterSeconds === null ? null : new Date(Date.now() + retryAfterSeconds * 1000);
  }

  /** When trying again makes sense, fixed when the answer came. */
  readonly retryAt: Date | null;
}

async function postSession(username: string, password: string): Promise<SessionState> {
  const result = await api
    .POST('/api/session', { body: { username, password } })
    .catch(() => Promise.reject(new SignInError(0, null, null)));
  if (result.response.ok && result.data) return result.data;
  const retryAfter = Number(result.response.headers.get('retry-after'));
  throw new SignInError(
    result.response.status,
    (result.error as Problem | undefined) ?? null,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/**
 * The session in the web app: who is signed in, and signing in and out.
 *
 * @example
 * const { principal } = useSession();
 * const signIn = useSignIn();
 * signIn.mutate({ username, password }, { onSuccess: (s) => navigate(homeOf(s.principal)) });
 */
export function useSession() {
  const session = useQuery(sessionQuery);
  return {
    /** Undefined until the server has answered. */
    state: session.data,
    principal: session.data?.principal ?? null,
    signedIn: session.data?.signedIn ?? false,
    isPending: session.isPending,
    error: session.error,
  };
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      postSession(username, password),
    onSuccess: (state) => remember(client, state),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { response } = await api.DELETE('/api/session');
      // 401: the session had already ended (idle, expired, password reset): the visitor is signed out anyway.
      if (!response.ok && response.status !== 401) throw new ApiError(response.status, null);
    },
    onSuccess: () => remember(client, SIGNED_OUT),
  });
}

/** After a 401 from any call, the session has ended on the server: ask again who is signed in. */
export function refreshSessionAfter(client: QueryClient, error: unknown): void {
  if (error instanceof ApiError && error.status === 401)
    void client.invalidateQueries({ queryKey: sessionQuery.queryKey });
}
