import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { buildApp } from '../../http/app.ts';
import { loadItemSamples } from '../items/samples.ts';

const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));
const DATA = new URL('../../../data/', import.meta.url).pathname;
const TOKEN = 'test-admin-token-0123456789abcdef';
const ASOF = '2026-11-28';

interface Question {
  variable: string;
  input: string;
  options?: string[];
}
interface CalcBody {
  results: Record<'met' | 'maybe' | 'notMet', { key: string }[]>;
  questions: Question[];
}

forEachBackend('policy items, matching and the calculator over HTTP', (backend) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: TOKEN },
      database: backend.handle(),
      web: false,
    });
    app = built.app;
    await built.library.ingest(SAMPLE, 'sample.txt');
    await loadItemSamples(built.items, built.profiles, DATA);
    await app.ready();
  });
  afterAll(async () => app.close());

  /**
   * Answers the calculator's questions one at a time, as an applicant would, until the item is settled.
   * Returns the number of questions asked and the final list the item is in.
   */
  async function settle(answersFor: Record<string, unknown>, none: string[] = []) {
    const answers: Record<string, unknown> = {};
    const said: string[] = [];
    for (let asked = 0; asked <= 10; asked++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/calculator',
        payload: { kind: 'person', answers, none: said, items: ['LC-XC-JSZG'], asOf: ASOF },
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<CalcBody>();
      const list = (['met', 'notMet', 'maybe'] as const).find((l) =>
        body.results[l].some((r) => r.key === 'LC-XC-JSZG'),
      )!;
      if (list !== 'maybe') return { asked, list };
      const q = body.questions[0]!;
      expect(q.variable in answersFor || none.includes(q.variable), `unexpected question ${q.variable}`).toBe(
        true,
      );
      if (none.includes(q.variable)) said.push(q.variable);
      else answers[q.variable] = answersFor[q.variable];
    }
    throw new Error('the calculator kept asking');
  }

  it('settles the school-bus driver item in at most 6 questions', async () => {
    const qualified = await settle({
      'person.birthDate': '1980-05-01',
      'person.licenceClass': 'B1',
      'person.licensedOn': '2010-01-01',
      'person.records': [],
      'person.healthy': true,
    });
    expect(qualified.list).toBe('met');
    expect(qualified.asked).toBeLessThanOrEqual(6);

    const tooYoung = await settle({
      'person.birthDate': '2003-01-01',
      'person.licenceClass': 'B1',
      'person.licensedOn': '2021-01-01',
      'person.records': [],
      'person.healthy': true,
    });
    expect(tooYoung.list).toBe('notMet');
    expect(tooYoung.asked).toBeLessThanOrEqual(6);

    const drunk = await settle({
      'person.birthDate': '1980-05-01',
      'person.licenceClass': 'A1',
      'person.licensedOn': '2001-01-01',
      'person.records': [{ kind: '醉酒驾驶', on: '2019-03-02' }],
      'person.healthy': true,
    });
    expect(drunk.list).toBe('notMet');
    expect(drunk.asked).toBeLessThanOrEqual(6);

    const noLicence = await settle(
      { 'person.birthDate': '1990-01-01', 'person.records': [], 'person.healthy': true },
      ['person.licenceClass', 'person.licensedOn'],
    );
    expect(noLicence.list).toBe('notMet');
    expect(noLicence.asked).toBeLessThanOrEqual(6);
  });

  it('refuses an answer of the wrong type or to a question that does not exist, naming it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/calculator',
      payload: {
        kind: 'person',
        answers: {
          'person.birthDate': '1980-13-01',
          'person.shoeSize': 42,
          'person.records': [{ kind: '记满分', on: '2025-13-01' }],
        },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields.sort()).toEqual([
      'answers.person.birthDate',
      'answers.person.records[0].on',
      'answers.person.shoeSize',
    ]);
  });

  it('matches a sample profile, and refuses a typed-in profile with a bad USCC naming the field', async () => {
    const samples = (await app.inject('/api/profiles/samples?kind=enterprise')).json<{ id: number }[]>();
    expect(samples.length).toBeGreaterThanOrEqual(25);
    const res = await app.inject({
      method: 'POST',
      url: '/api/match',
      payload: { sampleId: samples[0]!.id, asOf: ASOF },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ met: unknown[]; maybe: unknown[]; notMet: unknown[]; examined: number }>();
    expect(body.met.length + body.maybe.length + body.notMet.length).toBe(body.examined);

    // What a visitor types is their own declaration, never a department's shared data.
    const typed = await app.inject({
      method: 'POST',
      url: '/api/match',
      payload: {
        record: { kind: 'person', fields: { citizenId: '371502197804153114', licenceClass: 'B1' } },
        asOf: ASOF,
      },
    });
    expect(typed.statusCode).toBe(200);
    const lists =
      typed.json<
        Record<'met' | 'maybe' | 'notMet', { explanation: { used: { source: { kind: string } }[] } }[]>
      >();
    const used = [...lists.met, ...lists.maybe, ...lists.notMet].flatMap((m) => m.explanation.used);
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((u) => u.source.kind === 'declared' || u.source.kind === 'derived')).toBe(true);

    const bad = await app.inject({
      method: 'POST',
      url: '/api/match',
      payload: { record: { kind: 'enterprise', fields: { uscc: '91371581700353173X', region: '371581' } } },
    });
    expect(bad.statusCode).toBe(400);
    const errors = bad.json<{ errors: { field: string; message: string }[] }>().errors;
    expect(errors.map((e) => e.field)).toEqual(['record.fields.uscc']);
    expect(errors[0]!.message).toMatch(/校验/);
  });

  it('serves an item page with every condition citing its article, and refuses an unknown variable on save', async () => {
    const item = (await app.inject('/api/items/LC-XC-SYXK')).json<{
      conditions: { children: { cite: string; quote: { text: string } }[] };
      definition: { materials: unknown[]; process: { workingDays?: number }[] };
    }>();
    expect(item.definition.materials).toHaveLength(9);
    expect(item.definition.process.map((p) => p.workingDays ?? null)).toEqual([3, 3, 5, null, 3, 3]);
    for (const c of item.conditions.children) {
      expect(c.cite).toMatch(/^聊政字〔2023〕9号 第二十二条/);
      expect(c.quote.text.length).toBeGreaterThan(3);
    }

    const draft = JSON.parse(readFileSync(`${DATA}items/lc-xc-driver.json`, 'utf8')) as Record<
      string,
      string
    >;
    const res = await app.inject({
      method: 'POST',
      url: '/api/items',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: {
        ...draft,
        code: 'LC-TEST-HTTP',
        ruleText: draft.ruleText!.replace('person.age', 'person.agee'),
      },
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json<{ errors: { field: string; message: string }[] }>().errors;
    expect(errors[0]!.field).toBe('rule.all[2]');
    expect(errors[0]!.message).toContain('person.agee');
  });
});
