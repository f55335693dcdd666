import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
import { SubjectsService } from './subjects.service.ts';

const AUDIT_KEY = 'subjects-test-audit-key-0123456789abcdef';

/** A data subject's push preference over HTTP: stored per subject, audited, and what the push feature asks. */
forEachBackend('data subjects’ preferences over HTTP', (backend) => {
  let built: App;
  let app: FastifyInstance;
  let people: People;
  let subjects: SubjectsService;
  const as = async (role: keyof People['accounts']) => sessionFor(built.accounts, people.accounts[role]);
  const get = async (c: Credentials) => {
    const res = await app.inject({ method: 'GET', url: '/api/me/preferences', headers: browserHeaders(c) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ personalisedPush: boolean; updatedAt: string | null }>();
  };
  const put = (c: Credentials, body: unknown) =>
    app.inject({
      method: 'PUT',
      url: '/api/me/preferences',
      headers: browserHeaders(c, true),
      payload: JSON.stringify(body),
    });

  beforeAll(async () => {
    built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined, ZCT_AUDIT_KEY: AUDIT_KEY },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    await app.ready();
    people = await makePeople(built.accounts);
    subjects = new SubjectsService(backend.handle(), built.audit);
  });
  afterAll(async () => app.close());

  it('has personalised push on until the person switches it off, and round-trips the change', async () => {
    const person = await as('person');
    expect(await get(person)).toEqual({ personalisedPush: true, updatedAt: null });
    expect(await subjects.allowsPersonalisedPush('person', CITIZEN)).toBe(true);

    const off = await put(person, { personalisedPush: false });
    expect(off.statusCode, off.body).toBe(200);
    const stored = await get(person);
    expect(stored.personalisedPush).toBe(false);
    expect(stored.updatedAt).toBe(off.json<{ updatedAt: string }>().updatedAt);
    expect(await subjects.allowsPersonalisedPush('person', CITIZEN)).toBe(false);
    // The lower-case check character is the same person.
    expect(await subjects.allowsPersonalisedPush('person', ` ${CITIZEN.toLowerCase()} `)).toBe(false);

    expect((await put(person, { personalisedPush: true })).statusCode).toBe(200);
    expect((await get(person)).personalisedPush).toBe(true);
    expect(await subjects.allowsPersonalisedPush('person', CITIZEN)).toBe(true);
  });

  it('records each change in the trail the subject reads back', async () => {
    const person = await as('person');
    await put(person, { personalisedPush: false });
    const res = await app.inject({ method: 'GET', url: '/api/me/data-use', headers: browserHeaders(person) });
    const latest = res.json<{ entries: { action: string; actionLabel: string; who: { name: string } }[] }>()
      .entries[0]!;
    expect(latest).toMatchObject({ action: 'preference.update', actionLabel: '修改个性化推送设置' });
    expect(latest.who.name).toBe('张三');
    const trail = await built.audit.search({
      action: 'preference.update',
      subjectKind: 'person',
      subjectId: CITIZEN,
    });
    expect(trail.records[0]!.detail).toEqual({ personalisedPush: false });
  });

  it('keeps one setting per enterprise, shared by its administrator and agents, and apart from others', async () => {
    expect((await put(await as('enterpriseAgent'), { personalisedPush: false })).statusCode).toBe(200);
    expect((await get(await as('enterpriseAdmin'))).personalisedPush).toBe(false);
    expect((await get(await as('otherEnterpriseAdmin'))).personalisedPush).toBe(true);
    expect(await subjects.allowsPersonalisedPush('enterprise', USCC_A)).toBe(false);
    expect(await subjects.allowsPersonalisedPush('enterprise', USCC_B)).toBe(true);
    const trail = await built.audit.search({
      action: 'preference.update',
      subjectKind: 'enterprise',
      subjectId: USCC_A,
    });
    expect(trail.records[0]!.actor.name).toBe('李四（经办人）');
  });

  it('refuses a body that is not a yes or no, naming the field, and changes nothing', async () => {
    const person = await as('person');
    await put(person, { personalisedPush: true });
    const res = await put(person, { personalisedPush: 'no' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'body.personalisedPush',
    ]);
    expect((await get(person)).personalisedPush).toBe(true);
  });

  it('does not allow push to an id that does not check out', async () => {
    expect(await subjects.allowsPersonalisedPush('person', '371502199001011235')).toBe(false);
    expect(await subjects.allowsPersonalisedPush('enterprise', 'not-a-uscc')).toBe(false);
  });

  it('refuses accounts that are not a data subject', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/me/preferences',
      headers: browserHeaders(await as('window')),
    });
    expect(res.statusCode).toBe(403);
  });
});
