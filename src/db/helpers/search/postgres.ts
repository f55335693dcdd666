import { sql } from 'kysely';
import type { QueryTerm } from '../../../core/search/query.ts';
import type { Conditions, RankedPassage, SearchDialect } from './types.ts';

/** to_tsquery operand: a word quoted as a lexeme, so that & | ! : in it are not operators. */
const lexeme = (w: string) => `'${w.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const matchQuery = (terms: readonly QueryTerm[]) => terms.flatMap((t) => t.words.map(lexeme)).join(' & ');
// Ranked with an OR of the words: ts_rank scores an AND query by the distance between its words, and our words
// sit in different fields (body, heading, title) whose positions say nothing about closeness.
const rankQuery = (terms: readonly QueryTerm[]) => terms.flatMap((t) => t.words.map(lexeme)).join(' | ');
const and = (conditions: Conditions) =>
  conditions.length === 0 ? sql`` : sql` AND ${sql.join(conditions, sql` AND `)}`;

/**
 * PostgreSQL has no Chinese parser in Debian's build, so we segment in the application and index the words with
 * the 'simple' configuration: weight A for the body, B for the heading, C for the title, ranked heading 1.0,
 * body 0.5, title 0.25 (ts_rank weights are at most 1) — the proportions of the bm25 column weights on SQLite.
 * pg_trgm over the raw text is the recall fallback, as the trigram table is on SQLite.
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
  async rank(db, terms, conditions, limit, offset) {
    // Normalisation 1 divides by 1 + log(length), in the spirit of bm25's length normalisation.
    const r = await sql<RankedPassage>`
      SELECT passages.id AS passage_id,
        ts_rank('{0.05, 0.25, 1.0, 0.5}', passages.tsv, to_tsquery('simple', ${rankQuery(terms)}), 1) AS score
      FROM passages JOIN documents ON documents.id = passages.document_id
      WHERE passages.tsv @@ to_tsquery('simple', ${matchQuery(terms)})${and(conditions)}
      ORDER BY score DESC, passages.id
      LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return r.rows.map((x) => ({ passage_id: x.passage_id, score: Number(x.score) }));
  },
  async count(db, terms, conditions) {
    const r = await sql<{ n: number }>`
      SELECT count(*) AS n FROM passages JOIN documents ON documents.id = passages.document_id
      WHERE passages.tsv @@ to_tsquery('simple', ${matchQuery(terms)})${and(conditions)}`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
  async documentIds(db, terms) {
    const r = await sql<{ id: number }>`
      SELECT DISTINCT document_id AS id FROM passages WHERE tsv @@ to_tsquery('simple', ${matchQuery(terms)})`.execute(
      db,
    );
    return r.rows.map((x) => x.id);
  },
  documentIdIn(ids) {
    return sql`documents.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int)`;
  },
  async fallback(db, terms, conditions, cap) {
    const perTerm = terms.map((t) => {
      const seg = sql`passages.tsv @@ to_tsquery('simple', ${t.words.map(lexeme).join(' & ')})`;
      return [...t.raw].length >= 3 ? sql`(${seg} OR passages.text ILIKE ${likePattern(t.raw)})` : seg;
    });
    const r = await sql<{ id: number }>`
      SELECT passages.id AS id FROM passages JOIN documents ON documents.id = passages.document_id
      WHERE ${sql.join([...perTerm, ...conditions], sql` AND `)}
      ORDER BY passages.id LIMIT ${cap}`.execute(db);
    return r.rows.map((x) => x.id);
  },
};
