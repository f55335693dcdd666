import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCitizenId } from './citizen-id.ts';
import { classifyScale } from './enterprise-scale.ts';
import { industryByCode } from './industry.ts';
import { isWithinRegion, regionByCode } from './region.ts';
import { parseUscc } from './uscc.ts';

/**
 * The raw sample profiles of data/profiles: fictional enterprises and persons of 聊城, as shared data
 * would describe them. A field named in `missing` is deliberately absent, to exercise unknowns; a field
 * absent without being named there is a fact ("no licence").
 */
interface Enterprise {
  uscc: string;
  name: string;
  region: string;
  industry: string;
  foundedOn: string;
  registeredCapital: number;
  employees?: number;
  revenue?: number;
  totalAssets?: number;
  taxCredit?: 'A' | 'B' | 'M' | 'C' | 'D';
  qualifications: string[];
  dishonest?: boolean;
  asOf: string;
  missing: string[];
}

interface Person {
  citizenId: string;
  name: string;
  householdRegion: string;
  education: string;
  employment: string;
  licenceClass?: string;
  licensedOn?: string;
  records?: { kind: string; on: string }[];
  healthy?: boolean;
  asOf: string;
  missing: string[];
}

const read = <T>(file: string): T[] =>
  JSON.parse(readFileSync(new URL(`../../../data/profiles/${file}`, import.meta.url), 'utf8')) as T[];
const enterprises = read<Enterprise>('enterprises.json');
const persons = read<Person>('persons.json');

const LIAOCHENG = '371500';
const isDate = (s: unknown) =>
  typeof s === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const inLiaocheng = (code: string) =>
  code !== LIAOCHENG && regionByCode(code) !== null && isWithinRegion(code, LIAOCHENG);

/** Fields that may be absent, and so may be listed in `missing`. */
const OPTIONAL_ENTERPRISE = ['employees', 'revenue', 'totalAssets', 'taxCredit', 'dishonest'];
const OPTIONAL_PERSON = ['licenceClass', 'licensedOn', 'records', 'healthy'];

describe('sample enterprises (data/profiles/enterprises.json)', () => {
  it('are about thirty, with distinct codes and names', () => {
    expect(enterprises.length).toBeGreaterThanOrEqual(30);
    expect(new Set(enterprises.map((e) => e.uscc)).size).toBe(enterprises.length);
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(enterprises.length);
  });

  it.each(enterprises.map((e) => [e.name, e] as const))('%s has a valid USCC registered in 聊城', (_, e) => {
    const parsed = parseUscc(e.uscc);
    expect(parsed).toMatchObject({ ok: true, code: e.uscc });
    if (!parsed.ok) return;
    // Registered by its county's market regulator, or by the city's (371500).
    expect([e.region, LIAOCHENG]).toContain(parsed.regionCode);
    expect(['企业', '个体工商户', '农民专业合作社']).toContain(parsed.entityType);
  });

  it.each(enterprises.map((e) => [e.name, e] as const))(
    '%s lies in a county of 聊城 and a known industry',
    (_, e) => {
      expect(inLiaocheng(e.region)).toBe(true);
      expect(industryByCode(e.industry)).toMatchObject({ code: e.industry, level: 'class' });
    },
  );

  it.each(enterprises.map((e) => [e.name, e] as const))('%s is well formed', (_, e) => {
    expect(isDate(e.foundedOn) && e.foundedOn < e.asOf).toBe(true);
    expect(e.asOf).toBe('2026-10-31');
    for (const field of e.missing) {
      expect(OPTIONAL_ENTERPRISE).toContain(field);
      expect(e).not.toHaveProperty(field);
    }
    for (const field of OPTIONAL_ENTERPRISE.filter((f) => !e.missing.includes(f)))
      expect(e).toHaveProperty(field);
    if (e.taxCredit !== undefined) expect(['A', 'B', 'M', 'C', 'D']).toContain(e.taxCredit);
    for (const q of e.qualifications)
      expect([
        '高新技术企业',
        '专精特新中小企业',
        '专精特新“小巨人”企业',
        '规模以上工业企业',
        '科技型中小企业',
        '瞪羚企业',
      ]).toContain(q);
    // 规模以上工业企业: an industrial enterprise with 主营业务收入 of 2000万元 or more (国家统计局, since 2011).
    if (e.qualifications.includes('规模以上工业企业')) {
      expect(/^[BCD]/.test(e.industry)).toBe(true);
      expect(e.revenue).toBeGreaterThanOrEqual(2000);
    }
  });

  it.each(enterprises.map((e) => [e.name, e] as const))(
    '%s can be classified, or says what is missing',
    (_, e) => {
      const result = classifyScale(e);
      if (result.ok) return;
      // Only a deliberately missing indicator may stop the classification.
      expect(result.missing.length).toBeGreaterThan(0);
      for (const m of result.missing) expect(e.missing).toContain(m);
    },
  );

  it('cover every scale, 失信, poor tax ratings and missing facts', () => {
    const scales = enterprises.map((e) => classifyScale(e)).map((r) => (r.ok ? r.scale : null));
    expect(new Set(scales)).toEqual(new Set(['大型', '中型', '小型', '微型', null]));
    expect(enterprises.some((e) => e.dishonest)).toBe(true);
    expect(enterprises.some((e) => e.taxCredit === 'C' || e.taxCredit === 'D')).toBe(true);
    expect(enterprises.filter((e) => e.missing.length > 0).length).toBeGreaterThanOrEqual(3);
    // Just under thresholds: 19 employees (工业 小型 floor 20), 1999万元 (规上 2000万元), founded 1 year 11 months
    // before 2026-11-28.
    expect(enterprises.some((e) => e.employees === 19)).toBe(true);
    expect(enterprises.some((e) => e.revenue === 1999)).toBe(true);
    expect(enterprises.some((e) => e.foundedOn === '2024-12-28')).toBe(true);
  });
});

