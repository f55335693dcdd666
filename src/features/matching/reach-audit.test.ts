import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { CITIZEN } from '../../../test/support/people.ts';
import type { Principal } from '../../core/access/policy.ts';
import { DomainError } from '../../core/errors.ts';
import { getSegmenter } from '../../search/segmenter.ts';
import { AuditService } from '../audit/audit.service.ts';
import { ItemsService } from '../items/items.service.ts';
import { loadItemSamples } from '../items/samples.ts';
import { LibraryService } from '../library/library.service.ts';
import { ProfilesService } from '../profiles/profiles.service.ts';
import { MatchingService } from './matching.service.ts';

const DATA = new URL('../../../data/', import.meta.url).pathname;
const ASOF = '2026-11-28';
const ITEM = 'LC-XC-JSZG';

const staff: Principal = {
  accountId: 41,
  username: 'wang',
  displayName: '王编辑',
  kind: 'staff',
  staffRoles: ['editor'],
  department: { id: 3, code: 'lc-jyj', name: '聊城市教育和体育局', level: 'city', regionCode: '371500' },
  uscc: null,
  enterpriseRole: null,
  citizenId: null,
  via: 'session',
};

/**
 * "Who would this item reach" lists real persons only to a caller who states why, and records each one listed as
 * a read of their data; fictional samples are listed and not recorded.
 */
forEachBackend('reach: reads of real profiles', (backend) => {
  let audit: AuditService;
  let matching: MatchingService;
  let withoutAudit: MatchingService;

  beforeAll(async () => {
    const library = new LibraryService(backend.handle(), getSegmenter());
    const items = new ItemsService(backend.handle(), library);
    const profiles = new ProfilesService(backend.handle());
    audit = new AuditService(backend.handle(), { subjectKey: 'reach-test-audit-key-0123456789abcdef' });
    matching = new MatchingService(items, profiles, audit);
    withoutAudit = new MatchingService(items, profiles);
    await loadItemSamples(items, profiles, DATA);
    // A real person with the same facts as the first sample driver, who fits the school-bus driver item.
    await profiles.loadRecords(
      'person',
      [
        {
          citizenId: CITIZEN,
          name: '张三',
          householdRegion: '371502',
          education: '高中/中专',
          employment: '在职',
          licenceClass: 'A1',
          licensedOn: '2005-06-12',
          records: [],
          healthy: true,
          asOf: '2026-10-31',
        },
      ],
      false,
    );
  });

  const trailOf = () => audit.search({ subjectKind: 'person', subjectId: CITIZEN });

  it('counts a real person without listing them when no purpose is stated, and records nothing', async () => {
    const reach = (await matching.reach(ITEM, ASOF, 100, 0))!;
    expect(reach.withheld).toBe(1);
    expect(reach.page.every((p) => p.isSample)).toBe(true);
    expect(reach.met).toBe(reach.page.length + 1);
    expect(reach.page.some((p) => p.name === '张三')).toBe(false);
    expect((await trailOf()).total).toBe(0);
  });

  it('lists the real person for a stated purpose, masks the citizen id, and records the read', async () => {
    const reach = (await matching.reach(ITEM, ASOF, 100, 0, {
      by: staff,
      purpose: '核定校车驾驶员补贴名单',
      ip: '10.0.0.8',
    }))!;
    expect(reach.withheld).toBe(0);
    const listed = reach.page.find((p) => p.name === '张三')!;
    expect(listed).toMatchObject({ isSample: false, subject: '371502********1234' });
    const trail = await trailOf();
    expect(trail.total).toBe(1);
    expect(trail.records[0]).toMatchObject({
      actor: { kind: 'staff', name: '王编辑' },
      action: 'profile.read',
      target: { kind: 'item', id: ITEM },
      purpose: '核定校车驾驶员补贴名单',
      ip: '10.0.0.8',
      detail: { reach: ITEM, department: '聊城市教育和体育局' },
    });
    // Samples are fictional: listed, never recorded.
    expect((await audit.search({ action: 'profile.read' })).total).toBe(1);
    expect((await audit.forSubject('person', CITIZEN)).entries[0]).toMatchObject({
      who: { name: '王编辑', department: '聊城市教育和体育局' },
      purpose: '核定校车驾驶员补贴名单',
    });
  });

  it('records only the subjects on the page asked for', async () => {
    const before = (await trailOf()).total;
    const all = (await matching.reach(ITEM, ASOF, 100, 0))!;
    const realAt = (await matching.reach(ITEM, ASOF, 100, 0, {
      by: staff,
      purpose: '统计',
      ip: null,
    }))!.page.findIndex((p) => !p.isSample);
    expect(realAt).toBeGreaterThanOrEqual(0);
    const other = realAt === 0 ? 1 : 0;
    await matching.reach(ITEM, ASOF, 1, other, { by: staff, purpose: '统计', ip: null });
    expect((await trailOf()).total).toBe(before + 1); // only the listing that showed them
    expect(all.met).toBeGreaterThan(1);
  });

  it('refuses a blank purpose, naming the field', async () => {
    await expect(
      matching.reach(ITEM, ASOF, 10, 0, { by: staff, purpose: '  ', ip: null }),
    ).rejects.toMatchObject({
      constructor: DomainError,
      field: 'purpose',
    });
  });

  it('never lists real subjects when it has no audit trail to record them in', async () => {
    const reach = (await withoutAudit.reach(ITEM, ASOF, 100, 0, { by: staff, purpose: '统计', ip: null }))!;
    expect(reach.withheld).toBe(1);
    expect(reach.page.every((p) => p.isSample)).toBe(true);
  });
});
