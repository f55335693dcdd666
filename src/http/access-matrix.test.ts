import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../test/support/backends.ts';
import {
  browserHeaders,
  makePeople,
  ROLE_NAMES,
  sessionFor,
  type Credentials,
  type People,
  type RoleName,
} from '../../test/support/people.ts';
import { allows, type Principal } from '../core/access/policy.ts';
import type { AccountsService } from '../features/accounts/accounts.service.ts';
import { buildApp, type RouteInfo } from './app.ts';
import { TOKEN_PRINCIPAL } from './plugins/access.ts';

const TOKEN = 'matrix-admin-token-0123456789abcdef';

/** A route's URL with its parameters filled in (ids that do not exist: the matrix checks access, not content). */
const concrete = (url: string) =>
  url
    .replace(':code', 'LC-NO-SUCH')
    .replace(':version', '1')
    .replace(':number', '30')
    .replace(':id', '999999')
    .replace(':year', '2025')
    .replace(':day', '2025-10-01')
    .replace('*', 'index.html');

type Caller = 'anonymous' | 'token' | RoleName;
const CALLERS: Caller[] = ['anonymous', 'token', ...ROLE_NAMES];

/**
 * The route × role matrix, generated from the routes the app actually registers: every route, called by the
 * anonymous, the automation token and every kind of account, must be refused exactly when the access policy says
 * so — 401 to the anonymous, 403 to an account — and must not be refused otherwise. A new route is covered the
 * moment it is registered.
 */
forEachBackend('route × role matrix', (backend) => {
  let app: FastifyInstance;
  let routes: RouteInfo[];
  let accounts: AccountsService;
  let people: People;
  const creds = new Map<Caller, Credentials>();
  const principals = new Map<Caller, Principal | null>();

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: TOKEN },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    routes = built.routes;
    accounts = built.accounts;
    await app.ready();
    people = await makePeople(accounts, `-${backend.name}`);
    principals.set('anonymous', null);
    principals.set('token', TOKEN_PRINCIPAL);
    for (const role of ROLE_NAMES) {
      const account = people.accounts[role];
      creds.set(role, await sessionFor(accounts, account));
      principals.set(role, await accounts.principalOf(account));
    }
  });
  afterAll(async () => app.close());

  const call = (r: RouteInfo, caller: Caller) => {
    const headers = browserHeaders(creds.get(caller));
    if (caller === 'token') headers.authorization = `Bearer ${TOKEN}`;
    const raw = r.url === '/api/ingest' || r.url === '/api/parse';
    const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : raw ? 'x' : '{}';
    if (body !== undefined) headers['content-type'] = raw ? 'text/plain' : 'application/json';
    return app.inject({
      method: r.method as 'GET',
      url: concrete(r.url),
      headers,
      ...(body !== undefined && { payload: body }),
    });
  };

  it('covers every route the app registers', () => {
    const api = routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThanOrEqual(30);
    const restricted = api.filter((r) => r.access !== 'public');
    expect(restricted.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(CALLERS)('as %s', (caller) => {
    it('is refused exactly where the policy denies, and served elsewhere', async () => {
      // Every caller lacks some permission, and every account holds one beyond 'public': a matrix that refused
      // everything, or nothing, would show here even if each route's row looked plausible.
      let [refused, servedRestricted] = [0, 0];
      for (const r of routes) {
        if (r.url.startsWith('/api/docs')) continue;
        const principal = principals.get(caller) ?? null;
        const res = await call(r, caller);
        const where = `${caller} ${r.method} ${r.url} (${r.access}) → ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (allows(principal, r.access)) {
          expect([401, 403], where).not.toContain(res.statusCode);
          if (r.access !== 'public') servedRestricted++;
        } else {
          refused++;
          expect(res.statusCode, where).toBe(principal ? 403 : 401);
          expect(res.headers['content-type'], where).toMatch(/problem\+json/);
        }
        // Signing out ends the session the rest of the matrix uses: open a new one.
        if (r.method === 'DELETE' && r.url === '/api/session' && caller !== 'anonymous' && caller !== 'token')
          creds.set(caller, await sessionFor(accounts, people.accounts[caller]));
      }
      expect(refused, caller).toBeGreaterThan(0);
      if (caller !== 'anonymous') expect(servedRestricted, caller).toBeGreaterThan(0);
    });
  });

  it('serves a signed-in browser only with its CSRF token, and never to a foreign origin', async () => {
    const c = await sessionFor(accounts, people.accounts.cityEditor);
    const post = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/items/check',
        headers: { cookie: c.cookie, 'content-type': 'application/json', ...headers },
        payload: '{}',
      });
    const missing = await post({});
    expect(missing.statusCode).toBe(403);
    expect(missing.json<{ detail: string }>().detail).toMatch(/CSRF/);
    const wrong = await post({ 'x-csrf-token': 'forged-forged-forged-forged-forged-forged' });
    expect(wrong.statusCode).toBe(403);
    const foreign = await post({
      'x-csrf-token': c.csrf,
      origin: 'https://evil.example',
      host: 'zct.example',
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json<{ detail: string }>().detail).toMatch(/其他网站/);
    const ok = await post({ 'x-csrf-token': c.csrf });
    expect(ok.statusCode).toBe(400); // served: the body is not an item
  });
});
