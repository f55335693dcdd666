import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { CITIZEN, USCC_A } from '../../../test/support/people.ts';
import type { OidcVariables } from '../../config.ts';
import { citizenIdCheckChar } from '../../core/codes/citizen-id.ts';
import { usccCheckChar } from '../../core/codes/uscc.ts';

/**
 * A real OpenID provider for tests: oidc-provider (the certified implementation by the author of openid-client),
 * started in-process on 127.0.0.1 on a free port, with one confidential client registered for the portal and its
 * development login and consent pages (any login name is accepted, the password is not checked). In production the
 * province's identity provider takes its place; nothing else changes.
 */

/** Where the provider sends the browser back; the tests hand that URL's path and query to `app.inject`. */
export const TEST_REDIRECT_URI = 'http://localhost:3000/api/session/oidc/callback';
const CLIENT = { id: 'zct-portal', secret: 'test-client-secret-0123456789abcdef' };

/** A second valid citizen id (GB 11643 check character computed), for a person with no password account. */
export const CITIZEN_LI = `37150219850315002${citizenIdCheckChar('37150219850315002')}`;

/** A USCC no account of test/support/people.ts holds (same 组织机构代码 as USCC_A, another county). */
export const USCC_NEW = `91371502MA3C8TQX1${usccCheckChar('91371502MA3C8TQX1')}`;

/** The provider's users by login name, with the claims it vouches for (names as in the default ZCT_OIDC_CLAIM_*). */
export const PROVIDER_USERS: Record<string, Record<string, unknown>> = {
  /** Same citizen id as the password account `person` of test/support/people.ts. */
  zhang: { name: '张三', citizen_id: CITIZEN },
  li: { name: '李四', citizen_id: CITIZEN_LI },
  'enterprise-a': { name: '聊城甲轴承有限公司', uscc: USCC_A },
  'enterprise-new': { name: '聊城丙机械有限公司', uscc: USCC_NEW },
  'bad-check-char': { name: '号码有误', citizen_id: '371502199001011235' },
  'no-identity': { name: '王五' },
};

export interface TestProvider {
  issuer: string;
  /** The environment that points the platform at this provider. */
  env: OidcVariables;
  close(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  // Listen first: the issuer's URL names the port, and the provider needs it before it can answer.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [TEST_REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount: (_ctx, id) => {
      const claims = PROVIDER_USERS[id];
      return claims && { accountId: id, claims: () => ({ sub: id, ...claims }) };
    },
    claims: { openid: ['sub'], profile: ['name', 'citizen_id', 'uscc'] },
    // Put the profile claims in the ID token itself, as the platform reads them from there.
    conformIdTokenClaims: false,
    cookies: { keys: ['test-provider-cookie-key-0123456789'] },
    // Lifetimes in seconds, set so that the provider does not warn about its defaults.
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    env: {
      ZCT_OIDC_ISSUER: issuer,
      ZCT_OIDC_CLIENT_ID: CLIENT.id,
      ZCT_OIDC_CLIENT_SECRET: CLIENT.secret,
      ZCT_OIDC_REDIRECT_URI: TEST_REDIRECT_URI,
      ZCT_OIDC_NAME: '山东省统一身份认证',
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** Cookies by name, as one browser keeps them (paths are ignored: the provider's names do not collide). */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      const expired = attributes.some((a) => {
        const [k = '', v = ''] = a.split('=').map((x) => x.trim());
        return (
          (k.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) ||
          (k.toLowerCase() === 'max-age' && Number(v) <= 0)
        );
      });
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Plays the browser at the provider: follows its redirects from the authorization URL, fills in the login form
 * with `login` and confirms the consent form (or cancels at the login page with `abort`), and stops at the redirect
 * back to the platform, which it returns (the callback URL with its code and state).
 */
export async function authorizeAtProvider(
  authorizationUrl: string,
  login: string,
  options: { abort?: boolean } = {},
): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(TEST_REDIRECT_URI)) return new URL(url);
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(form && { body: form.toString() }),
    });
    jar.store(res);
    form = undefined;
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200)
      throw new Error(`provider answered ${res.status} at ${url}: ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) throw new Error(`no interaction form at ${url}: ${html.slice(0, 300)}`);
    if (prompt === 'login' && options.abort) {
      url = new URL(`${new URL(url).pathname}/abort`, url).href;
      continue;
    }
    form = new URLSearchParams({ prompt, ...(prompt === 'login' && { login, password: 'any' }) });
    url = new URL(action, url).href;
  }
  throw new Error('the provider did not send the browser back within 20 steps');
}
