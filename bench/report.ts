/** Renders docs/benchmarks.md from the figures of one run. Every number in it comes from the RunResult. */
import { FREQUENT_DF } from '../src/db/helpers/search/sqlite-impacts.ts';
import type { CorpusInfo, CorpusOptions } from './corpus.ts';
import { KIND_LABELS, KINDS, type Diagnostics, type PlanLine, type StatementKind } from './explain.ts';
import type { ParseBenchResult, ThroughputResult } from './parse.bench.ts';
import {
  AS_OF,
  PAGE_SIZE,
  QUERIES,
  queryQuantile,
  type Measurement,
  type Quantile,
  type SearchBenchResult,
} from './search.bench.ts';
import { RULES_TARGETS, type RulesBenchResult } from './rules.bench.ts';
import { fmt, fmtInt, median } from './stats.ts';

export const TARGETS = { parseMBps: 5, searchP95Ms: 10, likeRatio: 50 } as const;

export interface MachineInfo {
  node: string;
  cpu: string;
  cores: number;
  platform: string;
  memoryGB: number;
  sqlite: string;
  date: string;
  /** 1-minute load average at the start and the end of the run: other work on the machine skews the figures. */
  loadStart: number;
  loadEnd: number;
}

export interface RunResult {
  machine: MachineInfo;
  totalMs: number;
  parse: ParseBenchResult;
  corpus: CorpusInfo;
  corpusOptions: CorpusOptions;
  search: SearchBenchResult;
  diagnostics: Diagnostics;
  diagnosticsReps: number;
  terms: { q: string; words: string[][] }[];
}

const met = (ok: boolean) => (ok ? '✅ yes' : '❌ no');

/** "12.3 ms", "4.56 s"; "> 5.00 s" for a percentile that falls on killed executions. */
function ms(x: number | Quantile): string {
  const q = typeof x === 'number' ? { ms: x, atLeast: false } : x;
  if (!Number.isFinite(q.ms)) return '–';
  const v = q.ms >= 1000 ? `${(q.ms / 1000).toFixed(2)} s` : `${fmt(q.ms)} ms`;
  return q.atLeast ? `> ${v}` : v;
}

/** LIKE time over FTS time; a bound when either side is a "more than the deadline". */
function ratio(
  like: Quantile,
  fts: Quantile,
): { text: string; value: number; bound: 'exact' | 'upper' | 'lower' | 'none' } {
  if (like.atLeast && fts.atLeast) return { text: '–', value: Number.NaN, bound: 'none' };
  const value = like.ms / fts.ms;
  const text = `${value >= 10 ? fmtInt(value) : fmt(value, 2)}×`;
  if (fts.atLeast) return { text: `< ${text}`, value, bound: 'upper' };
  if (like.atLeast) return { text: `> ${text}`, value, bound: 'lower' };
  return { text, value, bound: 'exact' };
}

/** Display width in a monospace font: CJK and full-width forms take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

function throughputRow(t: ThroughputResult, target: string, ok: string): string {
  return `| ${t.name} | ${t.iterations} (+${t.warmup} warm-up) | ${ms(t.ms.p50)} | **${fmt(t.medianMBps)}** | ${fmt(t.overallMBps)} | ${fmt(t.minMBps)}–${fmt(t.maxMBps)} | ${target} | ${ok} |`;
}

function planBlock(lines: readonly PlanLine[]): string {
  return lines.map((l) => `${'  '.repeat(l.depth)}${l.detail}`).join('\n');
}

/** Log-scale bars: 10 characters per decade from 0.1 ms. */
const CHART_MIN_MS = 0.1;
const PER_DECADE = 10;
function bar(q: Quantile): string {
  const n = Math.max(1, Math.round(Math.log10(Math.max(q.ms, CHART_MIN_MS) / CHART_MIN_MS) * PER_DECADE));
  return '█'.repeat(n) + (q.atLeast ? '▶' : '');
}

function chart(r: RunResult): string {
  const { page, service, like } = r.search;
  const label = Math.max(...QUERIES.map(width)) + 2;
  const series: [string, Measurement][] = [
    ['page', page],
    ['search', service],
    ['LIKE', like],
  ];
  const kind = Math.max(...series.map(([s]) => s.length)) + 1;
  const decades = Math.ceil(
    Math.log10(
      Math.max(
        ...series.flatMap(([, m]) =>
          m.perQuery.map((p) => finite(queryQuantile(p.samples, 0.5, m.options.deadlineMs).ms)),
        ),
      ) / CHART_MIN_MS,
    ),
  );
  const ticks = ['0.1 ms', '1 ms', '10 ms', '100 ms', '1 s', '10 s', '100 s', '1000 s'].slice(
    0,
    Math.max(2, decades + 1),
  );
  let axis = '';
  ticks.forEach((t, i) => {
    axis = axis.padEnd(i * PER_DECADE) + (i === 0 ? t : `${t}`);
  });
  const rule = ticks.map((_, i) => (i === 0 ? '|' : `${'-'.repeat(PER_DECADE - 1)}|`)).join('');
  const out = [`${' '.repeat(label + kind)}${axis}`, `${' '.repeat(label + kind)}${rule}`];
  QUERIES.forEach((q, i) => {
    series.forEach(([name, m], k) => {
      const p50 = queryQuantile(m.perQuery[i]!.samples, 0.5, m.options.deadlineMs);
      out.push(`${padEnd(k === 0 ? q : '', label)}${name.padEnd(kind)}${bar(p50)} ${ms(p50)}`);
    });
    if (i < QUERIES.length - 1) out.push('');
  });
  return out.join('\n');
}

const finite = (x: number) => (Number.isFinite(x) ? x : 1);

