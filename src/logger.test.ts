import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite } from '../test/support/backends.ts';
import { buildApp } from './http/app.ts';
import { createLogger, scrubUrl } from './logger.ts';

/** Every secret a request below carries: none of them may appear anywhere in the log. */
const ADMIN_TOKEN = 'the-admin-token-123';
const SECRETS = {
  adminToken: ADMIN_TOKEN,
  cookie: 'zct_session=s3ss10n-c00k1e-value',
  setCookie: 'zct_session=s3t-c00k1e-value; HttpOnly; Secure',
  password: 'correct-horse-battery-staple',
  token: 'reset-t0ken-7f3a9c',
  secret: 'cl1ent-s3cret-42',
  queryToken: 'qu3ry-t0ken-8b2e',
  code: 'o1dc-auth-c0de-91',
};

function memoryStream(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('logs without secrets', () => {
  const out = memoryStream();
  let app: Awaited<ReturnType<typeof buildApp>>['app'];

  beforeAll(async () => {
    ({ app } = await buildApp({
      config: { ZCT_ADMIN_TOKEN: ADMIN_TOKEN },
      database: await freshSqlite(),
      logger: createLogger('info', out.stream),
    }));
    // A careless handler: logs the headers and the body it got, and the headers it answers with.
    app.post('/test/echo', { config: { access: 'public' } }, (req, reply) => {
      req.log.info({ headers: req.headers, body: req.body }, 'echo');
      req.log.info({ req: { headers: req.headers, body: req.body } }, 'echo nested');
      req.log.info({ account: { profile: { credentials: req.body } } }, 'echo deep');
      reply.header('set-cookie', SECRETS.setCookie);
      req.log.info({ res: { headers: reply.getHeaders() } }, 'echo reply');
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => app.close());

  it('redacts authorization, cookie and set-cookie headers, and password, token and secret fields', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/test/echo?token=${SECRETS.queryToken}&code=${SECRETS.code}&q=${encodeURIComponent('校车')}`,
      // The right token, so that the request reaches the handler.
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, cookie: SECRETS.cookie },
      payload: {
        username: 'zhangsan',
        password: SECRETS.password,
        token: SECRETS.token,
        secret: SECRETS.secret,
      },
    });
    expect(res.statusCode).toBe(200);
    const log = out.text();
    for (const [name, value] of Object.entries(SECRETS)) expect(log, name).not.toContain(value);
    // What is not secret still reads as it was: the log is useful, not blanked.
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const echo = lines.find((l) => l.msg === 'echo') as {
      headers: Record<string, string>;
      body: Record<string, string>;
    };
    expect(echo.headers.authorization).toBe('[redacted]');
    expect(echo.headers.cookie).toBe('[redacted]');
    expect(echo.body).toEqual({
      username: 'zhangsan',
      password: '[redacted]',
      token: '[redacted]',
      secret: '[redacted]',
    });
    const incoming = lines.find((l) => l.msg === 'incoming request') as { req: { url: string } };
    expect(incoming.req.url).toBe(
      `/test/echo?token=[redacted]&code=[redacted]&q=${encodeURIComponent('校车')}`,
    );
    expect(log).toContain('zhangsan');
  });

  it('redacts the staff token when a refused request is logged, and the config at start', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/ingest',
      headers: { authorization: 'Bearer wrong-admin-guess-77' },
      payload: 'x',
    });
    const start = memoryStream();
    createLogger('info', start.stream).info(
      { config: { ZCT_ADMIN_TOKEN: ADMIN_TOKEN, DATABASE_URL: 'postgres://u:pw-999@db/zct' } },
      'config',
    );
    const log = out.text() + start.text();
    expect(log).not.toContain('wrong-admin-guess-77');
    expect(log).not.toContain(ADMIN_TOKEN);
    expect(log).not.toContain('pw-999');
  });
});

describe('scrubUrl', () => {
  it('blanks the values of secret-looking parameters only', () => {
    expect(scrubUrl('/reset?token=abc&next=%2F')).toBe('/reset?token=[redacted]&next=%2F');
    expect(scrubUrl('/cb?code=xyz&state=s1')).toBe('/cb?code=[redacted]&state=s1');
    expect(scrubUrl('/x?newPassword=a&api_key=b&sig=c')).toBe(
      '/x?newPassword=[redacted]&api_key=[redacted]&sig=[redacted]',
    );
    expect(scrubUrl('/api/search?q=校车&page=2')).toBe('/api/search?q=校车&page=2');
    expect(scrubUrl('/api/items?postcode=252000')).toBe('/api/items?postcode=252000');
  });
});
