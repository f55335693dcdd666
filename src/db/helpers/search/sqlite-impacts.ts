import { sql } from 'kysely';
import type { Db } from './types.ts';

/**
 * Exact bm25 top-k for broad queries on SQLite, without scoring every match.
 *
 * FTS5 answers `ORDER BY bm25(...) LIMIT 20` by scoring every matching row (a docsize lookup each, about half a
 * microsecond), so a word that occurs in 80,000 passages costs some 40 ms however few results are shown. For
 * words at least `FREQUENT_DF` passages hold, this module keeps each word's postings in memory, sorted by the
 * word's bm25 contribution ("impact-ordered" postings, as in Anh & Moffat's impact-sorted indexes), and answers
 * the top k with Fagin's threshold algorithm: read the lists best-first, score each new passage exactly, and stop
 * once k scores beat what any unseen passage could still reach. A one-word query is just the head of its list.
 *
 * The scores are FTS5's own: the same statistics (rows, tokens per row and column weights from the FTS5 index)
 * and the formula of `fts5Bm25Function` in SQLite's ext/fts5/fts5_aux.c, so both paths return the same passages
 * in the same order (tested against FTS5). The last bit of a score can differ: how the C compiler rounds
 * `score += idf * num / den` (it may fuse the multiply and the add) is not something JavaScript can copy, so
 * passages whose scores differ by a rounding error may come in either order, as they may between two SQLite builds.
 *
 * The lists are built from the index itself (the fts5vocab 'instance' table) the first time a word is asked for,
 * and thrown away when `search.generation` in zct_meta moves, which every index() and remove() does.
 */

/** Below this many matching passages FTS5 ranks quickly enough by itself (under ~2 ms). */
export const FREQUENT_DF = 4000;
/** At most this many postings are kept in memory (about 16 bytes each), least recently used words go first. */
const MAX_POSTINGS = 4_000_000;
/** bm25 parameters as in fts5_aux.c. */
const K1 = 1.2;
const B = 0.75;

export interface ImpactOptions {
  /** Column weights, in column order (body, heading, title). */
  weights: readonly number[];
  /** Words held by fewer passages than this go to FTS5 (tests lower it to force this path). */
  frequentDf?: number;
}

interface Stats {
  generation: string;
  /** Tokens per passage (all columns), by rowid. */
  lengths: Map<number, number>;
  rows: number;
  avgdl: number;
}

/** One word's postings: best first (contribution desc, rowid asc), and the same by rowid for random access. */
interface Postings {
  df: number;
  idf: number;
  /** Sorted access: rowids and their contributions, best first. */
  ids: Int32Array;
  impacts: Float64Array;
  /** Random access: rowids ascending, with their weighted term frequencies. */
  byId: Int32Array;
  freqById: Float64Array;
}

export interface ImpactPlan {
  /** Words (one FTS5 token each) in query order, duplicates kept: FTS5 scores one phrase per word. */
  words: string[];
  lists: Postings[];
  stats: Stats;
}

/** Lower-case, one unicode61 token: a run of letters and digits (what FTS5 would index as one term). */
function asToken(word: string): string | null {
  const t = word.toLowerCase();
  return /^[\p{L}\p{N}]+$/u.test(t) ? t : null;
}

