/**
 * The benchmark suite: parse/index throughput, search latency over a 100,000-article corpus, and search against a
 * LIKE scan, in one run; rewrites docs/benchmarks.md with the figures measured here.
 *
 *   npx tsx bench/run.ts              (or: npm run bench)
 *   npx tsx bench/run.ts --rebuild    build the cached corpus again
 *   npx tsx bench/run.ts --articles=20000 --no-write    a smaller, quicker run that leaves the doc alone
 *   npx tsx bench/run.ts --report-only    rewrite the doc from the figures of the last complete run (after
 *                                         changing report.ts), measuring nothing
 *
 * Progress goes to stderr. The corpus is cached under the OS temp folder (zct-bench/).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { decodeText } from '../src/core/gazette/decode.ts';
import { parseGazetteText } from '../src/core/gazette/gazette-parser.ts';
import { parseQuery } from '../src/core/search/query.ts';
import { getSegmenter } from '../src/search/segmenter.ts';
import { ensureCorpus, extractMaterial, type CorpusOptions } from './corpus.ts';
import { diagnose } from './explain.ts';
import { counter, note, phase } from './log.ts';
import { runParseBench } from './parse.bench.ts';
import { renderReport, TARGETS, type MachineInfo, type RunResult } from './report.ts';
import { AS_OF, PAGE_SIZE, QUERIES, runSearchBench, type SearchBenchOptions } from './search.bench.ts';

const SAMPLE_URL = new URL('../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url);
const DOC_URL = new URL('../docs/benchmarks.md', import.meta.url);
/** The figures of the last complete run, next to the cached corpus, for --report-only. */
const LAST_RUN = join(os.tmpdir(), 'zct-bench', 'last-run.json');
/** JSON has no Infinity (an execution killed at its deadline): keep it as a string. */
const toJson = (x: unknown) =>
  JSON.stringify(x, (_k, v: unknown) => (v === Number.POSITIVE_INFINITY ? 'Infinity' : v));
const fromJson = (s: string) =>
  JSON.parse(s, (_k, v: unknown) => (v === 'Infinity' ? Number.POSITIVE_INFINITY : v)) as RunResult;

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
for (const a of args) {
  if (!/^--(rebuild|no-write|report-only|articles=\d+)$/.test(a)) {
    process.stderr.write(
      `unknown option ${a}\nusage: npx tsx bench/run.ts [--rebuild] [--articles=N] [--no-write] [--report-only]\n`,
    );
    process.exit(2);
  }
}

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

async function main() {
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
    corpus,
    corpusOptions: CORPUS,
    search,
    diagnostics,
    diagnosticsReps: DIAGNOSTICS_REPS,
    terms: terms.map((t) => ({ q: t.q, words: t.terms.map((x) => x.words) })),
  };
  mkdirSync(join(os.tmpdir(), 'zct-bench'), { recursive: true });
  writeFileSync(LAST_RUN, toJson(result));
  const md = renderReport(result);
  if (flag('no-write')) {
    phase('--no-write: docs/benchmarks.md left as it was; the report follows on stdout');
    process.stdout.write(md);
  } else {
    writeFileSync(DOC_URL, md);
    phase('wrote docs/benchmarks.md');
  }
  const show = (q: { ms: number; atLeast: boolean }) => `${q.atLeast ? '> ' : ''}${q.ms.toFixed(1)} ms`;
  note(
    `parse ${parse.parse.medianMBps.toFixed(2)} MB/s; search p50 ${show(search.page.p50)}, p95 ${show(search.page.p95)}; whole search p95 ${show(search.service.p95)}; LIKE p50 ${show(search.like.p50)}`,
  );
  phase(`done in ${((performance.now() - started) / 60000).toFixed(1)} min`);
}

if (flag('report-only')) {
  const result = fromJson(readFileSync(LAST_RUN, 'utf8'));
  writeFileSync(DOC_URL, renderReport(result));
  phase(`wrote docs/benchmarks.md from the run of ${result.machine.date} (${LAST_RUN})`);
} else {
  await main();
}
