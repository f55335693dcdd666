import { sql } from 'kysely';
import type { QueryTerm } from '../../core/search/query.ts';
import type { Db, SearchDialect } from '../../db/helpers/search/types.ts';
import {
  documentConditions,
  validityExpr,
  type DocumentFilter,
  type Validity,
} from './library.repository.ts';

export type FacetName = 'issuer' | 'kind' | 'level' | 'year' | 'validity';
export const FACETS: readonly FacetName[] = ['issuer', 'kind', 'level', 'year', 'validity'];

export interface SearchRow {
  passage_id: number;
  score: number;
  document_id: number;
  article_number: number | null;
  ref: string | null;
  heading: string | null;
  text: string;
  doc_number: string | null;
  title: string;
  kind: string;
  issuers: string;
  issued_on: string | null;
  level: string | null;
  validity: Validity;
}

/** Below this many word matches, the trigram fallback adds what segmentation missed. */
const FALLBACK_BELOW = 20;
const FALLBACK_CAP = 500;

/**
 * Ranked full-text search over passages with document filters, and facet counts of distinct documents where
 * each facet ignores its own filter, so that a user sees what the other choices would give.
 */
export function searchRepository(search: SearchDialect) {
  return {
    /**
     * One page of ranked passages and the number of matches. Word matches rank by bm25/ts_rank; when there are
     * fewer than a page of them, passages found only by the trigram fallback follow, unranked, by id.
     */
    async page(
      db: Db,
      terms: readonly QueryTerm[],
      filter: DocumentFilter,
      asOf: string,
      limit: number,
      offset: number,
    ) {
      const conditions = documentConditions(filter, asOf);
      let total = await search.count(db, terms, conditions);
      let ranked: { passage_id: number; score: number }[];
      let fallbackIds: number[] = [];
      if (total < FALLBACK_BELOW) {
        const all = await search.rank(db, terms, conditions, FALLBACK_BELOW, 0);
        const found = new Set(all.map((r) => r.passage_id));
        fallbackIds = (await search.fallback(db, terms, conditions, FALLBACK_CAP)).filter(
          (id) => !found.has(id),
        );
        total += fallbackIds.length;
        ranked = [...all, ...fallbackIds.map((id) => ({ passage_id: id, score: 0 }))].slice(
          offset,
          offset + limit,
        );
      } else {
        ranked = await search.rank(db, terms, conditions, limit, offset);
      }
      return { passages: total, fallbackIds, rows: await details(db, ranked, asOf) };
    },

    /** The documents holding a match, before filters: what facets count. */
    async documentIds(
      db: Db,
      terms: readonly QueryTerm[],
      fallbackPassages: readonly number[],
    ): Promise<number[]> {
      const ids = new Set(await search.documentIds(db, terms));
      if (fallbackPassages.length > 0) {
        const extra = await db
          .selectFrom('passages')
          .select('document_id')
          .where('id', 'in', fallbackPassages)
          .execute();
        for (const e of extra) ids.add(e.document_id);
      }
      return [...ids];
    },

    /** Counts of documents by one facet, with every filter but the facet's own. */
    async facet(
      db: Db,
      name: FacetName | null,
      documentIds: readonly number[],
      filter: DocumentFilter,
      asOf: string,
    ) {
      if (documentIds.length === 0) return [];
      const count = sql<number>`COUNT(DISTINCT documents.id)`.as('count');
      let q = db.selectFrom('documents').where(search.documentIdIn(documentIds));
      for (const c of documentConditions(filter, asOf, name ?? undefined)) q = q.where(c);
      const rows =
        name === null
          ? await q.select([sql<string>`'all'`.as('value'), count]).execute()
          : name === 'issuer'
            ? await q
                .innerJoin('document_issuers', 'document_issuers.document_id', 'documents.id')
                .select(['document_issuers.issuer as value', count])
                .groupBy('document_issuers.issuer')
                .execute()
            : name === 'validity'
              ? await q
                  .select([validityExpr(asOf).as('value'), count])
                  .groupBy(sql`1`)
                  .execute()
              : await q
                  .select([
                    sql<string>`${sql.ref(name === 'year' ? 'documents.issued_year' : `documents.${name}`)}`.as(
                      'value',
                    ),
                    count,
                  ])
                  .groupBy(name === 'year' ? 'documents.issued_year' : `documents.${name}`)
                  .execute();
      return rows
        .filter((r) => r.value !== null)
        .map((r) => ({ value: String(r.value), count: Number(r.count) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    },
  };
}

/** The passages and documents of a ranked page, in rank order. */
async function details(
  db: Db,
  ranked: readonly { passage_id: number; score: number }[],
  asOf: string,
): Promise<SearchRow[]> {
  if (ranked.length === 0) return [];
  const rows = await db
    .selectFrom('passages')
    .innerJoin('documents', 'documents.id', 'passages.document_id')
    .select([
      'passages.id as passage_id',
      'passages.document_id',
      'passages.article_number',
      'passages.ref',
      'passages.heading',
      'passages.text',
      'documents.doc_number',
      'documents.title',
      'documents.kind',
      'documents.issuers',
      'documents.issued_on',
      'documents.level',
    ])
    .select(validityExpr(asOf).as('validity'))
    .where(
      'passages.id',
      'in',
      ranked.map((r) => r.passage_id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.passage_id, r]));
  return ranked.flatMap((r) => {
    const row = byId.get(r.passage_id);
    return row ? [{ ...row, score: r.score }] : [];
  });
}
