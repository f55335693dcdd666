import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/client.ts';

/** Other ways to sign in than a password: the province's unified identity (统一身份认证, OIDC) when configured. */
export interface SignInProviders {
  oidc: { enabled: boolean; name?: string };
}

const NONE: SignInProviders = { oidc: { enabled: false } };

/**
 * `GET /api/session/providers`. A server without the route (404) has no other provider. Plain fetch: the
 * route may be newer than the generated schema.
 */
export const providersQuery = queryOptions({
  queryKey: ['session', 'providers'],
  queryFn: async ({ signal }): Promise<SignInProviders> => {
    const res = await fetch('/api/session/providers', { signal, headers: { accept: 'application/json' } });
    if (res.status === 404) return NONE;
    if (!res.ok) throw new ApiError(res.status, null);
    const body = (await res.json()) as Partial<SignInProviders>;
    return body.oidc?.enabled ? { oidc: { enabled: true, name: body.oidc.name } } : NONE;
  },
  staleTime: Infinity,
  retry: false,
});

/** Where the OIDC button leads: the server starts the flow and comes back to `returnTo` (a same-site path). */
export function oidcStartUrl(returnTo: string | null): string {
  return returnTo
    ? `/api/session/oidc/start?returnTo=${encodeURIComponent(returnTo)}`
    : '/api/session/oidc/start';
}