/** SQLite's varint (sqlite3Fts5GetVarint): big-endian 7-bit groups, the 9th byte whole. */
function readVarints(buf: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < buf.length) {
    let v = 0;
    for (let n = 0; ; n++) {
      const byte = buf[i++]!;
      if (n === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
    out.push(v);
  }
  return out;
}

export class ImpactIndex {
  private generation: string | null = null;
  private stats: Stats | null = null;
  private readonly postings = new Map<string, Postings>();
  /** Words held by fewer than frequentDf passages in this generation. */
  private readonly rare = new Set<string>();
  private readonly counts = new Map<string, number>();
  private held = 0;
  private readonly frequentDf: number;

  constructor(private readonly options: ImpactOptions) {
    this.frequentDf = options.frequentDf ?? FREQUENT_DF;
  }

  /**
   * The plan for an AND of `words`, or null when FTS5 should answer: a word that is not a single token, or one
   * rare enough that scoring all its matches is cheap. Once a word's postings (or its rarity) are known for the
   * current generation, planning costs one statement: reading the generation.
   */
  async plan(db: Db, words: readonly string[]): Promise<ImpactPlan | null> {
    if (words.length === 0) return null;
    const tokens = words.map(asToken);
    if (tokens.some((t) => t === null)) return null;
    const unique = [...new Set(tokens as string[])];
    const generation = await currentGeneration(db);
    if (generation === undefined) return null;
    if (this.generation !== generation) this.reset(generation);

    // fts5vocab counts a word's rows by walking its postings, so ask only for words not seen in this generation.
    const unseen = unique.filter((t) => !this.postings.has(t) && !this.rare.has(t));
    if (unseen.length > 0) {
      await ensureVocab(db);
      const r = await sql<{ term: string; doc: number }>`
        SELECT term, doc FROM temp.passages_fts_vrow WHERE term IN (${sql.join(unseen)})`.execute(db);
      const df = new Map(r.rows.map((x) => [x.term, Number(x.doc)]));
      for (const t of unseen) {
        if ((df.get(t) ?? 0) < this.frequentDf) this.rare.add(t);
      }
    }
    if (unique.some((t) => this.rare.has(t))) return null;

    const stats = this.stats ?? (await this.loadStats(db, generation));
    const lists: Postings[] = [];
    for (const t of tokens as string[]) {
      let p = this.postings.get(t);
      if (!p) {
        p = await this.build(db, t, stats);
        this.remember(t, p);
      } else {
        // Least recently used goes first: re-insert to move to the end of the Map's order.
        this.postings.delete(t);
        this.postings.set(t, p);
      }
      lists.push(p);
    }
    return { words: tokens as string[], lists, stats };
  }

  /** Passages holding every word (intersections are remembered for the generation). */
  count(plan: ImpactPlan): number {
    const unique = [...new Set(plan.lists)];
    if (unique.length === 1) return unique[0]!.df;
    const key = [...new Set(plan.words)].sort().join(' ');
    let n = this.counts.get(key);
    if (n === undefined) {
      n = 0;
      forEachCommon(unique, () => n!++);
      this.counts.set(key, n);
    }
    return n;
  }

  /** The top `limit` after `offset`, by score desc then rowid asc, exactly as FTS5's bm25 ranks them. */
  top(plan: ImpactPlan, limit: number, offset: number): { passage_id: number; score: number }[] {
    const k = offset + limit;
    const { lists } = plan;
    const unique = [...new Set(lists)];
    const score = (id: number): number | null => {
      const D = plan.stats.lengths.get(id)!;
      let s = 0;
      for (const p of lists) {
        const f = freqOf(p, id);
        if (f === null) return null;
        s += contribution(p.idf, f, D, plan.stats.avgdl);
      }
      return s;
    };

    if (unique.length === 1) {
      // One word (perhaps repeated): the list's own order is the ranking.
      const p = unique[0]!;
      const out: { passage_id: number; score: number }[] = [];
      for (let i = offset; i < Math.min(k, p.ids.length); i++) {
        out.push({ passage_id: p.ids[i]!, score: score(p.ids[i]!)! });
      }
      return out;
    }

    // Fagin's threshold algorithm, round-robin over the lists.
    const best: { passage_id: number; score: number }[] = [];
    const seen = new Set<number>();
    const cursor = unique.map(() => 0);
    const better = (a: { passage_id: number; score: number }, b: { passage_id: number; score: number }) =>
      a.score > b.score || (a.score === b.score && a.passage_id < b.passage_id);
    for (;;) {
      let advanced = false;
      for (let l = 0; l < unique.length; l++) {
        const p = unique[l]!;
        const i = cursor[l]!;
        if (i >= p.ids.length) continue;
        cursor[l] = i + 1;
        advanced = true;
        const id = p.ids[i]!;
        if (seen.has(id)) continue;
        seen.add(id);
        const s = score(id);
        if (s === null) continue;
        const hit = { passage_id: id, score: s };
        if (best.length < k || better(hit, best[best.length - 1]!)) {
          let j = best.length;
          best.push(hit);
          while (j > 0 && better(hit, best[j - 1]!)) {
            best[j] = best[j - 1]!;
            j--;
          }
          best[j] = hit;
          if (best.length > k) best.pop();
        }
      }
      if (!advanced) break;
      if (best.length === k) {
        // The most an unseen passage can score: each phrase at its list's next impact (0 once a list is done,
        // since an unseen passage missing from an exhausted list cannot match at all).
        let threshold = 0;
        let exhausted = false;
        for (const p of lists) {
          const l = unique.indexOf(p);
          const i = cursor[l]!;
          if (i >= p.ids.length) exhausted = true;
          else threshold += p.impacts[i]!;
        }
        // Strictly greater: an unseen passage scoring the same could still come first on its smaller rowid.
        if (exhausted || best[k - 1]!.score > threshold) break;
      }
    }
    return best.slice(offset);
  }

  private remember(term: string, p: Postings) {
    this.postings.set(term, p);
    this.held += p.ids.length;
    for (const [t, old] of this.postings) {
      if (this.held <= MAX_POSTINGS || t === term) break;
      this.postings.delete(t);
      this.held -= old.ids.length;
    }
  }

  private reset(generation: string) {
    this.generation = generation;
    this.stats = null;
    this.postings.clear();
    this.rare.clear();
    this.counts.clear();
    this.held = 0;
  }

  /** Every passage's length in tokens, from FTS5's own docsize table: once per generation. */
  private async loadStats(db: Db, generation: string): Promise<Stats> {
    const r = await sql<{ id: number; sz: Uint8Array }>`SELECT id, sz FROM passages_fts_docsize`.execute(db);
    const lengths = new Map<number, number>();
    let total = 0;
    for (const row of r.rows) {
      const sizes = readVarints(row.sz);
      let d = 0;
      for (const s of sizes) d += s;
      lengths.set(Number(row.id), d);
      total += d;
    }
    // fts5Bm25GetData: avgdl = (double)nToken / (double)nRow.
    this.stats = { generation, lengths, rows: r.rows.length, avgdl: total / r.rows.length };
    return this.stats;
  }

  private async build(db: Db, term: string, stats: Stats): Promise<Postings> {
    const r = await sql<{ doc: number; col: string; n: number }>`
      SELECT doc, col, count(*) AS n FROM temp.passages_fts_vinst WHERE term = ${term} GROUP BY doc, col ORDER BY doc`.execute(
      db,
    );
    const columns = ['body', 'heading', 'title'];
    const freq = new Map<number, number>();
    for (const row of r.rows) {
      const id = Number(row.doc);
      const w = this.options.weights[columns.indexOf(row.col)] ?? 1;
      // fts5Bm25Function: aFreq[ip] += aWeight[ic] once per instance.
      let f = freq.get(id) ?? 0;
      for (let i = 0; i < Number(row.n); i++) f += w;
      freq.set(id, f);
    }
    const df = freq.size;
    // fts5Bm25GetData: idf = log((nRow - nHit + 0.5) / (nHit + 0.5)), at least 1e-6.
    let idf = Math.log((stats.rows - df + 0.5) / (df + 0.5));
    if (idf <= 0) idf = 1e-6;
    const byId = Int32Array.from(freq.keys()).sort();
    const freqById = Float64Array.from(byId, (id) => freq.get(id)!);
    const order = [...byId.keys()].map((i) => ({
      id: byId[i]!,
      impact: contribution(idf, freqById[i]!, stats.lengths.get(byId[i]!)!, stats.avgdl),
    }));
    order.sort((a, b) => b.impact - a.impact || a.id - b.id);
    return {
      df,
      idf,
      ids: Int32Array.from(order, (o) => o.id),
      impacts: Float64Array.from(order, (o) => o.impact),
      byId,
      freqById,
    };
  }
}

/** One phrase's share of bm25, as fts5Bm25Function computes it (k1 = 1.2, b = 0.75). */
function contribution(idf: number, f: number, D: number, avgdl: number): number {
  return idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / avgdl)));
}

