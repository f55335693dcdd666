import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { makePeople, sessionFor, type People } from '../../../test/support/people.ts';
import { CalendarGapError } from '../../core/calendar/types.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { buildApp, type App } from '../../http/app.ts';
import { TOKEN_PRINCIPAL } from '../../http/plugins/access.ts';
import { OutboxNotifier } from '../accounts/notifier.ts';
import { RepealService } from '../library/lifecycle-repeal.service.ts';
import { ValidityService } from './validity.service.ts';

const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));
const ITEMS = new URL('../../../data/items/', import.meta.url);
const files = readdirSync(ITEMS).filter((f) => f.endsWith('.json'));
const load = (f: string) => JSON.parse(readFileSync(new URL(f, ITEMS), 'utf8')) as Record<string, unknown>;

/**
 * The daily validity job on the sample gazette and items. Time is faked by the day passed in: 聊政字〔2023〕9号
 * (校车) is valid to 2028-06-30, 聊政发〔2023〕3号 (储备粮) to 2028-06-09, 聊政发〔2023〕4号 (城建档案) to 2028-06-30;
 * 聊政办字〔2023〕13号 (a 方案 issued 2023-05-25) has no item.
 */
forEachBackend('validity jobs', (backend) => {
  let built: App;
  let handle: DatabaseHandle;
  let people: People;
  let validity: ValidityService;

  const outbox = () =>
    handle.db.selectFrom('outbox_messages').selectAll().where('channel', '=', 'site').orderBy('id').execute();
  const setDocumentOwner = (docNumber: string, departmentId: number) =>
    handle.db
      .updateTable('documents')
      .set({ owner_department_id: departmentId })
      .where('doc_number', '=', docNumber)
      .execute();

  beforeAll(async () => {
    handle = backend.handle();
    built = await buildApp({ config: { ZCT_ADMIN_TOKEN: undefined }, database: handle, web: false });
    await built.library.ingest(SAMPLE, 'sample.txt');
    await built.items.loadDefinitions(files.map(load), files);
    people = await makePeople(built.accounts);
    await built.items.adoptIfUnowned('LC-XC-JSZG', people.departments.city);
    await built.items.adoptIfUnowned('LC-XC-SYXK', people.departments.city);
    await built.items.adoptIfUnowned('LC-LS-CCQY', people.departments.county);
    // Documents get their owners from the document console; here, directly.
    await setDocumentOwner('聊政字〔2023〕9号', people.departments.city);
    validity = new ValidityService(
      handle,
      built.items,
      built.calendar,
      new OutboxNotifier(handle),
      built.audit,
    );
  });

  it('lists 13号 as overdue from the 8th working day after its issue, counting holidays out', async () => {
    // Issued Thursday 2023-05-25: the 7th working day after is Monday 06-05 (start day not counted).
    expect(await validity.overdue(null, '2023-06-05')).toEqual([]);
    expect(await validity.overdue(null, '2023-06-06')).toEqual([
      {
        documentId: expect.any(Number) as unknown,
        docNumber: '聊政办字〔2023〕13号',
        title: '关于印发聊城市加快惠企便民政策通晓直达全面优化政策服务实施方案的通知',
        kind: '方案',
        issuedOn: '2023-05-25',
        deadline: '2023-06-05',
        workingDaysOverdue: 1,
        department: null,
      },
    ]);
    // Across 端午节 2023 (06-22..06-24 off, Sunday 06-25 worked): 06-06..06-21 are 12 working days, then 06-25 and
    // 06-26: 14 working days late on 06-26.
    const late = await validity.overdue(null, '2023-06-26');
    expect(late.map((d) => [d.docNumber, d.workingDaysOverdue])).toEqual([['聊政办字〔2023〕13号', 14]]);
  });

  it('leaves out documents with a published item, or of kinds that are not policy, or issued before 13号', async () => {
    const listed = (await validity.overdue(null, '2023-12-29')).map((d) => d.docNumber);
    // 9号 and 6号 have published items; 3号, 4号 and 7号 were issued before 2023-05-25; 聊政任〔2023〕9号 is a 任免.
    expect(listed).toEqual(['聊政办字〔2023〕13号']);
  });

  it("shows staff only their department's overdue documents", async () => {
    const city = await built.accounts.principalOf(people.accounts.cityEditor);
    const county = await built.accounts.principalOf(people.accounts.countyEditor);
    const admin = await built.accounts.principalOf(people.accounts.admin);
    expect(await validity.overdue(city, '2023-06-06')).toEqual([]);
    await setDocumentOwner('聊政办字〔2023〕13号', people.departments.city);
    expect((await validity.overdue(city, '2023-06-06')).map((d) => d.department?.name)).toEqual([
      '聊城市工业和信息化局',
    ]);
    expect(await validity.overdue(county, '2023-06-06')).toEqual([]);
    expect(await validity.overdue(admin, '2023-06-06')).toHaveLength(1);
  });

  it('refuses to count working days in a year the calendar does not have, naming the year', async () => {
    expect((await built.calendar.years()).map((y) => y.year)).not.toContain(2027);
    await expect(validity.overdue(null, '2027-03-01')).rejects.toThrow(CalendarGapError);
    await expect(validity.overdue(null, '2027-03-01')).rejects.toThrow('2027年');
    // The daily run does the rest and says what it could not do.
    const report = await validity.runDaily('2027-03-01');
    expect(report.overdueDocuments).toBeNull();
    expect(report.warnings).toEqual([expect.stringContaining('2027年的节假日安排尚未录入') as unknown]);
  });

  it('reminds the owning department 30 days before the end of validity, once per target and end', async () => {
    const before = (await outbox()).length;
    // 2028-05-30 + 30 days = 06-29: 3号 (to 06-09) is inside, so its item's owners (the county) are reminded; the
    // document itself has no owner. 9号 and its items (to 06-30) are not yet due.
    const first = await validity.runDaily('2028-05-30');
    expect(first.reminders).toEqual([
      {
        targetKind: 'item',
        targetKey: 'LC-LS-CCQY',
        title: expect.any(String) as unknown,
        endsOn: '2028-06-09',
        department: '临清市工业和信息化局',
        recipients: 1,
      },
    ]);
    const sent = (await outbox()).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipient: people.accounts.countyEditor.username,
      subject: expect.stringContaining('有效期届满评估') as unknown,
      body: expect.stringContaining('2028年6月9日届满，还有10天') as unknown,
    });

    // The same day again: nothing more.
    const again = await validity.runDaily('2028-05-30');
    expect(again.reminders).toEqual([]);
    expect(await outbox()).toHaveLength(before + 1);

    // The next day 9号 (owned by the city) and its two items come into the window; the county's is not sent again.
    const next = await validity.runDaily('2028-05-31');
    expect(next.reminders.map((r) => [r.targetKind, r.targetKey, r.endsOn, r.recipients])).toEqual([
      ['document', '聊政字〔2023〕9号', '2028-06-30', 3],
      ['item', 'LC-XC-JSZG', '2028-06-30', 3],
      ['item', 'LC-XC-SYXK', '2028-06-30', 3],
    ]);
    expect(await outbox()).toHaveLength(before + 1 + 9);
  });

  it('lists what expires soon for the department, with when its owners were told', async () => {
    const city = await built.accounts.principalOf(people.accounts.cityReviewer);
    const entries = await validity.expiring(city, '2028-06-01', 30);
    expect(entries.map((e) => [e.targetKind, e.targetKey, e.daysLeft, e.remindedAt !== null])).toEqual([
      ['document', '聊政字〔2023〕9号', 29, true],
      ['item', 'LC-XC-JSZG', 29, true],
      ['item', 'LC-XC-SYXK', 29, true],
    ]);
    // The platform sees all, including 3号 and 4号 (no owner) and the county's item.
    const all = await validity.expiring(null, '2028-06-01', 30);
    expect(all.map((e) => e.targetKey)).toEqual([
      '聊政发〔2023〕3号',
      'LC-LS-CCQY',
      '聊政发〔2023〕4号',
      '聊政字〔2023〕9号',
      'LC-XC-JSZG',
      'LC-XC-SYXK',
    ]);
    expect(all.find((e) => e.targetKey === '聊政发〔2023〕3号')).toMatchObject({
      department: null,
      remindedAt: null,
    });
  });

  it('expires items and documents once their validity has ended, with an event and an audit record, once', async () => {
    const report = await validity.runDaily('2028-07-01');
    expect(report.expiredItems.map((i) => [i.code, i.until])).toEqual([
      ['LC-LS-CCQY', '2028-06-09'],
      ['LC-XC-JSZG', '2028-06-30'],
      ['LC-XC-SYXK', '2028-06-30'],
    ]);
    expect(report.expiredDocuments.map((d) => [d.docNumber, d.until])).toEqual([
      ['聊政发〔2023〕3号', '2028-06-09'],
      ['聊政发〔2023〕4号', '2028-06-30'],
      ['聊政字〔2023〕9号', '2028-06-30'],
    ]);
    // The item's status is 'expired': the public list of published items no longer has it.
    const published = (await built.items.list({ status: 'published' })).map((i) => i.code);
    expect(published).not.toContain('LC-XC-JSZG');
    expect((await built.items.list({ status: 'expired' })).map((i) => i.code)).toEqual([
      'LC-LS-CCQY',
      'LC-XC-JSZG',
      'LC-XC-SYXK',
    ]);
    const history = await built.review.history('LC-XC-JSZG');
    expect(history.versions[0]!.events).toEqual([
      expect.objectContaining({
        action: 'expire',
        actorName: '系统',
        comment: '有效期至2028年6月30日，已届满',
      }),
    ]);
    const trail = await built.audit.search({ action: 'item.expire' }, { page: 1, pageSize: 10 });
    expect(trail.records.map((r) => [r.actor.kind, r.target?.id])).toEqual(
      expect.arrayContaining([
        ['system', 'LC-XC-JSZG'],
        ['system', 'LC-LS-CCQY'],
      ]),
    );
    const docTrail = await built.audit.search({ action: 'document.expire' }, { page: 1, pageSize: 10 });
    expect(docTrail.total).toBe(3);

    // Running again the same day, or the next, changes nothing more.
    for (const day of ['2028-07-01', '2028-07-02']) {
      const again = await validity.runDaily(day);
      expect(again.expiredItems).toEqual([]);
      expect(again.expiredDocuments).toEqual([]);
      expect(again.reminders).toEqual([]);
    }
    expect((await built.audit.search({ action: 'document.expire' }, { page: 1, pageSize: 10 })).total).toBe(
      3,
    );
    expect((await built.review.history('LC-XC-JSZG')).versions[0]!.events).toHaveLength(1);
  });

  it('deletes ended sessions and spent password reset codes', async () => {
    await sessionFor(built.accounts, people.accounts.person);
    await built.accounts.requestPasswordReset(people.accounts.person.username);
    const count = async () => ({
      sessions: Number(
        (
          await handle.db
            .selectFrom('sessions')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      resets: Number(
        (
          await handle.db
            .selectFrom('password_resets')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
    // Now: the session and the code are live, and stay.
    expect((await validity.runDaily('2028-07-03')).housekeeping).toEqual({ sessions: 0, passwordResets: 0 });
    expect(await count()).toEqual({ sessions: 1, resets: 1 });
    // Thirteen hours later both have ended (2 h idle, 12 h in all; the code after 30 minutes).
    const later = new ValidityService(
      handle,
      built.items,
      built.calendar,
      new OutboxNotifier(handle),
      built.audit,
      { now: () => new Date(Date.now() + 13 * 3600_000) },
    );
    expect((await later.runDaily('2028-07-03')).housekeeping).toEqual({ sessions: 1, passwordResets: 1 });
    expect(await count()).toEqual({ sessions: 0, resets: 0 });
  });
});

/** An item repeal approved ahead of its date: the item stays in force until the day before, then expires. */
forEachBackend('validity jobs and a repeal with a later date', (backend) => {
  let built: App;

  beforeAll(async () => {
    built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: backend.handle(),
      web: false,
    });
    await built.library.ingest(SAMPLE, 'sample.txt');
    await built.items.loadDefinitions(files.map(load), files);
    // The automation token's repeal applies at once (docs/access.md): approved, effective 2027-01-01.
    await new RepealService(backend.handle(), built.audit).request(
      TOKEN_PRINCIPAL,
      { kind: 'item', code: 'LC-XC-SYXK' },
      { reason: '并入新的校车使用许可事项', docNumber: '聊政字〔2026〕1号', repealedOn: '2027-01-01' },
    );
  });

  it('keeps the item published until its repeal date, and expires it on that date, once', async () => {
    const before = await built.validity.runDaily('2026-12-31');
    expect(before.expiredItems.map((i) => i.code)).not.toContain('LC-XC-SYXK');
    expect((await built.items.list({ status: 'published' })).map((i) => i.code)).toContain('LC-XC-SYXK');

    const on = await built.validity.runDaily('2027-01-01');
    expect(on.expiredItems.map((i) => [i.code, i.until])).toEqual([['LC-XC-SYXK', '2026-12-31']]);
    expect((await built.items.list({ status: 'expired' })).map((i) => i.code)).toEqual(['LC-XC-SYXK']);
    expect((await built.validity.runDaily('2027-01-02')).expiredItems).toEqual([]);
  });
});
