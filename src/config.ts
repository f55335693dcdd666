import { z } from 'zod';
import { parseTimeOfDay } from './core/jobs/schedule.ts';

// 统一身份认证 (OIDC) ------------------------------------------------------------------------------------------

/** Unset and empty are the same: off. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The path of the callback route (src/features/accounts/oidc.routes.ts), which the redirect URI must name. */
export const OIDC_CALLBACK_PATH = '/api/session/oidc/callback';

/**
 * The province's unified identity (统一身份认证) as an OpenID Connect provider. Off unless ZCT_OIDC_ISSUER is set;
 * then the client id, its secret and the redirect URI registered with the provider are required. The claim
 * variables name the ID token's claims that carry the citizen id, the USCC and the display name.
 */
const OIDC_VARIABLES = {
  /** The issuer identifier, e.g. https://sfrz.shandong.gov.cn/oidc; discovery reads its .well-known document. */
  ZCT_OIDC_ISSUER: optionalText,
  ZCT_OIDC_CLIENT_ID: optionalText,
  ZCT_OIDC_CLIENT_SECRET: optionalText,
  /** Where the provider sends the browser back: this site's https://…/api/session/oidc/callback. */
  ZCT_OIDC_REDIRECT_URI: optionalText,
  /** Shown on the sign-in page; default 统一身份认证. */
  ZCT_OIDC_NAME: optionalText,
  /** Space-separated; must include openid. Default "openid profile". */
  ZCT_OIDC_SCOPES: optionalText,
  /** The claim with a person's citizen id (GB 11643); default citizen_id. */
  ZCT_OIDC_CLAIM_CITIZEN_ID: optionalText,
  /** The claim with an enterprise's USCC (GB 32100); default uscc. */
  ZCT_OIDC_CLAIM_USCC: optionalText,
  /** The claim with the name to show; default name. */
  ZCT_OIDC_CLAIM_NAME: optionalText,
};
export type OidcVariables = { [K in keyof typeof OIDC_VARIABLES]?: string | undefined };

/** An absolute URL, or null. */
function parseUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

/**
 * What is wrong with the OIDC variables, naming each; none when OIDC is off. Plain HTTP is allowed only on this
 * machine (tests and local trials): elsewhere the code, the tokens and the client secret would cross the network
 * in clear (OpenID Connect Core 1.0 §16.17 requires TLS).
 */
export function oidcProblems(env: OidcVariables): { variable: keyof OidcVariables; message: string }[] {
  const problems: { variable: keyof OidcVariables; message: string }[] = [];
  if (env.ZCT_OIDC_ISSUER === undefined) return problems;
  const secureOrLocal = (u: URL) =>
    u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname));
  const issuer = parseUrl(env.ZCT_OIDC_ISSUER);
  if (!issuer || !secureOrLocal(issuer) || issuer.search !== '' || issuer.hash !== '')
    problems.push({
      variable: 'ZCT_OIDC_ISSUER',
      message: '应为 https:// 开头、不带查询参数的网址（仅本机地址可用 http://）',
    });
  if (env.ZCT_OIDC_CLIENT_ID === undefined)
    problems.push({ variable: 'ZCT_OIDC_CLIENT_ID', message: '已设置 ZCT_OIDC_ISSUER，还须设置客户端标识' });
  if (env.ZCT_OIDC_CLIENT_SECRET === undefined)
    problems.push({
      variable: 'ZCT_OIDC_CLIENT_SECRET',
      message: '已设置 ZCT_OIDC_ISSUER，还须设置客户端密钥',
    });
  const redirect = env.ZCT_OIDC_REDIRECT_URI === undefined ? null : parseUrl(env.ZCT_OIDC_REDIRECT_URI);
  if (env.ZCT_OIDC_REDIRECT_URI === undefined)
    problems.push({
      variable: 'ZCT_OIDC_REDIRECT_URI',
      message: `已设置 ZCT_OIDC_ISSUER，还须设置回调地址（本站的 https://…${OIDC_CALLBACK_PATH}）`,
    });
  else if (
    !redirect ||
    !secureOrLocal(redirect) ||
    !redirect.pathname.endsWith(OIDC_CALLBACK_PATH) ||
    redirect.search !== '' ||
    redirect.hash !== ''
  )
    problems.push({
      variable: 'ZCT_OIDC_REDIRECT_URI',
      message: `应为本站以 ${OIDC_CALLBACK_PATH} 结尾、不带查询参数的 https:// 网址（仅本机地址可用 http://）`,
    });
  if (env.ZCT_OIDC_SCOPES !== undefined && !env.ZCT_OIDC_SCOPES.split(/\s+/).includes('openid'))
    problems.push({ variable: 'ZCT_OIDC_SCOPES', message: '应包含 openid（以空格分隔）' });
  return problems;
}

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: URL;
  /** Shown on the sign-in page. */
  name: string;
  scopes: string;
  /** The ID token claims that carry who signed in. */
  claims: { citizenId: string; uscc: string; displayName: string };
}