function measurementRow(label: string, m: Measurement, target: string, ok: string): string {
  return `| ${label} | ${m.executions} | ${m.timeouts} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} | ${target} | ${ok} |`;
}

/** Statement kinds that make up the page (count, rank, fallback, details) and the facets (documents, facets). */
const PAGE_KINDS: readonly StatementKind[] = ['count', 'rank', 'fallback', 'details'];

export function renderReport(r: RunResult): string {
  const { parse, corpus, search, diagnostics: dx, machine } = r;
  const { page, facets, service, like } = search;
  const parseOk = parse.parse.medianMBps >= TARGETS.parseMBps;
  const pageOk = !page.p95.atLeast && page.p95.ms <= TARGETS.searchP95Ms;
  const r50 = ratio(like.p50, page.p50);
  const r95 = ratio(like.p95, page.p95);
  const s50 = ratio(like.p50, service.p50);
  const s95 = ratio(like.p95, service.p95);
  const ratioOk = (x: ReturnType<typeof ratio>) =>
    (x.bound === 'exact' || x.bound === 'lower') && x.value >= TARGETS.likeRatio;
  const deadline = (m: Measurement) => ms(m.options.deadlineMs);
  const pq = (m: Measurement, i: number, x: number) =>
    queryQuantile(m.perQuery[i]!.samples, x, m.options.deadlineMs);

  // Where the time goes, summed over all queries: one search of each, statement by statement.
  const kindTotals = KINDS.map((kind) => ({
    kind,
    ms: dx.breakdowns.reduce((s, b) => s + (b.kinds[kind]?.ms ?? 0), 0),
    queries: dx.breakdowns.filter((b) => b.kinds[kind]).length,
  })).filter((k) => k.queries > 0);
  const allMs = kindTotals.reduce((s, k) => s + k.ms, 0);
  const pageMs = kindTotals.filter((k) => PAGE_KINDS.includes(k.kind)).reduce((s, k) => s + k.ms, 0);
  const topPageKind = [...kindTotals]
    .filter((k) => PAGE_KINDS.includes(k.kind))
    .sort((a, b) => b.ms - a.ms)[0];
  const slowest = QUERIES.map((q, i) => ({ q, i, p50: pq(page, i, 0.5), p95: pq(page, i, 0.95) })).sort(
    (a, b) => b.p50.ms - a.p50.ms,
  );
  const share = (x: number, of: number) => `${of > 0 ? Math.round((100 * x) / of) : 0}%`;

  const lines: string[] = [];
  const push = (...s: string[]) => lines.push(...s);

  push(
    '# Benchmarks',
    '',
    `<!-- Generated by \`npx tsx bench/run.ts\` (npm run bench) on ${machine.date}. Do not edit: run it again. -->`,
    '',
    `_Generated by \`npx tsx bench/run.ts\` on ${machine.date}; the whole run took ${(r.totalMs / 60000).toFixed(1)} min. Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB RAM, ${machine.platform}; Node ${machine.node}, SQLite ${machine.sqlite}; load average ${machine.loadStart.toFixed(1)} at the start, ${machine.loadEnd.toFixed(1)} at the end. These machines are shared and noisy: read medians and ratios, not single figures._`,
    '',
    '## What is measured',
    '',
    `1. **Parse and index throughput** on the sample gazette \`data/samples/liaocheng-gazette-2023-05.txt\` (${fmtInt(parse.bytes)} bytes of UTF-8, ${parse.documents} documents, ${parse.articles} articles, ${parse.passages} search passages), in MB/s of input (MB = 10⁶ bytes): parsing alone (\`decodeText\` + \`parseGazetteText\`), jieba index segmentation alone (\`getSegmenter().forIndex\`), and the whole \`LibraryService.ingest\` (parse, segment, insert, FTS5 and trigram indexing) into a fresh SQLite file per iteration (opening and migrating it is not timed).`,
    `2. **Search latency** on SQLite over a synthetic corpus of **${fmtInt(corpus.passages)} articles** in ${fmtInt(corpus.documents)} documents, built from the sample's own text: its ${fmtInt(corpus.sentences)} sentences (${fmtInt(corpus.distinctSentences)} distinct, cut at 。 and ；) drawn at random (seeded PRNG, seed ${r.corpusOptions.seed}) 3–12 per article, ~${r.corpusOptions.articlesPerDocument} articles per document in 3–7 chapters named after the sample's ${corpus.chapterTitles} chapter titles, document titles from its ${corpus.titles} titles. ${(corpus.textBytes / 1e6).toFixed(0)} MB of article text (${fmtInt(corpus.textChars)} characters); the database is ${(corpus.dbBytes / 1e6).toFixed(0)} MB. Rows go straight into \`documents\`, \`document_issuers\` and \`passages\` in transactions of 5,000 passages, segmented with the real segmenter and indexed with the real \`handle.search.index\`; building took ${(corpus.buildMs / 1000).toFixed(0)} s${corpus.cached ? ' (in an earlier run: the corpus is cached in the OS temp folder, keyed by the corpus version, the generator options, the sample and the sources of the migrations, the search dialect and the segmenter)' : ''}. Searches go through the API's code: **page** = \`parseQuery\` + \`searchRepository(...).page(...)\`, the ranked top ${PAGE_SIZE} with the number of matching passages (the default page of GET /search); **facets** = what \`LibraryService.search\` runs after it (the matching documents, their count and the five facet counts); **search** = the whole \`LibraryService.search\` (page + facets + snippets), the API's answer. No filters; validity as of ${AS_OF}.`,
    `3. **The same queries as a plain scan**: \`SELECT id FROM passages WHERE text LIKE '%t1%' AND text LIKE '%t2%' … ORDER BY id LIMIT ${PAGE_SIZE}\` plus \`SELECT COUNT(*)\` with the same condition, on the same corpus in the same run, timed the same way.`,
    '',
    `Queries (${QUERIES.length}): ${r.terms.map((t) => `\`${t.q}\``).join(', ')}.`,
    '',
    `Method: each measurement starts with a warm-up pass over all queries, then runs rounds with the queries in a seeded random order, up to ${page.options.maxReps} executions per query (${page.options.maxReps * QUERIES.length} in all) within a time budget per measurement (${(page.options.budgetMs / 1000).toFixed(0)} s for the page, ${(like.options.budgetMs / 1000).toFixed(0)} s for LIKE); a slow query gets fewer executions rather than holding up the run. Searches run in a forked worker process (\`bench/search.worker.ts\`) that opens the corpus with \`openDatabase\` and times each call inside the worker; an execution that passes its deadline (${deadline(page)}) would be killed and counted as "more than the deadline". Percentiles over all executions weigh each query equally, whatever its number of executions (nearest rank). Throughput figures are medians of the iterations.`,
    '',
    '## Summary',
    '',
    '| Benchmark | Measured | Target | Met |',
    '| --- | --- | --- | --- |',
    `| Parse throughput (median) | ${fmt(parse.parse.medianMBps)} MB/s | ≥ ${TARGETS.parseMBps} MB/s | ${met(parseOk)} |`,
    `| Search p95, ranked top ${PAGE_SIZE} + total, ${fmtInt(corpus.passages)} articles | ${ms(page.p95)} (p50 ${ms(page.p50)}) | ≤ ${TARGETS.searchP95Ms} ms | ${met(pageOk)} |`,
    `| Search vs LIKE, ratio of medians (LIKE / search) | ${r50.text} (of p95s: ${r95.text}) | ≥ ${TARGETS.likeRatio}× | ${met(ratioOk(r50))} |`,
    `| Whole API search (page + facets + snippets), p95 | ${ms(service.p95)} (p50 ${ms(service.p50)}) | – | – |`,
    '',
  );
  if (!pageOk || !ratioOk(r50)) {
    const worst = slowest.slice(0, 3);
    push(
      `**Not met.** ${[
        !pageOk ? `The page's p95 is ${ms(page.p95)} against ${TARGETS.searchP95Ms} ms.` : '',
        !ratioOk(r50)
          ? `The search is ${r50.text} as fast as LIKE at the median, against ${TARGETS.likeRatio}×.`
          : '',
        `The slowest queries are ${worst.map((w) => `\`${w.q}\` (p50 ${ms(w.p50)}, p95 ${ms(w.p95)}; ${fmtInt(page.perQuery[w.i]!.result?.total ?? 0)} matches)`).join(', ')}${topPageKind ? `; in the page, the ${KIND_LABELS[topPageKind.kind]} statement takes ${share(topPageKind.ms, pageMs)} of the time summed over all queries` : ''}. See [Where the time goes](#where-the-time-goes).`,
      ]
        .filter(Boolean)
        .join(' ')}`,
      '',
    );
  }

  push(
    '## 1. Parse and index throughput',
    '',
    '| Stage | Iterations | Median time | Median MB/s | Overall MB/s | Slowest–fastest MB/s | Target | Met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    throughputRow(parse.parse, `≥ ${TARGETS.parseMBps} MB/s`, met(parseOk)),
    throughputRow(parse.segment, '–', '–'),
    throughputRow(parse.ingest, '–', '–'),
    '',
    `Overall = all bytes over all measured time. Ingest includes parsing and segmentation; a fresh database took a further ${ms(parse.setupMs)} (median) to open and migrate.`,
    '',
    `## 2. Search latency over ${fmtInt(corpus.passages)} articles`,
    '',
    '| Measurement | Executions | Past deadline | p50 | p95 | p99 | Target | Met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    measurementRow(
      `**Page**: ranked top ${PAGE_SIZE} + total`,
      page,
      `p95 ≤ ${TARGETS.searchP95Ms} ms`,
      met(pageOk),
    ),
    measurementRow('Facets: matching documents + their count + five facets', facets, '–', '–'),
    measurementRow('Whole `LibraryService.search` (page + facets + snippets)', service, '–', '–'),
    '',
    "Per query (p50 and p95 of each query's own executions; n = measured executions). Matches = passages the search counts, and passages the LIKE scan counts (LIKE matches the typed terms as substrings; the search matches the segmenter's words, and falls back to the trigram index for terms of three or more characters when fewer than 20 passages match by words). Documents = matching documents, which the facets count. Page first run = the query's first execution in a fresh worker (the warm-up pass, queries in random order): cold caches, and for broad queries the time to build the impact postings of words no earlier query used.",
    '',
    '| Query | Words | Matches (search) | Matches (LIKE) | Documents | Page first run | Page p50 | Page p95 | n | Facets p50 | Search p50 | Search p95 | n | LIKE p50 | n |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  QUERIES.forEach((q, i) => {
    const total = (m: Measurement) => (m.perQuery[i]!.result ? fmtInt(m.perQuery[i]!.result.total) : '?');
    push(
      `| ${q} | ${r.terms[i]!.words.map((w) => w.join('+')).join(' · ')} | ${total(page)} | ${total(like)} | ${total(facets)} | ${page.perQuery[i]!.firstMs === undefined ? '?' : ms(page.perQuery[i]!.firstMs)} | ${ms(pq(page, i, 0.5))} | ${ms(pq(page, i, 0.95))} | ${page.perQuery[i]!.samples.length} | ${ms(pq(facets, i, 0.5))} | ${ms(pq(service, i, 0.5))} | ${ms(pq(service, i, 0.95))} | ${service.perQuery[i]!.samples.length} | ${ms(pq(like, i, 0.5))} | ${like.perQuery[i]!.samples.length} |`,
    );
  });
  push(
    '',
    `Words = the query's terms as the segmenter cuts them (· between terms, + between the words of one term). The corpus repeats ${fmtInt(corpus.distinctSentences)} sentences, so its words are far more frequent than in a real library: most queries match thousands of passages, some most of the corpus. That is hard on whatever grows with the number of matches (ranking all of them, counting, collecting their documents) and easy on LIKE … LIMIT ${PAGE_SIZE}, which stops early; its COUNT(*) always reads the whole table.`,
    '',
    '## 3. Search vs LIKE',
    '',
    '| | p50 | p95 | Executions |',
    '| --- | --- | --- | --- |',
    `| LIKE scan: first ${PAGE_SIZE} + COUNT(*) | ${ms(like.p50)} | ${ms(like.p95)} | ${like.executions} |`,
    `| Page: top ${PAGE_SIZE} + total | ${ms(page.p50)} | ${ms(page.p95)} | ${page.executions} |`,
    `| Whole search (page + facets + snippets) | ${ms(service.p50)} | ${ms(service.p95)} | ${service.executions} |`,
    '',
    '| Ratio LIKE / search | Of medians | Of p95s | Target | Met |',
    '| --- | --- | --- | --- | --- |',
    `| Page | **${r50.text}** | ${r95.text} | ≥ ${TARGETS.likeRatio}× | ${met(ratioOk(r50))} |`,
    `| Whole search | ${s50.text} | ${s95.text} | – | – |`,
    '',
    `Median latency per query, **log scale** (${PER_DECADE} characters per tenfold; page = top ${PAGE_SIZE} + total, search = the whole API search${page.timeouts + service.timeouts > 0 ? '; ▶ = killed at the deadline, the real time is longer' : ''}):`,
    '',
    '```text',
    chart(r),
    '```',
    '',
    '## Where the time goes',
    '',
    `Every statement of \`LibraryService.search\`, logged with its duration by Kysely on a second, read-only connection to the corpus (median of ${r.diagnosticsReps} searches per query after one unmeasured search, so with a warm cache), grouped by what it does. Summed over one search of each of the ${QUERIES.length} queries:`,
    '',
    '| Statement | Queries that run it | Time, all queries | Share |',
    '| --- | --- | --- | --- |',
    ...kindTotals.map(
      (k) =>
        `| ${KIND_LABELS[k.kind]}${PAGE_KINDS.includes(k.kind) ? ' (page)' : ' (facets)'} | ${k.queries} | ${ms(k.ms)} | ${share(k.ms, allMs)} |`,
    ),
    '',
    'Per query, sorted by page p50 (ms of each kind of statement in one search; in brackets, how many statements):',
    '',
    `| Query | Page p50 | Page p95 | ${kindTotals.map((k) => KIND_LABELS[k.kind]).join(' | ')} | Whole search, this connection |`,
    `| --- | --- | --- | ${kindTotals.map(() => '---').join(' | ')} | --- |`,
  );
  for (const { q, i, p50, p95 } of slowest) {
    const b = dx.breakdowns.find((x) => x.q === q)!;
    push(
      `| ${q} | ${ms(p50)} | ${ms(p95)} | ${kindTotals
        .map((k) => {
          const v = b.kinds[k.kind];
          return v ? `${ms(v.ms)}${v.statements > 1 ? ` (${v.statements})` : ''}` : '–';
        })
        .join(' | ')} | ${ms(b.totalMs)} |`,
    );
    void i;
  }
  push(
    '',
    `How SQLite runs each kind of statement (EXPLAIN QUERY PLAN; the first statement of each kind in the searches for ${dx.explainQueries.map((q) => `\`${q}\``).join(' and ')}):`,
    '',
  );
  for (const p of dx.plans) {
    push(
      `**${KIND_LABELS[p.kind]}** (\`${p.q}\`):`,
      '',
      '```sql',
      shortSql(p.sql),
      '```',
      '',
      '```text',
      planBlock(p.plan),
      '```',
      '',
    );
  }
  findings(r, push, { pageOk, ratioOk: ratioOk(r50), kindTotals, pageMs, slowest });
  return lines.join('\n');
}

