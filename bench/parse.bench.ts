/**
 * Benchmark 1: parse and index throughput on the sample gazette, in MB/s of UTF-8 input.
 *
 * - parse: decodeText + parseGazetteText, the pure parser;
 * - segment: the jieba index segmentation (forIndex) of the whole sample text;
 * - ingest: LibraryService.ingest into a fresh, migrated SQLite file per iteration (parse, segment, insert, FTS).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeText } from '../src/core/gazette/decode.ts';
import { parseGazetteText } from '../src/core/gazette/gazette-parser.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { LibraryService } from '../src/features/library/library.service.ts';
import { getSegmenter } from '../src/search/segmenter.ts';
import { counter, phase } from './log.ts';
import { mbPerSecond, median, now, summarize, timeAsync, timeSync, type Summary } from './stats.ts';

export interface ThroughputResult {
  name: string;
  iterations: number;
  warmup: number;
  /** Per-iteration times, ms. */
  ms: Summary;
  /** MB/s of the median iteration. */
  medianMBps: number;
  /** Total bytes over total time of the measured iterations. */
  overallMBps: number;
  /** Per-iteration MB/s spread: the slowest and fastest iteration. */
  minMBps: number;
  maxMBps: number;
}

export interface ParseBenchResult {
  bytes: number;
  chars: number;
  documents: number;
  articles: number;
  passages: number;
  parse: ThroughputResult;
  segment: ThroughputResult;
  ingest: ThroughputResult;
  /** Time of opening and migrating a fresh database, not part of the ingest figure. */
  setupMs: number;
}

export interface ParseBenchOptions {
  parseIterations: number;
  parseWarmup: number;
  segmentIterations: number;
  ingestIterations: number;
  ingestWarmup: number;
}

function throughput(name: string, bytes: number, times: number[], warmup: number): ThroughputResult {
  const ms = summarize(times);
  const rates = times.map((t) => mbPerSecond(bytes, t));
  return {
    name,
    iterations: times.length,
    warmup,
    ms,
    medianMBps: mbPerSecond(bytes, ms.p50),
    overallMBps: mbPerSecond(
      bytes * times.length,
      times.reduce((a, b) => a + b, 0),
    ),
    minMBps: Math.min(...rates),
    maxMBps: Math.max(...rates),
  };
}

export async function runParseBench(
  sample: Uint8Array,
  options: ParseBenchOptions,
): Promise<ParseBenchResult> {
  const bytes = sample.length;
  const text = decodeText(sample).text;
  const parsed = parseGazetteText(text);

  phase(
    `parse: ${options.parseWarmup} warm-up + ${options.parseIterations} iterations of decodeText + parseGazetteText`,
  );
  for (let i = 0; i < options.parseWarmup; i++) parseGazetteText(decodeText(sample).text);
  const parseTimes: number[] = [];
  for (let i = 0; i < options.parseIterations; i++) {
    parseTimes.push(timeSync(() => parseGazetteText(decodeText(sample).text)));
  }

  phase(`segment: jieba forIndex over the sample text, ${options.segmentIterations} iterations`);
  const seg = getSegmenter();
  for (let i = 0; i < 3; i++) seg.forIndex(text);
  const segTimes: number[] = [];
  for (let i = 0; i < options.segmentIterations; i++) segTimes.push(timeSync(() => seg.forIndex(text)));

  phase(
    `ingest: LibraryService.ingest into a fresh SQLite file, ${options.ingestWarmup} warm-up + ${options.ingestIterations} iterations`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'zct-bench-ingest-'));
  const ingestTimes: number[] = [];
  const setupTimes: number[] = [];
  let passages = 0;
  const progress = counter('ingest iterations', options.ingestWarmup + options.ingestIterations, 1);
  try {
    for (let i = 0; i < options.ingestWarmup + options.ingestIterations; i++) {
      const path = join(dir, `ingest-${i}.sqlite`);
      const t0 = now();
      const handle = openDatabase({ sqlitePath: path });
      await migrateToLatest(handle);
      setupTimes.push(now() - t0);
      try {
        const service = new LibraryService(handle, seg);
        const ms = await timeAsync(() => service.ingest(sample, 'liaocheng-gazette-2023-05.txt'));
        if (i >= options.ingestWarmup) ingestTimes.push(ms);
        if (i === 0) {
          const r = await handle.db
            .selectFrom('passages')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          passages = Number(r.n);
        }
      } finally {
        await handle.destroy();
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      }
      progress.update(i + 1);
    }
    progress.done();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  return {
    bytes,
    chars: text.length,
    documents: parsed.documents.length,
    articles: parsed.documents.reduce((n, d) => n + d.articles.length, 0),
    passages,
    parse: throughput('parse (decodeText + parseGazetteText)', bytes, parseTimes, options.parseWarmup),
    segment: throughput('segment (jieba forIndex)', bytes, segTimes, 3),
    ingest: throughput(
      'ingest (LibraryService.ingest, SQLite file)',
      bytes,
      ingestTimes,
      options.ingestWarmup,
    ),
    setupMs: median(setupTimes),
  };
}
