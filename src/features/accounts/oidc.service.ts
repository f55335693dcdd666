import * as client from 'openid-client';
import { z } from 'zod';
import { identityFromClaims } from '../../core/access/oidc-claims.ts';
import { safeReturnPath } from '../../core/access/return-path.ts';
import { DomainError } from '../../core/errors.ts';
import type { OidcSettings } from '../../config.ts';
import type { AccountsService, SignedIn, SignInFailure } from './accounts.service.ts';

/**
 * Sign-in through the province's unified identity (统一身份认证) as an OpenID Connect relying party (OpenID Connect
 * Core 1.0 §3.1, the authorization code flow), with openid-client:
 *
 * 1. `start` discovers the provider (once, then cached), draws a state, a nonce and a PKCE verifier (RFC 7636,
 *    S256), and answers the provider's authorization URL and the flow to keep in the browser (an HTTP-only cookie,
 *    see session-cookie.ts).
 * 2. `finish` checks the callback's state against the flow, exchanges the code with the verifier (the client
 *    authenticates with HTTP Basic, which RFC 6749 §2.3.1 requires every provider to support), and has
 *    openid-client validate the ID token (signature, issuer, audience, expiry, nonce). The account is then found
 *    or provisioned by AccountsService.signInWithOidc, which opens the session and records it.
 *
 * Every failure is an OidcSignInError with a code that the sign-in page explains (OIDC_ERROR_MESSAGES).
 *
 * @example
 * const { location, flow } = await oidc.start('/items'); // redirect to location; keep flow in a cookie
 * const { signedIn, returnTo } = await oidc.finish(callbackQuery, flow, ip);
 */

/** What the sign-in page is told went wrong, as `/signin?error=<code>`. */
export const OIDC_ERROR_MESSAGES = {
  oidc_disabled: '未启用统一身份认证登录',
  invalid_return_to: '登录后要返回的地址无效',
  oidc_unavailable: '统一身份认证暂时无法访问，请稍后再试',
  oidc_state: '登录请求已过期或无效，请重新登录',
  oidc_denied: '已在统一身份认证中取消登录',
  oidc_failed: '统一身份认证登录未能完成，请重新登录',
  oidc_identity: '统一身份认证未提供有效的公民身份号码或统一社会信用代码',
  account_disabled: '账号已停用，请联系平台管理员',
} as const;
export type OidcErrorCode = keyof typeof OIDC_ERROR_MESSAGES;

export class OidcSignInError extends Error {
  constructor(
    readonly code: OidcErrorCode,
    options?: { cause?: unknown },
  ) {
    super(OIDC_ERROR_MESSAGES[code], options);
    this.name = 'OidcSignInError';
  }
}

/** What the browser keeps between the start and the callback. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A path on this site (checked by safeReturnPath when the flow starts, and again when it is read back). */
  returnTo: string;
}

// openid-client draws 32 random bytes for each, base64url-encoded: 43 characters.
const random = z.string().regex(/^[\w-]{43,128}$/);
const flowShape = z.object({ state: random, nonce: random, codeVerifier: random, returnTo: z.string() });

export function encodeFlow(flow: OidcFlow): string {
  return Buffer.from(JSON.stringify(flow), 'utf8').toString('base64url');
}

/** The flow a cookie holds, or null when it is missing, malformed, or its return path would leave the site. */
export function decodeFlow(value: string | undefined): OidcFlow | null {
  if (value === undefined || value.length > 4096) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const r = flowShape.safeParse(parsed);
  if (!r.success) return null;
  const returnTo = safeReturnPath(r.data.returnTo);
  return returnTo === null ? null : { ...r.data, returnTo };
}

export class OidcService {
  #configuration: Promise<client.Configuration> | null = null;

  constructor(
    private readonly settings: OidcSettings | null,
    private readonly accounts: AccountsService,
  ) {}

