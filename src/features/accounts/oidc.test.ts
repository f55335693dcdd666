import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { CITIZEN, makePeople, sessionFor, USCC_A, type People } from '../../../test/support/people.ts';
import { buildApp } from '../../http/app.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AccountsService } from './accounts.service.ts';
import { authorizeAtProvider, startTestProvider, USCC_NEW, type TestProvider } from './oidc.test-support.ts';
import { decodeFlow, encodeFlow } from './oidc.service.ts';

/**
 * Sign-in through the unified identity (统一身份认证) against a real OpenID provider started by the tests
 * (oidc-provider on 127.0.0.1), driven as a browser would: start → the provider's login and consent pages →
 * callback → the session cookie works on GET /api/session.
 */
let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider();
});
afterAll(async () => provider.close());

const setCookies = (res: LightMyRequestResponse): string[] => {
  const h = res.headers['set-cookie'];
  return h === undefined ? [] : [h].flat();
};
/** The `name=value` a browser would send back, or undefined when the response did not set (or cleared) it. */
const cookieOf = (res: LightMyRequestResponse, name: string): string | undefined => {
  const line = setCookies(res).find((c) => c.startsWith(`${name}=`));
  const pair = line?.split(';')[0];
  return pair === undefined || pair === `${name}=` ? undefined : pair;
};

