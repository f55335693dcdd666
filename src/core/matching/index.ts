import { industryPath } from '../codes/industry.ts';
import { levelOfRegion, regionByCode } from '../codes/region.ts';
import { compileRule, MET, NOT_MET, RuleCheckError, type CompiledRule } from '../rules/compile.ts';
import type { DayNumber } from '../rules/dates.ts';
import type { FlatProfile } from '../rules/flatten.ts';
import { isParam } from '../rules/operands.ts';
import type { Literal, ParameterDef, Rule } from '../rules/types.ts';
import type { Catalogue } from '../rules/variables.ts';

/**
 * The matching index (自动匹配): finds the policy items a profile could meet without checking it against
 * every item, in the spirit of the k-index (Whang et al., "Indexing Boolean Expressions", VLDB 2009) and the
 * BE-tree (Sadoghi and Jacobsen, SIGMOD 2011):
 * - posting lists on target and kind, then on region (GB/T 2260) and industry (GB/T 4754) codes: each item
 *   is posted under its narrowest code condition, or under a pair (region × industry), and a profile looks up
 *   only the postings of its own codes and the codes they lie within;
 * - the other necessary conditions on plain values (an enum, a boolean, a set that must contain something)
 *   filter the candidates before their compiled rules run. One shared check is much cheaper than calling one
 *   of thousands of generated functions, whose code no cache holds (bench/rules.bench.ts);
 * - the compiled rule (compileRule) decides.
 *
 * Sound by construction: an item is left out only when a necessary condition fails on a value the profile
 * has, which makes the rule notMet in Kleene's logic. A missing region or industry never excludes an item
 * (its outcome would be unknown, not notMet). A property test holds `match` to evaluating every item.
 *
 * @example
 * const index = buildMatchingIndex(items.map((d) => ({ key: d.code, target: d.target, kind: d.kind,
 *   rule: d.rule, catalogue: itemCatalogue(d), parameters: d.parameters })));
 * const { results, examined } = index.match(flatten(profile, catalogue), 'enterprise', dayNumber('2025-06-01')!);
 * // results: [{ key: 'LC-GX-0003', outcome: 'met' }, { key: 'LC-JY-0001', outcome: 'unknown' }]
 */
export type Entity = 'enterprise' | 'person';

export interface MatchableItem {
  key: string;
  target: Entity | 'both';
  kind: string;
  rule: Rule;
  catalogue: Catalogue;
  parameters?: readonly ParameterDef[];
}

export interface CandidateFilter {
  /** Only items of these kinds (减免, 奖补, …); all kinds when absent. */
  kinds?: readonly string[];
}

export interface MatchResult {
  /** The items whose outcome is met or unknown, in the order they were given to the index. */
  results: Array<{ key: string; outcome: 'met' | 'unknown' }>;
  /** How many compiled rules ran: the candidates. */
  examined: number;
}

export interface MatchingIndex {
  /** Items that could be met or unknown for the profile, in the order given; never one that is certainly notMet. */
  candidates(profile: FlatProfile, entity: Entity, filter?: CandidateFilter): MatchableItem[];
  /** Evaluates the candidates with their compiled rules on `asOf`. */
  match(profile: FlatProfile, entity: Entity, asOf: DayNumber, filter?: CandidateFilter): MatchResult;
  /**
   * The same for many profiles (自动匹配 over a population, an impact simulation), one result per profile. It
   * gathers each item's candidate profiles first and then runs each compiled rule over all of them, so that
   * the rule's code stays hot instead of thousands of rules taking turns per profile.
   */
  matchMany(
    profiles: ReadonlyArray<{ profile: FlatProfile; entity: Entity }>,
    asOf: DayNumber,
    filter?: CandidateFilter,
  ): MatchResult[];
  /** How the items were posted, for reports. */
  readonly stats: IndexStats;
}

export interface IndexStats {
  items: number;
  /** Items posted under a condition on each variable (enterprise.region, …); an item posted on a pair counts twice. */
  postedBy: Record<string, number>;
  /** Items with no region or industry condition: every profile of their entity looks at them. */
  open: number;
  /** Items with a necessary condition on each other variable, checked before the compiled rule runs. */
  filteredBy: Record<string, number>;
}

type CodeType = 'region' | 'industry';

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

const isCode = (c: Clause): c is Clause & { type: CodeType } => c.type === 'region' || c.type === 'industry';

interface Entry {
  /** Position in the input, for order and for de-duplication. */
  id: number;
  item: MatchableItem;
  compiled: CompiledRule;
  /** The clauses not used as posting keys, checked on lookup. */
  rest: Clause[];
}

/** A code variable an entry is posted on. Keys are "w:<code>" (within) and "e:<code>" (exact). */
interface Slot {
  variable: string;
  type: CodeType;
}

