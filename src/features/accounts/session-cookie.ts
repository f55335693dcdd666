import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../http/plugins/access.ts';

/**
 * The cookies of signing in, shared by password sign-in (accounts.routes.ts) and the unified identity
 * (oidc.routes.ts), so that both give the browser the same session cookie.
 */

/**
 * The session: HTTP-only, SameSite=Strict; Secure whenever the request came over HTTPS (behind a proxy: set
 * trustProxy). After an OIDC sign-in the browser arrives from the provider's site, so the first page it loads does
 * not carry a Strict cookie; the portal reads the session with fetch (same-site), which does.
 */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string) {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** How long a trip to the identity provider may take before the flow cookie is gone and it must start again. */
export const OIDC_FLOW_MINUTES = 10;

/**
 * Over HTTPS the `__Host-` prefix makes the browser refuse the cookie unless it is Secure, host-only and for
 * path `/`, so a sibling subdomain cannot plant a flow of its own (login CSRF by cookie tossing).
 */
const flowCookieName = (req: FastifyRequest) => (req.protocol === 'https' ? '__Host-zct_oidc' : 'zct_oidc');

/**
 * The OIDC flow's state, nonce, PKCE verifier and return path, kept in the browser between the start and the
 * callback. A cookie rather than a table: nothing to store or purge for abandoned sign-ins, and the flow stays
 * bound to the browser that started it (a callback from another browser has no cookie and is refused). HTTP-only
 * so that scripts never read the verifier; SameSite=Lax, not Strict, because the provider sends the browser back
 * from its own site, and Lax still sends the cookie on that top-level GET, while Strict would not.
 */
export function setOidcFlowCookie(req: FastifyRequest, reply: FastifyReply, value: string) {
  void reply.setCookie(flowCookieName(req), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: OIDC_FLOW_MINUTES * 60,
  });
}

export function readOidcFlowCookie(req: FastifyRequest): string | undefined {
  return req.cookies[flowCookieName(req)];
}

/** A flow is used once: the callback clears it whatever the outcome. */
export function clearOidcFlowCookie(req: FastifyRequest, reply: FastifyReply) {
  void reply.clearCookie(flowCookieName(req), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
  });
}
