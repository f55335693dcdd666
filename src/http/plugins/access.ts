import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.ts';

/**
 * Who may call a route. Every route must declare one in `config.access`; a route without it stops the server at
 * start. Until accounts exist, 'staff' means: holds the admin token from ZCT_ADMIN_TOKEN, and with no token
 * configured, staff routes are switched off.
 */
export type Access = 'public' | 'staff';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

export interface AccessOptions {
  adminToken?: string | undefined;
  /** Prefixes whose routes a library registers for us (Swagger UI): public documentation. */
  publicPrefixes?: string[];
  /** Filled with every route and its access, for the route × access tests. */
  registry?: RouteInfo[];
}

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

export const accessPlugin = fp<AccessOptions>(async (app: FastifyInstance, opts) => {
  await Promise.resolve();
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
    await Promise.resolve();
    const access = req.routeOptions.config.access;
    if (access !== 'staff') return;
    if (!opts.adminToken) {
      throw new HttpProblem(
        403,
        '无权访问',
        '此接口仅限工作人员使用；未配置管理员令牌（ZCT_ADMIN_TOKEN），已关闭',
      );
    }
    const token = bearer(req);
    if (!token) throw new HttpProblem(401, '需要登录', '此接口仅限工作人员使用，请提供管理员令牌', {});
    if (!sameSecret(token, opts.adminToken)) throw new HttpProblem(403, '无权访问', '管理员令牌不正确');
  });
});
