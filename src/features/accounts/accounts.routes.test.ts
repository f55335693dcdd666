import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { makePeople, PASSWORD, type People } from '../../../test/support/people.ts';
import { buildApp } from '../../http/app.ts';

/** Sign-in as a browser does it: the cookie's flags, the CSRF token it gets back, and signing out. */
forEachBackend('sign-in over HTTP', (backend) => {
  let app: FastifyInstance;
  let people: People;

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    await app.ready();
    people = await makePeople(built.accounts);
  });
  afterAll(async () => app.close());

  it('sets an HTTP-only, SameSite=Strict session cookie and hands the CSRF token to the page', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: people.accounts.person.username, password: PASSWORD }),
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^zct_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/); // plain HTTP here; over HTTPS the flag is set
    const body = signIn.json<{ csrfToken: string; principal: { kind: string; citizenId: string } }>();
    expect(body.principal.kind).toBe('person');
    expect(body.principal.citizenId).not.toBe(people.accounts.person.citizenId); // masked
    const cookie = setCookie.split(';')[0]!;

    const state = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(state.json()).toMatchObject({
      signedIn: true,
      csrfToken: body.csrfToken,
      principal: { kind: 'person' },
    });

    const out = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-csrf-token': body.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(after.json()).toEqual({ signedIn: false, principal: null, csrfToken: null });
  });

  it('answers a wrong password with 401 problem+json that does not say whether the user exists', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: people.accounts.auditor.username, password: 'not-the-password-1' }),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.json<{ detail: string }>().detail).toBe('用户名或密码不正确');
  });
});
