import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { browserHeaders, makePeople, sessionFor, type Credentials } from '../../../test/support/people.ts';
import { parseRule } from '../../core/rules/syntax.ts';
import { buildApp } from '../../http/app.ts';

const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));

/** 拆分为政策事项 over HTTP: an editor reads 聊政字〔2023〕9号 第三十条 with what the console suggests from it. */
forEachBackend('item suggestions', (backend) => {
  let app: FastifyInstance;
  let editor: Credentials;
  let reviewer: Credentials;
  let docId: number;

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    await built.library.ingest(SAMPLE, 'sample.txt');
    await app.ready();
    const people = await makePeople(built.accounts);
    editor = await sessionFor(built.accounts, people.accounts.cityEditor);
    reviewer = await sessionFor(built.accounts, people.accounts.cityReviewer);
    docId = (await built.library.findDocumentIdByNumber('聊政字〔2023〕9号'))!;
  });
  afterAll(async () => app.close());

  const get = (url: string, who: Credentials | null = editor) =>
    app.inject({ method: 'GET', url, headers: browserHeaders(who ?? undefined) });

  it('gives the article and its suggestions, each condition citing its 项', async () => {
    const res = await get(`/api/documents/${docId}/articles/30/suggestion`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      document: { docNumber: string };
      article: { label: string; text: string };
      suggestion: {
        name: { value: string } | null;
        target: { value: string } | null;
        conditions: { cite: unknown; rules: { ruleText: string; reading: string }[] }[];
        materials: { name: string; source: string }[];
        limits: { amount: number; workingDays: boolean; department: string | null }[];
        departments: { name: string }[];
      };
    }>();
    expect(body.document.docNumber).toBe('聊政字〔2023〕9号');
    expect(body.article.label).toBe('第三十条');
    expect(body.article.text).toContain('取得校车驾驶资格');
    const s = body.suggestion;
    expect(s.name?.value).toBe('校车驾驶资格');
    expect(s.target?.value).toBe('person');
    expect(s.conditions.map((c) => c.cite)).toEqual(
      [1, 2, 3, 4, 5, 6].map((i) => ({ doc: '聊政字〔2023〕9号', article: 30, items: [i] })),
    );
    const readings = s.conditions.flatMap((c) => c.rules.map((r) => r.reading));
    expect(readings).toEqual(expect.arrayContaining(['驾驶经历满3年', '年龄在25周岁以上、不超过60周岁']));
    // Every proposal is in the rule syntax and parses back.
    for (const c of s.conditions) for (const r of c.rules) expect(parseRule(r.ruleText).ok).toBe(true);
    expect(s.materials.map((m) => m.name)).toContain('公安机关交通管理部门审核意见');
    // 第三十一条 (same chapter): 五个工作日内 by the county traffic police.
    expect(s.limits).toContainEqual(expect.objectContaining({ amount: 5, workingDays: true }));
    expect(s.departments.map((d) => d.name).join('、')).toContain('公安机关交通管理部门');
  });

  it('takes the article number in Chinese or as 第N条', async () => {
    for (const n of ['三十', '第三十条']) {
      const res = await get(`/api/documents/${docId}/articles/${encodeURIComponent(n)}/suggestion`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ article: { number: number } }>().article.number).toBe(30);
    }
  });

  it('refuses a missing article, naming it, and a missing document', async () => {
    const missing = await get(`/api/documents/${docId}/articles/99/suggestion`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      detail: '聊政字〔2023〕9号 没有第九十九条',
      errors: [{ field: 'number' }],
    });
    const noDoc = await get('/api/documents/999999/articles/30/suggestion');
    expect(noDoc.statusCode).toBe(404);
    expect(noDoc.json<{ detail: string }>().detail).toContain('999999');
    const bad = await get(`/api/documents/${docId}/articles/abc/suggestion`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'number' }] });
  });

  it('is for editors only', async () => {
    expect((await get(`/api/documents/${docId}/articles/30/suggestion`, null)).statusCode).toBe(401);
    expect((await get(`/api/documents/${docId}/articles/30/suggestion`, reviewer)).statusCode).toBe(403);
  });
});
