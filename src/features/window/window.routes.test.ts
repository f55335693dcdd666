import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import {
  browserHeaders,
  CITIZEN,
  makePeople,
  sessionFor,
  USCC_A,
  USCC_B,
  type Credentials,
  type People,
} from '../../../test/support/people.ts';
import { buildApp, type App } from '../../http/app.ts';
import { loadItemSamples } from '../items/samples.ts';
import { VISIT_LIMIT_MS } from './window.service.ts';

const AUDIT_KEY = 'window-test-audit-key-0123456789abcdef';
const DATA = new URL('../../../data/', import.meta.url).pathname;
const CONSENT =
  '本人同意窗口工作人员在本次办理期间查询本人在政策通平台的画像数据，仅用于匹配和办理政策事项。';

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}
interface Visit {
  id: number;
  visitor: { kind: string; id: string };
  purpose: string | null;
  status: string;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
}
interface DataUse {
  total: number;
  entries: {
    at: string;
    who: { kind: string; name: string; department: string | null };
    action: string;
    actionLabel: string;
    purpose: string | null;
    legalBasis: string | null;
  }[];
}

/**
 * Window visits over HTTP: an officer acts for a present visitor with their recorded consent, only during the
 * visit, and every read is in the trail the visitor reads back.
 */
forEachBackend('window visits over HTTP', (backend) => {
  let built: App;
  let app: FastifyInstance;
  let people: People;
  let officer: Credentials;
  let otherOfficer: Credentials;

  const call = (
    c: Credentials | undefined,
    method: 'GET' | 'POST',
    url: string,
    body?: Record<string, unknown>,
  ) =>
    app.inject({
      method,
      url,
      headers: browserHeaders(c, body !== undefined),
      ...(body !== undefined && { payload: JSON.stringify(body) }),
    });
  const start = (c: Credentials, body: Record<string, unknown>) =>
    call(c, 'POST', '/api/window/visits', { consentText: CONSENT, consentMethod: 'signature', ...body });
  const startPerson = async (purpose?: string) => {
    const res = await start(officer, { visitorKind: 'person', citizenId: CITIZEN, purpose });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Visit>();
  };
  const dataUse = async (c: Credentials) => {
    const res = await call(c, 'GET', '/api/me/data-use');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DataUse>();
  };

  beforeAll(async () => {
    built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined, ZCT_AUDIT_KEY: AUDIT_KEY },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    await app.ready();
    people = await makePeople(built.accounts);
    const hall = (await built.accounts.department(people.departments.hall))!;
    const second = await built.accounts.createAccount({
      username: 'window-2',
      displayName: '吴窗口',
      kind: 'window',
      departmentCode: hall.code,
      password: people.password,
    });
    officer = await sessionFor(built.accounts, people.accounts.window);
    otherOfficer = await sessionFor(built.accounts, second);
    // The published sample items, and real (not sample) profiles of the test's person and enterprise A.
    await loadItemSamples(built.items, built.profiles, DATA);
    await built.profiles.loadRecords(
      'person',
      [
        {
          citizenId: CITIZEN,
          name: '张三',
          householdRegion: '371502',
          licenceClass: 'A1',
          licensedOn: '2005-06-12',
          records: [],
          healthy: true,
          asOf: '2026-10-31',
        },
      ],
      false,
    );
    await built.profiles.loadRecords(
      'enterprise',
      [{ uscc: USCC_A, name: '聊城甲轴承有限公司', region: '371500', industry: 'C3451', asOf: '2026-10-31' }],
      false,
    );
  });
  afterAll(async () => app.close());

  it('starts a visit with consent for 2 hours, and lists it as the officer’s open visit', async () => {
    const visit = await startPerson('申请校车驾驶资格');
    expect(visit.status).toBe('open');
    expect(visit.visitor).toEqual({ kind: 'person', id: '371502********1234' });
    expect(Date.parse(visit.expiresAt) - Date.parse(visit.startedAt)).toBe(VISIT_LIMIT_MS);
    const mine = (await call(officer, 'GET', '/api/window/visits')).json<Visit[]>();
    expect(mine.map((v) => v.id)).toContain(visit.id);
    const theirs = (await call(otherOfficer, 'GET', '/api/window/visits')).json<Visit[]>();
    expect(theirs.map((v) => v.id)).not.toContain(visit.id);
  });

  it('lets the officer read the visitor’s profile and matched items during the visit, recording each read', async () => {
    const visit = await startPerson('申请校车驾驶资格');
    const profile = await call(
      officer,
      'GET',
      `/api/window/visits/${visit.id}/profile?purpose=${encodeURIComponent('核对驾驶证信息')}`,
    );
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json()).toMatchObject({
      visit: { id: visit.id, status: 'open' },
      profile: { kind: 'person', name: '张三', isSample: false },
    });
    const match = await call(officer, 'GET', `/api/window/visits/${visit.id}/match?asOf=2026-11-28`);
    expect(match.statusCode, match.body).toBe(200);
    const result = match.json<{ met: unknown[]; maybe: unknown[]; notMet: unknown[] }>();
    expect(result.met.length + result.maybe.length + result.notMet.length).toBeGreaterThan(0);

    // The trail names the officer, the visit and each purpose (the visit's own when the read states none).
    const trail = await built.audit.search({ targetKind: 'visit', targetId: String(visit.id) });
    expect(trail.records.map((r) => [r.action, r.purpose, r.actor.name]).reverse()).toEqual([
      ['visit.start', '申请校车驾驶资格', '周窗口'],
      ['profile.read', '核对驾驶证信息', '周窗口'],
      ['profile.match', '申请校车驾驶资格', '周窗口'],
    ]);
    expect(trail.records[0]!.detail).toMatchObject({ visit: visit.id, department: '聊城市政务服务中心' });
    expect(trail.records.at(-1)!.detail).toMatchObject({ consentText: CONSENT, consentMethod: '现场签字' });
  });

  it('shows the visitor who read their data, when and why, in /api/me/data-use', async () => {
    const person = await sessionFor(built.accounts, people.accounts.person);
    const before = (await dataUse(person)).total;
    const visit = await startPerson('办理个人补贴');
    await call(
      officer,
      'GET',
      `/api/window/visits/${visit.id}/profile?purpose=${encodeURIComponent('核对户籍')}`,
    );
    const after = await dataUse(person);
    expect(after.total).toBe(before + 2);
    expect(after.entries[0]).toMatchObject({
      who: { kind: 'window', name: '周窗口', department: '聊城市政务服务中心' },
      action: 'profile.read',
      actionLabel: '查看画像',
      purpose: '核对户籍',
      legalBasis: expect.stringContaining('个人信息保护法') as string,
    });
    expect(after.entries[1]).toMatchObject({ action: 'visit.start', purpose: '办理个人补贴' });
    // Another subject does not see it.
    const other = await sessionFor(built.accounts, people.accounts.otherEnterpriseAdmin);
    expect((await dataUse(other)).entries.some((e) => e.purpose === '核对户籍')).toBe(false);
  });

  it('shows an enterprise’s visit to its administrator and agents, and to no other enterprise', async () => {
    const res = await start(officer, {
      visitorKind: 'enterprise',
      uscc: USCC_A,
      purpose: '企业技改奖补咨询',
    });
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json<Visit>();
    expect(visit.visitor).toEqual({ kind: 'enterprise', id: USCC_A });
    const read = await call(officer, 'GET', `/api/window/visits/${visit.id}/profile`);
    expect(read.statusCode, read.body).toBe(200);
    for (const role of ['enterpriseAdmin', 'enterpriseAgent'] as const) {
      const uses = await dataUse(await sessionFor(built.accounts, people.accounts[role]));
      expect(uses.entries[0]).toMatchObject({ action: 'profile.read', purpose: '企业技改奖补咨询' });
    }
    const b = await dataUse(await sessionFor(built.accounts, people.accounts.otherEnterpriseAdmin));
    expect(b.entries.some((e) => e.purpose === '企业技改奖补咨询')).toBe(false);
  });

  it('refuses another officer: no reading, matching or ending someone else’s visit', async () => {
    const visit = await startPerson('申请校车驾驶资格');
    const before = (await built.audit.search({ targetKind: 'visit', targetId: String(visit.id) })).total;
    for (const [method, path] of [
      ['GET', 'profile?purpose=x'],
      ['GET', 'match?purpose=x'],
      ['POST', 'end'],
    ] as const) {
      const res = await call(
        otherOfficer,
        method,
        `/api/window/visits/${visit.id}/${path}`,
        method === 'POST' ? {} : undefined,
      );
      expect(res.statusCode, `${method} ${path}`).toBe(403);
      expect(res.json<Problem>().detail).toMatch(/其他工作人员/);
    }
    expect((await built.audit.search({ targetKind: 'visit', targetId: String(visit.id) })).total).toBe(
      before,
    );
  });

  it('refuses every read once the visit has ended, in Chinese, and records the end', async () => {
    const visit = await startPerson('申请校车驾驶资格');
    const end = await call(officer, 'POST', `/api/window/visits/${visit.id}/end`, {});
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json<Visit>()).toMatchObject({ status: 'ended', endedAt: expect.any(String) as string });
    for (const path of ['profile', 'match']) {
      const res = await call(officer, 'GET', `/api/window/visits/${visit.id}/${path}?purpose=x`);
      expect(res.statusCode).toBe(403);
      expect(res.json<Problem>().detail).toMatch(/已结束.*重新取得办事人同意/);
    }
    const again = await call(officer, 'POST', `/api/window/visits/${visit.id}/end`, {});
    expect(again.statusCode).toBe(409);
    const open = (await call(officer, 'GET', '/api/window/visits')).json<Visit[]>();
    expect(open.map((v) => v.id)).not.toContain(visit.id);
    const trail = await built.audit.search({ targetKind: 'visit', targetId: String(visit.id) });
    expect(trail.records.map((r) => r.action)).toEqual(['visit.end', 'visit.start']);
  });

  it('refuses every read once the visit has expired', async () => {
    const visit = await startPerson('申请校车驾驶资格');
    await backend
      .handle()
      .db.updateTable('window_visits')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', visit.id)
      .execute();
    const res = await call(officer, 'GET', `/api/window/visits/${visit.id}/profile`);
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().detail).toMatch(/超过2小时有效期/);
    const open = (await call(officer, 'GET', '/api/window/visits')).json<Visit[]>();
    expect(open.map((v) => v.id)).not.toContain(visit.id);
  });

  it('asks for a purpose when neither the visit nor the read states one', async () => {
    const visit = await startPerson();
    expect(visit.purpose).toBeNull();
    const res = await call(officer, 'GET', `/api/window/visits/${visit.id}/profile`);
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors).toEqual([
      { field: 'purpose', message: expect.stringContaining('目的') as string },
    ]);
    const ok = await call(
      officer,
      'GET',
      `/api/window/visits/${visit.id}/profile?purpose=${encodeURIComponent('核对信息')}`,
    );
    expect(ok.statusCode).toBe(200);
  });

  it('answers 404 when the platform holds no profile of the visitor', async () => {
    const res = await start(officer, { visitorKind: 'enterprise', uscc: USCC_B, purpose: '咨询' });
    const visit = res.json<Visit>();
    const read = await call(officer, 'GET', `/api/window/visits/${visit.id}/profile`);
    expect(read.statusCode).toBe(404);
    expect(read.json<Problem>().detail).toMatch(/尚未归集/);
  });

  describe('validation names the field', () => {
    it.each([
      [{ visitorKind: 'person', citizenId: '371502199001011235' }, 'citizenId', /校验位/],
      [{ visitorKind: 'person' }, 'citizenId', /请填写/],
      [{ visitorKind: 'enterprise', uscc: '91371500MA3C8TQX1K' }, 'uscc', /校验位/],
      [{ visitorKind: 'enterprise', uscc: USCC_A, consentText: '同意' }, 'consentText', /至少20个字/],
      [{ visitorKind: 'enterprise', uscc: USCC_A, consentMethod: 'telepathy' }, 'body.consentMethod', /./],
      [{ visitorKind: 'robot', uscc: USCC_A }, 'body.visitorKind', /./],
    ] as const)('%j → %s', async (body, field, message) => {
      const res = await start(officer, body);
      expect(res.statusCode, res.body).toBe(400);
      const errors = res.json<Problem>().errors!;
      expect(errors.map((e) => e.field)).toContain(field);
      expect(errors.find((e) => e.field === field)!.message).toMatch(message);
    });
  });

  it('refuses accounts that are not window officers', async () => {
    const editor = await sessionFor(built.accounts, people.accounts.cityEditor);
    const res = await start(editor, { visitorKind: 'enterprise', uscc: USCC_A });
    expect(res.statusCode).toBe(403);
  });
});
