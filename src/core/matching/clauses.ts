import { industryPath } from '../codes/industry.ts';
import { levelOfRegion, regionByCode } from '../codes/region.ts';
import type { CodeColumn, ColumnBatch, SetColumn } from '../rules/columns.ts';
import type { FlatProfile } from '../rules/flatten.ts';
import { isParam } from '../rules/operands.ts';
import type { Literal, Rule } from '../rules/types.ts';
import type { Catalogue } from '../rules/variables.ts';

/**
 * The necessary conditions of a rule that the matching index (index.ts) works with: which it posts items
 * under, and which filter an item's candidates before its rule runs, one profile at a time (`passes`) or over
 * a batch's columns (`keepPassing`).
 *
 * @example
 * necessaryClauses(rule, BASE_CATALOGUE);
 * // [{ variable: 'enterprise.region', type: 'region', within: ['371581'], exact: [] }]
 */
export type CodeType = 'region' | 'industry';

/**
 * A necessary condition on one variable, met by a profile that lacks the variable or whose value
 * - region, industry: lies within one of `within` or equals one of `exact`;
 * - value (an enum, boolean or string): equals one of `exact`;
 * - set: contains one of `exact`.
 * A rule's necessary conditions form a conjunction of such clauses.
 */
export interface Clause {
  variable: string;
  type: CodeType | 'value' | 'set';
  within: string[];
  exact: Literal[];
}

export const isCode = (c: Clause): c is Clause & { type: CodeType } =>
  c.type === 'region' || c.type === 'industry';

/**
 * Clauses every one of which must hold (on a value the profile has) for the rule not to be notMet:
 * - a leaf `within`, `in` or `=` on a region or industry variable, `in` or `=` on an enum, boolean or string
 *   variable, or `has` on a set gives one clause;
 * - `all` gives the clauses of all its children (any failing child makes it notMet);
 * - `any` gives, for a variable every child constrains, the union of the children's clauses on it (it is
 *   notMet only when every child is);
 * - `none` and other leaves give nothing: they constrain only by absence, or by numbers and dates.
 */
export function necessaryClauses(rule: Rule, catalogue: Catalogue): Clause[] {
  switch (rule.op) {
    case 'all':
      return rule.of.flatMap((child) => necessaryClauses(child, catalogue));
    case 'any': {
      const children = rule.of.map((child) => necessaryClauses(child, catalogue));
      if (children.length === 0) return [];
      const out: Clause[] = [];
      for (const { variable, type } of children[0]!) {
        if (out.some((c) => c.variable === variable)) continue;
        const each = children.map((clauses) => narrowest(clauses.filter((c) => c.variable === variable)));
        if (each.some((c) => c === undefined)) continue;
        out.push({
          variable,
          type,
          within: [...new Set(each.flatMap((c) => c!.within))],
          exact: [...new Set(each.flatMap((c) => c!.exact))],
        });
      }
      return out;
    }
    case 'within':
    case 'in':
    case 'cmp':
    case 'has':
      return leafClause(rule, catalogue);
    default:
      return [];
  }
}

function leafClause(
  rule: Extract<Rule, { op: 'within' | 'in' | 'cmp' | 'has' }>,
  catalogue: Catalogue,
): Clause[] {
  if (!('var' in rule.left)) return [];
  const variable = rule.left.var;
  const def = catalogue.get(variable);
  // A duration (person.age) is computed for the evaluation day, not read from the profile.
  if (!def || def.derived?.kind === 'since') return [];
  if (rule.op === 'within')
    return isCodeType(def.type) ? [{ variable, type: def.type, within: [rule.code], exact: [] }] : [];
  if (rule.op === 'has')
    return def.type === 'set' ? [{ variable, type: 'set', within: [], exact: [rule.value] }] : [];
  // A parameter's value changes by date: it does not narrow.
  const values =
    rule.op === 'in' ? rule.values : rule.cmp === '=' && !isParam(rule.right) ? [rule.right] : [];
  if (values.length === 0) return [];
  const exact = [...new Set(values)];
  if (isCodeType(def.type))
    // A non-string can never equal a code.
    return exact.every((v) => typeof v === 'string') ? [{ variable, type: def.type, within: [], exact }] : [];
  return def.type === 'enum' || def.type === 'boolean' || def.type === 'string'
    ? [{ variable, type: 'value', within: [], exact }]
    : [];
}

const isCodeType = (type: string): type is CodeType => type === 'region' || type === 'industry';

/**
 * The clause admitting the fewest codes, to post an item under: a county rather than its city, a class
 * rather than its division. Breadth is estimated from the level of each code (about ten counties to a city,
 * ten cities to a province; GB/T 4754-2017 has 20 sections, 97 divisions, 473 groups and 1,381 classes).
 */