forEachBackend('sign-in through the unified identity (OIDC)', (backend) => {
  let app: FastifyInstance;
  let accounts: AccountsService;
  let audit: AuditService;
  let people: People;

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined, ...provider.env },
      database: backend.handle(),
      web: false,
    });
    ({ app, accounts, audit } = built);
    await app.ready();
    people = await makePeople(accounts);
  });
  afterAll(async () => app.close());

  const start = (returnTo?: string) =>
    app.inject({
      method: 'GET',
      url: `/api/session/oidc/start${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`,
    });
  const callback = (url: URL, flowCookie?: string) =>
    app.inject({
      method: 'GET',
      url: url.pathname + url.search,
      headers: flowCookie ? { cookie: flowCookie } : {},
    });
  /** Start, then the provider's pages as `login`: the callback URL and the flow cookie the browser holds. */
  const visitProvider = async (login: string, returnTo = '/', options: { abort?: boolean } = {}) => {
    const started = await start(returnTo);
    expect(started.statusCode, started.body).toBe(302);
    const flowCookie = cookieOf(started, 'zct_oidc');
    expect(flowCookie).toBeDefined();
    const url = await authorizeAtProvider(started.headers.location!, login, options);
    return { url, flowCookie: flowCookie! };
  };
  const signInAs = async (login: string, returnTo = '/') => {
    const { url, flowCookie } = await visitProvider(login, returnTo);
    return callback(url, flowCookie);
  };
  const sessionState = async (sessionCookie: string) =>
    (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: sessionCookie } })).json<{
      signedIn: boolean;
      principal: { accountId: number; kind: string; displayName: string; citizenId: string | null } | null;
    }>();
  const oidcAccounts = async (subject: string) =>
    (await accounts.listAccounts({})).filter((a) => a.oidcSubject === subject);
  const expectRefused = (res: LightMyRequestResponse, code: string) => {
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe(`/signin?error=${code}`);
    expect(cookieOf(res, 'zct_session')).toBeUndefined();
  };

  it('offers the provider by the name configured', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/session/providers' });
    expect(res.json()).toEqual({ oidc: { enabled: true, name: '山东省统一身份认证' } });
  });

  it('sends the browser to the provider with PKCE, state and nonce kept in an HTTP-only Lax cookie', async () => {
    const res = await start('/items');
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location!);
    expect(location.origin).toBe(provider.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'zct-portal',
      redirect_uri: 'http://localhost:3000/api/session/oidc/callback',
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    const line = setCookies(res).find((c) => c.startsWith('zct_oidc='))!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).toMatch(/Max-Age=600/);
    const flow = decodeFlow(cookieOf(res, 'zct_oidc')!.slice('zct_oidc='.length))!;
    expect(flow.returnTo).toBe('/items');
    expect(location.searchParams.get('state')).toBe(flow.state);
    expect(location.searchParams.get('nonce')).toBe(flow.nonce);
    // The challenge goes to the provider; the verifier stays in the browser's HTTP-only cookie.
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(location.search).not.toContain(flow.codeVerifier);
  });

  it('ends the session the browser already has when it starts a sign-in with the unified identity', async () => {
    const { cookie } = await sessionFor(accounts, people.accounts.person);
    expect((await sessionState(cookie)).signedIn).toBe(true);
    const res = await app.inject({
      method: 'GET',
      url: '/api/session/oidc/start?returnTo=/',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(302);
    expect(setCookies(res).find((c) => c.startsWith('zct_session='))).toMatch(
      /Max-Age=0|Expires=Thu, 01 Jan 1970/,
    );
    expect((await sessionState(cookie)).signedIn).toBe(false);
    // Without a session, starting changes nothing but the flow cookie.
    expect(setCookies(await start('/')).some((c) => c.startsWith('zct_session='))).toBe(false);
  });

  it('provisions a new person from the citizen id and returns to the page they came from', async () => {
    const res = await signInAs('zhang', '/items/LC-XC-JSZG?tab=history');
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/items/LC-XC-JSZG?tab=history');
    const session = setCookies(res).find((c) => c.startsWith('zct_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(cookieOf(res, 'zct_oidc')).toBeUndefined(); // the flow is used up

    const state = await sessionState(cookieOf(res, 'zct_session')!);
    expect(state).toMatchObject({ signedIn: true, principal: { kind: 'person', displayName: '张三' } });
    expect(state.principal!.citizenId).toBe('371502********1234');

    const [account, ...more] = await oidcAccounts('zhang');
    expect(more).toEqual([]);
    expect(account).toMatchObject({
      id: state.principal!.accountId,
      kind: 'person',
      citizenId: CITIZEN,
      passwordHash: null,
      oidcIssuer: `${provider.issuer}`,
    });
    // The password account with the same citizen id is not linked to the provider's identity.
    expect(account!.id).not.toBe(people.accounts.person.id);
    expect((await accounts.account(people.accounts.person.id))!.oidcSubject).toBeNull();
  });

  it('finds a returning person by issuer and subject: the same account, no second one', async () => {
    const first = await sessionState(cookieOf(await signInAs('zhang'), 'zct_session')!);
    const again = await signInAs('zhang');
    expect(again.headers.location).toBe('/');
    const second = await sessionState(cookieOf(again, 'zct_session')!);
    expect(second.principal!.accountId).toBe(first.principal!.accountId);
    expect(await oidcAccounts('zhang')).toHaveLength(1);
  });

  it('provisions an enterprise from the USCC: its administrator if it has no account, else a 经办人', async () => {
    const fresh = await sessionState(cookieOf(await signInAs('enterprise-new'), 'zct_session')!);
    expect(fresh.principal).toMatchObject({ kind: 'enterprise', displayName: '聊城丙机械有限公司' });
    expect((await oidcAccounts('enterprise-new'))[0]).toMatchObject({
      uscc: USCC_NEW,
      enterpriseRole: 'admin',
    });
    // USCC_A already has an administrator (people.accounts.enterpriseAdmin), who stays the only one.
    await signInAs('enterprise-a');
    expect((await oidcAccounts('enterprise-a'))[0]).toMatchObject({ uscc: USCC_A, enterpriseRole: 'agent' });
  });

  it('refuses a callback whose state was tampered with, or that comes without its flow cookie', async () => {
    const { url, flowCookie } = await visitProvider('zhang');
    const tampered = new URL(url);
    tampered.searchParams.set('state', `${url.searchParams.get('state')!.slice(0, -2)}xx`);
    expectRefused(await callback(tampered, flowCookie), 'oidc_state');
    expectRefused(await callback(url), 'oidc_state');
  });

  it('refuses a replayed callback: the provider takes a code once', async () => {
    const { url, flowCookie } = await visitProvider('zhang');
    expect((await callback(url, flowCookie)).headers.location).toBe('/');
    expectRefused(await callback(url, flowCookie), 'oidc_failed');
  });

  it.each(['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)'])(
    'refuses to return to %s, before going to the provider',
    async (returnTo) => {
      const res = await start(returnTo);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/signin?error=invalid_return_to');
      expect(cookieOf(res, 'zct_oidc')).toBeUndefined();
    },
  );

  it('refuses a flow cookie whose return path was rewritten to another site', async () => {
    const { url, flowCookie } = await visitProvider('zhang');
    const flow = decodeFlow(flowCookie.slice('zct_oidc='.length))!;
    const forged = `zct_oidc=${encodeFlow({ ...flow, returnTo: 'https://evil.example/' })}`;
    expectRefused(await callback(url, forged), 'oidc_state');
  });

  it('refuses a disabled account', async () => {
    const res = await signInAs('li');
    const { principal } = await sessionState(cookieOf(res, 'zct_session')!);
    await accounts.setDisabled(principal!.accountId, true);
    expectRefused(await signInAs('li'), 'account_disabled');
  });

  it('refuses an identity without a valid citizen id or USCC, and provisions nothing', async () => {
    expectRefused(await signInAs('bad-check-char'), 'oidc_identity');
    expectRefused(await signInAs('no-identity'), 'oidc_identity');
    expect(await oidcAccounts('bad-check-char')).toEqual([]);
    expect(await oidcAccounts('no-identity')).toEqual([]);
  });

  it('sends the browser back to the sign-in page when the person cancels at the provider', async () => {
    const { url, flowCookie } = await visitProvider('zhang', '/', { abort: true });
    expect(url.searchParams.get('error')).toBe('access_denied');
    expectRefused(await callback(url, flowCookie), 'oidc_denied');
  });

  it('records sign-ins, provisioning and refusals in the audit trail, which verifies', async () => {
    const [zhang] = await oidcAccounts('zhang');
    const signIns = await audit.search({ action: 'session.signIn', targetId: String(zhang!.id) });
    expect(signIns.total).toBeGreaterThanOrEqual(3);
    expect(signIns.records[0]).toMatchObject({
      actor: { kind: 'person', id: String(zhang!.id), name: '张三' },
      detail: { method: 'oidc' },
      ip: '127.0.0.1',
    });
    const created = await audit.search({ action: 'account.create', targetId: String(zhang!.id) });
    expect(created.records).toHaveLength(1);
    expect(created.records[0]!.detail).toMatchObject({
      via: 'oidc',
      issuer: provider.issuer,
      kind: 'person',
    });
    const failed = await audit.search({ action: 'session.signInFailed' }, { page: 1, pageSize: 100 });
    const reasons = new Set(failed.records.map((r) => r.detail?.reason));
    for (const reason of ['oidcState', 'oidcRejected', 'oidcDenied', 'oidcIdentity', 'disabled'])
      expect(reasons, reason).toContain(reason);
    expect(JSON.stringify(failed.records)).not.toContain(CITIZEN);
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  describe('with the provider unreachable', () => {
    let down: FastifyInstance;
    beforeAll(async () => {
      // Port 9 (discard) on this machine: nothing listens there, so discovery is refused at once.
      const env = { ...provider.env, ZCT_OIDC_ISSUER: 'http://127.0.0.1:9' };
      down = (
        await buildApp({
          config: { ZCT_ADMIN_TOKEN: undefined, ...env },
          database: backend.handle(),
          web: false,
        })
      ).app;
      await down.ready();
    });
    afterAll(async () => down.close());

    it('sends the browser back to the sign-in page instead of to the provider', async () => {
      const res = await down.inject({ method: 'GET', url: '/api/session/oidc/start?returnTo=/' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/signin?error=oidc_unavailable');
      expect(cookieOf(res, 'zct_oidc')).toBeUndefined();
    });
  });

  describe('with OIDC off (no ZCT_OIDC_ISSUER)', () => {
    let off: FastifyInstance;
    beforeAll(async () => {
      off = (
        await buildApp({ config: { ZCT_ADMIN_TOKEN: undefined }, database: backend.handle(), web: false })
      ).app;
      await off.ready();
    });
    afterAll(async () => off.close());

    it('says so to the sign-in page, and start and callback send the browser back to it', async () => {
      const providers = await off.inject({ method: 'GET', url: '/api/session/providers' });
      expect(providers.json()).toEqual({ oidc: { enabled: false, name: null } });
      for (const url of ['/api/session/oidc/start?returnTo=/', '/api/session/oidc/callback?code=x&state=y']) {
        const res = await off.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(302);
        expect(res.headers.location, url).toBe('/signin?error=oidc_disabled');
        expect(cookieOf(res, 'zct_oidc'), url).toBeUndefined();
      }
    });
  });
});
