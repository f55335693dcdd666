/**
 * The synthetic search corpus: 100,000 articles built from the sample gazette's own sentences, stored in the real
 * schema (documents, document_issuers, passages) and indexed through the real SearchDialect (FTS5 + trigram).
 *
 * The corpus is cached in the OS temp folder, keyed by CORPUS_VERSION, the generator options, the material taken
 * from the sample, and the sources that decide what the index holds (migrations, the SQLite search dialect, the
 * segmenter and its dictionary). Change any of them and the next run builds a new corpus.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { toChineseNumber } from '../src/core/gazette/numerals.ts';
import { walkOutline } from '../src/core/gazette/structure.ts';
import type { ParseResult } from '../src/core/gazette/types.ts';
import { openDatabase } from '../src/db/database.ts';
import type { PassageIndexRow } from '../src/db/helpers/search/types.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Segmenter } from '../src/search/segmenter.ts';
import { counter, note, phase } from './log.ts';
import { now, pick, randomInt, seededRandom } from './stats.ts';

/** Bump when the generator changes in a way that changes the corpus. */
export const CORPUS_VERSION = 'corpus-v1';

export interface CorpusOptions {
  articles: number;
  articlesPerDocument: number;
  seed: number;
  /** Build even if a cached corpus with the same key exists. */
  rebuild: boolean;
}

/** What the generator takes from the sample. */
export interface Material {
  sentences: string[];
  chapterTitles: string[];
  templates: {
    title: string;
    attachments: string[];
    kind: string;
    issuers: string[];
    docNumberPrefix: string;
    level: string | null;
    regionCode: string | null;
  }[];
}

export interface CorpusInfo {
  path: string;
  key: string;
  cached: boolean;
  /** When the cached corpus was built, and how long that took. */
  builtAt: string;
  buildMs: number;
  buildBreakdownMs: { generate: number; segment: number; insert: number; index: number; checkpoint: number };
  documents: number;
  passages: number;
  /** Sentences taken from the sample (with repeats as they occur there) and how many are distinct. */
  sentences: number;
  distinctSentences: number;
  chapterTitles: number;
  titles: number;
  /** Passage text: characters and UTF-8 bytes. */
  textChars: number;
  textBytes: number;
  dbBytes: number;
}

const CJK_RE = /[\u3400-\u9fff]/g;

/** Splits a paragraph after 。 and ；, keeping the mark; a trailing piece without one gets 。 (a heading line). */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  for (const piece of paragraph.match(/[^。；]+[。；]?/g) ?? []) {
    let s = piece.trim();
    if ((s.match(CJK_RE) ?? []).length < 4) continue;
    if (!/[。；]$/.test(s)) s += '。';
    out.push(s);
  }
  return out;
}

/** Sentences from the articles, outline tasks, prefaces and plain bodies of the sample; its chapter and document titles. */
export function extractMaterial(parsed: ParseResult): Material {
  const paragraphs: string[] = [];
  const chapterTitles: string[] = [];
  const templates: Material['templates'] = [];
  for (const d of parsed.documents) {
    paragraphs.push(...d.preface);
    if (d.articles.length > 0) {
      for (const a of d.articles) paragraphs.push(...a.text.split('\n'));
    } else if (d.outline.length > 0) {
      for (const { node } of walkOutline(d.outline)) paragraphs.push(...node.text.split('\n'));
    } else {
      paragraphs.push(...d.body.split('\n'));
    }
    for (const c of d.chapters) if (!chapterTitles.includes(c.title)) chapterTitles.push(c.title);
    templates.push({
      title: d.title,
      attachments: d.attachments,
      kind: d.kind,
      issuers: d.issuers,
      docNumberPrefix: d.docNumber?.replace(/〔.*$/, '') ?? '聊政发',
      level: d.level,
      regionCode: d.regionCode,
    });
  }
  const sentences = paragraphs.flatMap(splitSentences);
  if (sentences.length < 50 || chapterTitles.length < 3 || templates.length === 0) {
    throw new Error(
      `the sample gave too little material: ${sentences.length} sentences, ${chapterTitles.length} chapter titles`,
    );
  }
  return { sentences, chapterTitles, templates };
}

