import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { QueryTerm } from '../../../core/search/query.ts';
import { ImpactIndex } from './sqlite-impacts.ts';
import type { Conditions, Db, RankedPassage, SearchDialect } from './types.ts';

/** FTS5 phrase syntax: a term in double quotes, with quotes doubled. */
const phrase = (w: string) => `"${w.replaceAll('"', '""')}"`;
const wordsExpr = (terms: readonly QueryTerm[]) => terms.flatMap((t) => t.words.map(phrase)).join(' AND ');
/** bm25 with column weights: body 1.0, heading 2.0, title 0.5 (a chapter or task heading says what its passages are about). */
export const WEIGHTS = [1.0, 2.0, 0.5] as const;
const BM25 = sql`bm25(passages_fts, ${sql.raw(WEIGHTS.map((w) => w.toFixed(1)).join(', '))})`;

/** Broad unfiltered queries are ranked from impact-ordered postings (sqlite-impacts.ts), with the same scores. */
const impacts = new ImpactIndex({ weights: WEIGHTS });
const allWords = (terms: readonly QueryTerm[]) => terms.flatMap((t) => t.words);

/**
 * Every change to the index gets a new generation, which tells the impact postings to rebuild. A random token
 * rather than a counter, so that two databases in one process never share a generation they did not both reach.
 */
async function bumpGeneration(db: Db) {
  await sql`INSERT INTO zct_meta (key, value) VALUES ('search.generation', ${randomUUID()})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(db);
}

/**
 * `passages_fts` joined to its passage and document when there are document conditions to apply. The planner
 * prefers the passages table itself, whose wide rows make each lookup slow; the covering index holds all we need.
 */
function from(conditions: Conditions): RawBuilder<unknown> {
  return conditions.length === 0
    ? sql`passages_fts`
    : sql`passages_fts JOIN passages INDEXED BY passages_id_document_idx ON passages.id = passages_fts.rowid JOIN documents ON documents.id = passages.document_id`;
}
const and = (conditions: Conditions) =>
  conditions.length === 0 ? sql`` : sql` AND ${sql.join(conditions, sql` AND `)}`;

/**
 * SQLite: an FTS5 table over jieba-segmented text (unicode61 splits at the spaces we put between words) ranked
 * by bm25, plus an FTS5 trigram table over the raw text for the recall fallback. Ranking is one FTS5 query with
 * ORDER BY and LIMIT, so bm25's statistics are computed once per query, not once per candidate.
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
    if (rows.length > 0) await bumpGeneration(db);
  },
  async remove(db, ids) {
    if (ids.length === 0) return;
    await sql`DELETE FROM passages_fts WHERE rowid IN (${sql.join(ids)})`.execute(db);
    await sql`DELETE FROM passages_trgm WHERE rowid IN (${sql.join(ids)})`.execute(db);
    await bumpGeneration(db);
  },
  async rank(db, terms, conditions, limit, offset) {
    const plan = conditions.length === 0 ? await impacts.plan(db, allWords(terms)) : null;
    if (plan) return impacts.top(plan, limit, offset);
    const r = await sql<RankedPassage>`
      SELECT passages_fts.rowid AS passage_id, -${BM25} AS score
      FROM ${from(conditions)}
      WHERE passages_fts MATCH ${wordsExpr(terms)}${and(conditions)}
      ORDER BY score DESC, passages_fts.rowid
      LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return r.rows;
  },
  async count(db, terms, conditions) {
    const plan = conditions.length === 0 ? await impacts.plan(db, allWords(terms)) : null;
    if (plan) return impacts.count(plan);
    const r = await sql<{ n: number }>`
      SELECT count(*) AS n FROM ${from(conditions)} WHERE passages_fts MATCH ${wordsExpr(terms)}${and(conditions)}`.execute(
      db,
    );
    return Number(r.rows[0]?.n ?? 0);
  },
  async documentIds(db, terms) {
    const r = await sql<{ id: number }>`
      SELECT DISTINCT passages.document_id AS id
      FROM passages_fts JOIN passages INDEXED BY passages_id_document_idx ON passages.id = passages_fts.rowid
      WHERE passages_fts MATCH ${wordsExpr(terms)}`.execute(db);
    return r.rows.map((x) => x.id);
  },
  documentIdIn(ids) {
    return sql`documents.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  },
  async fallback(db, terms, conditions, cap) {
    const perTerm = terms.map((t) => {
      const seg = sql`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ${t.words.map(phrase).join(' AND ')}`;
      return [...t.raw].length >= 3
        ? sql`passages.id IN (${seg} UNION SELECT rowid FROM passages_trgm WHERE passages_trgm MATCH ${phrase(t.raw)})`
        : sql`passages.id IN (${seg})`;
    });
    const r = await sql<{ id: number }>`
      SELECT passages.id AS id FROM passages JOIN documents ON documents.id = passages.document_id
      WHERE ${sql.join([...perTerm, ...conditions], sql` AND `)}
      ORDER BY passages.id LIMIT ${cap}`.execute(db);
    return r.rows.map((x) => x.id);
  },
};