export function narrowest<C extends Clause>(clauses: readonly C[]): C | undefined {
  let best: C | undefined;
  let bestBreadth = Infinity;
  for (const c of clauses) {
    const b = c.exact.length + c.within.reduce((sum, code) => sum + breadth(c.type, code), 0);
    if (b < bestBreadth) [best, bestBreadth] = [c, b];
  }
  return best;
}

function breadth(type: Clause['type'], code: string): number {
  if (type === 'industry') return [70, 70, 14, 3, 1][code.length - 1] ?? 1;
  const level = levelOfRegion(code);
  return level === '省' ? 100 : level === '市' ? 10 : 1;
}

/** A profile passes when it meets every clause; a missing value leaves the clause open. */
export function passes(clauses: readonly Clause[], profile: FlatProfile): boolean {
  for (const clause of clauses) if (!admits(clause, profile[clause.variable])) return false;
  return true;
}

/** Whether one value (undefined when missing) meets the clause. */
function admits(clause: Clause, value: unknown): boolean {
  switch (clause.type) {
    // As the compiled rule compares: anything but undefined is a value.
    case 'value':
      return value === undefined || clause.exact.includes(value as Literal);
    case 'set':
      if (!Array.isArray(value)) return true;
      for (const member of clause.exact) if ((value as readonly unknown[]).includes(member)) return true;
      return false;
    default: {
      if (typeof value !== 'string' || clause.exact.includes(value)) return true;
      const up = ancestors(clause.type, value);
      for (const code of clause.within) if (up.includes(code)) return true;
      return false;
    }
  }
}

/** A name for the clause, under which a batch's code column keeps the clause's outcome per value. */
export function clauseKey(clause: Clause): string {
  return `clause ${JSON.stringify([clause.type, clause.within, clause.exact])}`;
}

/**
 * `passes` over a batch: keeps, in place and in order, the rows of `rows` that meet every clause, and returns
 * how many. A clause on a code or a plain value is decided once per distinct value of the batch (the column's
 * table, under `keys[i]` from `clauseKey`); a clause on a set reads the set column's bits.
 */
export function keepPassing(
  clauses: readonly Clause[],
  keys: readonly string[],
  columns: ColumnBatch,
  rows: Int32Array,
): number {
  let n = rows.length;
  for (let c = 0; c < clauses.length && n > 0; c++) {
    const clause = clauses[c]!;
    n =
      clause.type === 'set'
        ? keepHaving(columns.sets(clause.variable), clause.exact, rows, n)
        : keepAdmitted(columns.codes(clause.variable), keys[c]!, clause, rows, n);
  }
  return n;
}

function keepAdmitted(column: CodeColumn, key: string, clause: Clause, rows: Int32Array, n: number): number {
  // Entry 0 of the table, a missing value, is 2: it leaves the clause open.
  const admitted = column.table(key, (v) => (admits(clause, v) ? 1 : 0));
  const codes = column.codes;
  let w = 0;
  for (let k = 0; k < n; k++) {
    const r = rows[k]!;
    if (admitted[codes[r]! + 1] !== 0) rows[w++] = r;
  }
  return w;
}

function keepHaving(column: SetColumn, members: readonly Literal[], rows: Int32Array, n: number): number {
  const { known, words, bits } = column;
  const found = members.map((m) => column.member(m)).filter((b) => b >= 0);
  let w = 0;
  for (let k = 0; k < n; k++) {
    const r = rows[k]!;
    let keep = known[r] === 0;
    for (let j = 0; j < found.length && !keep; j++) {
      const b = found[j]!;
      keep = (bits[r * words + (b >> 5)]! & (1 << (b & 31))) !== 0;
    }
    if (keep) rows[w++] = r;
  }
  return w;
}

const ancestry: Record<CodeType, Map<string, readonly string[]>> = { region: new Map(), industry: new Map() };

/**
 * The code and every code it lies within, exactly the codes A for which `isWithinRegion(code, A)` or
 * `isWithinIndustry(code, A)` holds: the parent chain of GB/T 2260 (371581 → 371500 → 370000), and the
 * section, division, group and class of GB/T 4754 (C3451 → C, C34, C345, C3451). Memoised: both standards
 * are finite, and so is the memo.
 */
export function ancestors(type: CodeType, code: string): readonly string[] {
  const memo = ancestry[type];
  let found = memo.get(code);
  if (found) return found;
  if (type === 'industry') found = industryPath(code).map((i) => i.code);
  else {
    const chain: string[] = [];
    for (let r = regionByCode(code); r; r = r.parent === null ? null : regionByCode(r.parent))
      chain.push(r.code);
    found = chain;
  }
  // Unknown codes (an invalid value in a hand-made profile) have no ancestors; do not let them grow the memo.
  if (found.length > 0) memo.set(code, found);
  return found;
}
