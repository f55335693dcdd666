import fc from 'fast-check';
import { citizenIdCheckChar } from '../codes/citizen-id.ts';
import { toChineseNumber } from '../gazette/numerals.ts';
import { classifyScale } from '../codes/enterprise-scale.ts';
import { addPeriod, completedPeriods, dayNumber, isoFromDay } from './dates.ts';
import type {
  Citation,
  CmpOp,
  Fact,
  FactValue,
  ItemCondition,
  Literal,
  Operand,
  ParameterDef,
  Profile,
  Rule,
  SinceUnit,
  Source,
  Value,
} from './types.ts';
import { BASE_CATALOGUE } from './variables.ts';

/**
 * fast-check arbitraries for the property tests: well-typed rules over the base catalogue, profiles with
 * gaps and garbage, and consistent "worlds" whose subsets are partial knowledge of one real entity.
 * Test support only (imported by *.test.ts).
 */

export const PARAMETERS: ParameterDef[] = [
  {
    id: 'threshold',
    label: '人数门槛',
    values: [
      { from: '2020-01-01', value: 20 },
      { from: '2026-01-01', value: 10 },
    ],
  },
  { id: 'future', label: '尚未生效的门槛', values: [{ from: '2030-01-01', value: 3 }] },
  { id: 'cutoff', label: '成立日期界限', values: [{ from: '2000-01-01', value: '2010-06-30' }] },
  { id: 'scale', label: '规模', values: [{ from: '2000-01-01', value: '小型' }] },
];

const DOCS = ['聊政字〔2023〕9号', '聊政发〔2023〕3号', '公安部令第162号', '第5号'];
const CMPS: CmpOp[] = ['=', '!=', '<', '<=', '>', '>='];
const NUMERIC = [
  'enterprise.registeredCapital',
  'enterprise.employees',
  'enterprise.revenue',
  'enterprise.totalAssets',
  'person.age',
  'person.drivingYears',
  'enterprise.yearsSinceFounding',
];
const DATES = ['enterprise.foundedOn', 'person.birthDate', 'person.licensedOn'];
const ENUMS = [
  'enterprise.taxCredit',
  'enterprise.scale',
  'person.sex',
  'person.education',
  'person.employment',
  'person.licenceClass',
];
const STRINGS = ['enterprise.name', 'person.name'];
const BOOLEANS = ['enterprise.dishonest', 'person.healthy'];
const REGIONS = ['enterprise.region', 'person.householdRegion'];
const REGION_CODES = ['370000', '371500', '371502', '371581', '110000', '110105'];
const INDUSTRY_CODES = ['C', 'C34', 'C345', 'C3451', 'A01', 'A0111', 'I65', 'F5111'];
const KINDS = BASE_CATALOGUE.get('person.records')!.fields!.kind!.values!;
const UNITS: SinceUnit[] = ['years', 'months', 'days'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const values = (id: string) => BASE_CATALOGUE.get(id)!.values!;
const isoArb = (from: string, to: string) =>
  fc.integer({ min: dayNumber(from)!, max: dayNumber(to)! }).map((d) => isoFromDay(d));
/** Dates that stress the calendar: month ends and 29 February, and a few that recur so that values meet. */
const POOL = ['2000-02-29', '2020-02-29', '2024-02-29', '2025-02-28', '2023-12-31', '2001-03-01'];
const trickyDate = fc.oneof(
  isoArb('1940-01-01', '2035-12-31'),
  pick(POOL),
  fc
    .tuple(
      fc.integer({ min: 1940, max: 2035 }),
      fc.constantFrom('-02-28', '-02-29', '-03-31', '-12-31', '-01-31'),
    )
    .map(([y, md]) => `${y}${md}`)
    .filter((d) => dayNumber(d) !== null),
);
/** Amounts that rules and data share, so that thresholds and windows are hit exactly. */
export const AMOUNTS = [1, 2, 3, 12, 18, 25, 36, 60];
/** A date on or next to a boundary seen from `asOf`: asOf minus a shared amount of years, months or days, ±1 day. */
export const dateNear = (asOf: string): fc.Arbitrary<string> =>
  fc.oneof(
    trickyDate,
    fc
      .tuple(pick(AMOUNTS), pick(['years', 'months', 'days'] as const), pick([-1, 0, 1]))
      .map(([amount, unit, delta]) => isoFromDay(addPeriod(dayNumber(asOf)!, unit, -amount) + delta)),
  );

/** An outline section of a plan without articles: 三、 / 三、（三） / 三、（三）2. */
const section = fc
  .tuple(
    fc.integer({ min: 1, max: 12 }),
    fc.option(fc.integer({ min: 1, max: 12 })),
    fc.option(fc.integer({ min: 1, max: 9 })),
  )
  .map(([a, b, c]) => {
    const cn = (n: number) => toChineseNumber(n);
    return `${cn(a)}、${b === null ? '' : `（${cn(b)}）${c === null ? '' : `${c}.`}`}`;
  });

const cite = (doc: string): fc.Arbitrary<Citation> =>
  fc.oneof(
    { weight: 1, arbitrary: section.map((s): Citation => ({ doc, section: s })) },
    { weight: 4, arbitrary: articleCite(doc) },
  );

const articleCite = (doc: string): fc.Arbitrary<Citation> =>
  fc
    .record(
      {
        article: fc.integer({ min: 1, max: 120 }),
        paragraph: fc.integer({ min: 1, max: 5 }),
        items: fc.oneof(
          fc.tuple(fc.integer({ min: 1, max: 12 })),
          fc
            .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 5 }))
            .map(([a, d]): [number, number] => [a, a + d]),
        ),
      },
      { requiredKeys: ['article'] },
    )
    .map((c) => ({ doc, ...c }));

