import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { browserHeaders, makePeople, sessionFor, type Credentials } from '../../../test/support/people.ts';
import { buildApp } from '../../http/app.ts';

forEachBackend('working-day calendar over HTTP', (backend) => {
  let app: FastifyInstance;
  let admin: Credentials;

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    await app.ready();
    const people = await makePeople(built.accounts);
    admin = await sessionFor(built.accounts, people.accounts.admin);
  });
  afterAll(async () => app.close());

  it('counts a deadline in working days across the 2023 National Day holiday', async () => {
    const res = await app.inject('/api/calendar/deadline?from=2023-09-28&days=3');
    expect(res.json()).toEqual({ from: '2023-09-28', days: 3, deadline: '2023-10-09' });
  });

  it('refuses a deadline in a year whose holidays are not entered, naming the year', async () => {
    const res = await app.inject('/api/calendar/deadline?from=2027-03-01&days=3');
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toBe('2027年的节假日安排尚未录入，无法计算工作日期限');
  });

  it('lets an administrator mark a day, which deadlines follow at once', async () => {
    const before = (await app.inject('/api/calendar/deadline?from=2025-06-09&days=1')).json<{
      deadline: string;
    }>();
    expect(before.deadline).toBe('2025-06-10');
    const put = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2025-06-10',
      headers: browserHeaders(admin, true),
      payload: JSON.stringify({ kind: 'holiday', name: '测试调整' }),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ year: 2025, source: 'manual' });
    const after = (await app.inject('/api/calendar/deadline?from=2025-06-09&days=1')).json<{
      deadline: string;
    }>();
    expect(after.deadline).toBe('2025-06-11');
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2025-06-09',
      headers: browserHeaders(admin, true),
      payload: JSON.stringify({ kind: 'workday' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('kind');
  });
});
