import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { makePeople, PASSWORD, type People } from '../../../test/support/people.ts';
import { DomainError } from '../../core/errors.ts';
import { AuditService } from '../audit/audit.service.ts';
import { listOutbox } from './accounts.repository.ts';
import { AccountsService, THROTTLE } from './accounts.service.ts';
import { OutboxNotifier } from './notifier.ts';

forEachBackend('accounts and sign-in', (backend) => {
  let clock = new Date('2025-06-01T08:00:00.000Z');
  let accounts: AccountsService;
  let people: People;
  let audit: AuditService;
  const advance = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };

  beforeAll(async () => {
    audit = new AuditService(backend.handle());
    accounts = new AccountsService(
      backend.handle(),
      new OutboxNotifier(backend.handle()),
      audit,
      { idleMinutes: 30, maxHours: 8 },
      () => clock,
    );
    people = await makePeople(accounts);
  });

  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  };

  it('stores argon2id hashes, never the password', async () => {
    const a = (await accounts.account(people.accounts.cityEditor.id))!;
    expect(a.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a.passwordHash).not.toContain(PASSWORD);
  });

  it('signs in, resolves the session by its token, ends it on sign-out, and on idling', async () => {
    const s = await accounts.signIn(people.accounts.cityEditor.username, PASSWORD, '10.0.0.1');
    expect(s.principal).toMatchObject({
      kind: 'staff',
      staffRoles: ['editor'],
      department: { level: 'city' },
    });
    expect((await accounts.resolveSession(s.token))?.csrfToken).toBe(s.csrfToken);
    expect(await accounts.resolveSession(`${s.token}x`)).toBeNull();
    await accounts.signOut(s.token);
    expect(await accounts.resolveSession(s.token)).toBeNull();

    const idle = await accounts.signIn(people.accounts.cityEditor.username, PASSWORD, '10.0.0.1');
    advance(20);
    expect(await accounts.resolveSession(idle.token)).not.toBeNull(); // used: idle time starts again
    advance(29);
    expect(await accounts.resolveSession(idle.token)).not.toBeNull();
    advance(31);
    expect(await accounts.resolveSession(idle.token)).toBeNull();
  });

  it('ends every session at its maximum age (8 h here) however busy it is: 17 uses 29 minutes apart', async () => {
    const s = await accounts.signIn(people.accounts.cityReviewer.username, PASSWORD, null);
    for (let h = 0; h < 17; h++) {
      advance(29);
      await accounts.resolveSession(s.token);
    }
    expect(await accounts.resolveSession(s.token)).toBeNull();
  });

  it('says the same for an unknown user and a wrong password, and locks after repeated failures', async () => {
    const unknown = await refusal(accounts.signIn('nobody-here', 'whatever-password', '10.0.0.9'));
    const wrong = await refusal(
      accounts.signIn(people.accounts.auditor.username, 'wrong-password-1', '10.0.0.2'),
    );
    expect(unknown.message).toBe(wrong.message);
    expect(wrong.kind).toBe('unauthenticated');
    for (let i = 1; i < THROTTLE.failures; i++)
      await refusal(accounts.signIn(people.accounts.auditor.username, 'wrong-password-1', '10.0.0.2'));
    // Locked now, even with the right password.
    const locked = await refusal(accounts.signIn(people.accounts.auditor.username, PASSWORD, '10.0.0.3'));
    expect(locked.kind).toBe('locked');
    expect(locked.message).toMatch(/分钟后再试/);
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    const [lockedRecord] = (await audit.search({ action: 'session.signInFailed' }, { page: 1, pageSize: 1 }))
      .records;
    expect(lockedRecord).toMatchObject({
      ip: '10.0.0.3',
      detail: { method: 'password', reason: 'locked', username: people.accounts.auditor.username },
    });
    advance(THROTTLE.windowMinutes + 1);
    await expect(
      accounts.signIn(people.accounts.auditor.username, PASSWORD, '10.0.0.3'),
    ).resolves.toMatchObject({
      principal: { kind: 'auditor' },
    });
  });

  it('resets a password with a one-time code sent through the message adapter, ending all sessions', async () => {
    const user = people.accounts.window.username;
    const before = await accounts.signIn(user, PASSWORD, null);
    await accounts.requestPasswordReset(user);
    await accounts.requestPasswordReset('no-such-user'); // answers the same, sends nothing
    const [message] = await listOutbox(backend.handle().db, user);
    expect(message!.subject).toBe('政策通密码重设');
    expect(await listOutbox(backend.handle().db, 'no-such-user')).toHaveLength(0);
    const code = /重设码：(\S+?)（/.exec(message!.body)![1]!;
    const weak = await refusal(accounts.resetPassword(code, '12345678901'));
    expect(weak.field).toBe('password');
    await accounts.resetPassword(code, 'A-new-password-2025');
    expect(await accounts.resolveSession(before.token)).toBeNull();
    const reused = await refusal(accounts.resetPassword(code, 'Another-password-2025'));
    expect(reused.field).toBe('code');
    await expect(accounts.signIn(user, 'A-new-password-2025', null)).resolves.toBeTruthy();
  });

  it('refuses a bad citizen id or USCC naming the field, and a second registration of an enterprise', async () => {
    const badId = await refusal(
      accounts.register({
        kind: 'person',
        username: 'bad-id',
        displayName: '某人',
        password: PASSWORD,
        citizenId: '371502199001011235',
      }),
    );
    expect(badId.field).toBe('citizenId');
    expect(badId.message).toMatch(/校验/);
    const badUscc = await refusal(
      accounts.register({
        kind: 'enterprise',
        username: 'bad-uscc',
        displayName: '某企业',
        password: PASSWORD,
        uscc: '91371500MA3C8TQX1K',
      }),
    );
    expect(badUscc.field).toBe('uscc');
    const again = await refusal(
      accounts.register({
        kind: 'enterprise',
        username: 'ent-a-again',
        displayName: '聊城甲轴承有限公司',
        password: PASSWORD,
        uscc: people.accounts.enterpriseAdmin.uscc!,
      }),
    );
    expect(again.kind).toBe('conflict');
  });

  it('lets an enterprise administrator manage only its own agents', async () => {
    const admin = await accounts.principalOf(people.accounts.enterpriseAdmin);
    const other = await accounts.principalOf(people.accounts.otherEnterpriseAdmin);
    const agent = await accounts.addAgent(admin, {
      username: 'ent-a-agent-2',
      displayName: '新经办人',
      password: PASSWORD,
    });
    expect(agent).toMatchObject({ uscc: admin.uscc, enterpriseRole: 'agent' });
    expect((await accounts.agents(other.uscc!)).map((a) => a.id)).not.toContain(agent.id);
    const foreign = await refusal(accounts.removeAgent(other, agent.id));
    expect(foreign.kind).toBe('notFound');
    await accounts.removeAgent(admin, agent.id);
    expect((await accounts.account(agent.id))!.disabled).toBe(true);
    const agentPrincipal = await accounts.principalOf(people.accounts.enterpriseAgent);
    expect(
      (
        await refusal(
          accounts.addAgent(agentPrincipal, { username: 'x-agent', displayName: 'x', password: PASSWORD }),
        )
      ).kind,
    ).toBe('forbidden');
  });
});
