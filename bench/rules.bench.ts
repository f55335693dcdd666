/**
 * Benchmark 4: eligibility rules, on one core. Over the synthetic corpus of bench/rules-corpus.ts (5,000 items,
 * a million profiles), in one process:
 *
 * (a) full scan: every rule over a slice of profiles of its entity, in profile × condition checks per second
 *     (a rule's checks are its leaf conditions, as `CompiledRule.leaves` counts them; a rule that settles
 *     early skips some, as any evaluator would): compiled per profile (`compileRule`), and compiled for
 *     columns (`compileBatch` over `toColumns` of the slice, the columns built inside the timing);
 * (b) indexed: profiles per second against all 5,000 items through the matching index: in bulk
 *     (`matchMany`, batches of 10,000, as 自动匹配 runs over a population; it evaluates with `compileBatch`)
 *     and one at a time (`match`, with `compileRule`);
 * (c) explained: one profile against the 5,000 items with full explanations (the index's candidates, each
 *     through `evaluate`), latency per profile;
 * (d) the same rules as json-logic (bench/rules-jsonlogic.ts) on the same profiles and pairs, against both of
 *     our evaluators: speed as ratios; the columnar outcomes checked against the compiled ones on every pair,
 *     and both against json-logic on the profiles without missing data.
 *
 * The process pins itself to CPU 0 with `taskset` where it can (all its threads, so the garbage collector too).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import jsonLogic from 'json-logic-js';
import { buildMatchingIndex, type IndexStats } from '../src/core/matching/index.ts';
import { compileBatch, type BatchRule } from '../src/core/rules/batch.ts';
import { toColumns } from '../src/core/rules/columns.ts';
import { compileRule, MET, UNKNOWN, type CompiledRule, type Tri } from '../src/core/rules/compile.ts';
import { dayNumber } from '../src/core/rules/dates.ts';
import { deriveFacts } from '../src/core/rules/derive.ts';
import { evaluate } from '../src/core/rules/evaluate.ts';
import { BASE_CATALOGUE } from '../src/core/rules/variables.ts';
import type { FlatProfile } from '../src/core/rules/flatten.ts';
import { counter, note, phase } from './log.ts';
import {
  generateItems,
  generateProfiles,
  profileBatches,
  RULES_CORPUS,
  type BenchProfile,
} from './rules-corpus.ts';
import { jsonLogicData, toJsonLogic, type Logic } from './rules-jsonlogic.ts';
import { median, now, summarize, type Summary } from './stats.ts';

export const RULES_TARGETS = {
  scanChecksPerSecond: 20e6,
  indexedProfilesPerSecond: 25_000,
  explainedP99Ms: 5,
  jsonLogicRatio: 20,
} as const;

export interface RulesBenchOptions {
  /** Profiles matched through the index in bulk, (b). */
  profiles: number;
  /** Profiles generated and matched at a time. */
  batch: number;
  /** Profiles matched one at a time, (b), in chunks of `batch`. */
  oneByOne: number;
  /** The slice for the full scan, (a), and its timed rounds. */
  scanProfiles: number;
  scanRounds: number;
  /**
   * Untimed rounds of each evaluator before (a): V8 optimises each of the thousands of generated functions of
   * `compileRule` only after thousands of calls of its own, and measured before that, mid-way, the compiled
   * rules ran two to five times slower than in the steady state (which about 20 rounds of 1,000 profiles reach).
   */
  scanWarmup: number;
  /** Profiles explained one by one, (c), after `explainWarmup` unmeasured ones. */
  explainProfiles: number;
  explainWarmup: number;
  /** The slice both evaluators run on, (d), and the timed rounds of each. */
  jsonLogicProfiles: number;
  jsonLogicRounds: number;
}

export const RULES_BENCH: RulesBenchOptions = {
  profiles: 1_000_000,
  batch: 10_000,
  oneByOne: 50_000,
  scanProfiles: 1_000,
  scanRounds: 5,
  scanWarmup: 25,
  explainProfiles: 2_000,
  explainWarmup: 200,
  jsonLogicProfiles: 1_000,
  jsonLogicRounds: 3,
};

