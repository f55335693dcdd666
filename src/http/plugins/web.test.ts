import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite } from '../../../test/support/backends.ts';
import { buildApp, type RouteInfo } from '../app.ts';
import { PORTAL_CSP } from './web.ts';

/** A stand-in for web/dist, so that these tests do not depend on a build. */
function fakeDist(): string {
  const root = mkdtempSync(join(tmpdir(), 'zct-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>政策通</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, '.build-hash'), 'secret-ish');
  return root;
}

describe('the portal beside the API', () => {
  let app: FastifyInstance;
  let routes: RouteInfo[];
  let root: string;

  beforeAll(async () => {
    root = fakeDist();
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: await freshSqlite(),
      web: { root },
    });
    app = built.app;
    routes = built.routes;
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the portal at / and at every client route, with a CSP that allows no inline script', async () => {
    for (const url of ['/', '/search?q=校车', '/documents/5', '/issues/1', '/kiosk', '/kiosk/documents/5']) {
      const res = await app.inject(encodeURI(url));
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toBe(PORTAL_CSP);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    expect(PORTAL_CSP).toMatch(/script-src 'self'(;|$)/);
  });

  it('answers an unknown page with the portal (its not-found page) and status 404', async () => {
    const res = await app.inject('/no-such-page');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<div id="root">');
  });

  it('keeps problem+json 404s under /api, and never serves the portal there', async () => {
    for (const url of ['/api', '/api/nothing-here', '/api/documents/1/nothing']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    }
  });

  it('serves hashed assets for a year and root files for an hour, but no dotfiles', async () => {
    const asset = await app.inject('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
    expect((await app.inject('/assets/../index.html')).statusCode).not.toBe(200);
    const icon = await app.inject('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/svg/);
    const hidden = await app.inject('/.build-hash');
    expect(hidden.body).not.toContain('secret-ish');
  });

  it('declares public access on its routes and keeps them out of the OpenAPI document', async () => {
    const portal = routes.filter((r) => !r.url.startsWith('/api'));
    expect(portal.map((r) => r.url).sort()).toEqual(['/', '/*', '/assets/*']);
    expect(portal.every((r) => r.access === 'public')).toBe(true);
    const doc = (await app.inject('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api'))).toEqual([]);
  });
});

describe('the portal before it is built', () => {
  it('says how to build it, in Chinese, and leaves the API alone', async () => {
    const root = mkdtempSync(join(tmpdir(), 'zct-web-empty-'));
    const { app } = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: await freshSqlite(),
      web: { root },
    });
    const res = await app.inject('/');
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('门户页面尚未构建');
    expect(res.body).toContain('npm run build:web');
    expect((await app.inject('/api/health')).statusCode).toBe(200);
    expect((await app.inject('/api/nothing')).headers['content-type']).toMatch(/problem\+json/);
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });
});
