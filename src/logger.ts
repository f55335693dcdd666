import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Keys whose values never reach a log: credentials in headers and in bodies (sign-in, password reset, tokens
 * for the API and for OpenID Connect). Matched by exact name at any of the first four levels of a logged object,
 * so `{ headers }`, `{ req: { headers } }`, `{ body }` and `{ req: { body: { account } } }` are all covered.
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'proxy-authorization',
  'x-api-key',
  'password',
  'newPassword',
  'currentPassword',
  'oldPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'secret',
  'clientSecret',
];
const DEPTH = 4;

/** 'password' → 'password', '*.password', '*.*.password', …; 'set-cookie' → '["set-cookie"]', '*["set-cookie"]', … */
function redactPaths(keys: readonly string[], depth: number): string[] {
  return keys.flatMap((key) => {
    const plain = /^[A-Za-z_$][\w$]*$/.test(key);
    return Array.from({ length: depth }, (_, d) => {
      if (d === 0) return plain ? key : `["${key}"]`;
      const prefix = ['*', ...Array<string>(d - 1).fill('.*')].join('');
      return plain ? `${prefix}.${key}` : `${prefix}["${key}"]`;
    });
  });
}

/**
 * Query parameters that carry secrets in a URL: a password-reset or sign-in link's token, an OpenID Connect
 * callback's `code`, a signed link's signature. The request line is logged for every request.
 */
const SECRET_PARAM = /pass|token|secret|session|signature|api[-_]?key|^(?:code|ticket|sig|key)$/i;

/** '/reset?token=abc&next=/' → '/reset?token=[redacted]&next=/'. */
export function scrubUrl(url: string): string {
  return url.replace(/([?&])([^=&#]*)=([^&#]*)/g, (all, sep: string, name: string) =>
    SECRET_PARAM.test(name) ? `${sep}${name}=[redacted]` : all,
  );
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/** Fastify's request summary (no headers, no body), with the URL's secret parameters scrubbed. */
function requestForLog(req: LoggedRequest) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? scrubUrl(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * Structured JSON logs. Secrets never reach them: headers and body fields named in SECRET_KEYS are redacted
 * wherever a caller logs them, request URLs lose their secret query parameters, and the config's admin token
 * and database URL (which may hold a password) are redacted too.
 *
 * @example const log = createLogger('info'); log.info({ headers: req.headers }, 'x') // authorization: [redacted]
 */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: { req: requestForLog },
    redact: {
      paths: [...redactPaths(SECRET_KEYS, DEPTH), 'config.ZCT_ADMIN_TOKEN', 'config.DATABASE_URL'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