const since = (): fc.Arbitrary<{ left: Operand; unit: SinceUnit }> =>
  fc.tuple(pick(DATES), pick(UNITS)).map(([v, unit]) => ({
    left: unit === 'years' ? { yearsSince: v } : unit === 'months' ? { monthsSince: v } : { daysSince: v },
    unit,
  }));

const sinceAmount = (unit: SinceUnit) =>
  fc.oneof(
    pick(AMOUNTS),
    // Thresholds that are not whole: periods ≥ 2.25 is periods ≥ 3, periods ≤ 2.75 is periods ≤ 2.
    fc.tuple(pick(AMOUNTS), pick([0.25, 0.75])).map(([a, f]) => a + f),
    unit === 'years'
      ? fc.integer({ min: 0, max: 90 })
      : unit === 'months'
        ? fc.integer({ min: 0, max: 1000 })
        : fc.integer({ min: 0, max: 30000 }),
  );

const numberValue: fc.Arbitrary<Value> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 120 }) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 120, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: pick<Value>([{ param: 'threshold' }, { param: 'future' }]) },
);
const dateValue: fc.Arbitrary<Value> = fc.oneof(
  { weight: 5, arbitrary: trickyDate },
  { weight: 1, arbitrary: fc.constant<Value>({ param: 'cutoff' }) },
);

const itemCondition: fc.Arbitrary<ItemCondition> = fc.letrec<{ cond: ItemCondition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      op: fc.constant('cmp' as const),
      field: fc.constant('kind'),
      cmp: pick<CmpOp>(['=', '!=']),
      right: pick(KINDS),
    }),
    fc.record({
      op: pick(['in', 'notIn'] as const),
      field: fc.constant('kind'),
      values: fc.uniqueArray(pick(KINDS), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      op: fc.constant('cmp' as const),
      field: fc.constant('on'),
      cmp: pick(CMPS),
      right: trickyDate,
    }),
    fc.record({
      op: fc.constant('withinLast' as const),
      field: fc.constant('on'),
      amount: fc.oneof(pick(AMOUNTS), fc.integer({ min: 1, max: 40 })),
      unit: pick(UNITS),
    }),
    fc.record({
      op: pick(['and', 'or'] as const),
      of: fc.array(tie('cond'), { minLength: 2, maxLength: 3 }),
    }),
  ),
})).cond;

