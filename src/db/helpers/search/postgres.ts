import { sql } from 'kysely';
import type { SearchDialect } from './types.ts';

/** to_tsquery operand: a word quoted as a lexeme, so that & | ! : in it are not operators. */
const lexeme = (w: string) => `'${w.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * PostgreSQL has no Chinese parser in Debian's build, so we segment in the application and index the words with
 * the 'simple' configuration: weight A for the body, B for the heading, C for the title, ranked
 * heading 1.0, body 0.5, title 0.25 — the same proportions as the bm25 column weights on SQLite. pg_trgm over the raw
 * text is the recall fallback for terms of three or more characters, as the trigram table is on SQLite.
 */
export const postgresSearch: SearchDialect = {
  async createSchema(db) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`ALTER TABLE passages ADD COLUMN tsv tsvector`.execute(db);
    await sql`CREATE INDEX passages_tsv_idx ON passages USING gin (tsv)`.execute(db);
    await sql`CREATE INDEX passages_text_trgm_idx ON passages USING gin (text gin_trgm_ops)`.execute(db);
  },
  async index(db, rows) {
    if (rows.length === 0) return;
    await sql`
      UPDATE passages SET tsv =
        setweight(to_tsvector('simple', seg_body), 'A') ||
        setweight(to_tsvector('simple', seg_heading), 'B') ||
        setweight(to_tsvector('simple', seg_title), 'C')
      WHERE id IN (${sql.join(rows.map((r) => r.id))})`.execute(db);
  },
  async remove() {
    // The index lives in the passages row itself and goes with it.
  },
  matches(terms) {
    // Ranked with an OR of the words: ts_rank scores an AND query by the distance between its words, and our
    // words sit in different fields (body, heading, title) whose positions say nothing about closeness.
    const rankQuery = terms.flatMap((t) => t.words.map(lexeme)).join(' | ');
    const perTerm = terms.map((t) => {
      const words = t.words.map(lexeme).join(' & ');
      const seg = sql`p.tsv @@ to_tsquery('simple', ${words})`;
      return [...t.raw].length >= 3 ? sql`(${seg} OR p.text ILIKE ${likePattern(t.raw)})` : sql`(${seg})`;
    });
    const where = perTerm.reduce((acc, c) => sql`${acc} AND ${c}`);
    // ts_rank with weights {D, C, B, A} (at most 1 each) and normalisation 1 (divide by 1 + log length), in the spirit of bm25's
    // length normalisation; a trigram-only hit scores 0.
    return sql<{ passage_id: number; score: number }>`(
      SELECT p.id AS passage_id,
        ts_rank('{0.05, 0.25, 1.0, 0.5}', p.tsv, to_tsquery('simple', ${rankQuery}), 1) AS score
      FROM passages p WHERE ${where})`;
  },
};