/** SQL on one line, with long parameter lists shortened: IN (?, ?, … 2,493 parameters). */
function shortSql(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\((\?, ){5,}\?\)/g, (m) => `(?, ?, ?, … ${fmtInt((m.match(/\?/g) ?? []).length)} parameters)`);
}

/** What the measurements say, and what to do about a target that is not met. Only what this run's figures show. */
function findings(
  r: RunResult,
  push: (...s: string[]) => void,
  f: {
    pageOk: boolean;
    ratioOk: boolean;
    kindTotals: { kind: StatementKind; ms: number; queries: number }[];
    pageMs: number;
    slowest: { q: string; i: number; p50: Quantile; p95: Quantile }[];
  },
): void {
  const { page, facets } = r.search;
  const dx = r.diagnostics;
  const matches = (q: string) => page.perQuery[QUERIES.indexOf(q)]!.result?.total ?? 0;
  // Queries with 1,000 matches or more: the page's cost per 1,000 matches is measured over those FTS5 ranks.
  const broad = QUERIES.map((q, i) => ({ q, i, n: matches(q) })).filter((x) => x.n >= 1000);
  const p95Of = (q: string) =>
    queryQuantile(page.perQuery[QUERIES.indexOf(q)]!.samples, 0.95, page.options.deadlineMs);
  const failing = QUERIES.filter((q) => p95Of(q).atLeast || p95Of(q).ms > TARGETS.searchP95Ms);
  const smallestFailing = failing.length > 0 ? Math.min(...failing.map(matches)) : Number.NaN;
  const rankPlan = dx.plans.find((p) => p.kind === 'rank');
  const sortsAll = rankPlan?.plan.some((l) => /USE TEMP B-TREE FOR ORDER BY/.test(l.detail)) ?? false;
  const rank = f.kindTotals.find((k) => k.kind === 'rank');
  const facetMs = f.kindTotals.filter((k) => !PAGE_KINDS.includes(k.kind)).reduce((s, k) => s + k.ms, 0);
  const pageShare = (ms: number) => `${f.pageMs > 0 ? Math.round((100 * ms) / f.pageMs) : 0}%`;
  push('### Findings', '');
  const items: string[] = [];
  // Queries ranked from impact-ordered postings issue no ranking statement (src/db/helpers/search/sqlite-impacts.ts).
  const impactRanked = dx.breakdowns
    .filter((b) => !b.kinds.rank && matches(b.q) >= PAGE_SIZE)
    .map((b) => b.q);
  if (impactRanked.length > 0) {
    const firstRuns = impactRanked.map((q) => page.perQuery[QUERIES.indexOf(q)]!.firstMs ?? Number.NaN);
    items.push(
      `**Broad queries are ranked from impact-ordered postings**: when every word of a query is held by at least ${fmtInt(FREQUENT_DF)} passages, the top ${PAGE_SIZE} come from each word's postings sorted by its bm25 contribution, kept in memory, with Fagin's threshold algorithm; the count is the postings' intersection. Their cost no longer grows with the number of matches: ${impactRanked.map((q) => `\`${q}\` (${fmtInt(matches(q))} matches, p50 ${ms(queryQuantile(page.perQuery[QUERIES.indexOf(q)]!.samples, 0.5, page.options.deadlineMs).ms)})`).join(', ')}. The first run of such a query in a fresh process builds the postings of its words from the FTS5 index (fts5vocab) and reads every row's length once: ${ms(Math.min(...firstRuns))}–${ms(Math.max(...firstRuns))} here (the "Page first run" column), once per word until the next ingest.`,
    );
  }
  if (rank) {
    const ftsRanked = QUERIES.filter((q) => !impactRanked.includes(q));
    const broadFts = broad.filter((x) => ftsRanked.includes(x.q));
    const perThousandFts =
      broadFts.length > 0
        ? median(
            broadFts.map(
              (x) =>
                (queryQuantile(page.perQuery[x.i]!.samples, 0.5, page.options.deadlineMs).ms / x.n) * 1000,
            ),
          )
        : Number.NaN;
    items.push(
      `**The other queries are ranked by FTS5's bm25**, whose statement takes ${pageShare(rank.ms)} of the page's statement time over all queries.${sortsAll ? ` Its plan is one FTS5 scan that scores every match, then a temporary B-tree for ORDER BY … LIMIT ${PAGE_SIZE}: the work grows with the number of matches, which stays below ${fmtInt(FREQUENT_DF)} for at least one of the query's words.` : ''}${Number.isFinite(perThousandFts) ? ` Those pages cost about ${ms(perThousandFts)} per 1,000 matching passages (median of page p50 ÷ matches over the ${broadFts.length} such queries with 1,000 matches or more).` : ''}`,
    );
  }
  items.push(
    `Queries over the target at p95: ${failing.map((q) => `\`${q}\` (${fmtInt(matches(q))} matches)`).join(', ') || 'none'}.`,
  );
  const other = f.kindTotals.filter((k) => PAGE_KINDS.includes(k.kind) && k.kind !== 'rank');
  if (other.length > 0) {
    const covering = dx.plans.filter((p) => p.plan.some((l) => /COVERING INDEX/.test(l.detail)));
    items.push(
      `The rest of the page is small: ${other.map((k) => `${KIND_LABELS[k.kind]} ${pageShare(k.ms)}`).join(', ')}.${covering.length > 0 ? ` The ${covering.map((p) => KIND_LABELS[p.kind]).join(' and ')} statement reads passage → document through a covering index (${[...new Set(covering.flatMap((p) => p.plan.flatMap((l) => /COVERING INDEX (\S+)/.exec(l.detail)?.[1] ?? [])))].map((x) => `\`${x}\``).join(', ')}), not the wide passage rows.` : ''}`,
    );
  }
  if (facetMs > 0) {
    items.push(
      `Facets cost ${ms(facets.p50)} at the median (p95 ${ms(facets.p95)}) on top of the page: collecting the matching documents into the application, then ${dx.breakdowns.find((b) => b.kinds.facets)?.kinds.facets?.statements ?? 6} statements that each bind that list of ids (up to ${fmtInt(Math.max(...facets.perQuery.map((q) => q.result?.total ?? 0)))} parameters).`,
    );
  }
  push(...items.map((t) => `- ${t}`), '');
  if (!f.pageOk && rank) {
    push(
      '### What would meet the target (not applied: outside bench/)',
      '',
      `- **Do not score every match of a broad query.** The count comes first and is cheap (one FTS5 scan without scoring); above a threshold of matches, fill the page without bm25 over all of them — e.g. the newest matches (\`ORDER BY rowid DESC LIMIT ${PAGE_SIZE}\` on the FTS5 table reads only those rows) with a hint to narrow the query, or rank a bounded subset such as matches in the heading or title columns. Restricting bm25 to a rowid window helps less than it seems: bm25 still walks each word's whole posting list once per query to count the passages that hold it.`,
      `- **Cache the first page of frequent queries** (query + filters → ranked ids and total), cleared on every ingest: broad queries are the popular ones, and the library changes only when a gazette is imported.`,
      ...(failing.length > 0
        ? [
            `- Or set the target by breadth: on this corpus every query matching fewer than ${fmtInt(smallestFailing)} passages meets ${TARGETS.searchP95Ms} ms at p95, and the corpus is far denser than a real library (it repeats ${fmtInt(r.corpus.distinctSentences)} sentences; its broadest queries match most of it).`,
          ]
        : []),
      '',
    );
  }
  if (!f.ratioOk) {
    push(
      `The LIKE ratio follows from the same numbers: LIKE's time is nearly constant (every COUNT(*) reads all ${fmtInt(r.corpus.passages)} rows), so the ratio of medians moves with the search's median and the ratio of p95s with its broadest queries.`,
      '',
    );
  }
}

