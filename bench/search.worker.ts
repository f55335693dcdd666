/**
 * The search executor, forked by search.bench.ts: it opens the corpus through openDatabase and times one search
 * per request. It runs in a child process so that the parent can kill a search that passes its deadline
 * (better-sqlite3 cannot interrupt a running statement) and the suite still finishes. Times are taken here,
 * around the call, so that message passing is not in them.
 */
import { sql } from 'kysely';
import { parseQuery, type QueryTerm } from '../src/core/search/query.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { LibraryService } from '../src/features/library/library.service.ts';
import { FACETS, searchRepository } from '../src/features/library/search.repository.ts';
import { getSegmenter } from '../src/search/segmenter.ts';

/**
 * page: parseQuery + searchRepository.page (top N + the passage total);
 * facets: what LibraryService.search does after the page: the matching documents, then the "all" count and the
 *   five facets;
 * service: the whole LibraryService.search;
 * like: the LIKE scan baseline.
 */
export type Operation = 'page' | 'facets' | 'service' | 'like';

export interface WorkerRequest {
  id: number;
  op: Operation;
  q: string;
  asOf: string;
  pageSize: number;
}

export interface WorkerResult {
  id: number;
  ms: number;
  /** Passages matched (documents for facets), to show in the report. */
  total: number;
}

export type WorkerMessage = { ready: true } | WorkerResult | { id: number; error: string };

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The baseline: first page of matching passages in id order and the count, by scanning passages.text. */
export async function likeSearch(handle: DatabaseHandle, terms: readonly QueryTerm[], pageSize: number) {
  const where = sql.join(
    terms.map((t) => sql`text LIKE ${likePattern(t.raw)} ESCAPE '\\'`),
    sql` AND `,
  );
  const rows = await sql<{
    id: number;
  }>`SELECT id FROM passages WHERE ${where} ORDER BY id LIMIT ${pageSize}`.execute(handle.db);
  const count = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM passages WHERE ${where}`.execute(
    handle.db,
  );
  return { ids: rows.rows.map((r) => r.id), total: Number(count.rows[0]?.n ?? 0) };
}

function main(path: string): void {
  const handle = openDatabase({ sqlitePath: path });
  const seg = getSegmenter();
  const repo = searchRepository(handle.search);
  const service = new LibraryService(handle, seg);
  const db = handle.db;
  /** The page's trigram-fallback passages per query, which the facets step takes as input. */
  const fallbackIds = new Map<string, number[]>();

  const facets = async (terms: readonly QueryTerm[], fallback: readonly number[], asOf: string) => {
    const documentIds = await repo.documentIds(db, terms, fallback);
    await Promise.all([null, ...FACETS].map((f) => repo.facet(db, f, documentIds, {}, asOf)));
    return documentIds.length;
  };

  /** Runs one request and times the part that the operation names. */
  const run = async (r: WorkerRequest): Promise<{ ms: number; total: number }> => {
    const timed = async (fn: () => Promise<number>) => {
      const t = performance.now();
      const total = await fn();
      return { ms: performance.now() - t, total };
    };
    const terms = () => parseQuery(r.q, (t) => seg.forQuery(t));
    switch (r.op) {
      case 'page':
        return timed(async () => {
          const p = await repo.page(db, terms(), {}, r.asOf, r.pageSize, 0);
          fallbackIds.set(r.q, p.fallbackIds);
          return p.passages;
        });
      case 'facets': {
        // What LibraryService.search does after the page; the page's fallback passages, its input, come from an
        // earlier page of the same query, outside the timing.
        let fallback = fallbackIds.get(r.q);
        if (!fallback) {
          fallback = (await repo.page(db, terms(), {}, r.asOf, r.pageSize, 0)).fallbackIds;
          fallbackIds.set(r.q, fallback);
        }
        const f = fallback;
        return timed(() => facets(terms(), f, r.asOf));
      }
      case 'service':
        return timed(
          async () => (await service.search({ q: r.q, pageSize: r.pageSize, asOf: r.asOf })).total,
        );
      case 'like':
        return timed(async () => (await likeSearch(handle, terms(), r.pageSize)).total);
    }
  };

  process.on('message', (r: WorkerRequest) => {
    run(r).then(
      (out) => process.send!({ id: r.id, ...out } satisfies WorkerMessage),
      (e: unknown) =>
        process.send!({
          id: r.id,
          error: e instanceof Error ? e.message : String(e),
        } satisfies WorkerMessage),
    );
  });
  process.on('disconnect', () => {
    void handle.destroy().finally(() => process.exit(0));
  });
  process.send!({ ready: true } satisfies WorkerMessage);
}

if (process.send && process.argv[2]) main(process.argv[2]);