export interface RulesBenchResult {
  machine: {
    node: string;
    cpu: string;
    cores: number;
    platform: string;
    date: string;
    loadStart: number;
    loadEnd: number;
    /** Whether the process ran pinned to one core, and what taskset said (or why it could not). */
    pinned: boolean;
    pinNote: string;
  };
  options: RulesBenchOptions;
  corpus: {
    seed: number;
    asOf: string;
    items: number;
    enterpriseItems: number;
    personItems: number;
    /** Leaf conditions per item. */
    leaves: Summary;
    kinds: Record<string, number>;
    /** Share of the profiles in the (d) slice with no missing data, and share overall in the scan slice. */
    completeShare: number;
    compileMs: number;
    /** `compileBatch` over all rules (absent from runs before it existed). */
    batchCompileMs?: number;
    indexMs: number;
    index: IndexStats;
  };
  scan: {
    profiles: { enterprise: number; person: number };
    evaluations: number;
    checks: number;
    roundMs: number[];
    checksPerSecond: number;
    /** Outcomes over one round: notMet, met, unknown. */
    outcomes: [number, number, number];
    /** The same scan with `compileBatch` (absent from runs before it existed). */
    batch?: { roundMs: number[]; checksPerSecond: number; outcomes: [number, number, number] };
  };
  indexed: {
    profiles: number;
    batchRates: Summary;
    overallPerSecond: number;
    examinedPerProfile: number;
    matchesPerProfile: number;
    metPerProfile: number;
    /** Items examined as a share of the items of the profile's entity. */
    examinedShare: number;
    /** `match`, one profile at a time: profiles per second of each chunk. */
    oneByOne: { profiles: number; chunkRates: Summary };
  };
  explained: {
    profiles: number;
    warmup: number;
    ms: Summary;
    byEntity: { enterprise: Summary; person: Summary };
    candidates: Summary;
    /** Total time over total explanations: the cost of one `evaluate`. */
    usPerExplanation: number;
  };
  jsonLogic: {
    profiles: number;
    evaluations: number;
    compiledMs: number[];
    jsonLogicMs: number[];
    compiledPerSecond: number;
    jsonLogicPerSecond: number;
    /** json-logic's median time over the compiled rules' (per profile). */
    ratio: number;
    compared: number;
    agreed: number;
    /** Pairs left out of the comparison because our outcome was unknown despite complete data. */
    unknownOnComplete: number;
    disagreements: Array<{ item: string; profile: number; ours: string; jsonLogic: boolean }>;
    /** The columnar evaluator on the same pairs (absent from runs before it existed). */
    batch?: {
      ms: number[];
      perSecond: number;
      /** json-logic's median time over the columnar evaluator's. */
      ratio: number;
      /** Pairs where its outcome equals the compiled rule's, out of all pairs. */
      agreedWithCompiled: number;
      /** On the complete profiles, pairs compared with json-logic (ours not unknown) and those that agree. */
      comparedWithJsonLogic: number;
      agreedWithJsonLogic: number;
    };
  };
  totalMs: number;
}

/** Pins this process (every thread) to CPU 0; says why not where it cannot. */
function pinToOneCore(): { pinned: boolean; pinNote: string } {
  if (process.platform !== 'linux')
    return { pinned: false, pinNote: `not pinned: taskset is Linux-only (${process.platform})` };
  try {
    execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'pipe' });
    const after = execFileSync('taskset', ['-cp', String(process.pid)], { encoding: 'utf8' }).trim();
    return { pinned: /:\s*0$/.test(after), pinNote: `taskset -a -cp 0: ${after}` };
  } catch (e) {
    return { pinned: false, pinNote: `not pinned: taskset failed (${(e as Error).message.split('\n')[0]})` };
  }
}

interface Compiled {
  key: string;
  target: 'enterprise' | 'person' | 'both';
  compiled: CompiledRule;
  batch: BatchRule;
}

type Slice = Record<'enterprise' | 'person', FlatProfile[]>;

