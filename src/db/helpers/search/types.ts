import type { Kysely, RawBuilder, SqlBool, Transaction } from 'kysely';
import type { QueryTerm } from '../../../core/search/query.ts';
import type { Database } from '../../schema.ts';

export type Db = Kysely<Database> | Transaction<Database>;

/** A passage as the index takes it: raw text for the trigram fallback, segmented words for full-text search. */
export interface PassageIndexRow {
  id: number;
  text: string;
  segBody: string;
  segHeading: string;
  segTitle: string;
}

/** Conditions on the `documents` table (see documentConditions); empty means no filter. */
export type Conditions = readonly RawBuilder<SqlBool>[];

export interface RankedPassage {
  passage_id: number;
  score: number;
}

/**
 * Full-text search differs by backend (FTS5 + trigram on SQLite; tsvector + pg_trgm on PostgreSQL). This is
 * the one place where that difference lives; repositories only see this interface. "Matching" means every term's
 * words are in the passage (body, heading or title); the trigram index is a fallback the repository asks for
 * separately.
 */
export interface SearchDialect {
  createSchema(db: Kysely<Database>): Promise<void>;
  index(db: Db, rows: readonly PassageIndexRow[]): Promise<void>;
  remove(db: Db, passageIds: readonly number[]): Promise<void>;
  /** Matching passages, best first (ties by id), with the documents' conditions applied. */
  rank(
    db: Db,
    terms: readonly QueryTerm[],
    conditions: Conditions,
    limit: number,
    offset: number,
  ): Promise<RankedPassage[]>;
  /** How many passages match, with the conditions applied. */
  count(db: Db, terms: readonly QueryTerm[], conditions: Conditions): Promise<number>;
  /** The documents that hold a matching passage, unfiltered (facets filter them afterwards). */
  documentIds(db: Db, terms: readonly QueryTerm[]): Promise<number[]>;
  /** `documents.id` is one of `ids`, bound as a single JSON parameter however many there are. */
  documentIdIn(ids: readonly number[]): RawBuilder<SqlBool>;
  /**
   * Recall fallback: passages where each term matches by its words or, for a term of three or more characters,
   * as a substring through the trigram index. At most `cap`, by id.
   */
  fallback(db: Db, terms: readonly QueryTerm[], conditions: Conditions, cap: number): Promise<number[]>;
}