interface GeneratedDocument {
  id: number;
  row: {
    id: number;
    doc_key: string;
    doc_number: string;
    title: string;
    toc_title: null;
    issuers: string;
    addressees: string;
    kind: string;
    issued_on: string;
    issued_year: number;
    effective_from: string | null;
    effective_until: string | null;
    validity_basis: string;
    validity_clause: null;
    repealed_on: string | null;
    level: string | null;
    region_code: string | null;
    issue_id: null;
    page: null;
    attachments: string;
    current_version: number;
    created_at: string;
    updated_at: string;
  };
  issuers: string[];
  titleForIndex: string;
  passages: { article_number: number; ref: string; heading: string; text: string }[];
}

const isoDay = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
const DAY_2015 = Date.UTC(2015, 0, 1) / 86_400_000;
const DAY_2025 = Date.UTC(2025, 0, 1) / 86_400_000;

/**
 * Generates documents one at a time, deterministically from the seed: each of ~40 articles (30–50), in 3–7
 * chapters (总则 first, 附则 last when the sample has them), each article of 3–12 sentences in 1–3 paragraphs.
 */
export function* generateDocuments(material: Material, options: CorpusOptions): Generator<GeneratedDocument> {
  const rnd = seededRandom(options.seed);
  const first = material.chapterTitles.includes('总则') ? '总则' : null;
  const last = material.chapterTitles.includes('附则') ? '附则' : null;
  const middle = material.chapterTitles.filter((t) => t !== first && t !== last);
  const seqByPrefixYear = new Map<string, number>();
  let articlesLeft = options.articles;
  for (let docId = 1; articlesLeft > 0; docId++) {
    const spread = Math.round(options.articlesPerDocument / 4);
    const n = Math.min(
      articlesLeft,
      randomInt(rnd, options.articlesPerDocument - spread, options.articlesPerDocument + spread),
    );
    articlesLeft -= n;
    const t = pick(rnd, material.templates);
    const issuedDay = randomInt(rnd, DAY_2015, DAY_2025 - 1);
    const issuedOn = isoDay(issuedDay);
    const year = Number(issuedOn.slice(0, 4));
    const seqKey = `${t.docNumberPrefix}|${year}`;
    const seq = (seqByPrefixYear.get(seqKey) ?? 0) + 1;
    seqByPrefixYear.set(seqKey, seq);
    const docNumber = `${t.docNumberPrefix}〔${year}〕${seq}号`;
    // Validity: most in force from a month after issue for five years; some without dates, some repealed.
    const v = rnd();
    const effectiveFrom = v < 0.1 ? null : isoDay(issuedDay + randomInt(rnd, 0, 45));
    const effectiveUntil = effectiveFrom && rnd() < 0.7 ? isoDay(issuedDay + 5 * 365) : null;
    const repealedOn = effectiveFrom && rnd() < 0.05 ? isoDay(issuedDay + randomInt(rnd, 200, 1500)) : null;

    // Chapters: 3–7, cut points spread over the articles, each chapter at least one article.
    const chapterCount = Math.max(1, Math.min(n, randomInt(rnd, 3, 7)));
    const titles: string[] = [];
    const pool = [...middle];
    for (let c = 0; c < chapterCount; c++) {
      if (c === 0 && first) titles.push(first);
      else if (c === chapterCount - 1 && last && chapterCount > 1) titles.push(last);
      else
        titles.push(
          pool.length > 0 ? pool.splice(Math.floor(rnd() * pool.length), 1)[0]! : pick(rnd, middle),
        );
    }
    const cuts = new Set<number>();
    while (cuts.size < chapterCount - 1) cuts.add(randomInt(rnd, 2, n));
    const starts = [1, ...[...cuts].sort((a, b) => a - b)];

    const passages: GeneratedDocument['passages'] = [];
    let chapter = 0;
    for (let a = 1; a <= n; a++) {
      while (chapter + 1 < starts.length && a >= starts[chapter + 1]!) chapter++;
      const count = randomInt(rnd, 3, 12);
      let text = '';
      let paragraphs = 1;
      for (let s = 0; s < count; s++) {
        if (s > 0 && paragraphs < 3 && rnd() < 0.15) {
          text += '\n';
          paragraphs++;
        }
        text += pick(rnd, material.sentences);
      }
      passages.push({
        article_number: a,
        ref: `第${toChineseNumber(a)}条`,
        heading: `第${toChineseNumber(chapter + 1)}章 ${titles[chapter]!}`,
        text,
      });
    }
    const stamp = `${issuedOn}T08:00:00.000Z`;
    yield {
      id: docId,
      row: {
        id: docId,
        doc_key: docNumber,
        doc_number: docNumber,
        title: t.title,
        toc_title: null,
        issuers: JSON.stringify(t.issuers),
        addressees: JSON.stringify([]),
        kind: t.kind,
        issued_on: issuedOn,
        issued_year: year,
        effective_from: effectiveFrom,
        effective_until: effectiveUntil,
        validity_basis: effectiveFrom ? 'clause' : 'none',
        validity_clause: null,
        repealed_on: repealedOn,
        level: t.level,
        region_code: t.regionCode,
        issue_id: null,
        page: null,
        attachments: JSON.stringify(t.attachments),
        current_version: 1,
        created_at: stamp,
        updated_at: stamp,
      },
      issuers: t.issuers,
      // As toPassages does: the title and the texts the document issues.
      titleForIndex: [t.title, ...t.attachments].join(' '),
      passages,
    };
  }
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

function sourceFingerprint(): string {
  const root = new URL('../src/', import.meta.url);
  const files = [
    ...readdirSync(new URL('db/migrations/', root))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => new URL(`db/migrations/${f}`, root)),
    new URL('db/helpers/search/sqlite.ts', root),
    new URL('search/segmenter.ts', root),
    new URL('search/domain-words.ts', root),
  ];
  return sha256(files.map((f) => sha256(readFileSync(f))).join('|'));
}