/** Every rule over the profiles of its entity, rule by rule (each compiled function runs hot over the slice). */
function scan(rules: readonly Compiled[], slice: Slice, day: number) {
  const outcomes: [number, number, number] = [0, 0, 0];
  let evaluations = 0;
  let checks = 0;
  const t = now();
  for (const { target, compiled } of rules) {
    const profiles = target === 'both' ? [...slice.enterprise, ...slice.person] : slice[target];
    for (let i = 0; i < profiles.length; i++) outcomes[compiled.evaluate(profiles[i]!, day)]++;
    evaluations += profiles.length;
    checks += profiles.length * compiled.leaves;
  }
  return { ms: now() - t, evaluations, checks, outcomes };
}

/**
 * The same with the columnar evaluator: the slice as columns (built inside the timing), then each rule over
 * all the rows of its entity at once, its outcomes tallied as `scan` tallies them.
 */
function batchScan(rules: readonly Compiled[], slice: Slice, day: number) {
  const outcomes: [number, number, number] = [0, 0, 0];
  const t = now();
  const columns = {
    enterprise: toColumns(slice.enterprise),
    person: toColumns(slice.person),
    both: toColumns([...slice.enterprise, ...slice.person]),
  };
  const out = new Uint8Array(columns.both.size);
  for (const { target, batch } of rules) {
    const rows = columns[target];
    batch.evaluate(rows, day, undefined, out);
    for (let i = 0; i < rows.size; i++) outcomes[out[i] as Tri]++;
  }
  return { ms: now() - t, outcomes };
}

function jsonLogicScan(
  rules: ReadonlyArray<{ target: Compiled['target']; logic: Logic }>,
  slice: Record<'enterprise' | 'person', unknown[]>,
): { ms: number; truthy: number } {
  let truthy = 0;
  const t = now();
  for (const { target, logic } of rules) {
    const profiles = target === 'both' ? [...slice.enterprise, ...slice.person] : slice[target];
    for (let i = 0; i < profiles.length; i++)
      if (jsonLogic.truthy(jsonLogic.apply(logic, profiles[i]))) truthy++;
  }
  return { ms: now() - t, truthy };
}

const byEntity = <T>(list: readonly BenchProfile[], f: (p: BenchProfile) => T) => ({
  enterprise: list.filter((p) => p.entity === 'enterprise').map(f),
  person: list.filter((p) => p.entity === 'person').map(f),
});