/** One condition on the base catalogue, well-typed by construction. */
export const leafArb: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({
    op: fc.constant('cmp' as const),
    left: pick(NUMERIC).map((v) => ({ var: v })),
    cmp: pick(CMPS),
    right: numberValue,
  }),
  fc
    .tuple(pick(NUMERIC), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 40 }))
    .map(([v, lo, d]): Rule => ({ op: 'between', left: { var: v }, min: lo, max: lo + d })),
  fc.record({
    op: fc.constant('cmp' as const),
    left: pick(DATES).map((v) => ({ var: v })),
    cmp: pick(CMPS),
    right: dateValue,
  }),
  since().chain(({ left, unit }) =>
    fc.oneof(
      fc.record({
        op: fc.constant('cmp' as const),
        left: fc.constant(left),
        cmp: pick(CMPS),
        right: fc.oneof(sinceAmount(unit), pick<Value>([{ param: 'threshold' }, { param: 'future' }])),
      }),
      fc
        .tuple(sinceAmount(unit), sinceAmount(unit))
        .map(([a, b]): Rule => ({ op: 'between', left, min: Math.min(a, b), max: Math.max(a, b) })),
    ),
  ),
  pick(ENUMS).chain((v) =>
    fc.oneof(
      fc.record({
        op: fc.constant('cmp' as const),
        left: fc.constant({ var: v }),
        cmp: pick<CmpOp>(['=', '!=']),
        right: pick(values(v)),
      }),
      fc.record({
        op: pick(['in', 'notIn'] as const),
        left: fc.constant({ var: v }),
        values: fc.uniqueArray(pick(values(v)), { minLength: 1, maxLength: 3 }),
      }),
    ),
  ),
  fc.constant<Rule>({ op: 'cmp', left: { var: 'enterprise.scale' }, cmp: '=', right: { param: 'scale' } }),
  fc.record({
    op: pick(['in', 'notIn'] as const),
    left: pick(['person.age', 'enterprise.employees']).map((v) => ({ var: v })),
    values: fc.uniqueArray(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 12 }),
  }),
  fc.record({
    op: fc.constant('cmp' as const),
    left: pick(STRINGS).map((v) => ({ var: v })),
    cmp: pick<CmpOp>(['=', '!=']),
    right: fc.string({ maxLength: 6 }),
  }),
  fc.record({
    op: fc.constant('cmp' as const),
    left: pick(BOOLEANS).map((v) => ({ var: v })),
    cmp: pick<CmpOp>(['=', '!=']),
    right: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('within' as const),
    left: pick(REGIONS).map((v) => ({ var: v })),
    code: pick(REGION_CODES),
  }),
  fc.record({
    op: fc.constant('cmp' as const),
    left: pick(REGIONS).map((v) => ({ var: v })),
    cmp: pick<CmpOp>(['=', '!=']),
    right: pick(REGION_CODES),
  }),
  fc.record({
    op: fc.constant('within' as const),
    left: fc.constant({ var: 'enterprise.industry' }),
    code: pick(INDUSTRY_CODES),
  }),
  fc.record({
    op: fc.constant('has' as const),
    left: fc.constant({ var: 'enterprise.qualifications' }),
    value: pick(values('enterprise.qualifications')),
  }),
  fc
    .record(
      {
        op: fc.constant('count' as const),
        list: fc.constant('person.records'),
        where: itemCondition,
        cmp: pick(CMPS),
        right: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant<Value>({ param: 'future' })),
      },
      { requiredKeys: ['op', 'list', 'cmp', 'right'] },
    )
    .map((r) => r as Rule),
);

