import helmet from '@fastify/helmet';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.ts';

type Directives = Readonly<Record<string, readonly string[]>>;

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/**
 * The Content-Security-Policy of every response: the portal's pages, API JSON, problem+json and the Swagger UI
 * at /api/docs alike. This is the one place that defines it (web.ts re-exports it for its tests).
 *
 * - Swagger UI needs no relaxation: @fastify/swagger-ui 5 serves no inline script or style, and its React
 *   rendering sets styles through the CSSOM (checked in Chromium with every operation and schema expanded and a
 *   request executed). Its validator badge (an image from a third-party host) is refused, which also keeps our
 *   OpenAPI URL from being sent there.
 * - Scripts come from our own origin only: the build has no inline script (web/vite.config.ts), so an injected
 *   `<script>`, `onerror=` or `javascript:` URL does not run even if markup ever reached the DOM.
 * - Styles: antd's CSS-in-JS writes `<style>` elements at run time, so `style-src-elem` keeps 'unsafe-inline'.
 *   antd 6 can stamp those elements with a nonce (`<ConfigProvider csp={{ nonce }}>`), which would let us drop
 *   it, but only with a per-request nonce templated into index.html and read by the app; until then,
 *   'unsafe-inline'. Style *attributes* are refused (`style-src-attr 'none'`): React and antd set inline styles
 *   through the CSSOM (`element.style`), which CSP does not govern, so only injected `style="…"` markup is hit.
 *   `style-src` is the fallback for browsers without the CSP 3 split (Safari before 15.4, old 国产 browser
 *   kernels) and must keep 'unsafe-inline', or antd would render unstyled there.
 * - No `upgrade-insecure-requests`: the portal may be served over plain HTTP on a government intranet, where
 *   upgrading its own requests to HTTPS would break every page.
 */
export const PORTAL_CSP_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'style-src-elem': ["'self'", "'unsafe-inline'"],
  'style-src-attr': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const PORTAL_CSP = serialize(PORTAL_CSP_DIRECTIVES);

/**
 * Features the portal never uses, switched off for it and anything it might embed. Clipboard and fullscreen
 * are left at their defaults: the document page copies article links.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

/** A sign-in name as a rate-limit key: case, width and surrounding space do not make a new key. */
function normalisedField(req: FastifyRequest, field: string): string {
  const body = req.body;
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value.normalize('NFKC').trim().toLowerCase().slice(0, 200) : '';
}

/**
 * Rate limits for routes to opt in to, with `config: { rateLimit: RATE_LIMITS.search }`. None applies unless a
 * route asks (`global: false`). Keys are the client's IP (`req.ip`): behind a reverse proxy, start Fastify with
 * `trustProxy` set to the proxy's address, or every visitor shares the proxy's one bucket.
 *
 * - `search`: generous, against scraping and accidental loops, never against a reader (a 政务服务大厅 with many
 *   kiosks behind one address still fits).
 * - `signIn`: 10 attempts per 15 minutes for one account from one address, keyed by IP and the normalised
 *   `username` of the body, so one person's typos do not lock out a shared office. It runs at preValidation,
 *   when the body is parsed, so malformed attempts count too. It slows guessing one password; spraying many
 *   accounts from one address needs a second, per-IP limit (`app.rateLimit({ max, timeWindow })` as a hook).
 * - `passwordReset`: 5 per hour per IP: each sends a message, and the form must not enumerate accounts.
 *
 * @example r.post('/sign-in', { config: { access: 'public', rateLimit: RATE_LIMITS.signIn } }, handler)
 */
export const RATE_LIMITS = {
  search: { max: 120, timeWindow: '1 minute' },
  signIn: {
    max: 10,
    timeWindow: '15 minutes',
    hook: 'preValidation',
    keyGenerator: (req: FastifyRequest) => `${req.ip}|${normalisedField(req, 'username')}`,
  },
  passwordReset: { max: 5, timeWindow: '1 hour' },
} as const satisfies Record<string, RateLimitOptions>;

/** "37 秒" or, from a minute on, "15 分钟": how long to wait, as the 429 body says it. */
function waitInChinese(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/**
 * Security by default for every response, registered right after the errors plugin so that its hooks run for
 * every route, 404 and error, and so that rate limits see every route declared after it.
 *
 * - Headers (through @fastify/helmet, except CSP, which is ours so that its text is exactly PORTAL_CSP):
 *   CSP, X-Content-Type-Options nosniff, Referrer-Policy same-origin (search terms in our URLs never reach
 *   another site), X-Frame-Options DENY (with frame-ancestors 'none' for newer browsers),
 *   Cross-Origin-Opener-Policy and -Resource-Policy same-origin, and Permissions-Policy.
 * - Strict-Transport-Security (one year, subdomains, no preload) is sent on every response, but browsers only
 *   honour it when it arrives over HTTPS (RFC 6797 §8.1): on a plain-HTTP intranet it is inert, and where
 *   HTTPS ends at a proxy, it is that HTTPS response which pins the host.
 * - 429 responses are problem+json in Chinese, with Retry-After in seconds.
 *
 * @example await app.register(securityPlugin);
 */
export const securityPlugin = fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
    contentSecurityPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true, preload: false },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.header('content-security-policy', PORTAL_CSP).header('permissions-policy', PERMISSIONS_POLICY);
    done();
  });

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (req, context) => {
      req.log.warn({ route: req.routeOptions.url, max: context.max }, 'rate limit exceeded');
      return new HttpProblem(429, '请求过于频繁', `请求过于频繁，请 ${waitInChinese(context.ttl)}后再试`, {
        type: 'urn:zct:rate-limited',
      });
    },
  });
});
