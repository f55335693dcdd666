import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import {
  browserHeaders,
  makePeople,
  sessionFor,
  type Credentials,
  type People,
  type RoleName,
} from '../../../test/support/people.ts';
import { buildApp, type App } from '../../http/app.ts';
import { todayInChina } from '../../core/rules/dates.ts';

const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));
const DRIVER = JSON.parse(
  readFileSync(new URL('../../../data/items/lc-xc-driver.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const TOKEN = 'validity-routes-token-0123456789';

/** The validity worklists and the administrator's "run the daily job now", over HTTP. */
forEachBackend('validity routes', (backend) => {
  let built: App;
  let app: FastifyInstance;
  let people: People;
  const as = new Map<string, Credentials>();

  const send = (who: RoleName | 'anonymous', o: InjectOptions) =>
    app.inject({ ...o, headers: browserHeaders(as.get(who), o.method === 'POST') });

  beforeAll(async () => {
    built = await buildApp({ config: { ZCT_ADMIN_TOKEN: TOKEN }, database: backend.handle(), web: false });
    app = built.app;
    await built.library.ingest(SAMPLE, 'sample.txt');
    await app.ready();
    people = await makePeople(built.accounts);
    for (const role of ['cityEditor', 'countyEditor', 'admin', 'auditor', 'enterpriseAdmin'] as const)
      as.set(role, await sessionFor(built.accounts, people.accounts[role]));
    // The driver item (聊政字〔2023〕9号) is online; 13号 is not, and the city department owns it.
    await built.items.save(DRIVER, 'published');
    await backend
      .handle()
      .db.updateTable('documents')
      .set({ owner_department_id: people.departments.city })
      .where('doc_number', '=', '聊政办字〔2023〕13号')
      .execute();
  });
  afterAll(async () => app.close());

  it("lists overdue documents: staff their department's, administrators and auditors all", async () => {
    const city = await send('cityEditor', { method: 'GET', url: '/api/staff/overdue?asOf=2023-06-06' });
    expect(city.statusCode, city.body).toBe(200);
    expect(city.json()).toEqual({
      asOf: '2023-06-06',
      workingDays: 7,
      since: '2023-05-25',
      documents: [
        expect.objectContaining({
          docNumber: '聊政办字〔2023〕13号',
          deadline: '2023-06-05',
          workingDaysOverdue: 1,
          department: { id: people.departments.city, name: '聊城市工业和信息化局' },
        }),
      ],
    });
    const county = await send('countyEditor', { method: 'GET', url: '/api/staff/overdue?asOf=2023-06-06' });
    expect(county.json()).toMatchObject({ documents: [] });
    for (const who of ['admin', 'auditor'] as const) {
      const all = await send(who, { method: 'GET', url: '/api/staff/overdue?asOf=2023-06-06' });
      expect(all.json<{ documents: unknown[] }>().documents, who).toHaveLength(1);
    }
    expect((await send('enterpriseAdmin', { method: 'GET', url: '/api/staff/overdue' })).statusCode).toBe(
      403,
    );
    expect((await send('anonymous', { method: 'GET', url: '/api/staff/overdue' })).statusCode).toBe(401);
  });

  it('answers a year missing from the calendar with a problem that names it', async () => {
    const r = await send('admin', { method: 'GET', url: '/api/staff/overdue?asOf=2027-03-01' });
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json<{ detail: string }>().detail).toContain('2027年');
  });

  it('lists what expires within the days asked, refusing a bad number of days by name', async () => {
    const r = await send('cityEditor', { method: 'GET', url: '/api/staff/expiring?days=30&asOf=2028-06-01' });
    expect(r.statusCode, r.body).toBe(200);
    // Neither 9号 nor the driver item has an owning department (the platform loaded them): nothing is the city's.
    expect(r.json()).toEqual({ asOf: '2028-06-01', days: 30, entries: [] });
    const all = await send('admin', { method: 'GET', url: '/api/staff/expiring?asOf=2028-06-01' });
    expect(all.json<{ days: number; entries: { targetKey: string; daysLeft: number }[] }>()).toMatchObject({
      days: 30,
      entries: expect.arrayContaining([
        expect.objectContaining({ targetKey: '聊政字〔2023〕9号', daysLeft: 29 }),
        expect.objectContaining({ targetKey: 'LC-XC-JSZG', daysLeft: 29 }),
      ]) as unknown,
    });
    const bad = await send('admin', { method: 'GET', url: '/api/staff/expiring?days=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('days');
  });

  it('runs the daily job now for an administrator or the token, and returns what it did', async () => {
    // An item whose own validity ended last year expires on today's run.
    await built.items.save(
      { ...DRIVER, code: 'LC-TEST-ENDED', name: '已届满的测试事项', validity: { until: '2025-12-31' } },
      'published',
    );
    const r = await send('admin', { method: 'POST', url: '/api/admin/jobs/daily', payload: '{}' });
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json<{ day: string; expiredItems: { code: string; until: string }[] }>();
    expect(report.day).toBe(todayInChina());
    expect(report.expiredItems).toContainEqual({
      code: 'LC-TEST-ENDED',
      name: '已届满的测试事项',
      until: '2025-12-31',
    });
    const history = await built.review.history('LC-TEST-ENDED');
    expect(history.status).toBe('expired');
    const trail = await built.audit.search({ action: 'item.expire', targetId: 'LC-TEST-ENDED' });
    expect(trail.records[0]?.detail).toMatchObject({ trigger: '平台管理员 吴管理员手动运行' });

    // Again, with the token: nothing more to do for that item.
    const again = await app.inject({
      method: 'POST',
      url: '/api/admin/jobs/daily',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<{ expiredItems: { code: string }[] }>().expiredItems.map((i) => i.code)).not.toContain(
      'LC-TEST-ENDED',
    );
    expect(
      (await send('cityEditor', { method: 'POST', url: '/api/admin/jobs/daily', payload: '{}' })).statusCode,
    ).toBe(403);
  });
});
