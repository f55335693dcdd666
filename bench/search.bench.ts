/**
 * Benchmarks 2 and 3: search latency on the SQLite corpus through the API's own code path, and the same queries
 * as a plain LIKE '%…%' scan of passages.text.
 *
 * - page: parseQuery + searchRepository(...).page(...) with the API's default page (top 20 by score plus the
 *   passage total), exactly what LibraryService.search runs first;
 * - facets: what LibraryService.search runs next: the matching documents (searchRepository.documentIds), then
 *   the "all documents" count and the five facet counts (issuer, kind, level, year, validity);
 * - service: LibraryService.search as a whole (page + facets + snippets), the API's answer;
 * - like: SELECT id … WHERE text LIKE '%t1%' AND … ORDER BY id LIMIT 20, plus SELECT COUNT(*) with the same WHERE.
 *
 * Each measurement: one warm-up pass over the queries, then rounds in a seeded random order per round. A query
 * gets as many measured executions as fit its share of the time budget (at least 1, at most maxReps), so that
 * a slow query cannot hold up the run; an execution that passes the deadline is killed and counted as "more
 * than the deadline". Overall percentiles weigh every query the same, however many executions it got.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { counter, note, phase } from './log.ts';
import { seededRandom, shuffle } from './stats.ts';
import type { Operation, WorkerMessage, WorkerRequest, WorkerResult } from './search.worker.ts';

/** Realistic queries: single terms, two-term AND queries, long terms that use the trigram fallback, a broad query, a miss. */
export const QUERIES: readonly string[] = [
  '校车',
  '储备粮 轮换',
  '承储企业',
  '城建档案 移交',
  '数字化转型',
  '技术改造',
  '政策通',
  '免申即享',
  '驾驶资格',
  '竣工验收',
  '城市更新 资金',
  '质量安全检验',
  '专精特新',
  '应急预案',
  '校车驾驶人',
  '工业互联网',
  '老旧小区 改造',
  '惠企 政策',
  '安全 管理',
  '碳达峰',
];

/** A fixed day for validity, so that runs on different days compare. */
export const AS_OF = '2024-12-31';
export const PAGE_SIZE = 20;

export interface MeasureOptions {
  maxReps: number;
  budgetMs: number;
  deadlineMs: number;
}

export interface QueryMeasurement {
  /** Measured executions in ms; Infinity for one killed at the deadline. */
  samples: number[];
  /** The warm-up execution passed the deadline: the query was not run again. */
  timedOutInWarmup: boolean;
  /** The result of the warm-up execution: passages (documents, for facets) matched. */
  result: { total: number } | null;
  /**
   * The warm-up execution's time: the query's first run in this worker, so with cold caches (for the page, the
   * impact postings of its words are built then, unless an earlier query built them).
   */
  firstMs?: number;
}

/** A latency percentile; `atLeast` when it falls on executions killed at the deadline (the value is the deadline). */
export interface Quantile {
  ms: number;
  atLeast: boolean;
}

export interface Measurement {
  op: Operation;
  options: MeasureOptions;
  perQuery: QueryMeasurement[];
  executions: number;
  timeouts: number;
  wallMs: number;
  p50: Quantile;
  p95: Quantile;
  p99: Quantile;
}

/** Percentile (nearest rank) where each query weighs 1, split evenly over its executions. */
export function weightedQuantile(
  perQuery: readonly { samples: readonly number[] }[],
  q: number,
  deadlineMs: number,
): Quantile {
  const entries = perQuery
    .filter((m) => m.samples.length > 0)
    .flatMap((m) => m.samples.map((ms) => ({ ms, w: 1 / m.samples.length })))
    .sort((a, b) => a.ms - b.ms);
  const total = entries.reduce((s, e) => s + e.w, 0);
  let acc = 0;
  for (const e of entries) {
    acc += e.w;
    if (acc >= q * total - 1e-9)
      return Number.isFinite(e.ms) ? { ms: e.ms, atLeast: false } : { ms: deadlineMs, atLeast: true };
  }
  return { ms: Number.NaN, atLeast: false };
}

/** Percentile of one query's executions (nearest rank). */
export function queryQuantile(samples: readonly number[], q: number, deadlineMs: number): Quantile {
  return weightedQuantile([{ samples }], q, deadlineMs);
}

/** One forked search.worker.ts; killed and replaced when an execution passes its deadline. */
export class SearchExecutor {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private waiting = new Map<number, (m: WorkerMessage) => void>();
  restarts = 0;

  constructor(private readonly corpusPath: string) {}

