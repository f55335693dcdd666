import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite } from '../../../test/support/backends.ts';
import { buildApp } from '../app.ts';
import type { Problem } from '../problem.ts';
import { PERMISSIONS_POLICY, PORTAL_CSP, RATE_LIMITS } from './security.ts';

/** A stand-in for web/dist, so that these tests do not depend on a build. */
function fakeDist(): string {
  const root = mkdtempSync(join(tmpdir(), 'zct-security-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>政策通</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  return root;
}

function expectSecurityHeaders(res: LightMyRequestResponse, what: string): void {
  const h = res.headers;
  expect(h['content-security-policy'], what).toBe(PORTAL_CSP);
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('same-origin');
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(h['strict-transport-security'], what).toBe('max-age=31536000; includeSubDomains');
  expect(h['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(h['permissions-policy'], what).toBe(PERMISSIONS_POLICY);
}

describe('security headers', () => {
  let app: FastifyInstance;
  let root: string;

  beforeAll(async () => {
    root = fakeDist();
    ({ app } = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: await freshSqlite(),
      web: { root },
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('has a strict policy: scripts from our origin only, nothing framed, no plugins, no style attributes', () => {
    const directives = new Map(
      PORTAL_CSP.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')]),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'self'");
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(directives.get('style-src-attr')).toBe("'none'");
    expect(PORTAL_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it('sets them on a portal page, an asset, API JSON, a 404, a validation problem and a staff refusal', async () => {
    const cases: [string, number, RegExp][] = [
      ['/', 200, /^text\/html/],
      ['/documents/5', 200, /^text\/html/],
      ['/assets/index-abc123.js', 200, /javascript/],
      ['/api/health', 200, /^application\/json/],
      ['/api/documents', 200, /^application\/json/],
      ['/api/no-such-route', 404, /^application\/problem\+json/],
      ['/api/documents/not-a-number', 400, /^application\/problem\+json/],
    ];
    for (const [url, status, type] of cases) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toMatch(type);
      expectSecurityHeaders(res, url);
    }
    const staff = await app.inject({ method: 'POST', url: '/api/ingest', payload: 'x' });
    expect(staff.statusCode).toBeGreaterThanOrEqual(400);
    expect(staff.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectSecurityHeaders(staff, 'POST /api/ingest');
  });

  it('still serves the Swagger UI at /api/docs, under the same policy', async () => {
    const page = await app.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    // Nothing inline for the policy to block: every script is a file from our origin.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expectSecurityHeaders(page, '/api/docs/');
    const bundle = await app.inject('/api/docs/static/swagger-ui-bundle.js');
    expect(bundle.statusCode).toBe(200);
    const doc = await app.inject('/api/docs/json');
    expect(doc.json<{ openapi: string }>().openapi).toMatch(/^3\./);
    expectSecurityHeaders(doc, '/api/docs/json');
  });
});

describe('rate limits', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ app } = await buildApp({ config: { ZCT_ADMIN_TOKEN: undefined }, database: await freshSqlite() }));
    // Routes of this test's own, with limits low enough to reach at once; the presets' windows are kept.
    app.get(
      '/test/limited',
      { config: { access: 'public', rateLimit: { max: 2, timeWindow: '1 minute' } } },
      () => ({ ok: true }),
    );
    app.post(
      '/test/sign-in',
      { config: { access: 'public', rateLimit: { ...RATE_LIMITS.signIn, max: 2 } } },
      () => ({ ok: true }),
    );
    app.get('/test/unlimited', { config: { access: 'public' } }, () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => app.close());

  it('answers 429 after the limit, as Chinese problem+json with Retry-After', async () => {
    expect((await app.inject('/test/limited')).statusCode).toBe(200);
    expect((await app.inject('/test/limited')).statusCode).toBe(200);
    const res = await app.inject('/test/limited');
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = res.json<Problem>();
    expect(body).toMatchObject({
      type: 'urn:zct:rate-limited',
      title: '请求过于频繁',
      status: 429,
      instance: '/test/limited',
    });
    // The window is a minute: the wait reads "请 1 分钟后再试", or in seconds once less than a minute is left.
    expect(body.detail).toMatch(/^请求过于频繁，请 (?:\d+ 秒|1 分钟)后再试$/);
    expectSecurityHeaders(res, '429');
  });

  it('counts each address apart, and leaves routes that did not opt in alone', async () => {
    const other = { url: '/test/limited', remoteAddress: '203.0.113.7' };
    expect((await app.inject(other)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await app.inject('/test/unlimited')).statusCode).toBe(200);
    expect((await app.inject('/test/unlimited')).headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('limits the search route generously, per address', async () => {
    const res = await app.inject(`/api/search?q=${encodeURIComponent('校车')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-ratelimit-limit']).toBe(String(RATE_LIMITS.search.max));
    expect(RATE_LIMITS.search.max).toBeGreaterThanOrEqual(100);
  });

  it('keys sign-in by address and account, whatever its case or surrounding space', async () => {
    const signIn = (username: string, remoteAddress = '198.51.100.1') =>
      app.inject({
        method: 'POST',
        url: '/test/sign-in',
        payload: { username, password: 'wrong' },
        remoteAddress,
      });
    expect((await signIn('Alice')).statusCode).toBe(200);
    expect((await signIn('alice')).statusCode).toBe(200);
    const third = await signIn(' ALICE ');
    expect(third.statusCode).toBe(429);
    expect(third.json<Problem>().detail).toMatch(/^请求过于频繁，请 1[45] 分钟后再试$/);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // Another account from the same address, and the same account from another address, still get through.
    expect((await signIn('bob')).statusCode).toBe(200);
    expect((await signIn('alice', '198.51.100.2')).statusCode).toBe(200);
  });

  it('has presets for sign-in and password reset that are stricter than search', () => {
    expect(RATE_LIMITS.signIn).toMatchObject({ max: 10, timeWindow: '15 minutes' });
    expect(RATE_LIMITS.passwordReset.max).toBeLessThan(RATE_LIMITS.search.max);
  });
});
