/**
 * The benchmark suite, in two parts that can run alone: **search** (parse/index throughput, search latency over a
 * 100,000-article corpus, and search against a LIKE scan) and **rules** (eligibility rules: compiled evaluation,
 * the matching index, explanations, and json-logic-js as a baseline, on one core). Rewrites docs/benchmarks.md
 * with the figures measured here; a part that did not run keeps the figures of its last run.
 *
 *   npx tsx bench/run.ts              (or: npm run bench) both parts
 *   npx tsx bench/run.ts --only=search    the search part alone
 *   npx tsx bench/run.ts --only=rules     the rules part alone (or: npm run bench:rules), a few minutes
 *   npx tsx bench/run.ts --rebuild    build the cached corpus again
 *   npx tsx bench/run.ts --articles=20000 --no-write    a smaller, quicker run that leaves the doc alone
 *   npx tsx bench/run.ts --only=rules --profiles=100000 --no-write    a quicker rules run
 *   npx tsx bench/run.ts --report-only    rewrite the doc from the figures of the last runs (after changing
 *                                         report.ts), measuring nothing
 *
 * Progress goes to stderr. The corpus is cached under the OS temp folder (zct-bench/). The figures of each
 * part's last complete run are kept in the repository (bench/results/search.json and rules.json), next to the
 * document they produce, so that a run of one part on another machine or in a later session keeps the other's.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { decodeText } from '../src/core/gazette/decode.ts';
import { parseGazetteText } from '../src/core/gazette/gazette-parser.ts';
import { parseQuery } from '../src/core/search/query.ts';
import { getSegmenter } from '../src/search/segmenter.ts';
import { ensureCorpus, extractMaterial, type CorpusOptions } from './corpus.ts';
import { diagnose } from './explain.ts';
import { counter, note, phase } from './log.ts';
import { runParseBench } from './parse.bench.ts';
import { renderBenchmarks, TARGETS, type MachineInfo, type RunResult } from './report.ts';
import { RULES_BENCH, runRulesBench, type RulesBenchResult } from './rules.bench.ts';
import { AS_OF, PAGE_SIZE, QUERIES, runSearchBench, type SearchBenchOptions } from './search.bench.ts';

const SAMPLE_URL = new URL('../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url);
const DOC_URL = new URL('../docs/benchmarks.md', import.meta.url);
/** The figures of each part's last complete run, committed with docs/benchmarks.md, for --only and --report-only. */
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const LAST_RUN = join(RESULTS_DIR, 'search.json');
const LAST_RULES = join(RESULTS_DIR, 'rules.json');
/** JSON has no Infinity (an execution killed at its deadline): keep it as a string. */
const toJson = (x: unknown) =>
  `${JSON.stringify(x, (_k, v: unknown) => (v === Number.POSITIVE_INFINITY ? 'Infinity' : v), 1)}\n`;
function readLast<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8'), (_k, v: unknown) =>
    v === 'Infinity' ? Number.POSITIVE_INFINITY : v,
  ) as T;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
for (const a of args) {
  if (!/^--(rebuild|no-write|report-only|articles=\d+|profiles=\d+|only=(rules|search))$/.test(a)) {
    process.stderr.write(
      `unknown option ${a}\nusage: npx tsx bench/run.ts [--only=search|--only=rules] [--rebuild] [--articles=N] [--profiles=N] [--no-write] [--report-only]\n`,
    );
    process.exit(2);
  }
}
const only = option('only') as 'rules' | 'search' | undefined;

const CORPUS: CorpusOptions = {
  articles: Number(option('articles') ?? 100_000),
  articlesPerDocument: 40,
  seed: 20230505,
  rebuild: flag('rebuild'),
};

/**
 * Time budgets, chosen so that the whole run stays under about ten minutes on a 2-core machine (the first run
 * also builds the corpus, about a minute). A query gets up to maxReps measured executions (25 × 20 queries = 500)
 * as long as they fit the budget; the deadline bounds any single execution.
 */
const SEARCH: SearchBenchOptions = {
  page: { maxReps: 25, budgetMs: 90_000, deadlineMs: 30_000 },
  facets: { maxReps: 25, budgetMs: 60_000, deadlineMs: 30_000 },
  service: { maxReps: 25, budgetMs: 90_000, deadlineMs: 30_000 },
  like: { maxReps: 25, budgetMs: 220_000, deadlineMs: 30_000 },
  seed: 7,
};
const DIAGNOSTICS_REPS = 5;
/** Queries whose plans the report shows: the broadest one, and one that takes the trigram fallback. */
const EXPLAIN_QUERIES = ['校车', '老旧小区 改造'];

function machineInfo(): MachineInfo {
  const db = new SQLite(':memory:');
  const { v } = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
  db.close();
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    sqlite: v,
    date: new Date().toISOString().slice(0, 10),
    loadStart: os.loadavg()[0]!,
    loadEnd: Number.NaN,
  };
}