/** Rules up to three levels deep, with a citation at the root, and ids, labels and citations here and there. */
export const ruleArb: fc.Arbitrary<Rule> = fc
  .tuple(
    fc.letrec<{ rule: Rule }>((tie) => ({
      rule: fc.oneof(
        { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
        leafArb,
        fc.record({
          op: pick(['all', 'any', 'none'] as const),
          of: fc.array(tie('rule'), { minLength: 1, maxLength: 4 }),
        }),
      ),
    })).rule,
    pick(DOCS),
    fc.infiniteStream(fc.tuple(fc.nat(9), fc.string({ maxLength: 8, unit: 'grapheme' }), pick(DOCS))),
  )
  .chain(([rule, doc, extras]) =>
    fc.tuple(cite(doc), fc.array(cite(doc), { minLength: 40, maxLength: 40 })).map(([rootCite, cites]) => {
      let n = 0;
      const it = extras[Symbol.iterator]();
      const decorate = (r: Rule): Rule => {
        const [roll, label, otherDoc] = it.next().value as [number, string, string];
        const out: Rule = { ...r };
        if (r.op === 'all' || r.op === 'any' || r.op === 'none')
          (out as { of: Rule[] }).of = r.of.map(decorate);
        if (roll % 3 === 0) out.id = `c${n}`;
        if (roll % 4 === 1) out.label = label;
        if (roll % 5 === 2) out.cite = { ...cites[n % cites.length]!, doc: roll === 7 ? otherDoc : doc };
        n++;
        return out;
      };
      return { ...decorate(rule), cite: rootCite };
    }),
  );

const source = pick<Source>([
  { kind: 'declared' },
  { kind: 'shared', department: '市公安局', system: '交管系统' },
  { kind: 'document', name: '营业执照' },
]);
const fact = (value: fc.Arbitrary<FactValue>, src: fc.Arbitrary<Source> = source): fc.Arbitrary<Fact> =>
  fc.record({ value, source: src, asOf: isoArb('2020-01-01', '2025-12-31') });

const citizenId = (date: fc.Arbitrary<string>) =>
  fc.tuple(date, fc.integer({ min: 0, max: 999 })).map(([birth, seq]) => {
    const first17 = `371502${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return first17 + citizenIdCheckChar(first17);
  });

const garbage = fc.oneof(
  fc.constant<FactValue>('x'),
  fc.constant<FactValue>(-1),
  fc.constant<FactValue>(true),
);

/** Facts for every variable, some of them wrong in type or range, with dates drawn from `date`. */
const anyFacts = (date: fc.Arbitrary<string>): Record<string, fc.Arbitrary<FactValue>> => ({
  'enterprise.name': fc.string({ maxLength: 6 }),
  'enterprise.region': fc.oneof(pick(REGION_CODES), fc.constant('999999')),
  'enterprise.industry': fc.oneof(pick(INDUSTRY_CODES), fc.constant('3451'), fc.constant('Z99')),
  'enterprise.foundedOn': fc.oneof(date, fc.constant('2023-02-30')),
  'enterprise.registeredCapital': fc.oneof(
    fc.integer({ min: 0, max: 500 }),
    fc.double({ min: 0, max: 500, noNaN: true }),
  ),
  'enterprise.employees': fc.oneof(fc.integer({ min: 0, max: 400 }), garbage),
  'enterprise.revenue': fc.integer({ min: 0, max: 50000 }),
  'enterprise.totalAssets': fc.integer({ min: 0, max: 50000 }),
  'enterprise.taxCredit': fc.oneof(pick(values('enterprise.taxCredit')), fc.constant('E')),
  'enterprise.qualifications': fc.oneof(
    fc.uniqueArray(pick(values('enterprise.qualifications')), { maxLength: 3 }),
    fc.constant<FactValue>(['不存在的资质']),
  ),
  'enterprise.dishonest': fc.boolean(),
  'enterprise.scale': pick(values('enterprise.scale')),
  'enterprise.yearsSinceFounding': fc.integer({ min: 0, max: 40 }),
  'person.citizenId': fc.oneof(citizenId(date), fc.constant('123')),
  'person.name': fc.string({ maxLength: 4 }),
  'person.birthDate': date,
  'person.sex': pick(values('person.sex')),
  'person.householdRegion': pick(REGION_CODES),
  'person.education': pick(values('person.education')),
  'person.employment': pick(values('person.employment')),
  'person.licenceClass': pick(values('person.licenceClass')),
  'person.licensedOn': date,
  'person.records': fc.array(
    fc.oneof(
      fc.record({ kind: pick(KINDS), on: date }, { requiredKeys: [] }),
      fc.constant({ kind: '记满分', on: 'not a date' }),
    ),
    { maxLength: 4 },
  ),
  'person.healthy': fc.boolean(),
  'person.age': fc.oneof(fc.integer({ min: 0, max: 90 }), fc.constant(2.5), fc.constant(200)),
  'person.drivingYears': fc.integer({ min: 0, max: 40 }),
});

/** Any profile: gaps, wrong types, out-of-range values and stale derived facts included; dates near `asOf`'s boundaries. */
export const profileFor = (asOf: string): fc.Arbitrary<Profile> =>
  fc
    .record(
      Object.fromEntries(
        Object.entries(anyFacts(dateNear(asOf))).map(([id, value]) => [
          id,
          fact(
            value,
            fc.oneof(
              { weight: 6, arbitrary: source },
              { weight: 1, arbitrary: fc.constant<Source>({ kind: 'derived', from: ['stale'] }) },
            ),
          ),
        ]),
      ),
      { requiredKeys: [] },
    )
    .map((facts) => ({ kind: 'person', facts: facts as Record<string, Fact> }));

export const asOfArb = trickyDate.filter((d) => d >= '1990-01-01');

/**
 * A real entity known completely, as of `asOf`: its facts agree with each other (the citizen id with the
 * birth date, a stated age with the birth date on `asOf`, the scale with the industry and size). Any subset is
 * partial knowledge of it; monotonicity is about such subsets.
 */
export const worldArb = (asOf: string): fc.Arbitrary<Record<string, Fact>> =>
  fc
    .record({
      base: fc.record(
        Object.fromEntries(
          Object.entries(anyFacts(dateNear(asOf)))
            .filter(
              ([id]) =>
                !['person.citizenId', 'person.birthDate', 'person.sex', 'enterprise.scale'].includes(id),
            )
            .filter(
              ([id]) => !['person.age', 'person.drivingYears', 'enterprise.yearsSinceFounding'].includes(id),
            )
            .map(([id, value]) => [id, fact(value)]),
        ),
      ),
      birth: dateNear(asOf),
      seq: fc.integer({ min: 0, max: 999 }),
      given: fc.record({
        age: fc.boolean(),
        driving: fc.boolean(),
        founding: fc.boolean(),
        scale: fc.boolean(),
      }),
    })
    .map(({ base, birth, seq, given }) => {
      const facts = { ...(base as Record<string, Fact>) };
      const declared = (value: FactValue): Fact => ({ value, source: { kind: 'declared' }, asOf });
      const first17 = `371502${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      facts['person.citizenId'] = declared(first17 + citizenIdCheckChar(first17));
      facts['person.birthDate'] = declared(birth);
      facts['person.sex'] = declared(seq % 2 === 1 ? '男' : '女');
      const day = dayNumber(asOf)!;
      const years = (id: string) => {
        const v = facts[id]?.value;
        const d = typeof v === 'string' ? dayNumber(v) : null;
        return d === null ? null : completedPeriods('years', d, day);
      };
      const statedAge = years('person.birthDate');
      if (given.age && statedAge !== null && statedAge >= 0 && statedAge <= 150)
        facts['person.age'] = declared(statedAge);
      const driving = years('person.licensedOn');
      if (given.driving && driving !== null && driving >= 0) facts['person.drivingYears'] = declared(driving);
      const founding = years('enterprise.foundedOn');
      if (given.founding && founding !== null && founding >= 0)
        facts['enterprise.yearsSinceFounding'] = declared(founding);
      const num = (id: string) => (typeof facts[id]?.value === 'number' ? facts[id].value : undefined);
      const industry = facts['enterprise.industry']?.value;
      if (given.scale && typeof industry === 'string') {
        const scale = classifyScale({
          industry,
          employees: num('enterprise.employees'),
          revenue: num('enterprise.revenue'),
          totalAssets: num('enterprise.totalAssets'),
        });
        if (scale.ok) facts['enterprise.scale'] = declared(scale.scale);
      }
      return facts;
    });

/** Keeps the facts whose keys are in `keep`. */
export function restrict(facts: Record<string, Fact>, keep: ReadonlySet<string>): Record<string, Fact> {
  return Object.fromEntries(Object.entries(facts).filter(([id]) => keep.has(id)));
}

export type { Literal };
