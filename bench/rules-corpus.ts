/**
 * The synthetic workload of the rules benchmark: policy items shaped like our sample items, and profiles with
 * realistic values, some of them missing. Seeded, so every run sees the same items and profiles.
 *
 * Items (政策事项):
 * - enterprise items, like the 制造业数字化转型 subsidies (聊政字〔2023〕6号): registered within one 聊城 county or
 *   the city, in one manufacturing division (C13, C14, C17, C26, C32, C33, C34, C36: the city's main
 *   industries) or in manufacturing at large, plus two to five of: scale 小型/微型, employees ≥ N, years since
 *   founding ≥ N, a qualification, tax credit A/B, not listed as dishonest;
 * - person items, like the school-bus driver (聊政字〔2023〕9号 第三十条): 户籍 within a county or the city, plus
 *   three to seven of: licence class, years since licence, age between, no records of given kinds (within a
 *   window), healthy, education, employment.
 * Most items are county items: each of the eight counties publishes its own, the city fewer.
 *
 * Profiles: half enterprises, half persons. 92% registered or resident in a 聊城 county, the rest elsewhere in
 * Shandong. Values drawn from plausible ranges; each fact missing with a small probability (region and industry
 * 0.5%, revenue 10%, total assets 15%, …), and a third of persons hold no driving licence, which our rules read
 * as unknown class and date.
 *
 * @example
 * const items = generateItems(RULES_CORPUS);
 * for (const batch of profileBatches(1_000_000, 10_000, RULES_CORPUS.seed)) match(batch);
 */
import { industriesWithin } from '../src/core/codes/industry.ts';
import type { MatchableItem } from '../src/core/matching/index.ts';
import { dayNumber, isoFromDay } from '../src/core/rules/dates.ts';
import { flatten, type FlatProfile } from '../src/core/rules/flatten.ts';
import type {
  Citation,
  Fact,
  FactValue,
  ItemCondition,
  ListRecord,
  Profile,
  Rule,
} from '../src/core/rules/types.ts';
import { BASE_CATALOGUE } from '../src/core/rules/variables.ts';
import { pick, randomInt, seededRandom, shuffle } from './stats.ts';

export const RULES_CORPUS = {
  items: 5_000,
  enterpriseShare: 0.6,
  /** Items restricted to one county; the rest are city-wide. */
  countyShare: 0.85,
  /** Enterprise items restricted to one division; the rest to manufacturing (C) as a whole. */
  divisionShare: 0.9,
  seed: 20230509,
  asOf: '2025-06-01',
} as const;
export type RulesCorpusOptions = typeof RULES_CORPUS;

/** GB/T 2260: 聊城市 and its eight county-level divisions. */
export const CITY = '371500';
export const COUNTIES = ['371502', '371503', '371521', '371522', '371524', '371525', '371526', '371581'];
/** Elsewhere in Shandong: 济南市历下区, 德州市德城区, 济宁市任城区. */
const ELSEWHERE = ['370102', '371402', '370811'];
export const DIVISIONS = ['C13', 'C14', 'C17', 'C26', 'C32', 'C33', 'C34', 'C36'];
/** Industries of enterprises outside the items' divisions: other manufacturing, building, trade, software. */
const OTHER_INDUSTRIES = ['C18', 'C22', 'C30', 'C38', 'C39', 'E47', 'F51', 'F52', 'I65'];

const QUALIFICATIONS = BASE_CATALOGUE.get('enterprise.qualifications')!.values!;
const RECORD_KINDS = BASE_CATALOGUE.get('person.records')!.fields!.kind!.values!;
const EDUCATION = BASE_CATALOGUE.get('person.education')!.values!;
const EMPLOYMENT = BASE_CATALOGUE.get('person.employment')!.values!;

const classesOf = (codes: readonly string[]) =>
  codes.flatMap((c) => industriesWithin(c, 'class').map((i) => i.code));
const ITEM_CLASSES = classesOf(DIVISIONS);
const OTHER_CLASSES = classesOf(OTHER_INDUSTRIES);

type Rnd = () => number;

/** Picks by weight: [[value, weight], …]. */
function weighted<T>(rnd: Rnd, table: ReadonlyArray<readonly [T, number]>): T {
  let x = rnd() * table.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1]![0];
}

const leaf = (rule: Rule, cite: Citation): Rule => ({ ...rule, cite });
const within = (variable: string, code: string): Rule => ({ op: 'within', left: { var: variable }, code });