function freqOf(p: Postings, id: number): number | null {
  let lo = 0;
  let hi = p.byId.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = p.byId[mid]!;
    if (v === id) return p.freqById[mid]!;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/** Calls `fn` for each rowid every list holds (a merge of the rowid-sorted arrays). */
function forEachCommon(lists: readonly Postings[], fn: (id: number) => void) {
  const pos = lists.map(() => 0);
  const first = lists[0]!.byId;
  outer: for (; pos[0]! < first.length; pos[0]!++) {
    const id = first[pos[0]!]!;
    for (let l = 1; l < lists.length; l++) {
      const a = lists[l]!.byId;
      let i = pos[l]!;
      while (i < a.length && a[i]! < id) i++;
      pos[l] = i;
      if (i >= a.length) break outer;
      if (a[i] !== id) continue outer;
    }
    fn(id);
  }
}

/** Undefined for an index built before generations were kept (FTS5 ranks it until the next change). */
async function currentGeneration(db: Db): Promise<string | undefined> {
  const r = await sql<{ value: string }>`SELECT value FROM zct_meta WHERE key = 'search.generation'`.execute(
    db,
  );
  return r.rows[0]?.value;
}

/** The fts5vocab views this module reads, per connection (temp tables need no migration and no write access). */
async function ensureVocab(db: Db) {
  await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_fts_vrow USING fts5vocab(main, passages_fts, row)`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_fts_vinst USING fts5vocab(main, passages_fts, instance)`.execute(
    db,
  );
}