export function runRulesBench(options: RulesBenchOptions = RULES_BENCH): RulesBenchResult {
  const started = now();
  const loadStart = os.loadavg()[0]!;
  const pin = pinToOneCore();
  phase(`rules: ${pin.pinned ? 'pinned to CPU 0' : pin.pinNote}`);
  const { asOf, seed } = RULES_CORPUS;
  const day = dayNumber(asOf)!;

  phase(`rules: ${RULES_CORPUS.items.toLocaleString('en-US')} items: generate, compile, index`);
  const items = generateItems(RULES_CORPUS);
  let t = now();
  const compiled = items.map((i) =>
    compileRule(i.rule, { catalogue: i.catalogue, parameters: i.parameters ?? [] }),
  );
  const compileMs = now() - t;
  t = now();
  const rules: Compiled[] = items.map((i, n) => ({
    key: i.key,
    target: i.target,
    compiled: compiled[n]!,
    batch: compileBatch(i.rule, { catalogue: i.catalogue, parameters: i.parameters ?? [] }),
  }));
  const batchCompileMs = now() - t;
  t = now();
  const index = buildMatchingIndex(items);
  const indexMs = now() - t;
  const kinds: Record<string, number> = {};
  for (const i of items) kinds[i.kind] = (kinds[i.kind] ?? 0) + 1;
  const itemsOf = { enterprise: 0, person: 0 };
  for (const i of items) {
    if (i.target !== 'person') itemsOf.enterprise++;
    if (i.target !== 'enterprise') itemsOf.person++;
  }
  note(
    `compiled in ${compileMs.toFixed(0)} ms (for columns ${batchCompileMs.toFixed(0)} ms), indexed in ${indexMs.toFixed(0)} ms; ${JSON.stringify(index.stats.postedBy)}, open ${index.stats.open}`,
  );

  // (a) The scan slice: the first profiles of a stream of their own.
  const slice = generateProfiles(options.scanProfiles, seed + 1);
  const flatSlice = byEntity(slice, (p) => p.flat);
  phase(
    `rules (a): full scan, ${options.scanProfiles.toLocaleString('en-US')} profiles × the items of their entity, ${options.scanWarmup} warm-up and ${options.scanRounds} timed rounds of each evaluator, alternating`,
  );
  for (let round = 0; round < options.scanWarmup; round++) {
    scan(rules, flatSlice, day);
    batchScan(rules, flatSlice, day);
  }
  const rounds: Array<ReturnType<typeof scan>> = [];
  const batchRounds: Array<ReturnType<typeof batchScan>> = [];
  for (let round = 0; round < options.scanRounds; round++) {
    rounds.push(scan(rules, flatSlice, day));
    batchRounds.push(batchScan(rules, flatSlice, day));
  }
  const scanMs = rounds.map((r) => r.ms);
  const { evaluations, checks, outcomes } = rounds[0]!;
  const checksPerSecond = checks / (median(scanMs) / 1000);
  const batchMs = batchRounds.map((r) => r.ms);
  const batchScanResult = {
    roundMs: batchMs,
    checksPerSecond: checks / (median(batchMs) / 1000),
    outcomes: batchRounds[0]!.outcomes,
  };
  note(
    `compiled ${(checksPerSecond / 1e6).toFixed(1)} million checks/s (median round ${median(scanMs).toFixed(0)} ms); columnar ${(batchScanResult.checksPerSecond / 1e6).toFixed(1)} million checks/s (${median(batchMs).toFixed(0)} ms); outcomes ${outcomes.join('/')} and ${batchScanResult.outcomes.join('/')}`,
  );

  // (b) Indexed matching of the whole profile stream, generated batch by batch outside the timing.
  phase(
    `rules (b): ${options.profiles.toLocaleString('en-US')} profiles through the matching index, in batches of ${options.batch.toLocaleString('en-US')}`,
  );
  const asInput = (batch: readonly BenchProfile[]) =>
    batch.map((p) => ({ profile: p.flat, entity: p.entity }));
  index.matchMany(asInput(slice), day);
  const rates: number[] = [];
  let [matchedMs, matched, examined, matches, met, shareSum] = [0, 0, 0, 0, 0, 0];
  const progress = counter('rules (b): profiles', options.profiles);
  for (const batch of profileBatches(options.profiles, options.batch, seed)) {
    const input = asInput(batch);
    const start = now();
    const results = index.matchMany(input, day);
    const ms = now() - start;
    results.forEach((r, i) => {
      examined += r.examined;
      shareSum += r.examined / itemsOf[batch[i]!.entity];
      matches += r.results.length;
      for (const x of r.results) if (x.outcome === 'met') met++;
    });
    matchedMs += ms;
    matched += batch.length;
    rates.push(batch.length / (ms / 1000));
    progress.update(matched);
  }
  progress.done();
  const batchRates = summarize(rates);
  note(
    `${batchRates.p50.toFixed(0)} profiles/s (median batch), ${(examined / matched).toFixed(0)} items examined per profile`,
  );
  phase(`rules (b): ${options.oneByOne.toLocaleString('en-US')} profiles one at a time`);
  const chunkRates: number[] = [];
  for (const batch of profileBatches(options.oneByOne, options.batch, seed + 3)) {
    const start = now();
    for (const p of batch) index.match(p.flat, p.entity, day);
    chunkRates.push(batch.length / ((now() - start) / 1000));
  }
  const oneByOne = { profiles: options.oneByOne, chunkRates: summarize(chunkRates) };
  note(`${oneByOne.chunkRates.p50.toFixed(0)} profiles/s one at a time (median chunk)`);

  // (c) Full explanations for one profile at a time.
  phase(`rules (c): ${options.explainProfiles.toLocaleString('en-US')} profiles explained one by one`);
  const explainSet = generateProfiles(options.explainWarmup + options.explainProfiles, seed + 2);
  const latencies: Array<{ entity: BenchProfile['entity']; ms: number; candidates: number }> = [];
  explainSet.forEach((p, i) => {
    const start = now();
    const candidates = index.candidates(p.flat, p.entity);
    // As MatchingService.match does: derive the profile once, then explain each candidate.
    const derived = deriveFacts(p.profile, asOf, BASE_CATALOGUE);
    for (const c of candidates)
      evaluate(c.rule, derived, {
        asOf,
        catalogue: c.catalogue,
        parameters: c.parameters ?? [],
        derived: true,
      });
    const ms = now() - start;
    if (i >= options.explainWarmup) latencies.push({ entity: p.entity, ms, candidates: candidates.length });
  });
  const explainedMs = summarize(latencies.map((l) => l.ms));
  const totalCandidates = latencies.reduce((s, l) => s + l.candidates, 0);
  note(`p50 ${explainedMs.p50.toFixed(2)} ms, p99 ${explainedMs.p99.toFixed(2)} ms`);

  // (d) json-logic on the same pairs.
  phase(
    `rules (d): json-logic vs compiled and columnar on ${options.jsonLogicProfiles} profiles × the items of their entity`,
  );
  const small = slice.slice(0, options.jsonLogicProfiles);
  const smallFlat = byEntity(small, (p) => p.flat);
  const smallData = byEntity(small, (p) => jsonLogicData(p.flat) as unknown);
  const logic = items.map((i) => ({
    key: i.key,
    target: i.target,
    logic: toJsonLogic(i.rule, i.catalogue, day),
  }));
  jsonLogicScan(logic, smallData);
  scan(rules, smallFlat, day);
  batchScan(rules, smallFlat, day);
  const [compiledMs, jsonLogicMs, columnarMs] = [[] as number[], [] as number[], [] as number[]];
  let pairs = 0;
  for (let round = 0; round < options.jsonLogicRounds; round++) {
    const ours = scan(rules, smallFlat, day);
    compiledMs.push(ours.ms);
    pairs = ours.evaluations;
    columnarMs.push(batchScan(rules, smallFlat, day).ms);
    jsonLogicMs.push(jsonLogicScan(logic, smallData).ms);
  }
  const agreement = compare(rules, logic, small, day);
  const ratio = median(jsonLogicMs) / median(compiledMs);
  const batchRatio = median(jsonLogicMs) / median(columnarMs);
  note(
    `json-logic ${(median(jsonLogicMs) / 1000).toFixed(2)} s, compiled ${median(compiledMs).toFixed(1)} ms: ${ratio.toFixed(1)}×, columnar ${median(columnarMs).toFixed(1)} ms: ${batchRatio.toFixed(1)}×; agreement with json-logic ${agreement.agreed}/${agreement.compared} (compiled), ${agreement.batch.agreedWithJsonLogic}/${agreement.batch.comparedWithJsonLogic} (columnar); columnar = compiled on ${agreement.batch.agreedWithCompiled}/${pairs} pairs`,
  );

  const leaves = summarize(rules.map((r) => r.compiled.leaves));
  return {
    machine: {
      node: process.version,
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: os.cpus().length,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      date: new Date().toISOString().slice(0, 10),
      loadStart,
      loadEnd: os.loadavg()[0]!,
      ...pin,
    },
    options,
    corpus: {
      seed,
      asOf,
      items: items.length,
      enterpriseItems: items.filter((i) => i.target === 'enterprise').length,
      personItems: items.filter((i) => i.target === 'person').length,
      leaves,
      kinds,
      completeShare: small.filter((p) => p.complete).length / small.length,
      compileMs,
      batchCompileMs,
      indexMs,
      index: index.stats,
    },
    scan: {
      profiles: { enterprise: flatSlice.enterprise.length, person: flatSlice.person.length },
      evaluations,
      checks,
      roundMs: scanMs,
      checksPerSecond,
      outcomes,
      batch: batchScanResult,
    },
    indexed: {
      profiles: matched,
      batchRates,
      overallPerSecond: matched / (matchedMs / 1000),
      examinedPerProfile: examined / matched,
      matchesPerProfile: matches / matched,
      metPerProfile: met / matched,
      examinedShare: shareSum / matched,
      oneByOne,
    },
    explained: {
      profiles: latencies.length,
      warmup: options.explainWarmup,
      ms: explainedMs,
      byEntity: {
        enterprise: summarize(latencies.filter((l) => l.entity === 'enterprise').map((l) => l.ms)),
        person: summarize(latencies.filter((l) => l.entity === 'person').map((l) => l.ms)),
      },
      candidates: summarize(latencies.map((l) => l.candidates)),
      usPerExplanation: (latencies.reduce((s, l) => s + l.ms, 0) * 1000) / Math.max(1, totalCandidates),
    },
    jsonLogic: {
      profiles: small.length,
      evaluations: pairs,
      compiledMs,
      jsonLogicMs,
      compiledPerSecond: pairs / (median(compiledMs) / 1000),
      jsonLogicPerSecond: pairs / (median(jsonLogicMs) / 1000),
      ratio,
      ...agreement,
      batch: {
        ms: columnarMs,
        perSecond: pairs / (median(columnarMs) / 1000),
        ratio: batchRatio,
        ...agreement.batch,
      },
    },
    totalMs: now() - started,
  };
}