export function generateItems(options: RulesCorpusOptions = RULES_CORPUS): MatchableItem[] {
  const rnd = seededRandom(options.seed);
  const items: MatchableItem[] = [];
  for (let n = 1; n <= options.items; n++) {
    const enterprise = rnd() < options.enterpriseShare;
    // Synthetic documents: one per item, each condition citing its own article.
    const doc = `基准〔2025〕${n}号`;
    let article = 0;
    const cite = (): Citation => ({ doc, article: ++article });
    const region = rnd() < options.countyShare ? pick(rnd, COUNTIES) : CITY;
    const conditions = enterprise ? enterpriseConditions(rnd, options) : personConditions(rnd);
    const head = enterprise
      ? [within('enterprise.region', region), conditions.shift()!]
      : [within('person.householdRegion', region)];
    items.push({
      key: `BENCH-${String(n).padStart(5, '0')}`,
      target: enterprise ? 'enterprise' : 'person',
      kind: enterprise
        ? pick(rnd, ['减免', '奖补', '奖补', '权益', '资质'])
        : pick(rnd, ['权益', '资质', '行政许可', '公共服务']),
      rule: { op: 'all', of: [...head, ...conditions].map((r) => leaf(r, cite())) },
      catalogue: BASE_CATALOGUE,
    });
  }
  return items;
}

/** The industry condition first, then two to five others. */
function enterpriseConditions(rnd: Rnd, options: RulesCorpusOptions): Rule[] {
  const industry = within('enterprise.industry', rnd() < options.divisionShare ? pick(rnd, DIVISIONS) : 'C');
  const optional: Array<() => Rule> = [
    () => ({
      op: 'in',
      left: { var: 'enterprise.scale' },
      values: rnd() < 0.7 ? ['小型', '微型'] : ['中型', '小型', '微型'],
    }),
    () => ({
      op: 'cmp',
      left: { var: 'enterprise.employees' },
      cmp: '>=',
      right: pick(rnd, [10, 20, 50, 100, 300]),
    }),
    () => ({
      op: 'cmp',
      left: { var: 'enterprise.yearsSinceFounding' },
      cmp: '>=',
      right: randomInt(rnd, 1, 10),
    }),
    () => ({ op: 'has', left: { var: 'enterprise.qualifications' }, value: pick(rnd, QUALIFICATIONS) }),
    () => ({ op: 'in', left: { var: 'enterprise.taxCredit' }, values: rnd() < 0.5 ? ['A'] : ['A', 'B'] }),
    () => ({ op: 'cmp', left: { var: 'enterprise.dishonest' }, cmp: '=', right: false }),
  ];
  return [
    industry,
    ...shuffle(rnd, optional)
      .slice(0, randomInt(rnd, 2, 5))
      .map((make) => make()),
  ];
}

function personConditions(rnd: Rnd): Rule[] {
  const noRecords = (): Rule => {
    const kinds = shuffle(rnd, [...RECORD_KINDS]).slice(0, randomInt(rnd, 1, 3));
    const kind: ItemCondition = { op: 'in', field: 'kind', values: kinds };
    const where: ItemCondition =
      rnd() < 0.4
        ? {
            op: 'and',
            of: [kind, { op: 'withinLast', field: 'on', amount: pick(rnd, [12, 36]), unit: 'months' }],
          }
        : kind;
    return { op: 'count', list: 'person.records', where, cmp: '=', right: 0 };
  };
  const [min, max] = pick(rnd, [
    [18, 35],
    [25, 60],
    [18, 60],
    [16, 45],
    [45, 60],
  ] as const);
  const optional: Array<() => Rule> = [
    () => ({
      op: 'in',
      left: { var: 'person.licenceClass' },
      values: pick(rnd, [
        ['A1', 'A2', 'A3', 'B1', 'B2'],
        ['A1', 'A2', 'A3', 'B1', 'B2', 'C1'],
        ['A1', 'B1'],
      ]),
    }),
    () => ({ op: 'cmp', left: { yearsSince: 'person.licensedOn' }, cmp: '>=', right: randomInt(rnd, 1, 5) }),
    () => ({ op: 'between', left: { var: 'person.age' }, min, max }),
    noRecords,
    noRecords,
    () => ({ op: 'cmp', left: { var: 'person.healthy' }, cmp: '=', right: true }),
    () => ({ op: 'in', left: { var: 'person.education' }, values: shuffle(rnd, [...EDUCATION]).slice(0, 3) }),
    () => ({
      op: 'in',
      left: { var: 'person.employment' },
      values: shuffle(rnd, [...EMPLOYMENT]).slice(0, 2),
    }),
  ];
  return shuffle(rnd, optional)
    .slice(0, randomInt(rnd, 3, 7))
    .map((make) => make());
}

export interface BenchProfile {
  entity: 'enterprise' | 'person';
  profile: Profile;
  flat: FlatProfile;
  /** Every variable the rules read is present (and the scale could be derived): outcomes are never unknown. */
  complete: boolean;
}

const SOURCE = { kind: 'shared', department: '基准测试' } as const;
const AS_OF_DAY = dayNumber(RULES_CORPUS.asOf)!;
const day = (iso: string) => dayNumber(iso)!;