/**
 * The whole document: the search report of the last search run and the rules section of the last rules run,
 * either of which may be missing (each part runs alone with --only).
 */
export function renderBenchmarks(search: RunResult | undefined, rules: RulesBenchResult | undefined): string {
  const head = search
    ? [renderReport(search)]
    : ['# Benchmarks', '', '_No search figures yet: run `npx tsx bench/run.ts --only=search`._', ''];
  const tail = rules
    ? renderRulesSection(rules)
    : ['## Eligibility rules', '', '_No figures yet: run `npm run bench:rules`._', ''];
  return [...head, ...tail].join('\n');
}

const perSecond = (x: number) => (x >= 1e6 ? `${fmt(x / 1e6)} million/s` : `${fmtInt(x)}/s`);

function renderRulesSection(r: RulesBenchResult): string[] {
  const { machine: m, corpus: c, scan, indexed, explained: e, jsonLogic: j, options: o } = r;
  const T = RULES_TARGETS;
  const columnar = scan.batch;
  const jb = j.batch;
  const ok = {
    scan: scan.checksPerSecond >= T.scanChecksPerSecond,
    scanColumnar: columnar !== undefined && columnar.checksPerSecond >= T.scanChecksPerSecond,
    indexed: indexed.batchRates.p50 >= T.indexedProfilesPerSecond,
    explained: e.ms.p99 <= T.explainedP99Ms,
    jsonLogic: j.ratio >= T.jsonLogicRatio,
    jsonLogicColumnar: jb !== undefined && jb.ratio >= T.jsonLogicRatio,
  };
  const nsScan = (median(scan.roundMs) * 1e6) / scan.evaluations;
  const nsColumnarScan = columnar ? (median(columnar.roundMs) * 1e6) / scan.evaluations : NaN;
  const nsColumnarD = jb ? 1e9 / jb.perSecond : NaN;
  const sameOutcomes = columnar !== undefined && columnar.outcomes.every((n, i) => n === scan.outcomes[i]);
  const nsBulk = 1e9 / indexed.batchRates.p50 / indexed.examinedPerProfile;
  const nsOne = 1e9 / indexed.oneByOne.chunkRates.p50 / indexed.examinedPerProfile;
  const nsJson = 1e9 / j.jsonLogicPerSecond;
  const nsCompiledD = 1e9 / j.compiledPerSecond;
  const kinds = Object.entries(c.kinds)
    .map(([k, n]) => `${k} ${fmtInt(n)}`)
    .join(', ');
  const lines: string[] = [
    '## Eligibility rules',
    '',
    `_Measured by \`npx tsx bench/run.ts --only=rules\` (\`npm run bench:rules\`) on ${m.date}, in ${(r.totalMs / 60000).toFixed(1)} min. Machine: ${m.cpu}, ${m.cores} cores, ${m.platform}; Node ${m.node}; load average ${m.loadStart.toFixed(1)} at the start, ${m.loadEnd.toFixed(1)} at the end. ${m.pinned ? 'One process pinned to one core (`taskset -a -cp 0`: all its threads, the garbage collector and the optimising compiler included).' : `Not pinned to one core: ${m.pinNote}.`} Read medians and ratios._`,
    '',
    '| Measurement | Measured | Target | Met |',
    '| --- | --- | --- | --- |',
    `| (a) Full scan, compiled per profile (\`compileRule\`): profile × condition checks per second | **${perSecond(scan.checksPerSecond)}** (median of ${scan.roundMs.length} rounds) | ≥ ${perSecond(T.scanChecksPerSecond)} | ${met(ok.scan)} |`,
    `| (a) Full scan, columnar batch (\`compileBatch\`, columns built inside the timing): checks per second | ${columnar ? `**${perSecond(columnar.checksPerSecond)}** (median of ${columnar.roundMs.length} rounds)` : '— (not measured in this run)'} | ≥ ${perSecond(T.scanChecksPerSecond)} | ${columnar ? met(ok.scanColumnar) : '—'} |`,
    `| (b) Indexed: profiles per second against ${fmtInt(c.items)} items | **${perSecond(indexed.batchRates.p50)}** in bulk (median batch); ${perSecond(indexed.oneByOne.chunkRates.p50)} one at a time | ≥ ${perSecond(T.indexedProfilesPerSecond)} | ${met(ok.indexed)} |`,
    `| (c) One profile against ${fmtInt(c.items)} items with full explanations, p99 | **${ms(e.ms.p99)}** (p50 ${ms(e.ms.p50)}, p95 ${ms(e.ms.p95)}) | ≤ ${T.explainedP99Ms} ms | ${met(ok.explained)} |`,
    `| (d) json-logic-js time over ours on the same pairs (ratio of median times): compiled per profile | **${fmt(j.ratio, 2)}×** | ≥ ${T.jsonLogicRatio}× | ${met(ok.jsonLogic)} |`,
    `| (d) the same, columnar batch | ${jb ? `**${fmt(jb.ratio, 2)}×**` : '— (not measured in this run)'} | ≥ ${T.jsonLogicRatio}× | ${jb ? met(ok.jsonLogicColumnar) : '—'} |`,
    '',
    '### Method',
    '',
    `- **Items**: ${fmtInt(c.items)} generated by \`bench/rules-corpus.ts\` (seed ${c.seed}) from the shapes of the sample items: ${fmtInt(c.enterpriseItems)} enterprise items (registered within one 聊城 county or the city, in one manufacturing division such as C34, C17, C26, C13 or in manufacturing at large, plus two to five of scale 小型/微型, employees ≥ N, years since founding ≥ N, a qualification, tax credit A/B, not dishonest) and ${fmtInt(c.personItems)} person items shaped like the school-bus driver (户籍 within a county or the city, plus three to seven of licence class, years since licence, age between, no records of given kinds within a window, healthy, education, employment). Kinds: ${kinds}. ${fmt(c.leaves.mean)} conditions per item on average (${c.leaves.min}–${c.leaves.max}). Compiling all rules took ${ms(c.compileMs)}${c.batchCompileMs === undefined ? '' : ` with \`compileRule\` and ${ms(c.batchCompileMs)} with \`compileBatch\``}, building the matching index ${ms(c.indexMs)}.`,
    `- **Profiles**: half enterprises, half persons, with values drawn from plausible ranges and each fact missing with a small probability (region and industry 0.5%, revenue 10%, …; a third of persons hold no driving licence, which the rules read as unknown). Evaluation date ${c.asOf}. All profiles are flattened (\`flatten\`) before the clock starts.`,
    `- **(a)** every rule over the ${fmtInt(scan.profiles.enterprise + scan.profiles.person)} profiles of a slice that belong to its entity (${fmtInt(scan.evaluations)} evaluations, ${fmtInt(scan.checks)} checks per round), rule by rule, by two evaluators: **compiled per profile**, one generated function per rule structure (\`compileRule\`) called on each profile; and **columnar batch** (\`compileBatch\`): the slice turned into columns (\`toColumns\`, one typed array per variable, inside the timing), then each rule evaluated over all the rows of its entity at once, condition by condition, through loops that every rule shares. Both tally the outcomes. ${o.scanWarmup === undefined ? 'One warm-up round' : `${o.scanWarmup} untimed warm-up rounds`} of each, then ${scan.roundMs.length} timed rounds of each, alternating${o.scanWarmup === undefined ? '' : ': V8 optimises each of the thousands of generated functions of `compileRule` only after thousands of calls of its own, and measured before that the compiled rules ran two to five times slower than in the steady state, which about 20 rounds reach'}. A check is a leaf condition as \`CompiledRule.leaves\` counts them; a rule that settles early skips some, as any evaluator would, and the columnar evaluator runs a condition only on the rows its group has not settled.`,
    `- **(b)** ${fmtInt(indexed.profiles)} profiles in batches of ${fmtInt(o.batch)}, each batch generated outside the timing, matched with \`MatchingIndex.matchMany\`: profiles with the same entity and the same posted codes look up their postings once; each candidate item's necessary conditions on plain values filter its candidate rows (decided once per distinct value of the batch); then the item's rule runs over the rows left with the columnar evaluator. The batch's columns are built inside the timing. And ${fmtInt(indexed.oneByOne.profiles)} more with \`match\`, one profile at a time, each candidate through its compiled rule. Both return the met and unknown items of each profile (a property test holds \`matchMany\` to \`match\`).`,
    `- **(c)** ${fmtInt(e.profiles)} profiles (after ${e.warmup} unmeasured), one at a time: the index's candidates, then \`evaluate\` (the explaining interpreter) on each.`,
    `- **(d)** the rules translated to json-logic by \`bench/rules-jsonlogic.ts\` and run with \`jsonLogic.apply\` on the same ${fmtInt(j.profiles)} profiles (as nested JSON, dates as day numbers) and the same ${fmtInt(j.evaluations)} item × profile pairs as our two evaluators (as in (a): compiled per profile, and columnar batch with its columns built inside the timing), rule by rule, the three alternating, ${j.compiledMs.length} timed rounds each after a warm-up. Each ratio is json-logic's median time over ours. json-logic has two-valued logic: missing data reads as null, so outcomes are compared with it only on the profiles without missing data; the columnar outcomes are compared with the compiled ones on every pair.`,
    '',
    '### Figures',
    '',
    '| | |',
    '| --- | --- |',
    `| (a) compiled per profile: time per round, median (range) | ${ms(median(scan.roundMs))} (${ms(Math.min(...scan.roundMs))}–${ms(Math.max(...scan.roundMs))}) |`,
    ...(columnar
      ? [
          `| (a) columnar batch: time per round, median (range) | ${ms(median(columnar.roundMs))} (${ms(Math.min(...columnar.roundMs))}–${ms(Math.max(...columnar.roundMs))}) |`,
        ]
      : []),
    `| (a) outcomes over one round: not met / met / unknown | ${fmtInt(scan.outcomes[0])} / ${fmtInt(scan.outcomes[1])} / ${fmtInt(scan.outcomes[2])}${columnar ? (sameOutcomes ? ' (the same from both evaluators)' : `; columnar: ${columnar.outcomes.map(fmtInt).join(' / ')}`) : ''} |`,
    `| (b) bulk, profiles per second: median batch (slowest–fastest), overall | ${fmtInt(indexed.batchRates.p50)} (${fmtInt(indexed.batchRates.min)}–${fmtInt(indexed.batchRates.max)}), ${fmtInt(indexed.overallPerSecond)} |`,
    `| (b) one at a time, profiles per second: median chunk (slowest–fastest) | ${fmtInt(indexed.oneByOne.chunkRates.p50)} (${fmtInt(indexed.oneByOne.chunkRates.min)}–${fmtInt(indexed.oneByOne.chunkRates.max)}) |`,
    `| (b) rules run per profile (share of the items of its entity) | ${fmt(indexed.examinedPerProfile)} (${(indexed.examinedShare * 100).toFixed(1)}%) |`,
    `| (b) items met or unknown per profile (met) | ${fmt(indexed.matchesPerProfile)} (${fmt(indexed.metPerProfile)}) |`,
    `| (b) items posted on region and industry codes | ${Object.entries(c.index.postedBy)
      .map(([v, n]) => `${v} ${fmtInt(n)}`)
      .join(', ')}; ${fmtInt(c.index.open)} with no code condition |`,
    `| (c) latency: p50 / p95 / p99 / max | ${ms(e.ms.p50)} / ${ms(e.ms.p95)} / ${ms(e.ms.p99)} / ${ms(e.ms.max)} |`,
    `| (c) enterprises: p50 / p99; persons: p50 / p99 | ${ms(e.byEntity.enterprise.p50)} / ${ms(e.byEntity.enterprise.p99)}; ${ms(e.byEntity.person.p50)} / ${ms(e.byEntity.person.p99)} |`,
    `| (c) candidates explained per profile: mean, p99 | ${fmt(e.candidates.mean)}, ${fmtInt(e.candidates.p99)} |`,
    `| (c) time per explanation (\`evaluate\`) | ${fmt(e.usPerExplanation)} µs |`,
    `| (d) compiled per profile: median time, evaluations per second | ${ms(median(j.compiledMs))}, ${perSecond(j.compiledPerSecond)} |`,
    ...(jb
      ? [
          `| (d) columnar batch: median time, evaluations per second | ${ms(median(jb.ms))}, ${perSecond(jb.perSecond)} |`,
        ]
      : []),
    `| (d) json-logic: median time, evaluations per second | ${ms(median(j.jsonLogicMs))}, ${perSecond(j.jsonLogicPerSecond)} |`,
    `| (d) compiled vs json-logic on complete profiles: agree / compared | ${fmtInt(j.agreed)} / ${fmtInt(j.compared)}${j.unknownOnComplete > 0 ? ` (${fmtInt(j.unknownOnComplete)} pairs unknown to us left out)` : ''} |`,
    ...(jb
      ? [
          `| (d) columnar vs json-logic on complete profiles: agree / compared | ${fmtInt(jb.agreedWithJsonLogic)} / ${fmtInt(jb.comparedWithJsonLogic)} |`,
          `| (d) columnar vs compiled on all pairs: agree / pairs | ${fmtInt(jb.agreedWithCompiled)} / ${fmtInt(j.evaluations)} |`,
        ]
      : []),
    '',
    '### Findings',
    '',
    `- **A compiled rule is fast when it runs hot, slow when thousands take turns.** Over a slice, one rule after another, a compiled rule took ${fmt(nsScan)} ns per evaluation in (a) (its rounds ranged from ${ms(Math.min(...scan.roundMs))} to ${ms(Math.max(...scan.roundMs))}) and ${fmt(nsCompiledD)} ns in (d)${j.evaluations === scan.evaluations && (nsCompiledD > 1.5 * nsScan || nsScan > 1.5 * nsCompiledD) ? ' on the same pairs (the speed of thousands of generated functions drifts within a run as V8 optimises them, on the one core that the optimising compiler shares)' : ''}; one profile at a time, through ${fmt(indexed.examinedPerProfile)} different rules in a row, about ${fmtInt(nsOne)} ns per rule run, index included. \`compileRule\` generates one JavaScript function per rule structure, and the ${fmtInt(c.items)} items have thousands of structures: functions whose machine code does not stay in the processor's caches when they take turns, and which V8 optimises one by one, each after enough calls of its own. json-logic-js, one small interpreter that stays hot, took ${fmtInt(nsJson)} ns per evaluation in (d).`,
    ...(columnar && jb
      ? [
          `- **The columnar evaluator keeps one loop per kind of condition hot for every rule.** It took ${fmt(nsColumnarScan)} ns per evaluation in (a) and ${fmt(nsColumnarD)} ns in (d), building the columns included: a rule costs a walk over a handful of nodes, and each of its conditions one pass over a typed array for the rows still undecided; region and industry conditions are decided once per distinct code of the batch. It serves rule-major work (many profiles against each rule); \`compileRule\` stays the evaluator for one profile at a time, where the columns would not pay for themselves. In bulk matching (b), with the columnar evaluator, a candidate rule costs about ${fmtInt(nsBulk)} ns per profile, candidate lookup and filtering included.`,
        ]
      : [`- In bulk (b), about ${fmtInt(nsBulk)} ns per candidate rule run, index included.`]),
    `- **The index prunes${ok.indexed ? '' : ', but not enough for the target'}.** A profile examines ${(indexed.examinedShare * 100).toFixed(1)}% of the items of its entity; most items are county items, and a resident of a county is a candidate for that county's items and the city's. Conditions on enums, booleans and sets (tax credit, qualifications, licence class, healthy) drop candidates before their rules run.`,
    `- **Explanations cost ${fmt(e.usPerExplanation)} µs an item.** The profile is derived once; each rule's paths, citations, operands and Chinese texts are prepared once per rule and reused (\`evaluate\`'s plan), so what is left is reading facts and building the explanation nodes. A profile with ${fmtInt(e.candidates.p99)} candidates (p99) takes ${ms(e.ms.p99)}.`,
  ];
  if (j.disagreements.length > 0)
    lines.push(
      `- **Disagreements with json-logic** on complete profiles (first ${j.disagreements.length}): ${j.disagreements.map((d) => `${d.item} on profile ${d.profile}: ours ${d.ours}, json-logic ${String(d.jsonLogic)}`).join('; ')}.`,
    );
  lines.push('');
  return lines;
}
