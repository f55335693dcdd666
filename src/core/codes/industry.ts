import { INDUSTRY_ROWS } from './industries.data.ts';

/**
 * GB/T 4754-2017 国民经济行业分类, complete: 20 门类 (sections A–T), 97 大类 (divisions 01–97), 473 中类
 * (groups) and 1381 小类 (classes), generated from the text of the standard by scripts/gen-industries.ts.
 * The 2017 text as published; the 第1号修改单 (2019) is not applied.
 *
 * Codes carry their section letter, as registries write them: section "C", division "C34", group "C345",
 * class "C3451". The standard itself writes divisions and below as digits only (§4.1), which
 * `normalizeIndustryCode` accepts, since the divisions are numbered across sections.
 *
 * @example
 * industryByCode('3451') // { code: 'C3451', name: '滚动轴承制造', level: 'class', parent: 'C345' }
 * industryPath('C3451').map((i) => i.code) // ['C', 'C34', 'C345', 'C3451']
 * isWithinIndustry('C3451', 'C34') // true
 */
export interface Industry {
  code: string;
  name: string;
  level: IndustryLevel;
  /** The enclosing code, or null for a section. */
  parent: string | null;
}

/** 门类 / 大类 / 中类 / 小类 (GB/T 4754-2017 §4.1). */
export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

const LEVELS: IndustryLevel[] = ['section', 'division', 'group', 'class'];

const byCode = new Map<string, Industry>();
/** Division digits ("34") → section letter ("C"). */
const sectionByDivision = new Map<string, string>();

for (const row of INDUSTRY_ROWS.split('\n')) {
  const space = row.indexOf(' ');
  const code = row.slice(0, space);
  // "C" → section; "C34" → division; "C345" → group; "C3451" → class.
  const level = LEVELS[code.length === 1 ? 0 : code.length - 2]!;
  const parent = level === 'section' ? null : level === 'division' ? code[0]! : code.slice(0, -1);
  byCode.set(code, { code, name: row.slice(space + 1), level, parent });
  if (level === 'division') sectionByDivision.set(code.slice(1), code[0]!);
}

/**
 * Canonical form of an industry code: "3451", "C3451", "c3451" and " C 3451 " all give "C3451"; "34" gives
 * "C34"; "C" gives "C". Returns null for codes not in the standard, or whose letter does not match the
 * division ("A3451").
 */
export function normalizeIndustryCode(input: string): string | null {
  const s = input.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-T])?(\d{2,4})?$/.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  const [, letter, digits] = m;
  if (!digits) return byCode.has(letter!) ? letter! : null;
  const section = sectionByDivision.get(digits.slice(0, 2));
  if (!section || (letter && letter !== section)) return null;
  const code = section + digits;
  return byCode.has(code) ? code : null;
}

/** The entry for a code in any accepted form (see `normalizeIndustryCode`), or null. */
export function industryByCode(code: string): Industry | null {
  const normalized = normalizeIndustryCode(code);
  return normalized ? byCode.get(normalized)! : null;
}

/** The section of a division: "34" or "C34" → "C"; null if there is no such division. */
export function sectionOfDivision(division: string): string | null {
  const industry = industryByCode(division);
  return industry?.level === 'division' ? industry.parent : null;
}

/** Section → division → group → class down to `code` itself; empty if the code is unknown. */
export function industryPath(code: string): Industry[] {
  const path: Industry[] = [];
  for (let i = industryByCode(code); i; i = i.parent ? byCode.get(i.parent)! : null) path.unshift(i);
  return path;
}

/** Whether `code` is `ancestor` or lies beneath it; false when either is unknown. */
export function isWithinIndustry(code: string, ancestor: string): boolean {
  const c = normalizeIndustryCode(code);
  const a = normalizeIndustryCode(ancestor);
  // With the section letter in front, every code begins with the codes of all its ancestors.
  return c !== null && a !== null && c.startsWith(a);
}

/** Every entry strictly beneath `ancestor` at the given level (all levels if omitted), in the standard's order. */
export function industriesWithin(ancestor: string, level?: IndustryLevel): Industry[] {
  const a = normalizeIndustryCode(ancestor);
  if (!a) return [];
  return [...byCode.values()].filter(
    (i) => i.code !== a && i.code.startsWith(a) && (!level || i.level === level),
  );
}