/**
 * Entries posted on one code variable, or on two (region and industry: the pair of conditions most items
 * have), so that a profile visits only entries that pass both.
 */
interface Postings {
  a: Slot;
  b: Slot | undefined;
  byA: Map<string, { byB: Map<string, Entry[]>; all: Entry[] }>;
  /** For a profile without a value for `a`. */
  byB: Map<string, Entry[]>;
  /** For a profile with neither. */
  all: Entry[];
}

/** The items of one entity (and one kind, or all kinds). */
interface Partition {
  postings: Map<string, Postings>;
  open: Entry[];
}

/** A cross product of more alternatives than this is posted on its narrower clause alone. */
const MAX_PAIR_KEYS = 64;

export function buildMatchingIndex(items: readonly MatchableItem[]): MatchingIndex {
  // Per entity: one partition over all kinds, and one per kind for a kinds filter.
  const partitions = {
    enterprise: { all: newPartition(), byKind: new Map<string, Partition>() },
    person: { all: newPartition(), byKind: new Map<string, Partition>() },
  };
  const postedBy: Record<string, number> = {};
  const filteredBy: Record<string, number> = {};
  let open = 0;
  const entries = items.map((item, id): Entry => {
    let compiled: CompiledRule;
    try {
      compiled = compileRule(item.rule, { catalogue: item.catalogue, parameters: item.parameters ?? [] });
    } catch (e) {
      if (e instanceof RuleCheckError)
        throw new Error(`事项 ${item.key} 的规则未通过检查：${e.message}`, { cause: e });
      throw e;
    }
    const clauses = necessaryClauses(item.rule, item.catalogue);
    const keys = postingKeys(clauses);
    const entry: Entry = { id, item, compiled, rest: clauses.filter((c) => !keys.some((k) => k === c)) };
    for (const c of keys) postedBy[c.variable] = (postedBy[c.variable] ?? 0) + 1;
    for (const v of new Set(entry.rest.filter((c) => !isCode(c)).map((c) => c.variable)))
      filteredBy[v] = (filteredBy[v] ?? 0) + 1;
    if (keys.length === 0) open++;
    const entities: Entity[] = item.target === 'both' ? ['enterprise', 'person'] : [item.target];
    for (const entity of entities) {
      const { all, byKind } = partitions[entity];
      let kind = byKind.get(item.kind);
      if (!kind) byKind.set(item.kind, (kind = newPartition()));
      for (const partition of [all, kind]) post(partition, entry, keys);
    }
    return entry;
  });

  // Each lookup stamps the entries it has seen: an entry posted under two codes of one profile's ancestry
  // (any(within 371500, within 371581)) is still a single candidate.
  const seen = new Int32Array(items.length);
  let stamp = 0;

  /** Calls `found` once for each entry posted under the profile's codes, or under none. */
  const gather = (
    profile: FlatProfile,
    entity: Entity,
    filter: CandidateFilter | undefined,
    found: (e: Entry) => void,
  ) => {
    if (++stamp === 0x7fffffff) {
      seen.fill(0);
      stamp = 1;
    }
    const visit = (list: readonly Entry[] | undefined) => {
      if (!list) return;
      for (const entry of list) {
        if (seen[entry.id] === stamp) continue;
        seen[entry.id] = stamp;
        found(entry);
      }
    };
    const { all, byKind } = partitions[entity];
    const chosen = filter?.kinds ? filter.kinds.map((kind) => byKind.get(kind)) : [all];
    for (const partition of chosen) {
      if (!partition) continue;
      for (const p of partition.postings.values()) {
        const keysA = lookupKeys(profile, p.a);
        const keysB = p.b && lookupKeys(profile, p.b);
        if (keysA) {
          for (const key of keysA) {
            const node = p.byA.get(key);
            if (!node) continue;
            if (!keysB) visit(node.all);
            else for (const k of keysB) visit(node.byB.get(k));
          }
        } else if (keysB) for (const k of keysB) visit(p.byB.get(k));
        else visit(p.all);
      }
      visit(partition.open);
    }
  };

  const collect = (profile: FlatProfile, entity: Entity, filter?: CandidateFilter): Entry[] => {
    const out: Entry[] = [];
    gather(profile, entity, filter, (entry) => {
      if (entry.rest.length === 0 || passes(entry.rest, profile)) out.push(entry);
    });
    return out.sort((x, y) => x.id - y.id);
  };

  const outcomeOf = (o: number) => (o === MET ? 'met' : 'unknown');

  return {
    candidates: (profile, entity, filter) => collect(profile, entity, filter).map((e) => e.item),
    match(profile, entity, asOf, filter) {
      const candidates = collect(profile, entity, filter);
      const results: MatchResult['results'] = [];
      for (const entry of candidates) {
        const outcome = entry.compiled.evaluate(profile, asOf);
        if (outcome !== NOT_MET) results.push({ key: entry.item.key, outcome: outcomeOf(outcome) });
      }
      return { results, examined: candidates.length };
    },
    matchMany(profiles, asOf, filter) {
      // Which profiles each entry must look at, by entry id; then entry by entry, in id order, so that each
      // profile's results come out in the order the items were given.
      const waiting: Array<number[] | undefined> = new Array<number[] | undefined>(entries.length);
      profiles.forEach(({ profile, entity }, i) =>
        gather(profile, entity, filter, (entry) => (waiting[entry.id] ??= []).push(i)),
      );
      const out: MatchResult[] = profiles.map(() => ({ results: [], examined: 0 }));
      entries.forEach((entry, id) => {
        const list = waiting[id];
        if (!list) return;
        for (const i of list) {
          const profile = profiles[i]!.profile;
          if (entry.rest.length > 0 && !passes(entry.rest, profile)) continue;
          const result = out[i]!;
          result.examined++;
          const outcome = entry.compiled.evaluate(profile, asOf);
          if (outcome !== NOT_MET) result.results.push({ key: entry.item.key, outcome: outcomeOf(outcome) });
        }
      });
      return out;
    },
    stats: { items: items.length, postedBy, open, filteredBy },
  };
}

