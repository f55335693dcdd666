import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import {
  browserHeaders,
  makePeople,
  sessionFor,
  type Credentials,
  type People,
} from '../../../test/support/people.ts';
import { buildApp } from '../../http/app.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { todayInChina } from '../../core/rules/dates.ts';

const TOKEN = 'lifecycle-test-token-0123456789abcdef';
const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));
const DRIVER = JSON.parse(
  readFileSync(new URL('../../../data/items/lc-xc-driver.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** A document the city department issues; `article2` is the text a correction changes. */
const notice = (
  article2 = '本办法适用于本市行政区域内的中小企业。',
  title = '关于印发聊城市中小企业数字化改造补助办法的通知',
) =>
  `聊工信发〔2026〕1号

${title}

各县（市、区）工业和信息化局：
现将《聊城市中小企业数字化改造补助办法》印发给你们，请认真贯彻执行。

聊城市工业和信息化局
2026年3月2日

聊城市中小企业数字化改造补助办法

第一条 为推动中小企业数字化改造，制定本办法。

第二条 ${article2}

第三条 本办法自2026年4月1日起施行。
`;

/**
 * Documents through review and repeal, over HTTP on both backends (docs/access.md, "文件的维护、更正与废止"):
 * an editor's document stays unseen until approved; a correction is a new version the public does not see until
 * a reviewer of the owning department, not its author, approves it; a repeal needs a reason, the repealing
 * document and a date, and is reviewed too. Around it: who may not do what.
 */
forEachBackend('documents through review, and repeal', (backend) => {
  let app: FastifyInstance;
  let audit: AuditService;
  let people: People;
  let adopt: (code: string, department: number) => Promise<boolean>;
  const as = new Map<string, Credentials>();
  let docId = 0;
  let schoolBusId = 0;
  let grainId = 0;

  const send = (who: string, o: InjectOptions & { json?: unknown; text?: string }) => {
    const headers: Record<string, string> = browserHeaders(as.get(who), o.json !== undefined);
    if (who === 'token') headers.authorization = `Bearer ${TOKEN}`;
    if (o.text !== undefined) headers['content-type'] = 'text/plain';
    return app.inject({
      ...o,
      headers,
      ...(o.json !== undefined && { payload: JSON.stringify(o.json) }),
      ...(o.text !== undefined && { payload: o.text }),
    });
  };
  const get = (who: string, url: string) => send(who, { method: 'GET', url });
  const post = (who: string, url: string, json: unknown) => send(who, { method: 'POST', url, json });

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: TOKEN },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    audit = built.audit;
    adopt = (code, department) => built.items.adoptIfUnowned(code, department);
    await built.library.ingest(SAMPLE, 'sample.txt');
    await app.ready();
    people = await makePeople(built.accounts);
    for (const role of [
      'cityEditor',
      'cityReviewer',
      'cityEditorReviewer',
      'countyEditor',
      'auditor',
    ] as const)
      as.set(role, await sessionFor(built.accounts, people.accounts[role]));
    const ids = await Promise.all(
      ['聊政字〔2023〕9号', '聊政发〔2023〕3号'].map(
        async (n) =>
          (await get('anonymous', `/api/documents/by-number/${encodeURIComponent(n)}`)).json<{ id: number }>()
            .id,
      ),
    );
    [schoolBusId, grainId] = ids as [number, number];
  });
  afterAll(async () => app.close());

  describe('a new document an editor ingests', () => {
    it('belongs to their department and is not public before approval', async () => {
      const res = await send('cityEditor', {
        method: 'POST',
        url: '/api/ingest?name=upload.txt',
        text: notice(),
      });
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json<{ documents: { id: number; outcome: string; version: number }[] }>();
      expect(report.documents).toMatchObject([
        { docNumber: '聊工信发〔2026〕1号', outcome: 'created', version: 1 },
      ]);
      docId = report.documents[0]!.id;

      // Unseen everywhere the public looks: detail, by 文号, versions, articles, list and search.
      for (const url of [
        `/api/documents/${docId}`,
        `/api/documents/by-number/${encodeURIComponent('聊工信发〔2026〕1号')}`,
        `/api/documents/${docId}/versions`,
        `/api/documents/${docId}/versions/1`,
        `/api/documents/${docId}/articles`,
      ])
        expect((await get('anonymous', url)).statusCode, url).toBe(404);
      const list = await get('anonymous', '/api/documents?pageSize=100');
      expect(list.json<{ items: { id: number }[] }>().items.map((d) => d.id)).not.toContain(docId);
      const search = await get('anonymous', `/api/search?q=${encodeURIComponent('数字化改造')}`);
      expect(search.json<{ hits: { documentId: number }[] }>().hits.map((h) => h.documentId)).not.toContain(
        docId,
      );

      const mine = await get('cityEditor', '/api/staff/documents');
      expect(mine.json()).toMatchObject([
        { id: docId, published: false, latestVersion: 1, reviewState: 'draft', pendingRepealId: null },
      ]);
      // The county department does not see the city's worklist.
      expect((await get('countyEditor', '/api/staff/documents')).json()).toEqual([]);
    });

    it('refuses a county editor on the city department’s document', async () => {
      const correct = await post('countyEditor', `/api/documents/${docId}/corrections`, {
        text: notice('县里改的'),
      });
      expect(correct.statusCode).toBe(403);
      expect(correct.json<{ detail: string }>().detail).toMatch(/谁制定、谁更新/);
      expect((await post('countyEditor', `/api/documents/${docId}/submit`, {})).statusCode).toBe(403);
      const ingest = await send('countyEditor', {
        method: 'POST',
        url: '/api/ingest',
        text: notice('县里改的'),
      });
      expect(ingest.statusCode).toBe(403);
      // Nothing to repeal before the public has seen it.
      const unseen = await post('cityEditor', `/api/documents/${docId}/repeal`, {
        reason: '未公开即废止',
        docNumber: '聊工信发〔2026〕2号',
        repealedOn: '2026-05-01',
      });
      expect(unseen.statusCode).toBe(409);
      const repeal = await post('countyEditor', `/api/documents/${docId}/repeal`, {
        reason: '县里废止',
        docNumber: '临工信发〔2026〕2号',
        repealedOn: '2026-05-01',
      });
      expect(repeal.statusCode).toBe(403);
    });

    it('is rejected with a comment, corrected, and approved by a reviewer who did not write it', async () => {
      expect((await post('cityEditor', `/api/documents/${docId}/submit`, {})).json()).toMatchObject({
        version: 1,
        reviewState: 'submitted',
      });
      const queue = await get('cityReviewer', '/api/review/documents');
      expect(queue.json()).toMatchObject([{ id: docId, version: 1, published: false }]);
      // No changes while under review.
      const busy = await post('cityEditor', `/api/documents/${docId}/corrections`, { text: notice('改') });
      expect(busy.statusCode).toBe(409);

      const noComment = await post('cityReviewer', `/api/documents/${docId}/review`, {
        version: 1,
        decision: 'reject',
      });
      expect(noComment.statusCode).toBe(400);
      expect(noComment.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('comment');
      const rejected = await post('cityReviewer', `/api/documents/${docId}/review`, {
        version: 1,
        decision: 'reject',
        comment: '标题漏了“暂行”二字',
      });
      expect(rejected.json()).toMatchObject({ version: 1, reviewState: 'rejected' });
      expect((await post('cityEditor', `/api/documents/${docId}/submit`, {})).statusCode).toBe(409);

      // The editor-reviewer corrects it: their own version is not theirs to approve.
      const fixed = notice(undefined, '关于印发聊城市中小企业数字化改造补助暂行办法的通知');
      const v2 = await post('cityEditorReviewer', `/api/documents/${docId}/corrections`, {
        text: fixed,
        note: '标题补“暂行”',
      });
      expect(v2.statusCode, v2.body).toBe(200);
      expect(v2.json()).toMatchObject({ version: 2, changed: true, reviewState: 'draft', warnings: [] });
      await post('cityEditorReviewer', `/api/documents/${docId}/submit`, {});
      const own = await post('cityEditorReviewer', `/api/documents/${docId}/review`, {
        version: 2,
        decision: 'approve',
      });
      expect(own.statusCode).toBe(403);
      expect(own.json<{ detail: string }>().detail).toMatch(/不能审核自己编写的版本/);
      expect((await get('anonymous', `/api/documents/${docId}`)).statusCode).toBe(404);

      const approved = await post('cityReviewer', `/api/documents/${docId}/review`, {
        version: 2,
        decision: 'approve',
        comment: '同意公开',
      });
      expect(approved.json()).toMatchObject({ version: 2, reviewState: 'approved' });

      const pub = await get('anonymous', `/api/documents/${docId}`);
      expect(pub.statusCode).toBe(200);
      expect(pub.json()).toMatchObject({
        title: '关于印发聊城市中小企业数字化改造补助暂行办法的通知',
        version: 2,
        repeal: null,
      });
      // The rejected first version never becomes public.
      const versions = await get('anonymous', `/api/documents/${docId}/versions`);
      expect(versions.json<{ version: number }[]>().map((v) => v.version)).toEqual([2]);
      const search = await get('anonymous', `/api/search?q=${encodeURIComponent('数字化改造')}`);
      expect(search.json<{ hits: { documentId: number }[] }>().hits.map((h) => h.documentId)).toContain(
        docId,
      );
    });

    it('keeps the approved version public while a correction is reviewed, then shows the correction', async () => {
      const v3 = await post('cityEditor', `/api/documents/${docId}/corrections`, {
        text: notice(
          '本办法适用于本市行政区域内的中小企业和个体工商户。',
          '关于印发聊城市中小企业数字化改造补助暂行办法的通知',
        ),
        note: '第二条补充个体工商户',
      });
      expect(v3.json()).toMatchObject({ version: 3, reviewState: 'draft' });
      await post('cityEditor', `/api/documents/${docId}/submit`, {});

      const before = await get('anonymous', `/api/documents/${docId}/articles/2`);
      expect(before.json<{ text: string }>().text).not.toMatch(/个体工商户/);
      expect((await get('anonymous', `/api/documents/${docId}/versions/3`)).statusCode).toBe(404);
      expect((await get('anonymous', `/api/documents/${docId}`)).json()).toMatchObject({ version: 2 });
      const hidden = await get('anonymous', `/api/search?q=${encodeURIComponent('个体工商户')}`);
      expect(hidden.json<{ hits: { documentId: number }[] }>().hits.map((h) => h.documentId)).not.toContain(
        docId,
      );

      const diff = await get('cityReviewer', `/api/documents/${docId}/diff?from=2&to=3`);
      const parts = diff.json<{ parts: { kind: string; text: string }[] }>().parts;
      expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual([
        '第二条 本办法适用于本市行政区域内的中小企业。\n',
      ]);
      expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual([
        '第二条 本办法适用于本市行政区域内的中小企业和个体工商户。\n',
      ]);
      expect(parts.find((p) => p.kind === 'same')!.text).toMatch(/^聊工信发〔2026〕1号/);

      await post('cityReviewer', `/api/documents/${docId}/review`, { version: 3, decision: 'approve' });
      const after = await get('anonymous', `/api/documents/${docId}/articles/2`);
      expect(after.json<{ text: string }>().text).toMatch(/个体工商户/);
      const found = await get('anonymous', `/api/search?q=${encodeURIComponent('个体工商户')}`);
      expect(found.json<{ hits: { documentId: number }[] }>().hits.map((h) => h.documentId)).toContain(docId);
    });

    it('keeps every version with its review events, and records every step in the audit trail', async () => {
      const h = (await get('cityEditor', `/api/documents/${docId}/history`)).json<{
        versions: {
          version: number;
          reviewState: string;
          current: boolean;
          events: { action: string; comment: string | null }[];
        }[];
      }>();
      expect(h.versions.map((v) => [v.version, v.reviewState, v.current])).toEqual([
        [3, 'approved', true],
        [2, 'approved', false],
        [1, 'rejected', false],
      ]);
      expect(h.versions[2]!.events.map((e) => [e.action, e.comment])).toEqual([
        ['submit', null],
        ['reject', '标题漏了“暂行”二字'],
      ]);
      const trail = await get('auditor', `/api/audit?targetId=${docId}&pageSize=50`);
      const actions = trail
        .json<{ records: { action: string; target: { kind: string } | null }[] }>()
        .records.filter((r) => r.target?.kind === 'document')
        .map((r) => r.action)
        .reverse();
      expect(actions).toEqual([
        'document.create',
        'document.submit',
        'document.reject',
        'document.correct',
        'document.submit',
        'document.approve',
        'document.correct',
        'document.submit',
        'document.approve',
      ]);
      expect(await audit.verify()).toMatchObject({ ok: true });
    });
  });

  describe('corrections', () => {
    it('gives the current text to correct, which parses back to the same document', async () => {
      const text = (await get('cityEditor', `/api/documents/${schoolBusId}/text`)).json<{ text: string }>()
        .text;
      expect(text).toMatch(/^聊政字〔2023〕9号\n/);
      expect(text).toMatch(/第三十条 /);
      // The same text again is no new version (the token may correct the platform's own documents).
      const same = await post('token', `/api/documents/${schoolBusId}/corrections`, { text });
      expect(same.json()).toMatchObject({ version: 1, changed: false });
    });

    it('names the line of a text that is not a document, and refuses a text of several documents', async () => {
      const bad = await post('cityEditor', `/api/documents/${docId}/corrections`, {
        text: '随便写的几句话。',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ line: 1 });
      expect(bad.json<{ detail: string }>().detail).toMatch(/^第1行：/);
      const two = await post('cityEditor', `/api/documents/${docId}/corrections`, {
        text: SAMPLE.toString('utf8'),
      });
      expect(two.statusCode).toBe(400);
      expect(two.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('text');
      // A skipped article number is reported with its line, for the editor to see before submitting.
      const gap = await post('cityEditor', `/api/documents/${docId}/corrections`, {
        text: notice().replace('第二条', '第四条'),
      });
      expect(gap.json<{ warnings: string[] }>().warnings[0]).toMatch(/^第\d+行：条号不连续/);
    });

    it('leaves the platform’s documents to the platform: an editor cannot correct them, the token publishes at once', async () => {
      const text = (await get('token', `/api/documents/${grainId}/text`)).json<{ text: string }>().text;
      const changed = text.replace('第一条 为加强地方储备粮管理', '第一条 为进一步加强地方储备粮管理');
      const editor = await post('cityEditor', `/api/documents/${grainId}/corrections`, { text: changed });
      expect(editor.statusCode).toBe(403);
      expect(editor.json<{ detail: string }>().detail).toMatch(/由平台统一导入/);
      const token = await post('token', `/api/documents/${grainId}/corrections`, { text: changed });
      expect(token.json()).toMatchObject({ version: 2, changed: true, reviewState: null });
      const article = await get('anonymous', `/api/documents/${grainId}/articles/1`);
      expect(article.json<{ text: string }>().text).toMatch(/^为进一步加强/);
    });
  });

  describe('repeal', () => {
    it('needs a reason, a valid 文号 of the repealing document and a date', async () => {
      const url = `/api/documents/${docId}/repeal`;
      const cases: [unknown, string][] = [
        [{ reason: ' ', docNumber: '聊政发〔2023〕3号', repealedOn: '2026-06-01' }, 'body.reason'],
        [{ reason: '已被替代', repealedOn: '2026-06-01' }, 'body.docNumber'],
        [{ reason: '已被替代', docNumber: '聊政发〔2023〕3号', repealedOn: '2026-02-30' }, 'body.repealedOn'],
      ];
      for (const [json, field] of cases) {
        const res = await post('cityEditor', url, json);
        expect(res.statusCode, JSON.stringify(json)).toBe(400);
        expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
      }
      const notANumber = await post('cityEditor', url, {
        reason: '已被替代',
        docNumber: '新办法',
        repealedOn: '2026-06-01',
      });
      expect(notANumber.statusCode).toBe(400);
      expect(notANumber.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('docNumber');
    });

    it('is asked by an editor, refused to its requester, and shown to the public once approved', async () => {
      const asked = await post('cityEditorReviewer', `/api/documents/${docId}/repeal`, {
        reason: '已被新的补助办法替代',
        docNumber: '聊政发 [2023] 3 号',
        repealedOn: '2026-06-01',
      });
      expect(asked.statusCode, asked.body).toBe(200);
      const repeal = asked.json<{ id: number }>();
      expect(repeal).toMatchObject({
        state: 'submitted',
        repealedBy: '聊政发〔2023〕3号',
        repealedByDocumentId: grainId,
      });
      expect((await get('anonymous', `/api/documents/${docId}`)).json()).toMatchObject({ repeal: null });
      expect(
        (await get('cityEditor', '/api/staff/documents'))
          .json<{ id: number; pendingRepealId: number | null }[]>()
          .find((d) => d.id === docId),
      ).toMatchObject({ pendingRepealId: repeal.id });
      const again = await post('cityEditor', `/api/documents/${docId}/repeal`, {
        reason: '重复申请',
        docNumber: '聊政发〔2023〕3号',
        repealedOn: '2026-06-01',
      });
      expect(again.statusCode).toBe(409);

      expect((await get('cityReviewer', '/api/review/repeals')).json()).toMatchObject([
        {
          id: repeal.id,
          targetLabel: '《关于印发聊城市中小企业数字化改造补助暂行办法的通知》（聊工信发〔2026〕1号）',
        },
      ]);
      const own = await post('cityEditorReviewer', `/api/repeals/${repeal.id}/review`, {
        decision: 'approve',
      });
      expect(own.statusCode).toBe(403);
      const noComment = await post('cityReviewer', `/api/repeals/${repeal.id}/review`, {
        decision: 'reject',
      });
      expect(noComment.statusCode).toBe(400);
      const approved = await post('cityReviewer', `/api/repeals/${repeal.id}/review`, {
        decision: 'approve',
      });
      expect(approved.statusCode, approved.body).toBe(200);
      const decided = await post('cityReviewer', `/api/repeals/${repeal.id}/review`, {
        decision: 'reject',
        comment: '晚了',
      });
      expect(decided.statusCode).toBe(409);

      const pub = await get('anonymous', `/api/documents/${docId}?asOf=2026-06-01`);
      expect(pub.json()).toMatchObject({
        validity: 'repealed',
        repealedOn: '2026-06-01',
        repeal: {
          on: '2026-06-01',
          reason: '已被新的补助办法替代',
          docNumber: '聊政发〔2023〕3号',
          documentId: grainId,
        },
      });
      expect((await get('anonymous', `/api/documents/${docId}?asOf=2026-05-31`)).json()).toMatchObject({
        validity: 'in-force',
      });
      const changes = await get('anonymous', '/api/changes?limit=100');
      expect(
        changes.json<{ changes: { kind: string; code: string; action: string; comment: string | null }[] }>()
          .changes,
      ).toContainEqual(
        expect.objectContaining({
          kind: 'document',
          code: String(docId),
          action: 'repeal',
          comment: '已被新的补助办法替代',
        }),
      );
      const twice = await post('cityEditor', `/api/documents/${docId}/repeal`, {
        reason: '再废止',
        docNumber: '聊政发〔2023〕3号',
        repealedOn: '2026-07-01',
      });
      expect(twice.statusCode).toBe(409);
    });

    it('lists the items of a repealed document for their owners; their validity ends with it', async () => {
      expect(
        (await send('token', { method: 'POST', url: '/api/items?status=published', json: DRIVER }))
          .statusCode,
      ).toBe(201);
      expect(await adopt('LC-XC-JSZG', people.departments.city)).toBe(true);
      const repealed = await post('token', `/api/documents/${schoolBusId}/repeal`, {
        reason: '上位法修订',
        docNumber: '聊政字〔2026〕1号',
        repealedOn: '2026-01-01',
      });
      // The token loads the platform's content: its repeal applies at once, linked to nothing the library holds.
      expect(repealed.json()).toMatchObject({ state: 'approved', repealedByDocumentId: null });
      const based = await get('cityEditor', `/api/documents/${schoolBusId}/based-items`);
      expect(based.json()).toEqual([
        expect.objectContaining({
          code: 'LC-XC-JSZG',
          status: 'published',
          ownerDepartmentId: people.departments.city,
        }),
      ]);
      const item = await get('anonymous', '/api/items/LC-XC-JSZG');
      expect(item.json<{ validity: { until: string } }>().validity.until).toBe('2025-12-31');
    });

    it('repeals an item through review; the public reads why, and the item leaves the published list', async () => {
      const county = await post('countyEditor', '/api/items/LC-XC-JSZG/repeal', {
        reason: '县里废止',
        docNumber: '临政字〔2026〕1号',
        repealedOn: '2026-01-01',
      });
      expect(county.statusCode).toBe(403);
      const asked = await post('cityEditor', '/api/items/LC-XC-JSZG/repeal', {
        reason: '所依据的文件已废止',
        docNumber: '聊政字〔2026〕1号',
        repealedOn: todayInChina(),
      });
      expect(asked.statusCode, asked.body).toBe(200);
      expect((await get('anonymous', '/api/items/LC-XC-JSZG/repeal')).statusCode).toBe(404);
      const id = asked.json<{ id: number }>().id;
      await post('cityReviewer', `/api/repeals/${id}/review`, { decision: 'approve', comment: '同意' });
      expect((await get('anonymous', '/api/items/LC-XC-JSZG/repeal')).json()).toEqual({
        on: todayInChina(),
        reason: '所依据的文件已废止',
        docNumber: '聊政字〔2026〕1号',
        documentId: null,
      });
      const list = await get('anonymous', '/api/items');
      expect(list.json<{ code: string }[]>().map((i) => i.code)).not.toContain('LC-XC-JSZG');
    });
  });
});
