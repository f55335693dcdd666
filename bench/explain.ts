/**
 * Where the search time goes: LibraryService.search runs on a second, read-only connection to the corpus through
 * a Kysely that logs every statement with its duration; the statements are grouped by what they do (count, rank,
 * details, matching documents, facets, trigram fallback) and timed over a few runs, and EXPLAIN QUERY PLAN shows
 * how SQLite runs each of them for one query. Same service, same search dialect, same SQL as the API.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { DatabaseHandle } from '../src/db/database.ts';
import { sqliteSearch } from '../src/db/helpers/search/sqlite.ts';
import type { Database } from '../src/db/schema.ts';
import { LibraryService } from '../src/features/library/library.service.ts';
import type { Segmenter } from '../src/search/segmenter.ts';
import { median, now } from './stats.ts';

export interface PlanLine {
  depth: number;
  detail: string;
}

/** What a statement of the search does, recognised from its SQL. */
export type StatementKind = 'count' | 'rank' | 'fallback' | 'details' | 'documents' | 'facets' | 'other';
export const KINDS: readonly StatementKind[] = [
  'count',
  'rank',
  'fallback',
  'details',
  'documents',
  'facets',
  'other',
];
export const KIND_LABELS: Record<StatementKind, string> = {
  count: 'count of matches',
  rank: 'ranked top N (bm25)',
  fallback: 'trigram fallback',
  details: 'passage and document details',
  documents: 'matching documents',
  facets: 'facet counts',
  other: 'other',
};

export function kindOf(sqlText: string): StatementKind {
  if (/ORDER BY passages\.id\s+LIMIT/i.test(sqlText)) return 'fallback';
  if (/count\(\*\)\s+AS\s+n\s+FROM\s+passages_fts/i.test(sqlText)) return 'count';
  if (/bm25\(/i.test(sqlText)) return 'rank';
  if (
    /DISTINCT\s+passages\.document_id/i.test(sqlText) ||
    /select "document_id" from "passages"/i.test(sqlText)
  ) {
    return 'documents';
  }
  if (/from "passages"\s+inner join "documents"/i.test(sqlText)) return 'details';
  if (/from "documents"/i.test(sqlText)) return 'facets';
  return 'other';
}

export interface QueryBreakdown {
  q: string;
  /** Median ms of the whole LibraryService.search on this connection. */
  totalMs: number;
  /** Per kind: statements per search and the median of their summed ms. */
  kinds: Partial<Record<StatementKind, { statements: number; ms: number }>>;
}

export interface Diagnostics {
  /** The statements of the searches for these queries, first of each kind, with their plans. */
  explainQueries: string[];
  plans: { kind: StatementKind; q: string; sql: string; plan: PlanLine[] }[];
  breakdowns: QueryBreakdown[];
}

function plan(raw: SQLite.Database, q: CompiledQuery): PlanLine[] {
  const rows = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return { depth: d, detail: r.detail };
  });
}

export async function diagnose(
  path: string,
  seg: Segmenter,
  queries: readonly string[],
  explainQueries: readonly string[],
  asOf: string,
  pageSize: number,
  reps: number,
  onProgress: (done: number) => void = () => {},
): Promise<Diagnostics> {
  const raw = new SQLite(path, { readonly: true, fileMustExist: true });
  let events: { query: CompiledQuery; ms: number }[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    log: (e) => {
      if (e.level === 'query') events.push({ query: e.query, ms: e.queryDurationMillis });
    },
  });
  const handle: DatabaseHandle = { db, dialect: 'sqlite', search: sqliteSearch, destroy: () => db.destroy() };
  const service = new LibraryService(handle, seg);
  const search = async (q: string) => {
    events = [];
    const t = now();
    await service.search({ q, pageSize, asOf });
    return { ms: now() - t, events };
  };
  try {
    const breakdowns: QueryBreakdown[] = [];
    for (const [k, q] of queries.entries()) {
      await search(q);
      const runs: Awaited<ReturnType<typeof search>>[] = [];
      for (let i = 0; i < reps; i++) runs.push(await search(q));
      const kinds: QueryBreakdown['kinds'] = {};
      for (const kind of KINDS) {
        const per = runs.map((r) => r.events.filter((e) => kindOf(e.query.sql) === kind));
        if (per[0]!.length === 0) continue;
        kinds[kind] = {
          statements: per[0]!.length,
          ms: median(per.map((evs) => evs.reduce((s, e) => s + e.ms, 0))),
        };
      }
      breakdowns.push({ q, totalMs: median(runs.map((r) => r.ms)), kinds });
      onProgress(k + 1);
    }
    const seen = new Set<StatementKind>();
    const plans: Diagnostics['plans'] = [];
    for (const q of explainQueries) {
      const { events: shown } = await search(q);
      for (const e of shown) {
        const kind = kindOf(e.query.sql);
        if (seen.has(kind)) continue;
        seen.add(kind);
        plans.push({ kind, q, sql: e.query.sql, plan: plan(raw, e.query) });
      }
    }
    plans.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
    return { explainQueries: [...explainQueries], plans, breakdowns };
  } finally {
    await db.destroy();
  }
}
