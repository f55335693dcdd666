import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { CITIZEN, makePeople, USCC_A } from '../../../test/support/people.ts';
import type { Principal } from '../../core/access/policy.ts';
import { DomainError } from '../../core/errors.ts';
import { getSegmenter } from '../../search/segmenter.ts';
import { AccountsService } from '../accounts/accounts.service.ts';
import { OutboxNotifier } from '../accounts/notifier.ts';
import { AuditService } from '../audit/audit.service.ts';
import { ItemsService } from '../items/items.service.ts';
import { LibraryService } from '../library/library.service.ts';
import { MatchingService } from '../matching/matching.service.ts';
import { ProfilesService } from '../profiles/profiles.service.ts';
import { VISIT_LIMIT_MS, WindowService } from './window.service.ts';

const START = Date.parse('2026-11-30T01:30:00Z'); // 09:30 北京时间, a Monday

/** The visit's time limit, on a clock the test moves. */
forEachBackend('window visits: the time limit', (backend) => {
  let now = START;
  let window: WindowService;
  let officer: Principal;

  beforeAll(async () => {
    const handle = backend.handle();
    const accounts = new AccountsService(handle, new OutboxNotifier(handle));
    const people = await makePeople(accounts);
    officer = (await accounts.principalOf(people.accounts.window))!;
    const profiles = new ProfilesService(handle);
    const items = new ItemsService(handle, new LibraryService(handle, getSegmenter()));
    const audit = new AuditService(handle, { now: () => new Date(now) });
    window = new WindowService(handle, profiles, new MatchingService(items, profiles), audit, {
      now: () => new Date(now),
    });
    await profiles.loadRecords(
      'enterprise',
      [{ uscc: USCC_A, name: '聊城甲轴承有限公司', asOf: '2026-10-31' }],
      false,
    );
  });

  it('lets the officer read until 2 hours after consent, and not a moment longer', async () => {
    now = START;
    const visit = await window.start(
      officer,
      {
        visitorKind: 'enterprise',
        uscc: USCC_A.toLowerCase(),
        consentText: '本企业同意窗口工作人员在本次办理期间查询本企业在平台的画像数据。',
        consentMethod: 'qrCode',
        purpose: '企业开办',
      },
      null,
    );
    expect(visit.visitor.id).toBe(USCC_A); // stored as the checked code
    expect(visit.expiresAt).toBe(new Date(START + VISIT_LIMIT_MS).toISOString());

    now = START + VISIT_LIMIT_MS - 1;
    expect((await window.profile(officer, visit.id, undefined, null)).profile.name).toBe(
      '聊城甲轴承有限公司',
    );
    expect((await window.openVisits(officer)).map((v) => v.id)).toContain(visit.id);

    now = START + VISIT_LIMIT_MS;
    await expect(window.profile(officer, visit.id, undefined, null)).rejects.toMatchObject({
      constructor: DomainError,
      kind: 'forbidden',
    });
    expect((await window.openVisits(officer)).map((v) => v.id)).not.toContain(visit.id);
  });

  it('starts no visit with a person when the audit trail cannot record it (no subject key)', async () => {
    now = START;
    const before = (await window.openVisits(officer)).length;
    await expect(
      window.start(
        officer,
        {
          visitorKind: 'person',
          citizenId: CITIZEN,
          consentText: '本人同意窗口工作人员在本次办理期间查询本人在平台的画像数据。',
          consentMethod: 'idCard',
          purpose: '个人补贴',
        },
        null,
      ),
    ).rejects.toMatchObject({ field: 'subject', message: expect.stringContaining('审计主体密钥') as string });
    expect((await window.openVisits(officer)).length).toBe(before);
  });
});