describe('sample persons (data/profiles/persons.json)', () => {
  /** The day the school-bus driver conditions (聊政字〔2023〕9号 第三十条) are meant to be checked on. */
  const ON = '2026-11-28';

  it('are about thirty, with distinct ids', () => {
    expect(persons.length).toBeGreaterThanOrEqual(30);
    expect(new Set(persons.map((p) => p.citizenId)).size).toBe(persons.length);
  });

  it.each(persons.map((p) => [p.name, p] as const))('%s has a valid citizen id issued in 聊城', (_, p) => {
    const parsed = parseCitizenId(p.citizenId, p.asOf);
    expect(parsed).toMatchObject({ ok: true });
    // Issued in 聊城 (3715xx), possibly under a code since abolished, such as 371523 茌平县.
    expect(p.citizenId.slice(0, 4)).toBe('3715');
    expect(inLiaocheng(p.householdRegion)).toBe(true);
  });

  it.each(persons.map((p) => [p.name, p] as const))('%s is well formed', (_, p) => {
    expect(p.asOf).toBe('2026-10-31');
    expect(['初中及以下', '高中/中专', '大专', '本科', '硕士研究生', '博士研究生']).toContain(p.education);
    expect(['在职', '灵活就业', '失业', '退休', '在校学生']).toContain(p.employment);
    for (const field of p.missing) {
      expect(OPTIONAL_PERSON).toContain(field);
      expect(p).not.toHaveProperty(field);
    }
    if (p.licenceClass !== undefined)
      expect(['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2']).toContain(p.licenceClass);
    if (p.licensedOn !== undefined) {
      expect(isDate(p.licensedOn)).toBe(true);
      const parsed = parseCitizenId(p.citizenId);
      // Nobody is licensed before 18.
      if (parsed.ok)
        expect(
          p.licensedOn >= `${Number(parsed.birthDate.slice(0, 4)) + 18}${parsed.birthDate.slice(4)}`,
        ).toBe(true);
    }
    for (const r of p.records ?? []) {
      expect([
        '记满分',
        '致人死亡或重伤事故责任',
        '饮酒驾驶',
        '醉酒驾驶',
        '客运超员超速等严重违法',
        '犯罪',
        '酗酒',
        '吸毒',
      ]).toContain(r.kind);
      expect(isDate(r.on) && r.on <= p.asOf).toBe(true);
    }
    // A person with no licence has no licensing date either.
    if (p.licenceClass === undefined && !p.missing.includes('licenceClass'))
      expect(p).not.toHaveProperty('licensedOn');
  });

  it('mix those who meet the school-bus driver conditions with those who do not', () => {
    // A plain reading of 第三十条 to check the sample's mix, not the rule engine: A1 or B1 licence held 3 years,
    // aged 25–60, no 记满分 in about three years, no serious violation in a year, no other record, healthy.
    const yearsBefore = (n: number) => `${Number(ON.slice(0, 4)) - n}${ON.slice(4)}`;
    const verdict = (p: Person): boolean | null => {
      const parsed = parseCitizenId(p.citizenId);
      if (!parsed.ok) return false;
      const fails =
        parsed.birthDate > yearsBefore(25) ||
        parsed.birthDate <= yearsBefore(61) ||
        (p.licenceClass !== undefined && !['A1', 'B1'].includes(p.licenceClass)) ||
        (p.licenceClass === undefined && !p.missing.includes('licenceClass')) ||
        (p.licensedOn !== undefined && p.licensedOn > yearsBefore(3)) ||
        p.healthy === false ||
        (p.records ?? []).some(
          (r) =>
            (r.kind === '记满分' && r.on > yearsBefore(3)) ||
            (r.kind === '客运超员超速等严重违法' && r.on > yearsBefore(1)) ||
            !['记满分', '客运超员超速等严重违法'].includes(r.kind),
        );
      if (fails) return false;
      return p.missing.length > 0 ? null : true;
    };
    const verdicts = persons.map(verdict);
    expect(verdicts.filter((v) => v === true).length).toBeGreaterThanOrEqual(10);
    expect(verdicts.filter((v) => v === false).length).toBeGreaterThanOrEqual(15);
    expect(verdicts.filter((v) => v === null).length).toBeGreaterThanOrEqual(4);
    // The edges: 25 and 60 years old on the day, 24 and 61; licensed 2 years 10 months before.
    const born = (name: string) => persons.find((p) => p.name === name)!.citizenId.slice(6, 14);
    expect([born('赵磊'), born('杨勇')]).toEqual(['20011128', '19651129']);
    expect(verdict(persons.find((p) => p.name === '赵磊')!)).toBe(true);
    expect(verdict(persons.find((p) => p.name === '杨勇')!)).toBe(true);
    expect(verdict(persons.find((p) => p.name === '朱晓东')!)).toBe(false);
  });
});
