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

/**
 * Ranked full-text search over passages with document filters, and facet counts (distinct documents) where
 * each facet ignores its own filter, so that a user sees what the other choices would give.
 */
export function searchRepository(search: SearchDialect) {
  function base(
    db: Db,
    terms: readonly QueryTerm[],
    filter: DocumentFilter,
    asOf: string,
    except?: FacetName,
  ) {
    let q = db
      .selectFrom(search.matches(terms).as('m'))
      .innerJoin('passages', 'passages.id', 'm.passage_id')
      .innerJoin('documents', 'documents.id', 'passages.document_id');
    for (const c of documentConditions(filter, asOf, except)) q = q.where(c);
    return q;
  }

  return {
    async page(
      db: Db,
      terms: readonly QueryTerm[],
      filter: DocumentFilter,
      asOf: string,
      limit: number,
      offset: number,
    ) {
      const q = base(db, terms, filter, asOf);
      const totals = await q
        .select((eb) => [
          eb.fn.countAll<number>().as('passages'),
          eb.fn.count<number>('documents.id').distinct().as('documents'),
        ])
        .executeTakeFirstOrThrow();
      const rows = await q
        .select([
          'm.passage_id',
          'm.score',
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
        // Ties break the same way on both backends: newer documents first, then reading order.
        .orderBy('m.score', 'desc')
        .orderBy('documents.issued_on', 'desc')
        .orderBy('passages.id')
        .limit(limit)
        .offset(offset)
        .execute();
      return {
        passages: Number(totals.passages),
        documents: Number(totals.documents),
        rows: rows as SearchRow[],
      };
    },

    async facet(db: Db, name: FacetName, terms: readonly QueryTerm[], filter: DocumentFilter, asOf: string) {
      const q = base(db, terms, filter, asOf, name);
      const count = sql<number>`COUNT(DISTINCT documents.id)`.as('count');
      const rows =
        name === 'issuer'
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
