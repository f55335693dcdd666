import type { Kysely, RawBuilder, Transaction } from 'kysely';
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

/**
 * Full-text search differs by backend (FTS5 + trigram on SQLite; tsvector + pg_trgm on PostgreSQL). This is
 * the one place where that difference lives; repositories only see this interface.
 */
export interface SearchDialect {
  createSchema(db: Kysely<Database>): Promise<void>;
  index(db: Db, rows: readonly PassageIndexRow[]): Promise<void>;
  remove(db: Db, passageIds: readonly number[]): Promise<void>;
  /**
   * A derived table of matching passages, `(passage_id, score)`, higher score better. Every term must match,
   * in the segmented index or, for terms of three or more characters, in the trigram index.
   */
  matches(terms: readonly QueryTerm[]): RawBuilder<{ passage_id: number; score: number }>;
}