/** Profiles in batches, so that a million need not be held at once. */
export function* profileBatches(total: number, batchSize: number, seed: number): Generator<BenchProfile[]> {
  const rnd = seededRandom(seed ^ 0x5f3759df);
  for (let done = 0; done < total; done += batchSize) {
    const batch: BenchProfile[] = [];
    for (let i = 0; i < Math.min(batchSize, total - done); i++)
      batch.push(rnd() < 0.5 ? enterpriseProfile(rnd) : personProfile(rnd));
    yield batch;
  }
}

export function generateProfiles(total: number, seed: number): BenchProfile[] {
  return [...profileBatches(total, total, seed)].flat();
}

/** Adds the facts that are present; counts the missing ones. */
function facts(rnd: Rnd, values: Array<[id: string, value: FactValue | undefined, missing: number]>) {
  const out: Record<string, Fact> = {};
  let missing = 0;
  for (const [id, value, p] of values) {
    if (value === undefined || rnd() < p) missing++;
    else out[id] = { value, source: SOURCE, asOf: RULES_CORPUS.asOf };
  }
  return { facts: out, missing };
}

function enterpriseProfile(rnd: Rnd): BenchProfile {
  const employees = Math.round(Math.exp(rnd() * Math.log(3000)));
  const revenue = Math.round(employees * (20 + rnd() * 130));
  const qualifications = QUALIFICATIONS.filter((_, i) => rnd() < [0.15, 0.1, 0.02, 0.3, 0.2, 0.03][i]!);
  const { facts: f, missing } = facts(rnd, [
    ['enterprise.region', rnd() < 0.92 ? pick(rnd, COUNTIES) : pick(rnd, ELSEWHERE), 0.005],
    ['enterprise.industry', pick(rnd, rnd() < 0.75 ? ITEM_CLASSES : OTHER_CLASSES), 0.005],
    ['enterprise.foundedOn', isoFromDay(randomInt(rnd, day('1990-01-01'), day('2024-12-31'))), 0.01],
    ['enterprise.employees', employees, 0.05],
    ['enterprise.revenue', revenue, 0.1],
    ['enterprise.totalAssets', Math.round(revenue * (0.5 + rnd() * 1.5)), 0.15],
    [
      'enterprise.taxCredit',
      weighted(rnd, [
        ['A', 30],
        ['B', 50],
        ['M', 10],
        ['C', 7],
        ['D', 3],
      ]),
      0.1,
    ],
    ['enterprise.qualifications', qualifications, 0.2],
    ['enterprise.dishonest', rnd() < 0.03, 0.05],
  ]);
  const profile: Profile = { kind: 'enterprise', facts: f };
  const flat = flatten(profile, BASE_CATALOGUE);
  return {
    entity: 'enterprise',
    profile,
    flat,
    complete: missing === 0 && flat['enterprise.scale'] !== undefined,
  };
}

function personProfile(rnd: Rnd): BenchProfile {
  const born = randomInt(rnd, day('1945-01-01'), day('2007-12-31'));
  // About two thirds of adults hold a licence, taken between 18 and 40.
  const licensed = rnd() < 0.65 && born + 18 * 366 < AS_OF_DAY - 30;
  const licensedOn = Math.min(born + randomInt(rnd, 18 * 366, 40 * 365), AS_OF_DAY - 30);
  const records: ListRecord[] =
    rnd() < 0.75
      ? []
      : Array.from({ length: randomInt(rnd, 1, 3) }, () => ({
          kind: weighted(
            rnd,
            RECORD_KINDS.map((k, i) => [k, [30, 3, 10, 3, 8, 3, 2, 1][i]!] as const),
          ),
          on: isoFromDay(randomInt(rnd, AS_OF_DAY - 3650, AS_OF_DAY)),
        }));
  const { facts: f, missing } = facts(rnd, [
    ['person.householdRegion', rnd() < 0.92 ? pick(rnd, COUNTIES) : pick(rnd, ELSEWHERE), 0.005],
    ['person.birthDate', isoFromDay(born), 0.01],
    [
      'person.licenceClass',
      licensed
        ? weighted(rnd, [
            ['C1', 60],
            ['C2', 10],
            ['B2', 10],
            ['A1', 5],
            ['A2', 5],
            ['A3', 5],
            ['B1', 5],
          ])
        : undefined,
      0,
    ],
    ['person.licensedOn', licensed ? isoFromDay(licensedOn) : undefined, 0],
    ['person.records', records, 0.05],
    ['person.healthy', rnd() < 0.95, 0.03],
    ['person.education', pick(rnd, EDUCATION), 0.1],
    ['person.employment', pick(rnd, EMPLOYMENT), 0.1],
  ]);
  const profile: Profile = { kind: 'person', facts: f };
  return { entity: 'person', profile, flat: flatten(profile, BASE_CATALOGUE), complete: missing === 0 };
}
