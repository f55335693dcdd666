import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite } from '../../../../test/support/backends.ts';
import { parseQuery } from '../../../core/search/query.ts';
import { LibraryService } from '../../../features/library/library.service.ts';
import { getSegmenter } from '../../../search/segmenter.ts';
import type { DatabaseHandle } from '../../database.ts';
import { ImpactIndex } from './sqlite-impacts.ts';
import { WEIGHTS } from './sqlite.ts';

const SAMPLE = readFileSync(
  new URL('../../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url),
);
const OTHER = readFileSync(
  new URL('../../../../test/fixtures/documents/linqing-fangan.txt', import.meta.url),
);
const seg = getSegmenter();
const words = (q: string) => parseQuery(q, (t) => seg.forQuery(t)).flatMap((t) => t.words);

/** FTS5's own answer: every match scored by bm25, as the dialect ranks rare words. */
async function fts5(handle: DatabaseHandle, ws: readonly string[]) {
  const match = ws.map((w) => `"${w}"`).join(' AND ');
  const r = await sql<{ passage_id: number; score: number }>`
    SELECT rowid AS passage_id, -bm25(passages_fts, 1.0, 2.0, 0.5) AS score
    FROM passages_fts WHERE passages_fts MATCH ${match} ORDER BY score DESC, rowid`.execute(handle.db);
  return r.rows;
}

type Hit = { passage_id: number; score: number };
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

/**
 * Same passages in the same order with the same scores, where "same score" allows a rounding error in the last
 * bit (see the module's comment): passages whose scores are that close may swap places, nothing else may.
 */
function expectSameRanking(actual: readonly Hit[], expected: readonly Hit[], all: readonly Hit[]) {
  expect(actual.map((h) => h.passage_id).length).toBe(expected.length);
  const scoreOf = new Map(all.map((h) => [h.passage_id, h.score]));
  actual.forEach((hit, i) => {
    const want = expected[i]!;
    expect(close(hit.score, want.score), `score at ${i}: ${hit.score} vs ${want.score}`).toBe(true);
    if (hit.passage_id !== want.passage_id) {
      // A swap is only allowed between passages FTS5 itself scores within a rounding error of each other.
      expect(close(scoreOf.get(hit.passage_id)!, want.score), `passage ${hit.passage_id} at ${i}`).toBe(true);
    }
  });
}

describe('impact-ordered bm25 top-k (SQLite)', () => {
  let handle: DatabaseHandle;
  // Every word counts as frequent here, so that the small sample takes this path.
  const sut = new ImpactIndex({ weights: WEIGHTS, frequentDf: 1 });
  const queries = [
    '校车',
    '储备粮 轮换',
    '安全 管理',
    '校车 驾驶人 安全',
    '企业 政策',
    '校车 校车',
    '档案 移交 验收',
  ];

  beforeAll(async () => {
    handle = await freshSqlite();
    await new LibraryService(handle, seg).ingest(SAMPLE, 'sample.txt');
  });
  afterAll(async () => handle.destroy());

  it.each(queries)('ranks %s as FTS5 bm25 does, with the same scores and count', async (q) => {
    const ws = words(q);
    const expected = await fts5(handle, ws);
    expect(expected.length).toBeGreaterThan(0);
    const plan = await sut.plan(handle.db, ws);
    expect(plan).not.toBeNull();
    expect(sut.count(plan!)).toBe(expected.length);
    // Every page, including one that runs past the end.
    for (const [limit, offset] of [
      [20, 0],
      [5, 3],
      [expected.length + 5, 0],
    ] as const) {
      expectSameRanking(sut.top(plan!, limit, offset), expected.slice(offset, offset + limit), expected);
    }
  });

  it('follows the index when documents are added', async () => {
    const before = await sut.plan(handle.db, words('实施 方案'));
    const n = sut.count(before!);
    await new LibraryService(handle, seg).ingest(OTHER, 'linqing.txt');
    const ws = words('实施 方案');
    const after = await sut.plan(handle.db, ws);
    const expected = await fts5(handle, ws);
    expect(expected.length).toBeGreaterThan(n);
    expect(sut.count(after!)).toBe(expected.length);
    expectSameRanking(sut.top(after!, 20, 0), expected.slice(0, 20), expected);
  });

  it('leaves rare words and multi-token words to FTS5', async () => {
    const strict = new ImpactIndex({ weights: WEIGHTS });
    expect(await strict.plan(handle.db, words('校车'))).toBeNull();
    expect(await sut.plan(handle.db, ['70%'])).toBeNull();
  });
});
