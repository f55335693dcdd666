import { z } from 'zod';

/**
 * Configuration comes from the environment and is checked once at start; a bad value stops the process with
 * a message that names the variable.
 */
const schema = z.object({
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
