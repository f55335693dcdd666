import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import {
  browserHeaders,
  CITIZEN,
  makePeople,
  PASSWORD,
  sessionFor,
  type People,
} from '../../../test/support/people.ts';
import { buildApp } from '../../http/app.ts';
import type { AuditService } from '../audit/audit.service.ts';

/** Sign-in as a browser does it: the cookie's flags, the CSRF token it gets back, and signing out. */
forEachBackend('sign-in over HTTP', (backend) => {
  let app: FastifyInstance;
  let people: People;
  let audit: AuditService;

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    audit = built.audit;
    await app.ready();
    people = await makePeople(built.accounts);
  });
  afterAll(async () => app.close());

  it('sets an HTTP-only, SameSite=Strict session cookie and hands the CSRF token to the page', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: people.accounts.person.username, password: PASSWORD }),
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^zct_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/); // plain HTTP here; over HTTPS the flag is set
    const body = signIn.json<{ csrfToken: string; principal: { kind: string; citizenId: string } }>();
    expect(body.principal.kind).toBe('person');
    expect(body.principal.citizenId).not.toBe(people.accounts.person.citizenId); // masked
    const cookie = setCookie.split(';')[0]!;

    const state = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(state.json()).toMatchObject({
      signedIn: true,
      csrfToken: body.csrfToken,
      principal: { kind: 'person' },
    });

    const out = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-csrf-token': body.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(after.json()).toEqual({ signedIn: false, principal: null, csrfToken: null });
  });

  it('answers a wrong password with 401 problem+json that does not say whether the user exists', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: people.accounts.auditor.username, password: 'not-the-password-1' }),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.json<{ detail: string }>().detail).toBe('用户名或密码不正确');
  });

  it('records sign-in, sign-out and failed sign-ins in the audit trail, never with the password', async () => {
    const signIn = (username: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username, password }),
      });
    const ok = await signIn(people.accounts.cityEditor.username, PASSWORD);
    expect(ok.statusCode).toBe(200);
    const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-csrf-token': ok.json<{ csrfToken: string }>().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await signIn(people.accounts.auditor.username, 'wrong-password-42')).statusCode).toBe(401);
    // A citizen id typed as the username is kept only masked.
    expect((await signIn(CITIZEN, 'wrong-password-43')).statusCode).toBe(401);

    const { records } = await audit.search({ action: 'session.*' }, { page: 1, pageSize: 4 });
    const editor = people.accounts.cityEditor;
    expect(records.map((r) => r.action)).toEqual([
      'session.signInFailed',
      'session.signInFailed',
      'session.signOut',
      'session.signIn',
    ]);
    const [unknown, wrong, signedOut, signedIn] = records;
    expect(signedIn).toMatchObject({
      actor: { kind: 'staff', id: String(editor.id), name: '王编辑' },
      target: { kind: 'account', id: String(editor.id) },
      ip: '127.0.0.1',
      detail: { method: 'password' },
    });
    expect(signedOut).toMatchObject({ actor: { id: String(editor.id) }, detail: { method: 'password' } });
    expect(wrong).toMatchObject({
      actor: { kind: 'system', id: null },
      target: { kind: 'account', id: String(people.accounts.auditor.id) },
      detail: { method: 'password', reason: 'wrongPassword', username: people.accounts.auditor.username },
    });
    expect(unknown).toMatchObject({
      target: null,
      detail: { reason: 'unknownUsername', username: '371502********1234' },
    });
    const text = JSON.stringify(records);
    for (const secret of [PASSWORD, 'wrong-password-42', 'wrong-password-43', CITIZEN])
      expect(text).not.toContain(secret);
  });
});

/** Every change is recorded (issue 5): what an administrator does to departments, accounts and the calendar. */
forEachBackend('administration in the audit trail', (backend) => {
  let app: FastifyInstance;
  let people: People;
  let audit: AuditService;
  let admin: Record<string, string>;

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    audit = built.audit;
    await app.ready();
    people = await makePeople(built.accounts);
    admin = browserHeaders(await sessionFor(built.accounts, people.accounts.admin), true);
  });
  afterAll(async () => app.close());

  it('records who created a department and an account, disabled it, and changed a working day', async () => {
    const post = (url: string, body: unknown, method: 'POST' | 'PUT' = 'POST') =>
      app.inject({ method, url, headers: admin, payload: JSON.stringify(body) });
    const dept = await post('/api/admin/departments', {
      code: 'lc-audit-dept',
      name: '聊城市审计测试局',
      level: 'city',
      regionCode: '371500',
    });
    expect(dept.statusCode).toBe(201);
    const created = await post('/api/admin/accounts', {
      kind: 'staff',
      username: 'audit-editor',
      displayName: '赵编辑',
      password: PASSWORD,
      staffRoles: ['editor'],
      departmentCode: 'lc-audit-dept',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: number }>().id;
    expect((await post(`/api/admin/accounts/${id}/disabled`, { disabled: true }, 'PUT')).statusCode).toBe(
      204,
    );
    const day = await post('/api/calendar/days/2025-12-31', { kind: 'holiday', name: '测试调休' }, 'PUT');
    expect(day.statusCode).toBe(200);

    const { records } = await audit.search({}, { page: 1, pageSize: 10 });
    const mine = records.filter((r) => r.actor.id === String(people.accounts.admin.id));
    expect(mine.map((r) => [r.action, r.actionLabel])).toEqual([
      ['calendar.setDay', '修改工作日历'],
      ['account.disable', '停用账号'],
      ['account.create', '创建账号'],
      ['department.create', '新建部门'],
      // The administrator's own sign-in (sessionFor, above).
      ['session.signIn', '登录'],
    ]);
    const [setDay, disabled, account] = mine;
    expect(setDay).toMatchObject({
      target: { kind: 'calendarDay', id: '2025-12-31' },
      detail: { before: null, after: { day: '2025-12-31', kind: 'holiday', name: '测试调休' } },
    });
    expect(disabled).toMatchObject({ target: { kind: 'account', id: String(id) } });
    expect(account).toMatchObject({
      target: { kind: 'account', id: String(id) },
      detail: { via: 'admin', kind: 'staff', username: 'audit-editor', staffRoles: ['editor'] },
    });
    expect(JSON.stringify(records)).not.toContain(PASSWORD);
  });
});
