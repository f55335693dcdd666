import { sql } from 'kysely';
import type { SearchDialect } from './types.ts';

/** FTS5 phrase syntax: a term in double quotes, with quotes doubled. */
const phrase = (w: string) => `"${w.replaceAll('"', '""')}"`;

/**
 * SQLite: an FTS5 table over jieba-segmented text (unicode61 splits at the spaces we put between words) ranked
 * by bm25 with column weights (body 1.0, heading 2.0, title 0.5: a chapter or task heading says what its passages are about), plus an FTS5 trigram table over the raw text
 * that catches terms of three or more characters that segmentation cut differently.
 */
export const sqliteSearch: SearchDialect = {
  async createSchema(db) {
    await sql`CREATE VIRTUAL TABLE passages_fts USING fts5(body, heading, title, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`CREATE VIRTUAL TABLE passages_trgm USING fts5(text, tokenize = 'trigram')`.execute(db);
  },
  async index(db, rows) {
    for (const r of rows) {
      await sql`INSERT INTO passages_fts (rowid, body, heading, title) VALUES (${r.id}, ${r.segBody}, ${r.segHeading}, ${r.segTitle})`.execute(
        db,
      );
      await sql`INSERT INTO passages_trgm (rowid, text) VALUES (${r.id}, ${r.text})`.execute(db);
    }
  },
  async remove(db, ids) {
    if (ids.length === 0) return;
    await sql`DELETE FROM passages_fts WHERE rowid IN (${sql.join(ids)})`.execute(db);
    await sql`DELETE FROM passages_trgm WHERE rowid IN (${sql.join(ids)})`.execute(db);
  },
  matches(terms) {
    // Each term: all its words in the segmented index (any column) OR, if long enough, the term in the trigram index.
    const ftsExpr = terms.map((t) => `(${t.words.map(phrase).join(' AND ')})`).join(' AND ');
    const perTerm = terms.map((t) => {
      const seg = sql`SELECT rowid AS id FROM passages_fts WHERE passages_fts MATCH ${t.words.map(phrase).join(' AND ')}`;
      return [...t.raw].length >= 3
        ? sql`${seg} UNION SELECT rowid AS id FROM passages_trgm WHERE passages_trgm MATCH ${phrase(t.raw)}`
        : seg;
    });
    const [first, ...rest] = perTerm;
    const others = rest.map((q) => sql` AND c.id IN (${q})`);
    // bm25() is negative, lower is better; a trigram-only hit has no bm25 and ranks after every ranked hit.
    return sql<{ passage_id: number; score: number }>`(
      SELECT c.id AS passage_id, COALESCE(-r.rank, 0) AS score
      FROM (${first}) AS c
      LEFT JOIN (
        SELECT rowid AS id, bm25(passages_fts, 1.0, 2.0, 0.5) AS rank FROM passages_fts WHERE passages_fts MATCH ${ftsExpr}
      ) AS r ON r.id = c.id
      WHERE 1 = 1${sql.join(others, sql``)})`;
  },
};