function newPartition(): Partition {
  return { postings: new Map(), open: [] };
}

/**
 * The clauses to post an entry under: the narrowest, and the narrowest on another variable when the pair
 * has few enough keys; in variable order, so that items posted on the same pair share postings.
 */
function postingKeys(clauses: readonly Clause[]): Array<Clause & Slot> {
  const codes = clauses.filter(isCode);
  const first = narrowest(codes);
  if (!first) return [];
  const second = narrowest(codes.filter((c) => c.variable !== first.variable));
  if (!second || keysOf(first).length * keysOf(second).length > MAX_PAIR_KEYS) return [first];
  return first.variable < second.variable ? [first, second] : [second, first];
}

function post(partition: Partition, entry: Entry, [a, b]: Array<Clause & Slot>): void {
  if (!a) {
    partition.open.push(entry);
    return;
  }
  const id = b ? `${a.variable}|${b.variable}` : a.variable;
  let p = partition.postings.get(id);
  if (!p) {
    p = { a, b, byA: new Map(), byB: new Map(), all: [] };
    partition.postings.set(id, p);
  }
  p.all.push(entry);
  for (const key of keysOf(a)) {
    let node = p.byA.get(key);
    if (!node) p.byA.set(key, (node = { byB: new Map(), all: [] }));
    node.all.push(entry);
    if (b) for (const k of keysOf(b)) push(node.byB, k, entry);
  }
  if (b) for (const k of keysOf(b)) push(p.byB, k, entry);
}

const keysOf = (c: Clause): string[] => [
  ...c.within.map((code) => `w:${code}`),
  ...c.exact.map((code) => `e:${String(code)}`),
];

const lookupMemo: Record<CodeType, Map<string, readonly string[]>> = {
  region: new Map(),
  industry: new Map(),
};

/** The posting keys a profile's value hits: "w:" + the value and each code it lies within, "e:" + the value. */
function lookupKeys(profile: FlatProfile, slot: Slot): readonly string[] | undefined {
  const value = profile[slot.variable];
  if (typeof value !== 'string') return undefined;
  const memo = lookupMemo[slot.type];
  let keys = memo.get(value);
  if (!keys) {
    const up = ancestors(slot.type, value);
    keys = [...up.map((code) => `w:${code}`), `e:${value}`];
    // Unknown codes (an invalid value in a hand-made profile) would grow the memo without bound.
    if (up.length > 0) memo.set(value, keys);
  }
  return keys;
}

function push(map: Map<string, Entry[]>, code: string, entry: Entry): void {
  const list = map.get(code);
  if (list) list.push(entry);
  else map.set(code, [entry]);
}

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
function narrowest<C extends Clause>(clauses: readonly C[]): C | undefined {
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
function passes(clauses: readonly Clause[], profile: FlatProfile): boolean {
  for (const clause of clauses) {
    const value = profile[clause.variable];
    if (clause.type === 'value') {
      // As the compiled rule compares: anything but undefined is a value.
      if (value !== undefined && !clause.exact.includes(value as Literal)) return false;
    } else if (clause.type === 'set') {
      if (!Array.isArray(value)) continue;
      let found = false;
      for (const member of clause.exact) found ||= (value as readonly unknown[]).includes(member);
      if (!found) return false;
    } else if (typeof value === 'string' && !clause.exact.includes(value)) {
      const up = ancestors(clause.type, value);
      let within = false;
      for (const code of clause.within) within ||= up.includes(code);
      if (!within) return false;
    }
  }
  return true;
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
