import { pino, type Logger } from 'pino';

/** Structured JSON logs. Secrets never reach them: the redact list covers what requests and configs carry. */
export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.token',
        'config.ZCT_ADMIN_TOKEN',
        'config.DATABASE_URL',
      ],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
