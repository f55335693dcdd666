import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { citizenIdCheckChar } from '../../core/codes/citizen-id.ts';
import { AuditInputError, AuditService, timeBounds, type AuditInput } from './audit.service.ts';
import { resetAudit, tamper } from './audit.test-support.ts';

const CITIZEN = `37150219900307123${citizenIdCheckChar('37150219900307123')}`;
const OTHER_CITIZEN = `37158119851111002${citizenIdCheckChar('37158119851111002')}`;
// Fictional enterprises of data/profiles.
const USCC = '91371581MA3GQHYK56';
const OTHER_USCC = '91371581700353173Y';

const staff = { kind: 'staff', id: 'u-17', name: '王敏' } as const;
const read = (overrides: Partial<AuditInput> = {}): AuditInput => ({
  actor: staff,
  action: 'profile.read',
  target: { kind: 'profile', id: '42' },
  subject: { kind: 'enterprise', uscc: USCC },
  purpose: '审核技术改造奖补申请',
  legalBasis: '履行法定职责',
  ip: '10.1.2.3',
  detail: { department: '市工业和信息化局' },
  ...overrides,
});

forEachBackend('audit trail', (backend) => {
  /** A clock that moves one second per call from a start time, so that records have known times. */
  const clockFrom = (iso: string) => {
    let t = Date.parse(iso);
    return () => new Date((t += 1000) - 1000);
  };
  let audit: AuditService;
  const count = async () =>
    Number(
      (
        await backend
          .handle()
          .db.selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const recordN = async (n: number) => {
    for (let i = 1; i <= n; i++) await audit.record(read({ purpose: `审核申请 ${i}` }));
  };

  beforeEach(async () => {
    await resetAudit(backend.handle());
    // A small page, so that verification crosses page boundaries even in short chains.
    audit = new AuditService(backend.handle(), { subjectKey: 'test-key-not-a-secret', pageSize: 3 });
  });

  it('appends records with seq 1, 2, 3 … and verifies the chain', async () => {
    const first = await audit.record(read());
    const second = await audit.record(read({ action: 'profile.update', purpose: null }));
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(second.at >= first.at).toBe(true);
    await recordN(8);
    const progress: number[] = [];
    const result = await audit.verify((checked) => progress.push(checked));
    expect(result).toEqual({
      ok: true,
      checked: 10,
      lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(progress).toEqual([3, 6, 9, 10]);
  });

  it('refuses to change or delete a record through SQL while the append-only triggers stand', async () => {
    await recordN(2);
    await expect(
      backend.handle().db.updateTable('audit_log').set({ purpose: '改' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/只能追加/);
    await expect(backend.handle().db.deleteFrom('audit_log').where('seq', '=', 2).execute()).rejects.toThrow(
      /只能追加/,
    );
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 2 });
  });

  it('names the record whose purpose was changed by SQL', async () => {
    await recordN(6);
    await tamper(backend.handle(), (db) =>
      db.updateTable('audit_log').set({ purpose: '随便看看' }).where('seq', '=', 4).execute(),
    );
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstBad: { seq: 4, problem: 'edited', message: '第 4 条审计记录（序号 4）内容被修改：哈希不符' },
    });
  });

  it('names a deleted record in the middle', async () => {
    await recordN(7);
    await tamper(backend.handle(), (db) => db.deleteFrom('audit_log').where('seq', '=', 3).execute());
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstBad: {
        seq: 3,
        problem: 'removed',
        message: expect.stringMatching(/^第 3 条审计记录（序号 3）已被删除/) as unknown,
      },
    });
  });

  it('detects deletion of the last record through the head', async () => {
    await recordN(5);
    await tamper(backend.handle(), (db) => db.deleteFrom('audit_log').where('seq', '=', 5).execute());
    expect(await audit.verify()).toMatchObject({
      ok: false,
      checked: 4,
      firstBad: {
        seq: 5,
        problem: 'removed',
        message: expect.stringMatching(/链头记录共 5 条，实际只有 4 条/) as unknown,
      },
    });
  });

  it('calls two swapped records reordered, at the first of them', async () => {
    await recordN(6);
    const db = backend.handle().db;
    const [two, five] = await Promise.all(
      [2, 5].map((seq) =>
        db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow(),
      ),
    );
    await tamper(backend.handle(), async (d) => {
      await d
        .updateTable('audit_log')
        .set({ ...five!, seq: 2 })
        .where('seq', '=', 2)
        .execute();
      await d
        .updateTable('audit_log')
        .set({ ...two!, seq: 5 })
        .where('seq', '=', 5)
        .execute();
    });
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstBad: {
        seq: 2,
        problem: 'reordered',
        message: '第 2 条审计记录（序号 2）位置被调换：此处是原第 5 条记录',
      },
    });
  });

  it('keeps 50 concurrent appends in one unbroken chain', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => audit.record(read({ purpose: `并发 ${i}` }))),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(await count()).toBe(50);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 50 });
  });

  it('commits a record with the change it records, and leaves none when that change rolls back', async () => {
    const db = backend.handle().db;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('zct_meta').values({ key: 'audit-test', value: 'x' }).execute();
        await audit.record(read(), trx);
        throw new Error('业务失败');
      }),
    ).rejects.toThrow('业务失败');
    expect(await count()).toBe(0);
    expect(await db.selectFrom('zct_meta').where('key', '=', 'audit-test').selectAll().execute()).toEqual([]);

    await db.transaction().execute(async (trx) => {
      await trx.insertInto('zct_meta').values({ key: 'audit-test', value: 'y' }).execute();
      // Seq 1 again: the rolled-back append left no gap.
      expect((await audit.record(read(), trx)).seq).toBe(1);
    });
    expect(await count()).toBe(1);
    await db.deleteFrom('zct_meta').where('key', '=', 'audit-test').execute();
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 1 });
  });

  it('refuses a read of personal or enterprise data without a purpose, and writes nothing', async () => {
    for (const purpose of [null, undefined, '   ']) {
      await expect(audit.record(read({ purpose }))).rejects.toMatchObject({
        name: 'AuditInputError',
        field: 'purpose',
        message: expect.stringMatching(/必须说明目的/) as unknown,
      });
    }
    await expect(
      audit.record(
        read({ action: 'profile.export', subject: { kind: 'person', citizenId: CITIZEN }, purpose: null }),
      ),
    ).rejects.toBeInstanceOf(AuditInputError);
    expect(await count()).toBe(0);
    // A change carries its purpose in the act; a sign-in is about no one's data.
    await audit.record(read({ action: 'profile.update', purpose: null }));
    await audit.record({ actor: staff, action: 'session.signIn', ip: '10.1.2.3' });
    expect(await count()).toBe(2);
  });

  it('stores a person only as a keyed pseudonym, and refuses citizen ids elsewhere', async () => {
    await audit.record(read({ subject: { kind: 'person', citizenId: CITIZEN.toLowerCase() } }));
    const row = await backend.handle().db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
    expect(row.subject_id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(CITIZEN.slice(0, 17));
    // The same key gives the same pseudonym; another key another.
    const otherKey = new AuditService(backend.handle(), { subjectKey: 'another-key' });
    expect((await audit.forSubject('person', CITIZEN)).total).toBe(1);
    expect((await otherKey.forSubject('person', CITIZEN)).total).toBe(0);
    await expect(
      new AuditService(backend.handle()).record(read({ subject: { kind: 'person', citizenId: CITIZEN } })),
    ).rejects.toThrow(/未配置审计主体密钥/);
    await expect(audit.record(read({ detail: { note: `申请人 ${CITIZEN}` } }))).rejects.toThrow(
      /不得包含公民身份号码/,
    );
    await expect(audit.record(read({ purpose: `核验 ${CITIZEN}` }))).rejects.toThrow(/不得包含公民身份号码/);
    await expect(audit.record(read({ subject: { kind: 'person', citizenId: '123' } }))).rejects.toThrow(
      /公民身份号码无效/,
    );
    expect(await count()).toBe(1);
  });

  it('searches by actor, action, target, subject, purpose and time, newest first, with the total', async () => {
    const at = new AuditService(backend.handle(), {
      subjectKey: 'test-key-not-a-secret',
      // 2024-05-01 23:59:58 北京时间 onwards, one second apart: the third record falls on 5 月 2 日.
      now: clockFrom('2024-05-01T15:59:58.000Z'),
    });
    await at.record(read());
    await at.record(read({ actor: { kind: 'staff', id: 'u-2', name: '李强' }, purpose: '100%核对' }));
    await at.record(
      read({ action: 'profile.update', purpose: null, subject: { kind: 'enterprise', uscc: OTHER_USCC } }),
    );
    await at.record(
      read({ subject: { kind: 'person', citizenId: CITIZEN }, target: { kind: 'profile', id: '7' } }),
    );
    await at.record(read({ subject: { kind: 'person', citizenId: OTHER_CITIZEN } }));
    await at.record({ actor: staff, action: 'session.signIn' });

    const seqs = async (filters: Parameters<AuditService['search']>[0]) =>
      (await at.search(filters)).records.map((r) => r.seq);
    expect(await seqs({})).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await seqs({ actor: 'u-2' })).toEqual([2]);
    expect(await seqs({ actor: '王敏' })).toEqual([6, 5, 4, 3, 1]);
    expect(await seqs({ actorKind: 'system' })).toEqual([]);
    expect(await seqs({ action: 'profile.update' })).toEqual([3]);
    expect(await seqs({ action: 'profile.*' })).toEqual([5, 4, 3, 2, 1]);
    expect(await seqs({ targetKind: 'profile', targetId: '7' })).toEqual([4]);
    expect(await seqs({ subjectKind: 'enterprise', subjectId: USCC.toLowerCase() })).toEqual([2, 1]);
    expect(await seqs({ subjectKind: 'person', subjectId: CITIZEN })).toEqual([4]);
    // % is a character to look for, not a wildcard.
    expect(await seqs({ purpose: '100%' })).toEqual([2]);
    expect(await seqs({ purpose: '0%核' })).toEqual([2]);
    expect(await seqs({ purpose: '%' })).toEqual([2]);
    expect(await seqs({ purpose: '技术改造' })).toEqual([5, 4, 1]);
    // Dates are days in 北京时间: 5 月 1 日 holds the first two records (15:59:58Z and 15:59:59Z).
    expect(await seqs({ from: '2024-05-01', to: '2024-05-01' })).toEqual([2, 1]);
    expect(await seqs({ from: '2024-05-02' })).toEqual([6, 5, 4, 3]);
    expect(await seqs({ from: '2024-05-02T00:00:01+08:00', to: '2024-05-01T16:00:02Z' })).toEqual([5, 4]);

    const page = await at.search({ action: 'profile.*' }, { page: 2, pageSize: 2 });
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.records.map((r) => r.seq)).toEqual([3, 2]);
    expect(page.records[1]).toMatchObject({
      actor: { kind: 'staff', id: 'u-2', name: '李强' },
      action: 'profile.read',
      actionLabel: '查看画像',
      target: { kind: 'profile', id: '42' },
      subject: { kind: 'enterprise', id: USCC },
      purpose: '100%核对',
      detail: { department: '市工业和信息化局' },
    });

    await expect(at.search({ subjectId: USCC })).rejects.toThrow(/主体类型/);
    await expect(at.search({ from: '2024/05/01' })).rejects.toBeInstanceOf(AuditInputError);
  });

  it('shows a data subject who used their data, when and why', async () => {
    await audit.record(read({ subject: { kind: 'person', citizenId: CITIZEN }, purpose: '核验驾驶员资格' }));
    await audit.record(read({ subject: { kind: 'person', citizenId: OTHER_CITIZEN } }));
    await audit.record(
      read({
        actor: { kind: 'system', id: null, name: '免申即享批处理' },
        action: 'profile.match',
        subject: { kind: 'person', citizenId: CITIZEN },
        purpose: '筛选免申即享对象',
        legalBasis: '聊政办字〔2023〕13号',
        detail: null,
      }),
    );
    const seen = await audit.forSubject('person', CITIZEN);
    expect(seen.total).toBe(2);
    expect(seen.entries).toEqual([
      {
        at: expect.any(String) as unknown,
        who: { kind: 'system', kindLabel: '系统', name: '免申即享批处理', department: null },
        action: 'profile.match',
        actionLabel: '按画像匹配政策',
        purpose: '筛选免申即享对象',
        legalBasis: '聊政办字〔2023〕13号',
      },
      {
        at: expect.any(String) as unknown,
        who: { kind: 'staff', kindLabel: '部门工作人员', name: '王敏', department: '市工业和信息化局' },
        action: 'profile.read',
        actionLabel: '查看画像',
        purpose: '核验驾驶员资格',
        legalBasis: '履行法定职责',
      },
    ]);
    expect((await audit.forSubject('enterprise', USCC)).total).toBe(0);
  });

  it('verifies appends made while it reads', async () => {
    await recordN(7);
    const appending: Promise<unknown>[] = [];
    const result = await audit.verify(() => {
      if (appending.length === 0) appending.push(audit.record(read({ purpose: '校验期间追加' })));
    });
    await Promise.all(appending);
    expect(result).toMatchObject({ ok: true });
    expect(result.checked).toBeGreaterThanOrEqual(7);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 8 });
  });

  it(`keeps the head in step with the log (${backend.name})`, async () => {
    await recordN(3);
    const head = await sql<{
      count: number;
      last_hash: string;
    }>`select count, last_hash from audit_head`.execute(backend.handle().db);
    const last = await backend
      .handle()
      .db.selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    expect(Number(head.rows[0]!.count)).toBe(3);
    expect(head.rows[0]!.last_hash).toBe(last.hash);
  });
});

it('reads dates as whole days in 北京时间, both ends inclusive', () => {
  expect(timeBounds('2024-05-01', '2024-05-01')).toEqual({
    fromAt: '2024-04-30T16:00:00.000Z',
    toAt: '2024-05-01T16:00:00.000Z',
  });
  expect(timeBounds(undefined, '2024-05-01T10:00:00+08:00')).toEqual({ toAt: '2024-05-01T02:00:00.001Z' });
  expect(() => timeBounds('2024-13-45')).toThrow(AuditInputError);
});
