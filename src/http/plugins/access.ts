import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { allows, refusal, type Permission, type Principal } from '../../core/access/policy.ts';
import { HttpProblem } from '../problem.ts';

/**
 * Who may call a route. Every route declares one permission in `config.access` (the permissions and who holds
 * them are defined in src/core/access/policy.ts); a route without one stops the server at start.
 *
 * Callers are identified by a session cookie (browsers), or by the automation token from ZCT_ADMIN_TOKEN sent as
 * `Authorization: Bearer …` (loading content from scripts; it acts as a platform administrator). With a cookie,
 * every state-changing request must carry the session's CSRF token in `x-csrf-token` (synchronizer token
 * pattern, OWASP CSRF Prevention Cheat Sheet) and, when the browser sends Origin, come from this site. A request
 * that fails these is served as anonymous, and refused where the route needs an account.
 */
export type Access = Permission;

export const SESSION_COOKIE = 'zct_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The caller, or null when anonymous. */
    principal: Principal | null;
    /** The cookie's session, when it resolved: its token (for sign-out) and CSRF token (for the page). */
    session: { token: string; csrfToken: string } | null;
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

export interface SessionResolver {
  resolveSession(token: string): Promise<{ principal: Principal; csrfToken: string } | null>;
}

export interface AccessOptions {
  adminToken?: string | undefined;
  sessions: SessionResolver;
  /** Prefixes whose routes a library registers for us (Swagger UI): public documentation. */
  publicPrefixes?: string[];
  /** Filled with every route and its access, for the route × role matrix tests. */
  registry?: RouteInfo[];
}

/** The automation token's principal: a platform administrator that is not a person. */
export const TOKEN_PRINCIPAL: Principal = {
  accountId: 0,
  username: 'automation',
  displayName: '平台自动化令牌',
  kind: 'admin',
  staffRoles: [],
  department: null,
  uscc: null,
  enterpriseRole: null,
  citizenId: null,
  via: 'token',
};

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1]! : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A browser's Origin, when sent, must name this host: a form on another site cannot post here. */
function foreignOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true; // "null" (a sandboxed frame, a file) or garbage
  }
}

export const accessPlugin = fp<AccessOptions>(async (app: FastifyInstance, opts) => {
  await app.register(cookie);
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: Access };
    if (config.access === undefined && opts.publicPrefixes?.some((p) => route.url.startsWith(p))) {
      route.config = { ...config, access: 'public' };
    }
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') opts.registry?.push({ method, url: route.url, access });
    }
  });
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config.access ?? 'public';
    let csrfProblem: string | null = null;
    const presented = bearer(req);
    if (presented !== null) {
      if (!opts.adminToken)
        throw new HttpProblem(403, '无权访问', '未配置自动化令牌（ZCT_ADMIN_TOKEN），令牌访问已关闭');
      if (!sameSecret(presented, opts.adminToken)) throw new HttpProblem(403, '无权访问', '自动化令牌不正确');
      req.principal = TOKEN_PRINCIPAL;
    } else {
      const t = req.cookies[SESSION_COOKIE];
      const session = t ? await opts.sessions.resolveSession(t) : null;
      if (session && t) {
        req.session = { token: t, csrfToken: session.csrfToken };
        if (!SAFE_METHODS.has(req.method)) {
          const header = req.headers[CSRF_HEADER];
          if (foreignOrigin(req)) csrfProblem = '请求来自其他网站，已拒绝';
          else if (typeof header !== 'string' || !sameSecret(header, session.csrfToken))
            csrfProblem = `缺少或错误的CSRF令牌（请求头 ${CSRF_HEADER}）`;
        }
        if (csrfProblem === null) req.principal = session.principal;
      }
    }
    if (allows(req.principal, access)) return;
    if (csrfProblem !== null) throw new HttpProblem(403, '请求被拒绝', csrfProblem);
    const r = refusal(req.principal, access);
    throw new HttpProblem(r.status, r.status === 401 ? '需要登录' : '无权访问', r.detail);
  });
});
