import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend, freshSqlite } from '../../test/support/backends.ts';
import { PERMISSIONS } from '../core/access/policy.ts';
import { buildApp, type RouteInfo } from './app.ts';

const SAMPLE = readFileSync(new URL('../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));
const TOKEN = 'test-admin-token-0123456789abcdef';
forEachBackend('HTTP API', (backend) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const built = await buildApp({ config: { ZCT_ADMIN_TOKEN: TOKEN }, database: backend.handle() });
    app = built.app;
    await built.library.ingest(SAMPLE, 'sample.txt');
    await app.ready();
  });
  afterAll(async () => app.close());

  it('reports health with the backend and counts', async () => {
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: backend.name,
      counts: { documents: 9, articles: 120, issues: 1 },
    });
  });

  it('serves issues with their table of contents linked to documents', async () => {
    const [issue] = (await app.inject('/api/issues')).json<{ id: number }[]>();
    const res = await app.inject(`/api/issues/${issue!.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ toc: { docNumber: string | null; documentId: number | null; page: number }[] }>();
    expect(body.toc).toHaveLength(9);
    expect(body.toc.every((e) => typeof e.documentId === 'number')).toBe(true);
  });

  it('serves a document, its articles by number in any writing, versions and citations', async () => {
    const doc = (
      await app.inject(`/api/documents/by-number/${encodeURIComponent('聊政字〔2023〕9号')}`)
    ).json<{ id: number; articles: unknown[]; validity: string }>();
    expect(doc.articles).toHaveLength(54);
    for (const n of ['30', '三十', '第三十条']) {
      const a = await app.inject(`/api/documents/${doc.id}/articles/${encodeURIComponent(n)}`);
      expect(a.statusCode).toBe(200);
      expect(a.json()).toMatchObject({ number: 30, label: '第三十条' });
    }
    expect((await app.inject(`/api/documents/${doc.id}/articles/99`)).statusCode).toBe(404);
    expect((await app.inject(`/api/documents/${doc.id}/versions`)).json()).toEqual([
      expect.objectContaining({ version: 1, source: 'sample.txt' }),
    ]);
    expect((await app.inject(`/api/documents/${doc.id}/versions/1`)).json()).toMatchObject({
      docNumber: '聊政字〔2023〕9号',
    });
    expect((await app.inject(`/api/documents/${doc.id}/citations`)).json()).toContainEqual({
      title: '山东省人民政府办公厅关于印发山东省学校安全条例实施细则的通知',
      docNumber: '鲁政办发〔2022〕16号',
      documentId: null,
    });
    expect((await app.inject(`/api/documents/${doc.id}/cited-by`)).json()).toEqual([]);
    const listed = (await app.inject('/api/documents?kind=办法&validity=in-force&asOf=2024-01-01')).json<{
      total: number;
    }>();
    expect(listed.total).toBe(3);
  });

  it('searches with highlights and facets', async () => {
    const res = await app.inject(`/api/search?q=${encodeURIComponent('储备粮 轮换')}&pageSize=7`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ hits: { articleNumber: number }[]; facets: { kind: { value: string }[] } }>();
    expect(body.hits.map((h) => h.articleNumber).sort((a, b) => a - b)).toEqual([22, 23, 24, 25, 26, 27, 28]);
    expect(body.facets.kind).toEqual([{ value: '办法', count: 1 }]);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const res = await app.inject('/api/search?q=&pageSize=500');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json<{ status: number; errors: { field: string; message: string }[] }>();
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['querystring.pageSize', 'querystring.q']);
    const bad = await app.inject('/api/documents?region=37&validity=maybe');
    expect(
      bad
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['querystring.region', 'querystring.validity']);
    const notFound = await app.inject('/api/documents/999999');
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/problem\+json/);
    expect((await app.inject('/api/nothing-here')).statusCode).toBe(404);
  });

  it('lets staff ingest, refusing everyone else', async () => {
    const doc = Buffer.from(
      [
        '东昌府区人民政府文件',
        '东政发〔2024〕2号',
        '东昌府区人民政府 关于做好防汛工作的通知',
        '各街道办事处：',
        '一、压实责任。各单位要落实防汛责任。',
        '东昌府区人民政府',
        '2024年6月1日',
      ].join('\n'),
    );
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/ingest?name=x.txt',
      payload: doc,
      headers: { 'content-type': 'text/plain' },
    });
    expect(anonymous.statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/ingest',
      payload: doc,
      headers: { 'content-type': 'text/plain', authorization: 'Bearer wrong-token-wrong-token-wrong' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/ingest?name=dongchangfu.txt',
      payload: doc,
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ documents: [{ docNumber: '东政发〔2024〕2号', outcome: 'created' }] });
    const broken = await app.inject({
      method: 'POST',
      url: '/api/ingest',
      payload: Buffer.from(
        '东昌府区人民政府文件\n东政发〔2024〕3号\n东昌府区人民政府 关于做好防汛工作的通知\n各街道办事处：\n一、压实责任。各单位要落实防汛',
      ),
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` },
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json()).toMatchObject({ status: 422, line: 5 });
  });
});

describe('route access', () => {
  let app: FastifyInstance;
  let declared: RouteInfo[];

  beforeAll(async () => {
    const built = await buildApp({ config: { ZCT_ADMIN_TOKEN: undefined }, database: await freshSqlite() });
    app = built.app;
    declared = built.routes;
    await app.ready();
  });
  afterAll(async () => app.close());

  it('every /api route declares a permission of the access policy (the matrix test checks who may call it)', () => {
    const api = declared.filter((r) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThanOrEqual(30);
    for (const r of api) expect(PERMISSIONS, `${r.method} ${r.url}`).toContain(r.access);
  });

  it('switches token access off when no token is configured', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/parse',
      payload: 'x',
      headers: { 'content-type': 'text/plain', authorization: 'Bearer anything-anything-anything' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ detail: string }>().detail).toMatch(/未配置自动化令牌/);
  });

  it('refuses to start with a route that declares no access', async () => {
    const built = await buildApp({ config: { ZCT_ADMIN_TOKEN: undefined }, database: await freshSqlite() });
    expect(() => built.app.get('/api/undeclared', () => 'x')).toThrow(/declares no access/);
    await built.app.close();
  });

  it('publishes an OpenAPI document', async () => {
    const res = await app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/search', '/api/documents/{id}', '/api/ingest']),
    );
  });
});

describe('the visitor address behind a proxy (ZCT_TRUST_PROXY)', () => {
  /** A failed sign-in is audited with the caller's address: what the throttle and the trail both see. */
  const recordedIp = async (trustProxy: boolean | number | string[] | undefined) => {
    const database = await freshSqlite();
    const { app, audit } = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined, ZCT_TRUST_PROXY: trustProxy },
      database,
      web: false,
    });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '10.1.2.3',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
        payload: JSON.stringify({ username: 'nobody', password: 'Wrong-password-1' }),
      });
      expect(res.statusCode).toBe(401);
      const { records } = await audit.search({ action: 'session.signInFailed' }, { page: 1, pageSize: 1 });
      return records[0]?.ip;
    } finally {
      await app.close();
      await database.destroy();
    }
  };

  it('believes X-Forwarded-For only from the proxies it is told to trust', async () => {
    expect(await recordedIp(undefined)).toBe('10.1.2.3');
    expect(await recordedIp(['10.0.0.0/8'])).toBe('203.0.113.7');
    expect(await recordedIp(['192.168.0.0/16'])).toBe('10.1.2.3');
  });
});