export function corpusKey(material: Material, options: CorpusOptions): string {
  const { articles, articlesPerDocument, seed } = options;
  return sha256(
    JSON.stringify([CORPUS_VERSION, { articles, articlesPerDocument, seed }, material, sourceFingerprint()]),
  ).slice(0, 16);
}

const CACHE_DIR = () => join(tmpdir(), 'zct-bench');

/** Returns the cached corpus for these options, or builds it (a few minutes for 100,000 articles). */
export async function ensureCorpus(
  material: Material,
  seg: Segmenter,
  options: CorpusOptions,
): Promise<CorpusInfo> {
  const dir = CACHE_DIR();
  mkdirSync(dir, { recursive: true });
  const key = corpusKey(material, options);
  const path = join(dir, `corpus-${key}.sqlite`);
  const metaPath = join(dir, `corpus-${key}.json`);
  if (!options.rebuild && existsSync(path) && existsSync(metaPath)) {
    const info = JSON.parse(readFileSync(metaPath, 'utf8')) as CorpusInfo;
    phase(
      `corpus: using the cached corpus ${key} (${info.passages.toLocaleString('en-US')} articles, built ${info.builtAt} in ${(info.buildMs / 1000).toFixed(1)} s); --rebuild to build it again`,
    );
    return { ...info, path, cached: true };
  }
  // Other corpus versions and interrupted builds: ours to remove.
  for (const f of readdirSync(dir)) {
    if (f.startsWith('corpus-')) rmSync(join(dir, f), { force: true });
  }
  return buildCorpus(material, seg, options, key, path, metaPath);
}