/**
 * The OIDC settings with their defaults, or null when ZCT_OIDC_ISSUER is unset (OIDC sign-in is off).
 *
 * @example oidcSettings(loadConfig())?.name // '统一身份认证'
 */
export function oidcSettings(env: OidcVariables): OidcSettings | null {
  const problems = oidcProblems(env);
  if (problems.length > 0)
    throw new ConfigError(
      `配置错误（环境变量）：\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`,
    );
  if (env.ZCT_OIDC_ISSUER === undefined) return null;
  return {
    issuer: new URL(env.ZCT_OIDC_ISSUER),
    clientId: env.ZCT_OIDC_CLIENT_ID!,
    clientSecret: env.ZCT_OIDC_CLIENT_SECRET!,
    redirectUri: new URL(env.ZCT_OIDC_REDIRECT_URI!),
    name: env.ZCT_OIDC_NAME ?? '统一身份认证',
    scopes: env.ZCT_OIDC_SCOPES ?? 'openid profile',
    claims: {
      citizenId: env.ZCT_OIDC_CLAIM_CITIZEN_ID ?? 'citizen_id',
      uscc: env.ZCT_OIDC_CLAIM_USCC ?? 'uscc',
      displayName: env.ZCT_OIDC_CLAIM_NAME ?? 'name',
    },
  };
}

/**
 * Configuration comes from the environment and is checked once at start; a bad value stops the process with
 * a message that names the variable.
 */
const schema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    /** postgres://… selects PostgreSQL; otherwise the embedded SQLite file at ZCT_SQLITE_PATH. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    ZCT_SQLITE_PATH: z.string().min(1).default('./data/zct.sqlite'),
    /** Loads data/samples at start (idempotent). */
    ZCT_LOAD_SAMPLES: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    /**
     * Until accounts exist, ingest over HTTP is switched off unless this token is set; callers send it as
     * `Authorization: Bearer …`. At least 24 characters, so that it cannot be guessed.
     */
    ZCT_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
    /**
     * The secret for persons' pseudonyms in the audit trail (HMAC of the citizen id), at least 32 characters. Kept
     * out of the database; without it, audit entries about persons are refused.
     */
    ZCT_AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Behind a reverse proxy, which proxies to believe about the visitor's address (X-Forwarded-For): 'true' for
     * any, a number of hops, or a comma-separated list of addresses and CIDR ranges. Off by default: then rate
     * limits, sign-in throttling and the audit trail see the proxy's address for every visitor.
     */
    ZCT_TRUST_PROXY: z
      .string()
      .regex(
        /^(true|false|\d{1,2}|[\d.:a-fA-F/]+(\s*,\s*[\d.:a-fA-F/]+)*)$/,
        "must be 'true', a number of hops, or addresses/CIDR ranges separated by commas",
      )
      .optional()
      .transform((v): boolean | number | string[] | undefined =>
        v === undefined || v === 'false'
          ? undefined
          : v === 'true'
            ? true
            : /^\d+$/.test(v)
              ? Number(v)
              : v.split(',').map((a) => a.trim()),
      ),
    /**
     * When the daily jobs run (docs/jobs.md), as HH:MM in Beijing time: after validity has turned at midnight and
     * before anyone is at work.
     */
    ZCT_DAILY_JOBS_AT: z
      .string()
      .trim()
      .default('01:00')
      .refine((v) => parseTimeOfDay(v) !== null, '应为北京时间 HH:MM（24 小时制），如 01:00'),
    ...OIDC_VARIABLES,
  })
  .superRefine((env, ctx) => {
    for (const p of oidcProblems(env))
      ctx.addIssue({ code: 'custom', path: [p.variable], message: p.message });
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误（环境变量）：\n${lines.join('\n')}`);
  }
  return result.data;
}