/**
 * Outcomes against json-logic on the complete profiles (met must be true and notMet false), for the compiled
 * rules and the columnar evaluator; and the columnar outcomes against the compiled ones on every pair.
 */
function compare(
  rules: readonly Compiled[],
  logic: ReadonlyArray<{ logic: Logic }>,
  profiles: readonly BenchProfile[],
  day: number,
): Pick<RulesBenchResult['jsonLogic'], 'compared' | 'agreed' | 'unknownOnComplete' | 'disagreements'> & {
  batch: Omit<NonNullable<RulesBenchResult['jsonLogic']['batch']>, 'ms' | 'perSecond' | 'ratio'>;
} {
  let [compared, agreed, unknownOnComplete] = [0, 0, 0];
  const batch = { agreedWithCompiled: 0, comparedWithJsonLogic: 0, agreedWithJsonLogic: 0 };
  const disagreements: RulesBenchResult['jsonLogic']['disagreements'] = [];
  const entities = { enterprise: [] as number[], person: [] as number[] };
  profiles.forEach((p, n) => entities[p.entity].push(n));
  const members = { ...entities, both: profiles.map((_, n) => n) };
  const columns = {
    enterprise: toColumns(entities.enterprise.map((n) => profiles[n]!.flat)),
    person: toColumns(entities.person.map((n) => profiles[n]!.flat)),
    both: toColumns(profiles.map((p) => p.flat)),
  };
  const data = profiles.map((p) => (p.complete ? jsonLogicData(p.flat) : undefined));
  rules.forEach((r, i) => {
    const columnar = r.batch.evaluate(columns[r.target], day);
    members[r.target].forEach((n, row) => {
      const p = profiles[n]!;
      const ours = r.compiled.evaluate(p.flat, day);
      if (columnar[row] === ours) batch.agreedWithCompiled++;
      if (!p.complete) return;
      const theirs = jsonLogic.truthy(jsonLogic.apply(logic[i]!.logic, data[n]));
      if (columnar[row] !== UNKNOWN) {
        batch.comparedWithJsonLogic++;
        if ((columnar[row] === MET) === theirs) batch.agreedWithJsonLogic++;
      }
      if (ours === UNKNOWN) {
        unknownOnComplete++;
        return;
      }
      compared++;
      if ((ours === MET) === theirs) agreed++;
      else if (disagreements.length < 5)
        disagreements.push({
          item: r.key,
          profile: n,
          ours: ours === MET ? 'met' : 'notMet',
          jsonLogic: theirs,
        });
    });
  });
  return { compared, agreed, unknownOnComplete, disagreements, batch };
}
