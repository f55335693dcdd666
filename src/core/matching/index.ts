import { compileBatch, type BatchRule } from '../rules/batch.ts';
import { toColumns } from '../rules/columns.ts';
import { compileRule, NOT_MET, RuleCheckError, type CompiledRule } from '../rules/compile.ts';
import type { DayNumber } from '../rules/dates.ts';
import type { FlatProfile } from '../rules/flatten.ts';
import type { ParameterDef, Rule } from '../rules/types.ts';
import type { Catalogue } from '../rules/variables.ts';
import {
  ancestors,
  clauseKey,
  isCode,
  keepPassing,
  narrowest,
  necessaryClauses,
  passes,
  type Clause,
  type CodeType,
} from './clauses.ts';

export { ancestors, necessaryClauses, type Clause } from './clauses.ts';

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
 * - the rule decides: compiled per item (compileRule) for one profile, compiled for columns (compileBatch)
 *   and run over many profiles at once in `matchMany`.
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
  /**
   * The items whose outcome is met or unknown, in the order they were given to the index. The entries are
   * frozen and shared between results (one per item and outcome): a population of profiles has millions.
   */
  results: Array<Readonly<{ key: string; outcome: 'met' | 'unknown' }>>;
  /** How many rules ran: the candidates. */
  examined: number;
}

export interface MatchingIndex {
  /** Items that could be met or unknown for the profile, in the order given; never one that is certainly notMet. */
  candidates(profile: FlatProfile, entity: Entity, filter?: CandidateFilter): MatchableItem[];
  /** Evaluates the candidates with their compiled rules on `asOf`. */
  match(profile: FlatProfile, entity: Entity, asOf: DayNumber, filter?: CandidateFilter): MatchResult;
  /**
   * The same for many profiles (自动匹配 over a population, an impact simulation), one result per profile. It
   * gathers each item's candidate profiles first, then evaluates each item's rule over all of them at once
   * with the columnar evaluator (`compileBatch` over `toColumns` of the profiles, built once per call), whose
   * code every rule shares and which therefore stays hot. The results are those of `match`.
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

interface Entry {
  /** Position in the input, for order and for de-duplication. */
  id: number;
  item: MatchableItem;
  compiled: CompiledRule;
  /** The rule compiled for columns, on the first `matchMany` that needs it. */
  batch?: BatchRule;
  /** The clauses not used as posting keys, checked on lookup. */
  rest: Clause[];
  /** Names for `rest`, under which a batch's columns keep their outcome per code (`matchMany`). */
  restKeys: string[];
  /** The entry's results, by outcome (index 1 met, 2 unknown). */
  reported: ReadonlyArray<MatchResult['results'][number]>;
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
    const rest = clauses.filter((c) => !keys.some((k) => k === c));
    const restKeys = rest.map(clauseKey);
    const reported = [undefined, 'met', 'unknown'].map((outcome) =>
      Object.freeze({ key: item.key, outcome: outcome as 'met' | 'unknown' }),
    );
    const entry: Entry = { id, item, compiled, rest, restKeys, reported };
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

  // The variables postings are keyed on: profiles that agree on these (and on the entity) have the same
  // postings to look up.
  const slotVariables = new Set<string>();
  for (const entity of ['enterprise', 'person'] as const) {
    const { all, byKind } = partitions[entity];
    for (const partition of [all, ...byKind.values()])
      for (const p of partition.postings.values()) {
        slotVariables.add(p.a.variable);
        if (p.b) slotVariables.add(p.b.variable);
      }
  }
  const slots = [...slotVariables];
  const lookupSignature = (profile: FlatProfile, entity: Entity) =>
    JSON.stringify([entity, ...slots.map((v) => (typeof profile[v] === 'string' ? profile[v] : null))]);

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

  return {
    candidates: (profile, entity, filter) => collect(profile, entity, filter).map((e) => e.item),
    match(profile, entity, asOf, filter) {
      const candidates = collect(profile, entity, filter);
      const results: MatchResult['results'] = [];
      for (const entry of candidates) {
        const outcome = entry.compiled.evaluate(profile, asOf);
        if (outcome !== NOT_MET) results.push(entry.reported[outcome]!);
      }
      return { results, examined: candidates.length };
    },
    matchMany(profiles, asOf, filter) {
      // Profiles with the same entity and the same posted codes (a county, an industry class) have the same
      // postings: look them up once per such group.
      const groups = new Map<string, number[]>();
      profiles.forEach(({ profile, entity }, i) => {
        const signature = lookupSignature(profile, entity);
        const group = groups.get(signature);
        if (group) group.push(i);
        else groups.set(signature, [i]);
      });
      // Each entry's candidate rows, end to end in one array (entry id order), at offsets[id]..offsets[id + 1].
      const found: Array<{ rows: number[]; ids: number[] }> = [];
      const offsets = new Int32Array(entries.length + 1);
      for (const rows of groups.values()) {
        const { profile, entity } = profiles[rows[0]!]!;
        const ids: number[] = [];
        gather(profile, entity, filter, (entry) => ids.push(entry.id));
        for (const id of ids) offsets[id + 1]! += rows.length;
        found.push({ rows, ids });
      }
      for (let id = 0; id < entries.length; id++) offsets[id + 1]! += offsets[id]!;
      const candidates = new Int32Array(offsets[entries.length]!);
      const cursor = offsets.slice(0, entries.length);
      // Small arrays, copied by hand: TypedArray.prototype.set costs more per call than these copies do.
      for (const { rows, ids } of found)
        for (const id of ids) {
          let at = cursor[id]!;
          for (const row of rows) candidates[at++] = row;
          cursor[id] = at;
        }

      // Entry by entry: each rule runs over its candidate rows of the batch's columns (batch.ts), through the
      // same few loops for every rule, where a compiled function per rule would run cold, one rule after
      // another. The outcome of each pair is kept beside it, to be reported afterwards.
      const columns = toColumns(profiles.map((p) => p.profile));
      const outcomes = new Uint8Array(profiles.length);
      const verdicts = new Uint8Array(candidates.length);
      const kept = new Int32Array(entries.length);
      const examined = new Int32Array(profiles.length);
      const reported = new Int32Array(profiles.length);
      entries.forEach((entry, id) => {
        const start = offsets[id]!;
        const rows = candidates.subarray(start, offsets[id + 1]);
        const n = rows.length === 0 ? 0 : keepPassing(entry.rest, entry.restKeys, columns, rows);
        kept[id] = n;
        if (n === 0) return;
        const { rule, catalogue, parameters = [] } = entry.item;
        entry.batch ??= compileBatch(rule, { catalogue, parameters });
        entry.batch.evaluate(columns, asOf, rows.subarray(0, n), outcomes);
        for (let k = 0; k < n; k++) {
          const i = rows[k]!;
          const outcome = outcomes[i]!;
          verdicts[start + k] = outcome;
          examined[i]!++;
          if (outcome !== NOT_MET) reported[i]!++;
        }
      });
      // Each profile's results in entry id order, the order the items were given, in arrays of their final size.
      const results = profiles.map((_, i) => new Array<MatchResult['results'][number]>(reported[i]!));
      const filled = new Int32Array(profiles.length);
      entries.forEach((entry, id) => {
        for (let at = offsets[id]!, end = at + kept[id]!; at < end; at++) {
          const outcome = verdicts[at]!;
          if (outcome === NOT_MET) continue;
          const i = candidates[at]!;
          results[i]![filled[i]!++] = entry.reported[outcome]!;
        }
      });
      return results.map((r, i) => ({ results: r, examined: examined[i]! }));
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
