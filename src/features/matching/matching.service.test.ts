import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { getSegmenter } from '../../search/segmenter.ts';
import { ItemsService } from '../items/items.service.ts';
import { loadItemSamples } from '../items/samples.ts';
import { LibraryService } from '../library/library.service.ts';
import { ProfilesService, ProfileValidationError } from '../profiles/profiles.service.ts';
import { MatchingService } from './matching.service.ts';

const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));
const DATA = new URL('../../../data/', import.meta.url).pathname;
const persons = JSON.parse(readFileSync(new URL('profiles/persons.json', `file://${DATA}`), 'utf8')) as {
  citizenId: string;
  name: string;
}[];
const ASOF = '2026-11-28';

forEachBackend('matching', (backend) => {
  let profiles: ProfilesService;
  let matching: MatchingService;

  beforeAll(async () => {
    const library = new LibraryService(backend.handle(), getSegmenter());
    await library.ingest(SAMPLE, 'sample.txt');
    const items = new ItemsService(backend.handle(), library);
    profiles = new ProfilesService(backend.handle());
    matching = new MatchingService(items, profiles);
    await loadItemSamples(items, profiles, DATA);
  });

  it('loads the sample profiles with every fact sourced', async () => {
    const samples = await profiles.listSamples();
    expect(samples.filter((s) => s.kind === 'person')).toHaveLength(persons.length);
    expect(readdirSync(`${DATA}/profiles`).sort()).toEqual(['enterprises.json', 'persons.json']);
    const one = (await profiles.getSample(samples.find((s) => s.kind === 'enterprise')!.id))!;
    for (const fact of Object.values(one.profile.facts)) expect(fact.source.kind).toBe('shared');
    // A citizen id is never shown whole in a list.
    const person = samples.find((s) => s.kind === 'person')!;
    expect(person.subject).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
  });

  it('refuses a profile with a bad USCC or citizen id, naming the field', () => {
    expect(() => profiles.fromRecord('enterprise', { uscc: '91371581700353173X', asOf: ASOF })).toThrow(
      ProfileValidationError,
    );
    try {
      profiles.fromRecord('person', { citizenId: '371502197804153115', asOf: ASOF });
      expect.unreachable();
    } catch (e) {
      const problems = (e as ProfileValidationError).problems;
      expect(problems.map((p) => p.field)).toEqual(['citizenId']);
      expect(problems[0]!.message).toContain('校验位');
    }
  });

  it('puts the driver item in the right list for a qualified, a near-miss and an incomplete applicant', async () => {
    const person = (facts: Record<string, unknown>) =>
      profiles.fromRecord('person', { citizenId: '371502197804153114', asOf: ASOF, ...facts });
    const qualified = await matching.match(
      person({ licenceClass: 'A1', licensedOn: '2005-06-12', records: [], healthy: true }),
      ASOF,
    );
    expect(qualified.met.map((m) => m.code)).toContain('LC-XC-JSZG');
    const m = qualified.met.find((x) => x.code === 'LC-XC-JSZG')!;
    // Licence and identity come from shared data, so the applicant need not bring them; the written
    // application proves no condition and is always needed.
    expect(m.materials.find((x) => x.id === 'licence')).toMatchObject({
      status: 'proven',
      provenBy: ['市公安局交通警察支队'],
    });
    expect(m.materials.find((x) => x.id === 'identity')).toMatchObject({ status: 'proven' });
    expect(m.materials.find((x) => x.id === 'application')).toMatchObject({ status: 'needed' });
    // Health only declared by the applicant: the medical opinion is still needed.
    const declared = person({ licenceClass: 'A1', licensedOn: '2005-06-12', records: [] });
    declared.facts['person.healthy'] = { value: true, source: { kind: 'declared' }, asOf: ASOF };
    const d = (await matching.match(declared, ASOF)).met.find((x) => x.code === 'LC-XC-JSZG')!;
    expect(d.materials.find((x) => x.id === 'medical-opinion')).toMatchObject({ status: 'needed' });

    const near = await matching.match(
      person({ licenceClass: 'A1', licensedOn: '2024-06-01', records: [], healthy: true }),
      ASOF,
    );
    const miss = near.notMet.find((x) => x.code === 'LC-XC-JSZG')!;
    expect(miss.nearMisses.join()).toMatch(/驾驶经历需满3年，当前为2年/);

    const incomplete = await matching.match(person({ licenceClass: 'A1', licensedOn: '2005-06-12' }), ASOF);
    const maybe = incomplete.maybe.find((x) => x.code === 'LC-XC-JSZG')!;
    expect(maybe.missing.join('、')).toMatch(/违法犯罪|记录/);
    expect(maybe.missing.join('、')).toMatch(/身心健康/);
  });

  it('lists an item the profile fails on its own conditions as not met, with the reason', async () => {
    const c1 = profiles.fromRecord('person', {
      citizenId: '371502197804153114',
      asOf: ASOF,
      licenceClass: 'C1',
      licensedOn: '2005-06-12',
      records: [],
      healthy: true,
    });
    const r = await matching.match(c1, ASOF);
    const driver = r.notMet.find((x) => x.code === 'LC-XC-JSZG');
    expect(driver?.reason).toMatch(/准驾车型/);
  });

  it('offers no item before its document takes effect', async () => {
    const qualified = profiles.fromRecord('person', {
      citizenId: '371502197804153114',
      asOf: ASOF,
      licenceClass: 'A1',
      licensedOn: '2005-06-12',
      records: [],
      healthy: true,
    });
    const before = await matching.match(qualified, '2023-06-30');
    const all = [...before.met, ...before.maybe, ...before.notMet].map((m) => m.code);
    expect(all).not.toContain('LC-XC-JSZG');
    expect((await matching.match(qualified, '2023-07-01')).met.map((m) => m.code)).toContain('LC-XC-JSZG');
  });

  it('never shows a person item to an enterprise', async () => {
    const e = profiles.fromRecord('enterprise', {
      uscc: '91371581700353173Y',
      region: '371581',
      industry: 'C3451',
      asOf: ASOF,
    });
    const r = await matching.match(e, ASOF);
    const all = [...r.met, ...r.maybe, ...r.notMet];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((x) => x.target !== 'person')).toBe(true);
  });

  it('counts who an item reaches among the stored profiles', async () => {
    const reach = (await matching.reach('LC-XC-JSZG', ASOF, 100, 0))!;
    expect(reach.checked).toBe(persons.length);
    expect(reach.met).toBe(reach.page.length);
    expect(reach.met).toBeGreaterThanOrEqual(8);
    expect(reach.met + reach.maybe).toBeLessThan(persons.length);
  });
});
