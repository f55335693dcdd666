import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import {
  browserHeaders,
  makePeople,
  sessionFor,
  type Credentials,
  type People,
} from '../../../test/support/people.ts';
import { buildApp } from '../../http/app.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { AUDIT_XLSX_HEADERS } from '../audit/audit.xlsx.ts';

const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));
const DRIVER = JSON.parse(
  readFileSync(new URL('../../../data/items/lc-xc-driver.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/**
 * 上线审查 over HTTP: an editor drafts an item from 聊政字〔2023〕9号 第三十条 and submits it; a reviewer rejects it
 * with a comment; the editor revises it as version 2 and submits again; the reviewer approves and it is public,
 * with both versions in its history. Around it: who may not do what.
 */
forEachBackend('review workflow', (backend) => {
  let app: FastifyInstance;
  let accounts: AccountsService;
  let audit: AuditService;
  let people: People;
  const as = new Map<string, Credentials>();

  const send = (who: string, o: InjectOptions & { json?: unknown }) =>
    app.inject({
      ...o,
      headers: browserHeaders(as.get(who), o.json !== undefined),
      ...(o.json !== undefined && { payload: JSON.stringify(o.json) }),
    });

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    accounts = built.accounts;
    audit = built.audit;
    await built.library.ingest(SAMPLE, 'sample.txt');
    await app.ready();
    people = await makePeople(accounts);
    for (const role of [
      'cityEditor',
      'cityReviewer',
      'cityEditorReviewer',
      'countyEditor',
      'enterpriseAdmin',
    ] as const)
      as.set(role, await sessionFor(accounts, people.accounts[role]));
  });
  afterAll(async () => app.close());

  const draft = (name: string) => ({ ...DRIVER, code: 'LC-XC-JSZG-2', name });

  it('rejects once, then approves: the item is public and its history shows both versions', async () => {
    const v1 = await send('cityEditor', { method: 'POST', url: '/api/items', json: draft('校车驾驶人资格') });
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json()).toMatchObject({ version: 1, reviewState: 'draft' });
    // A draft is not public.
    expect((await send('anonymous', { method: 'GET', url: '/api/items/LC-XC-JSZG-2' })).statusCode).toBe(404);

    const submitted = await send('cityEditor', {
      method: 'POST',
      url: '/api/items/LC-XC-JSZG-2/submit',
      json: {},
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await send('cityReviewer', { method: 'GET', url: '/api/review/queue' })).json()).toMatchObject([
      { code: 'LC-XC-JSZG-2', version: 1 },
    ]);
    // Editing while under review is refused.
    const busy = await send('cityEditor', { method: 'POST', url: '/api/items', json: draft('改名') });
    expect(busy.statusCode).toBe(409);

    const noComment = await send('cityReviewer', {
      method: 'POST',
      url: '/api/items/LC-XC-JSZG-2/review',
      json: { version: 1, decision: 'reject' },
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('comment');
    const rejected = await send('cityReviewer', {
      method: 'POST',
      url: '/api/items/LC-XC-JSZG-2/review',
      json: { version: 1, decision: 'reject', comment: '名称应与第三十条一致：校车驾驶人驾驶资格' },
    });
    expect(rejected.json()).toMatchObject({ version: 1, reviewState: 'rejected' });
    expect((await send('anonymous', { method: 'GET', url: '/api/items/LC-XC-JSZG-2' })).statusCode).toBe(404);

    const v2 = await send('cityEditor', {
      method: 'POST',
      url: '/api/items',
      json: draft('校车驾驶人驾驶资格'),
    });
    expect(v2.json()).toMatchObject({ version: 2, reviewState: 'draft' });
    await send('cityEditor', { method: 'POST', url: '/api/items/LC-XC-JSZG-2/submit', json: {} });
    const approved = await send('cityReviewer', {
      method: 'POST',
      url: '/api/items/LC-XC-JSZG-2/review',
      json: { version: 2, decision: 'approve', comment: '同意发布' },
    });
    expect(approved.json()).toMatchObject({ version: 2, reviewState: 'approved' });

    const pub = await send('anonymous', { method: 'GET', url: '/api/items/LC-XC-JSZG-2' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ name: '校车驾驶人驾驶资格', version: 2, status: 'published' });

    const history = await send('cityReviewer', { method: 'GET', url: '/api/items/LC-XC-JSZG-2/history' });
    const h = history.json<{
      versions: {
        version: number;
        reviewState: string;
        events: { action: string; comment: string | null }[];
      }[];
    }>();
    expect(h.versions.map((v) => [v.version, v.reviewState])).toEqual([
      [2, 'approved'],
      [1, 'rejected'],
    ]);
    expect(h.versions[1]!.events.map((e) => e.action)).toEqual(['submit', 'reject']);
    expect(h.versions[1]!.events[1]!.comment).toMatch(/名称应与第三十条一致/);

    const diff = await send('cityEditor', { method: 'GET', url: '/api/items/LC-XC-JSZG-2/diff?from=1&to=2' });
    const parts = diff.json<{ parts: { kind: string; text: string }[] }>().parts;
    expect(parts.find((p) => p.kind === 'removed')!.text).toMatch(/"name": "校车驾驶人资格"/);
    expect(parts.find((p) => p.kind === 'added')!.text).toMatch(/"name": "校车驾驶人驾驶资格"/);

    const changes = await send('anonymous', { method: 'GET', url: '/api/changes' });
    expect(changes.json()).toMatchObject({
      changes: [{ code: 'LC-XC-JSZG-2', version: 2, action: 'approve' }],
    });
    // The public version list shows what was published, not the rejected draft.
    const versions = await send('anonymous', { method: 'GET', url: '/api/items/LC-XC-JSZG-2/versions' });
    expect(versions.json<{ version: number }[]>().map((v) => v.version)).toEqual([2]);
  });

  it('records every step in the audit trail, which an auditor can search and which verifies', async () => {
    const auditor = await sessionFor(accounts, people.accounts.auditor);
    as.set('auditor', auditor);
    const res = await send('auditor', { method: 'GET', url: '/api/audit?targetId=LC-XC-JSZG-2&pageSize=20' });
    expect(res.statusCode, res.body).toBe(200);
    const actions = res
      .json<{ records: { action: string; actor: { name: string } }[] }>()
      .records.map((r) => `${r.action} ${r.actor.name}`)
      .reverse();
    expect(actions).toEqual([
      'item.create 王编辑',
      'item.submit 王编辑',
      'item.reject 赵审核',
      'item.update 王编辑',
      'item.submit 王编辑',
      'item.approve 赵审核',
    ]);
    expect((await send('cityEditor', { method: 'GET', url: '/api/audit' })).statusCode).toBe(403);

    const xlsx = await send('auditor', { method: 'GET', url: '/api/audit/export?targetId=LC-XC-JSZG-2' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const codeColumn = AUDIT_XLSX_HEADERS.indexOf('操作代码') + 1;
    const codes = sheet.getColumn(codeColumn).values.slice(2).map(String); // oldest first, as the chain runs
    expect(codes).toEqual(actions.map((a) => a.split(' ')[0]));
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('keeps the published version public while a revision is under review', async () => {
    await send('cityEditor', {
      method: 'POST',
      url: '/api/items',
      json: draft('校车驾驶人驾驶资格（修订稿）'),
    });
    const pub = await send('anonymous', { method: 'GET', url: '/api/items/LC-XC-JSZG-2' });
    expect(pub.json()).toMatchObject({ name: '校车驾驶人驾驶资格', version: 2, currentVersion: 2 });
    const list = await send('anonymous', { method: 'GET', url: '/api/items' });
    expect(
      list.json<{ code: string; currentVersion: number }[]>().find((i) => i.code === 'LC-XC-JSZG-2'),
    ).toMatchObject({
      name: '校车驾驶人驾驶资格',
      currentVersion: 2,
    });
  });

  it('never lets a reviewer approve their own draft', async () => {
    const mine = { ...DRIVER, code: 'LC-XC-OWN', name: '自审测试事项' };
    expect(
      (await send('cityEditorReviewer', { method: 'POST', url: '/api/items', json: mine })).statusCode,
    ).toBe(201);
    await send('cityEditorReviewer', { method: 'POST', url: '/api/items/LC-XC-OWN/submit', json: {} });
    const own = await send('cityEditorReviewer', {
      method: 'POST',
      url: '/api/items/LC-XC-OWN/review',
      json: { version: 1, decision: 'approve' },
    });
    expect(own.statusCode).toBe(403);
    expect(own.json<{ detail: string }>().detail).toMatch(/不能审核自己编写的版本/);
    const other = await send('cityReviewer', {
      method: 'POST',
      url: '/api/items/LC-XC-OWN/review',
      json: { version: 1, decision: 'approve' },
    });
    expect(other.statusCode).toBe(200);
  });

  it('does not let a county editor edit the city department’s item, nor an editor publish directly', async () => {
    const county = await send('countyEditor', {
      method: 'POST',
      url: '/api/items',
      json: draft('县里改市里的'),
    });
    expect(county.statusCode).toBe(403);
    expect(county.json<{ detail: string }>().detail).toMatch(/谁制定、谁更新/);
    const submit = await send('countyEditor', {
      method: 'POST',
      url: '/api/items/LC-XC-JSZG-2/submit',
      json: {},
    });
    expect(submit.statusCode).toBe(403);
    const direct = await send('cityEditor', {
      method: 'POST',
      url: '/api/items?status=published',
      json: draft('直接发布'),
    });
    expect(direct.statusCode).toBe(403);
    const enterprise = await send('enterpriseAdmin', {
      method: 'POST',
      url: '/api/items',
      json: draft('企业'),
    });
    expect(enterprise.statusCode).toBe(403);
  });
});