  async start(): Promise<void> {
    const child = fork(fileURLToPath(new URL('./search.worker.ts', import.meta.url)), [this.corpusPath], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the search worker exited (${code}) before it was ready`));
      child.once('exit', onExit);
      child.on('message', (m: WorkerMessage) => {
        if ('ready' in m) {
          child.off('exit', onExit);
          resolve();
          return;
        }
        this.waiting.get(m.id)?.(m);
        this.waiting.delete(m.id);
      });
    });
  }

  /** Runs one search; null when it passed the deadline (the worker is then replaced). */
  async run(op: Operation, q: string, deadlineMs: number): Promise<WorkerResult | null> {
    const child = this.child;
    if (!child) throw new Error('the search worker is not running');
    const request: WorkerRequest = { id: this.nextId++, op, q, asOf: AS_OF, pageSize: PAGE_SIZE };
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<WorkerMessage | null>((resolve) => {
      this.waiting.set(request.id, resolve);
      timer = setTimeout(() => resolve(null), deadlineMs);
    });
    child.send(request);
    const m = await reply;
    clearTimeout(timer);
    if (m === null) {
      this.waiting.delete(request.id);
      await this.kill();
      this.restarts++;
      await this.start();
      return null;
    }
    if ('error' in m) throw new Error(`search worker: ${op} "${q}": ${m.error}`);
    if ('ready' in m) throw new Error('unexpected message from the search worker');
    return m;
  }

  private async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export async function measure(
  exec: SearchExecutor,
  op: Operation,
  label: string,
  options: MeasureOptions,
  seed: number,
): Promise<Measurement> {
  const started = performance.now();
  const rnd = seededRandom(seed);
  const n = QUERIES.length;
  const order = () => shuffle(rnd, [...Array(n).keys()]);
  const perQuery: QueryMeasurement[] = QUERIES.map(() => ({
    samples: [],
    timedOutInWarmup: false,
    result: null,
  }));
  const deadline = `${(options.deadlineMs / 1000).toFixed(0)} s`;
  phase(`${label}: warm-up pass over ${n} queries (deadline ${deadline} per execution)`);
  const warm: number[] = Array<number>(n).fill(Number.NaN);
  let timeouts = 0;
  const warmup = counter(`${op} warm-up`, n, 5);
  for (const [k, i] of order().entries()) {
    const r = await exec.run(op, QUERIES[i]!, options.deadlineMs);
    if (r === null) {
      perQuery[i]!.timedOutInWarmup = true;
      perQuery[i]!.samples.push(Number.POSITIVE_INFINITY);
      timeouts++;
    } else {
      warm[i] = r.ms;
      perQuery[i]!.result = { total: r.total };
      perQuery[i]!.firstMs = r.ms;
    }
    warmup.update(k + 1);
  }
  warmup.done();

  // Share the budget: the fastest queries first, each up to maxReps; what they leave goes to the slower ones.
  const reps: number[] = Array<number>(n).fill(0);
  const active = [...Array(n).keys()]
    .filter((i) => !perQuery[i]!.timedOutInWarmup)
    .sort((a, b) => warm[a]! - warm[b]!);
  let budget = options.budgetMs;
  active.forEach((i, k) => {
    const share = budget / (active.length - k);
    reps[i] = Math.max(1, Math.min(options.maxReps, Math.floor(share / Math.max(warm[i]!, 0.05))));
    budget -= reps[i] * warm[i]!;
  });
  const planned = reps.reduce((a, b) => a + b, 0);
  const maxRounds = Math.max(0, ...reps);
  phase(
    `${label}: ${planned} measured executions (${maxRounds} rounds at most; budget ${(options.budgetMs / 1000).toFixed(0)} s)`,
  );
  const progress = counter(`${op} executions`, Math.max(1, planned));
  let done = 0;
  for (let round = 0; round < maxRounds; round++) {
    for (const i of order()) {
      if (reps[i]! <= round) continue;
      const r = await exec.run(op, QUERIES[i]!, options.deadlineMs);
      if (r === null) timeouts++;
      perQuery[i]!.samples.push(r === null ? Number.POSITIVE_INFINITY : r.ms);
      progress.update(++done);
    }
  }
  progress.done();
  const m: Measurement = {
    op,
    options,
    perQuery,
    executions: perQuery.reduce((s, q) => s + q.samples.length, 0),
    timeouts,
    wallMs: performance.now() - started,
    p50: weightedQuantile(perQuery, 0.5, options.deadlineMs),
    p95: weightedQuantile(perQuery, 0.95, options.deadlineMs),
    p99: weightedQuantile(perQuery, 0.99, options.deadlineMs),
  };
  const show = (x: Quantile) => `${x.atLeast ? '> ' : ''}${x.ms.toFixed(1)} ms`;
  note(
    `${op}: p50 ${show(m.p50)}, p95 ${show(m.p95)}, p99 ${show(m.p99)}; ${m.executions} executions, ${timeouts} past the deadline`,
  );
  return m;
}

export interface SearchBenchOptions {
  page: MeasureOptions;
  facets: MeasureOptions;
  service: MeasureOptions;
  like: MeasureOptions;
  seed: number;
}

export interface SearchBenchResult {
  page: Measurement;
  facets: Measurement;
  service: Measurement;
  like: Measurement;
  workerRestarts: number;
}

export async function runSearchBench(
  corpusPath: string,
  options: SearchBenchOptions,
): Promise<SearchBenchResult> {
  const exec = new SearchExecutor(corpusPath);
  phase('search: starting the search worker');
  await exec.start();
  try {
    const page = await measure(
      exec,
      'page',
      `search: ranked top ${PAGE_SIZE} + total (page)`,
      options.page,
      options.seed,
    );
    const facets = await measure(
      exec,
      'facets',
      'search: matching documents + facet counts',
      options.facets,
      options.seed + 1,
    );
    const service = await measure(
      exec,
      'service',
      'search: whole LibraryService.search',
      options.service,
      options.seed + 2,
    );
    const like = await measure(
      exec,
      'like',
      `LIKE baseline: first ${PAGE_SIZE} by id + COUNT(*)`,
      options.like,
      options.seed + 3,
    );
    return { page, facets, service, like, workerRestarts: exec.restarts };
  } finally {
    await exec.stop();
  }
}
