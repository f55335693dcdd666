import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The built portal (`npm run build:web`, or `npm start`, which builds it when it is missing or stale). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface WebOptions {
  /** Directory of the built portal: index.html, assets/ and a few root files. */
  root?: string;
}

/**
 * The portal's Content-Security-Policy, with every other security header, is set for every response by
 * security.ts, the one place that defines it; re-exported here for the portal's tests.
 */
export { PORTAL_CSP } from './security.ts';

/**
 * Top-level paths the portal's router knows (web/src/app/routes.tsx). Any other path still gets the portal,
 * which shows its not-found page, but with status 404 so that crawlers and monitors see the truth.
 */
const CLIENT_SECTIONS = new Set([
  '',
  'search',
  'documents',
  'issues',
  'kiosk',
  'items',
  'calculator',
  'match',
  'signin',
  'staff',
  'me',
  'changes',
]);

const PUBLIC = { access: 'public' as const };
const HIDDEN = { hide: true };

/** index.html names the current hashed assets: revalidate it on every visit. */
function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache');
}

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政策通</title></head>
<body><main><h1>门户页面尚未构建</h1>
<p>请运行 <code>npm run build:web</code> 后刷新本页；接口文档见 <a href="/api/docs">/api/docs</a>。</p></main></body></html>`;

/**
 * Serves the portal from `web/dist` beside the API: hashed assets with a year's cache, a few root files, and
 * index.html for every other GET that is not under /api (the single-page app routes on the client). Unknown
 * /api paths keep their problem+json 404. Every route declares `access: 'public'` and is hidden from the
 * OpenAPI document.
 *
 * @example await app.register(webPlugin, { root: '/srv/zct/web/dist' });
 */
export async function webPlugin(app: FastifyInstance, opts: WebOptions): Promise<void> {
  const root = opts.root ?? DEFAULT_WEB_ROOT;
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/*', { config: PUBLIC, schema: HIDDEN }, (req, reply) =>
      req.url.startsWith('/api/')
        ? reply.callNotFound()
        : pageHeaders(reply).code(503).type('text/html; charset=utf-8').send(NOT_BUILT),
    );
    return;
  }

  // Encapsulated here (this plugin is not wrapped in fastify-plugin), so the `sendFile` decorator does not
  // clash with the copy of @fastify/static that Swagger UI registers.
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  // Files at the root of the build (favicon, robots.txt); not index.html, which goes through sendPage.
  const rootFiles = new Set(
    readdirSync(root, { withFileTypes: true })
      .filter(
        (e) => e.isFile() && !e.name.startsWith('.') && e.name !== 'index.html' && !/\.(gz|br)$/.test(e.name),
      )
      .map((e) => e.name),
  );

  const sendPage = (req: FastifyRequest, reply: FastifyReply) => {
    const section = req.url.split(/[?#]/)[0]!.split('/')[1] ?? '';
    return pageHeaders(reply)
      .code(CLIENT_SECTIONS.has(section) ? 200 : 404)
      .sendFile('index.html', { cacheControl: false });
  };

  app.get('/', { config: PUBLIC, schema: HIDDEN }, sendPage);
  app.get('/assets/*', { config: PUBLIC, schema: HIDDEN }, (req, reply) => {
    const file = (req.params as { '*': string })['*'];
    return reply.sendFile(`assets/${file}`, { immutable: true, maxAge: '365d' });
  });
  app.get('/*', { config: PUBLIC, schema: HIDDEN }, (req, reply) => {
    const path = req.url.split(/[?#]/)[0]!;
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    const name = path.slice(1);
    if (rootFiles.has(name)) return reply.header('cache-control', 'public, max-age=3600').sendFile(name);
    return sendPage(req, reply);
  });
}