  /**
   * Ends the session a browser already has when it starts signing in with the unified identity, whoever comes
   * back: on a shared computer at a service hall, the next person must not inherit the last one's session. (The
   * callback cannot do it: the session cookie is SameSite=Strict, and the provider's redirect is cross-site.)
   */
  async endCurrentSession(token: string, ip: string | null): Promise<void> {
    await this.accounts.signOut(token, ip);
  }

  /** What the sign-in page offers. */
  providers(): { oidc: { enabled: boolean; name: string | null } } {
    return { oidc: { enabled: this.settings !== null, name: this.settings?.name ?? null } };
  }

  /** The provider's authorization URL for a new sign-in, and the flow to keep until the callback. */
  async start(returnTo: string | undefined): Promise<{ location: URL; flow: OidcFlow }> {
    const settings = this.#settings();
    const path = safeReturnPath(returnTo ?? '/');
    if (path === null) throw new OidcSignInError('invalid_return_to');
    const configuration = await this.#discover();
    const flow: OidcFlow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo: path,
    };
    const location = client.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri.href,
      scope: settings.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { location, flow };
  }

  /**
   * Completes a sign-in from the provider's callback: `query` is the callback's query string as received, `flow`
   * what the browser kept (null when it had none or it did not decode). Failures of the provider's answer are
   * recorded in the audit trail as failed sign-ins.
   */
  async finish(
    query: string,
    flow: OidcFlow | null,
    ip: string | null,
  ): Promise<{ signedIn: SignedIn; returnTo: string }> {
    const settings = this.#settings();
    const params = new URLSearchParams(query);
    const fail = async (code: OidcErrorCode, reason: SignInFailure, cause?: unknown): Promise<never> => {
      await this.accounts.recordFailure(null, { method: 'oidc', reason }, ip);
      throw new OidcSignInError(code, { cause });
    };
    // A callback without its flow, or with another flow's state, is a forgery or a replay (RFC 6749 §10.12).
    if (flow === null || params.get('state') !== flow.state) return fail('oidc_state', 'oidcState');
    const error = params.get('error');
    if (error !== null)
      return fail(error === 'access_denied' ? 'oidc_denied' : 'oidc_failed', 'oidcDenied', error);
    const configuration = await this.#discover().catch((e: unknown) =>
      fail('oidc_unavailable', 'oidcUnavailable', e),
    );
    // The redirect URI as registered, not as this request's Host header says: behind a proxy they differ, and the
    // token request must repeat the registered one exactly (RFC 6749 §4.1.3).
    const current = new URL(settings.redirectUri);
    current.search = params.toString();
    let claims: client.IDToken;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (e) {
      // A used or expired code, a wrong verifier, an ID token that does not validate.
      return fail('oidc_failed', 'oidcRejected', e);
    }
    try {
      const signedIn = await this.accounts.signInWithOidc(
        {
          issuer: configuration.serverMetadata().issuer,
          subject: claims.sub,
          identity: identityFromClaims(claims, settings.claims),
        },
        ip,
      );
      return { signedIn, returnTo: flow.returnTo };
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'forbidden')
        throw new OidcSignInError('account_disabled', { cause: e });
      if (e instanceof DomainError && e.kind === 'invalid')
        throw new OidcSignInError('oidc_identity', { cause: e });
      throw e;
    }
  }

  #settings(): OidcSettings {
    if (this.settings === null) throw new OidcSignInError('oidc_disabled');
    return this.settings;
  }

  /** Discovery once; a failure is not cached, so that the next sign-in tries again. */
  #discover(): Promise<client.Configuration> {
    const settings = this.#settings();
    this.#configuration ??= client
      .discovery(
        settings.issuer,
        settings.clientId,
        undefined,
        client.ClientSecretBasic(settings.clientSecret),
        {
          // Plain HTTP only for a provider on this machine (the tests'); config.ts refuses it elsewhere.
          execute: settings.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
          timeout: 10,
        },
      )
      .catch((e: unknown) => {
        this.#configuration = null;
        throw new OidcSignInError('oidc_unavailable', { cause: e });
      });
    return this.#configuration;
  }
}