/** The search part: parse, search and LIKE, then the statement diagnostics. Stores its figures in LAST_RUN unless --no-write. */
async function runSearch(): Promise<RunResult> {
  const started = performance.now();
  const machine = machineInfo();
  phase(`zct benchmarks — Node ${machine.node}, ${machine.cpu} × ${machine.cores}, SQLite ${machine.sqlite}`);
  const sample = new Uint8Array(readFileSync(SAMPLE_URL));

  const parse = await runParseBench(sample, {
    parseIterations: 50,
    parseWarmup: 10,
    segmentIterations: 50,
    ingestIterations: 10,
    ingestWarmup: 2,
  });
  note(
    `parse ${parse.parse.medianMBps.toFixed(2)} MB/s (target ≥ ${TARGETS.parseMBps}), segment ${parse.segment.medianMBps.toFixed(2)} MB/s, ingest ${parse.ingest.medianMBps.toFixed(2)} MB/s`,
  );

  const seg = getSegmenter();
  const material = extractMaterial(parseGazetteText(decodeText(sample).text));
  const corpus = await ensureCorpus(material, seg, CORPUS);

  const search = await runSearchBench(corpus.path, SEARCH);

  phase(
    `diagnostics: the statements of LibraryService.search, timed (${DIAGNOSTICS_REPS} runs each), and their plans`,
  );
  const progress = counter('diagnostics: queries', QUERIES.length, 5);
  const diagnostics = await diagnose(
    corpus.path,
    seg,
    QUERIES,
    EXPLAIN_QUERIES,
    AS_OF,
    PAGE_SIZE,
    DIAGNOSTICS_REPS,
    (n) => progress.update(n),
  );
  progress.done();
  const terms = QUERIES.map((q) => ({ q, terms: parseQuery(q, (t) => seg.forQuery(t)) }));

  const result: RunResult = {
    machine: { ...machine, loadEnd: os.loadavg()[0]! },
    totalMs: performance.now() - started,
    parse,
    // The file's name only: the results are committed, and the folder is this machine's.
    corpus: { ...corpus, path: basename(corpus.path) },
    corpusOptions: CORPUS,
    search,
    diagnostics,
    diagnosticsReps: DIAGNOSTICS_REPS,
    terms: terms.map((t) => ({ q: t.q, words: t.terms.map((x) => x.words) })),
  };
  if (!flag('no-write')) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(LAST_RUN, toJson(result));
  }
  const show = (q: { ms: number; atLeast: boolean }) => `${q.atLeast ? '> ' : ''}${q.ms.toFixed(1)} ms`;
  note(
    `parse ${parse.parse.medianMBps.toFixed(2)} MB/s; search p50 ${show(search.page.p50)}, p95 ${show(search.page.p95)}; whole search p95 ${show(search.service.p95)}; LIKE p50 ${show(search.like.p50)}`,
  );
  return result;
}

/**
 * The rules part, in this process: it pins itself to one core, so it runs after the search part, whose worker
 * must not share that core. Stores its figures in LAST_RULES unless the run leaves the doc alone (--no-write,
 * e.g. with a smaller --profiles).
 */
function runRules(): RulesBenchResult {
  const profiles = option('profiles');
  const result = runRulesBench(profiles ? { ...RULES_BENCH, profiles: Number(profiles) } : RULES_BENCH);
  if (!flag('no-write')) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(LAST_RULES, toJson(result));
  }
  return result;
}

async function main() {
  const started = performance.now();
  const search = only === 'rules' ? readLast<RunResult>(LAST_RUN) : await runSearch();
  const rules = only === 'search' ? readLast<RulesBenchResult>(LAST_RULES) : runRules();
  const md = renderBenchmarks(search, rules);
  if (flag('no-write')) {
    phase('--no-write: docs/benchmarks.md left as it was; the report follows on stdout');
    process.stdout.write(md);
  } else {
    writeFileSync(DOC_URL, md);
    phase(
      `wrote docs/benchmarks.md${only ? ` (the ${only === 'rules' ? 'search' : 'rules'} figures from its last run${(only === 'rules' ? search : rules) ? '' : ': none yet'})` : ''}`,
    );
  }
  phase(`done in ${((performance.now() - started) / 60000).toFixed(1)} min`);
}

if (flag('report-only')) {
  const [search, rules] = [readLast<RunResult>(LAST_RUN), readLast<RulesBenchResult>(LAST_RULES)];
  writeFileSync(DOC_URL, renderBenchmarks(search, rules));
  phase(
    `wrote docs/benchmarks.md from the last runs: search ${search?.machine.date ?? 'none'}, rules ${rules?.machine.date ?? 'none'}`,
  );
} else {
  await main();
}