async function buildCorpus(
  material: Material,
  seg: Segmenter,
  options: CorpusOptions,
  key: string,
  path: string,
  metaPath: string,
): Promise<CorpusInfo> {
  phase(
    `corpus: building ${options.articles.toLocaleString('en-US')} articles into ${key} (${material.sentences.length} sample sentences, seed ${options.seed})`,
  );
  const started = now();
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  const handle = openDatabase({ sqlitePath: building });
  const times = { generate: 0, segment: 0, insert: 0, index: 0, checkpoint: 0 };
  let documents = 0;
  let passages = 0;
  let textChars = 0;
  let textBytes = 0;
  try {
    await migrateToLatest(handle);
    // Build-time only, on this connection: a crash just means building again.
    await sql`PRAGMA synchronous = OFF`.execute(handle.db);
    await sql`PRAGMA cache_size = -262144`.execute(handle.db);
    const segCache = new Map<string, string>();
    const segCached = (text: string) => {
      let s = segCache.get(text);
      if (s === undefined) {
        s = seg.forIndex(text).join(' ');
        segCache.set(text, s);
      }
      return s;
    };
    const progress = counter('articles inserted and indexed', options.articles);
    const gen = generateDocuments(material, options);
    const PASSAGES_PER_TRANSACTION = 5000;
    let done = false;
    while (!done) {
      // One transaction per ~5,000 passages.
      let t = now();
      const batch: GeneratedDocument[] = [];
      let size = 0;
      while (size < PASSAGES_PER_TRANSACTION) {
        const next = gen.next();
        if (next.done) {
          done = true;
          break;
        }
        batch.push(next.value);
        size += next.value.passages.length;
      }
      times.generate += now() - t;
      if (batch.length === 0) break;

      // Segmentation exactly as toPassages does it: the real segmenter over each passage's whole text; headings
      // and titles repeat, so each distinct one is cut once.
      t = now();
      const rows: (PassageIndexRow & {
        document_id: number;
        article_number: number;
        ref: string;
        heading: string;
      })[] = [];
      for (const d of batch) {
        const segTitle = segCached(d.titleForIndex);
        for (const p of d.passages) {
          rows.push({
            id: passages + rows.length + 1,
            document_id: d.id,
            article_number: p.article_number,
            ref: p.ref,
            heading: p.heading,
            text: p.text,
            segBody: seg.forIndex(p.text).join(' '),
            segHeading: segCached(p.heading),
            segTitle,
          });
          textChars += p.text.length;
          textBytes += Buffer.byteLength(p.text);
        }
      }
      times.segment += now() - t;

      await handle.db.transaction().execute(async (trx) => {
        let t1 = now();
        await trx
          .insertInto('documents')
          .values(batch.map((d) => d.row))
          .execute();
        await trx
          .insertInto('document_issuers')
          .values(batch.flatMap((d) => d.issuers.map((issuer) => ({ document_id: d.id, issuer }))))
          .execute();
        for (let i = 0; i < rows.length; i += 500) {
          await trx
            .insertInto('passages')
            .values(
              rows.slice(i, i + 500).map((r) => ({
                id: r.id,
                document_id: r.document_id,
                article_number: r.article_number,
                ref: r.ref,
                heading: r.heading,
                text: r.text,
                seg_body: r.segBody,
                seg_heading: r.segHeading,
                seg_title: r.segTitle,
              })),
            )
            .execute();
        }
        times.insert += now() - t1;
        t1 = now();
        await handle.search.index(trx, rows);
        times.index += now() - t1;
      });
      documents += batch.length;
      passages += rows.length;
      progress.update(passages);
    }
    progress.done();
    const t = now();
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(handle.db);
    times.checkpoint = now() - t;
  } finally {
    await handle.destroy();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
  renameSync(building, path);
  const buildMs = now() - started;
  const info: CorpusInfo = {
    path,
    key,
    cached: false,
    builtAt: new Date().toISOString(),
    buildMs,
    buildBreakdownMs: times,
    documents,
    passages,
    sentences: material.sentences.length,
    distinctSentences: new Set(material.sentences).size,
    chapterTitles: material.chapterTitles.length,
    titles: new Set(material.templates.map((t) => t.title)).size,
    textChars,
    textBytes,
    dbBytes: statSync(path).size,
  };
  writeFileSync(metaPath, JSON.stringify(info, null, 2));
  phase(`corpus: built in ${(buildMs / 1000).toFixed(1)} s`);
  note(
    `generate ${(times.generate / 1000).toFixed(1)} s, segment ${(times.segment / 1000).toFixed(1)} s, insert ${(times.insert / 1000).toFixed(1)} s, FTS index ${(times.index / 1000).toFixed(1)} s, checkpoint ${(times.checkpoint / 1000).toFixed(1)} s; ${(info.dbBytes / 1e6).toFixed(0)} MB`,
  );
  return info;
}
