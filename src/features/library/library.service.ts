import { findOutlineSection, quoteArticle } from '../../core/gazette/quote.ts';
import { createHash } from 'node:crypto';
import { decodeText } from '../../core/gazette/decode.ts';
import { GazetteParseError } from '../../core/gazette/errors.ts';
import { parseGazetteText } from '../../core/gazette/gazette-parser.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import type { Level, ParseResult, ParsedDocument, TocEntry } from '../../core/gazette/types.ts';
import { parseQuery } from '../../core/search/query.ts';
import { snippet } from '../../core/search/snippet.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Db } from '../../db/helpers/search/types.ts';
import type { Segmenter } from '../../search/segmenter.ts';
import * as repo from './library.repository.ts';
import { toPassages } from './passages.ts';
import { FACETS, searchRepository, type FacetName } from './search.repository.ts';

export type DocumentOutcome = 'created' | 'revised' | 'unchanged';

export interface IngestReport {
  source: string;
  issue: {
    id: number;
    title: string;
    year: number;
    number: number;
    outcome: 'created' | 'updated' | 'unchanged';
  } | null;
  documents: {
    id: number;
    docNumber: string | null;
    title: string;
    version: number;
    outcome: DocumentOutcome;
  }[];
  citationsResolved: number;
  warnings: string[];
}

export interface SearchParams {
  q: string;
  issuer?: string | undefined;
  kind?: string | undefined;
  level?: string | undefined;
  region?: string | undefined;
  year?: number | undefined;
  validity?: repo.Validity | undefined;
  issueId?: number | undefined;
  asOf?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** Parses the bytes of a text file (UTF-8 or GB18030) or a PDF into a gazette issue or a document. */
export async function parseFile(bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') {
    // pdf.js is large; load it only when a PDF arrives.
    const { extractPdfText, PdfTextError } = await import('../../ingest/pdf-text.ts');
    let pdf;
    try {
      pdf = await extractPdfText(bytes);
    } catch (e) {
      if (e instanceof PdfTextError) {
        throw new GazetteParseError(
          e.message,
          null,
          e.page ?? null,
          e.code === 'NO_TEXT_LAYER' ? 'not-a-document' : 'binary',
        );
      }
      throw e;
    }
    return parseGazetteText(pdf.text, { pageOfLine: pdf.pageOfLine });
  }
  return parseGazetteText(decodeText(bytes).text);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What decides whether a text is a new version: the words, not where they sat in the file. */
export function contentHash(d: ParsedDocument): string {
  return sha256(
    JSON.stringify([
      d.docNumber,
      d.title,
      d.issuers,
      d.addressees,
      d.issuedOn,
      d.preamble,
      d.preface,
      d.body,
      d.validity.clause,
    ]),
  );
}

export function docKey(d: ParsedDocument): string {
  return d.docNumber ?? `${d.issuers[0] ?? ''}|${d.title}`;
}

/** The columns of `documents` that come from one parse of a document. */
export function documentRow(
  d: ParsedDocument,
  key: string,
  version: number,
  issueId: number | null,
): repo.DocumentRowInput {
  return {
    doc_key: key,
    doc_number: d.docNumber,
    title: d.title,
    toc_title: d.tocTitle,
    issuers: JSON.stringify(d.issuers),
    addressees: JSON.stringify(d.addressees),
    kind: d.kind,
    issued_on: d.issuedOn,
    issued_year: d.issuedOn ? Number(d.issuedOn.slice(0, 4)) : null,
    effective_from: d.effectiveFrom,
    effective_until: d.effectiveUntil,
    validity_basis: d.validity.basis,
    validity_clause: d.validity.clause,
    level: d.level,
    region_code: d.regionCode,
    issue_id: issueId,
    page: d.page,
    attachments: JSON.stringify(d.attachments),
    current_version: version,
  };
}

/** The policy library's use cases, shared by HTTP, the CLI and jobs. */
export class LibraryService {
  private readonly searchRepo;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly segmenter: Segmenter,
  ) {
    this.searchRepo = searchRepository(handle.search);
  }

  /** Parses a text or PDF file without storing anything. */
  parse(bytes: Uint8Array): Promise<ParseResult> {
    return parseFile(bytes);
  }

  /**
   * Parses and stores one file in a single transaction: a failure anywhere leaves nothing behind. The same text
   * again changes nothing; a corrected text becomes a new version of its document.
   */
  async ingest(bytes: Uint8Array, source: string): Promise<IngestReport> {
    const parsed = await this.parse(bytes);
    return this.handle.db.transaction().execute((trx) => this.store(trx, parsed, source));
  }

  /**
   * Stores a parsed file as the platform's content, public at once (the automation token's bulk loads); an
   * editor's file goes through DocumentReviewService instead. `storeDocument` decides what each document is.
   */
  async store(
    trx: Db,
    parsed: ParseResult,
    source: string,
    storeDocument: (
      trx: Db,
      d: ParsedDocument,
      key: string,
      issueId: number | null,
      source: string,
    ) => Promise<IngestReport['documents'][number]> = (...a) => this.storeDocument(...a),
  ): Promise<IngestReport> {
    const warnings = [
      ...parsed.warnings,
      ...parsed.documents.flatMap((d) => d.warnings.map((w) => `${d.docNumber ?? d.title}：${w}`)),
    ];
    let issue: IngestReport['issue'] = null;
    if (parsed.issue) {
      const i = parsed.issue;
      const toc = JSON.stringify(i.toc);
      const hash = sha256(JSON.stringify([i, parsed.documents.map(contentHash)]));
      const existing = await repo.findIssueByKey(trx, i);
      if (!existing) {
        const id = await repo.insertIssue(trx, {
          title: i.title,
          publisher: i.publisher,
          year: i.year,
          number: i.number,
          total_number: i.totalNumber,
          toc,
          content_hash: hash,
          source_name: source,
        });
        issue = { id, title: i.title, year: i.year, number: i.number, outcome: 'created' };
      } else if (existing.content_hash !== hash) {
        await repo.updateIssue(trx, existing.id, {
          toc,
          content_hash: hash,
          source_name: source,
          total_number: i.totalNumber,
          publisher: i.publisher,
        });
        issue = { id: existing.id, title: i.title, year: i.year, number: i.number, outcome: 'updated' };
      } else {
        issue = { id: existing.id, title: i.title, year: i.year, number: i.number, outcome: 'unchanged' };
      }
    }
    const documents: IngestReport['documents'] = [];
    const keys = new Set<string>();
    for (const d of parsed.documents) {
      const key = docKey(d);
      if (keys.has(key))
        throw new GazetteParseError(
          `同一文件中 ${key} 出现了两次`,
          d.source.line,
          d.source.page,
          'structure',
        );
      keys.add(key);
      documents.push(await storeDocument(trx, d, key, issue?.id ?? null, source));
    }
    const citationsResolved = await repo.resolveCitations(trx);
    return { source, issue, documents, citationsResolved, warnings };
  }

  private async storeDocument(
    trx: Db,
    d: ParsedDocument,
    key: string,
    issueId: number | null,
    source: string,
  ) {
    const hash = contentHash(d);
    const existing = await repo.findDocumentByKey(trx, key);
    if (
      existing?.published_at &&
      (await repo.versionHash(trx, existing.id, existing.current_version)) === hash
    ) {
      return {
        id: existing.id,
        docNumber: d.docNumber,
        title: d.title,
        version: existing.current_version,
        outcome: 'unchanged' as const,
      };
    }
    // After any correction still under review: the platform's version is public at once, and approving a
    // correction of an older version is then refused (DocumentReviewService).
    const version = existing ? (await repo.lastVersion(trx, existing.id)) + 1 : 1;
    let id: number;
    if (existing) {
      id = existing.id;
    } else {
      id = await repo.insertDocument(trx, documentRow(d, key, version, issueId));
    }
    await repo.insertVersion(trx, {
      document_id: id,
      version,
      content_hash: hash,
      parsed: JSON.stringify(d),
      source_name: source,
      issue_id: issueId,
    });
    await this.publishVersion(trx, id, version, d, issueId ?? existing?.issue_id ?? null);
    return {
      id,
      docNumber: d.docNumber,
      title: d.title,
      version,
      outcome: existing ? ('revised' as const) : ('created' as const),
    };
  }

  /**
   * Makes a stored version what the public reads: the document's columns, issuers, articles, citations and
   * search passages follow it, and the document is published if it was not yet. Used by the platform's own
   * ingest and by an approved review.
   */
  async publishVersion(
    trx: Db,
    id: number,
    version: number,
    d: ParsedDocument,
    issueId: number | null,
  ): Promise<void> {
    const existing = await repo.findDocumentById(trx, id);
    await repo.updateDocument(trx, id, {
      ...documentRow(d, docKey(d), version, issueId),
      published_at: existing?.published_at ?? new Date().toISOString(),
    });
    await repo.replaceIssuers(trx, id, d.issuers);
    await repo.replaceArticles(
      trx,
      id,
      d.articles.map((a) => ({
        number: a.number,
        label: a.label,
        chapter_number: a.chapter,
        chapter_title: d.chapters.find((c) => c.number === a.chapter)?.title ?? null,
        text: a.text,
        paragraphs: JSON.stringify(a.paragraphs),
      })),
    );
    await repo.replaceCitations(
      trx,
      id,
      d.citations.map((c) => ({ title: c.title, doc_number: c.docNumber })),
    );
    await this.indexPassages(trx, id, d);
  }

  private async indexPassages(trx: Db, id: number, d: ParsedDocument): Promise<void> {
    const { removed, inserted } = await repo.replacePassages(trx, id, toPassages(d, this.segmenter));
    await this.handle.search.remove(trx, removed);
    await this.handle.search.index(
      trx,
      inserted.map((p) => ({
        id: p.id,
        text: p.text,
        segBody: p.seg_body,
        segHeading: p.seg_heading,
        segTitle: p.seg_title,
      })),
    );
  }

  /**
   * Rebuilds the search index when it was built by another segmenter (a changed domain dictionary cuts words
   * differently, and old and new words would never meet). Runs at start; returns how many documents it re-cut.
   */
  async ensureSearchIndex(force = false): Promise<number> {
    const key = 'segmenter_version';
    const built = await repo.getMeta(this.handle.db, key);
    if (!force && built === this.segmenter.version) return 0;
    return this.handle.db.transaction().execute(async (trx) => {
      const docs = await repo.currentVersions(trx);
      for (const doc of docs) await this.indexPassages(trx, doc.id, JSON.parse(doc.parsed) as ParsedDocument);
      await repo.setMeta(trx, key, this.segmenter.version);
      return docs.length;
    });
  }

  async search(params: SearchParams) {
    const terms = parseQuery(params.q, (t) => this.segmenter.forQuery(t));
    const asOf = params.asOf ?? todayInChina();
    const pageSize = params.pageSize ?? 20;
    const page = params.page ?? 1;
    const filter: repo.DocumentFilter = params;
    if (terms.length === 0)
      return {
        query: params.q,
        terms: [],
        asOf,
        page,
        pageSize,
        total: 0,
        totalDocuments: 0,
        hits: [],
        facets: emptyFacets(),
      };
    const db = this.handle.db;
    const result = await this.searchRepo.page(db, terms, filter, asOf, pageSize, (page - 1) * pageSize);
    const documentIds = await this.searchRepo.documentIds(db, terms, result.fallbackIds);
    const [all, ...counts] = await Promise.all(
      [null, ...FACETS].map((f) => this.searchRepo.facet(db, f, documentIds, filter, asOf)),
    );
    const facets = Object.fromEntries(FACETS.map((f, i) => [f, counts[i]!])) as Record<
      FacetName,
      { value: string; count: number }[]
    >;
    const highlightWords = terms.flatMap((t) => [t.raw, ...t.words]);
    return {
      query: params.q,
      terms: terms.map((t) => t.raw),
      asOf,
      page,
      pageSize,
      total: result.passages,
      totalDocuments: all?.[0]?.count ?? 0,
      hits: result.rows.map((r) => ({
        documentId: r.document_id,
        docNumber: r.doc_number,
        title: r.title,
        kind: r.kind,
        issuers: JSON.parse(r.issuers) as string[],
        issuedOn: r.issued_on,
        level: r.level,
        validity: r.validity,
        ref: r.ref,
        articleNumber: r.article_number,
        heading: r.heading,
        score: Number(r.score),
        snippet: snippet(r.text, highlightWords),
      })),
      facets,
    };
  }

  async listDocuments(filter: repo.DocumentFilter, asOf: string, page: number, pageSize: number) {
    const { total, rows } = await repo.listDocuments(this.handle.db, filter, asOf, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { total, page, pageSize, asOf, items: rows.map(toSummary) };
  }

  async findDocumentIdByNumber(docNumber: string): Promise<number | null> {
    return (await repo.findDocumentIdByNumber(this.handle.db, docNumber))?.id ?? null;
  }

  /** A document as its current version has it, with its citations resolved both ways and its versions. */
  async getDocument(id: number, asOf: string) {
    const db = this.handle.db;
    const row = await repo.getDocument(db, id, asOf);
    if (!row) return null;
    const parsed = (await this.currentDocument(id))!;
    const [citations, citedBy, versions] = await Promise.all([
      repo.citationsOf(db, id),
      repo.citingDocuments(db, id),
      repo.listVersions(db, id),
    ]);
    return {
      ...toSummary(row),
      tocTitle: row.toc_title,
      addressees: parsed.addressees,
      validityClause: row.validity_clause,
      validityBasis: parsed.validity.basis,
      // 废止: why, and by which document (linked when the library holds it).
      repeal: row.repealed_on
        ? {
            on: row.repealed_on,
            reason: row.repeal_reason,
            docNumber: row.repealed_by,
            documentId: row.repealed_by_document_id,
          }
        : null,
      attachments: parsed.attachments,
      preamble: parsed.preamble,
      preface: parsed.preface,
      chapters: parsed.chapters,
      articles: parsed.articles,
      outline: parsed.outline,
      body: parsed.body,
      citations: citations.map((c) => ({
        title: c.title,
        docNumber: c.doc_number,
        documentId: c.cited_document_id,
      })),
      citedBy: citedBy.map((c) => ({
        id: c.id,
        docNumber: c.doc_number,
        title: c.title,
        kind: c.kind,
        issuedOn: c.issued_on,
      })),
      versions: versions.map((v) => ({
        version: v.version,
        ingestedAt: v.ingested_at,
        source: v.source_name,
      })),
    };
  }

  async getVersionDocument(id: number, version: number): Promise<ParsedDocument | null> {
    const v = await repo.getVersion(this.handle.db, id, version);
    return v ? (JSON.parse(v.parsed) as ParsedDocument) : null;
  }

  async listVersions(id: number) {
    const rows = await repo.listVersions(this.handle.db, id);
    return rows.map((v) => ({
      version: v.version,
      ingestedAt: v.ingested_at,
      source: v.source_name,
      contentHash: v.content_hash,
    }));
  }

  /** The current version's parse, which keeps each article's paragraphs and items. */
  private async currentDocument(id: number): Promise<ParsedDocument | null> {
    const [row] = await repo.currentVersions(this.handle.db, id);
    return row ? (JSON.parse(row.parsed) as ParsedDocument) : null;
  }

  async getArticle(id: number, number: number) {
    return (await this.currentDocument(id))?.articles.find((a) => a.number === number) ?? null;
  }

  /** When a document is in force: what an item without a validity of its own follows. Null if not held. */
  async documentValidity(
    docNumber: string,
  ): Promise<{ from: string | null; until: string | null; repealedOn: string | null } | null> {
    const id = await this.findDocumentIdByNumber(docNumber);
    const row = id === null ? null : await repo.getDocument(this.handle.db, id, todayInChina());
    return row ? { from: row.effective_from, until: row.effective_until, repealedOn: row.repealed_on } : null;
  }

  /**
   * The text a citation points to, for explanations: an article (narrowed to its 款 and 项) or an outline
   * section of a plan. Null when the library does not hold that document or part.
   */
  async quote(cite: {
    doc: string;
    article?: number;
    paragraph?: number;
    items?: readonly number[];
    section?: string;
  }): Promise<{ documentId: number; title: string; text: string } | null> {
    const id = await this.findDocumentIdByNumber(cite.doc);
    if (id === null) return null;
    const doc = await this.currentDocument(id);
    if (!doc) return null;
    if (cite.article !== undefined) {
      const article = doc.articles.find((a) => a.number === cite.article);
      return article ? { documentId: id, title: doc.title, text: quoteArticle(article, cite) } : null;
    }
    const node = cite.section ? findOutlineSection(doc.outline, cite.section) : null;
    return node
      ? {
          documentId: id,
          title: doc.title,
          text: `${node.label}${node.heading ? `${node.heading}。` : ''}${node.text}`,
        }
      : null;
  }

  async listArticles(id: number) {
    return (await this.currentDocument(id))?.articles ?? null;
  }

  async citations(id: number) {
    const rows = await repo.citationsOf(this.handle.db, id);
    return rows.map((c) => ({ title: c.title, docNumber: c.doc_number, documentId: c.cited_document_id }));
  }

  async citedBy(id: number) {
    const rows = await repo.citingDocuments(this.handle.db, id);
    return rows.map((c) => ({
      id: c.id,
      docNumber: c.doc_number,
      title: c.title,
      kind: c.kind,
      issuedOn: c.issued_on,
    }));
  }

  async listIssues() {
    const rows = await repo.listIssues(this.handle.db);
    return rows.map(toIssueSummary);
  }

  /** An issue with its table of contents, each entry linked to the library document it lists. */
  async getIssue(id: number) {
    const db = this.handle.db;
    const row = await repo.getIssue(db, id);
    if (!row) return null;
    const docs = await repo.listDocuments(db, { issueId: id }, todayInChina(), { limit: 500, offset: 0 });
    const toc = (JSON.parse(row.toc) as TocEntry[]).map((e) => {
      const match =
        docs.rows.find((d) => e.docNumber !== null && d.doc_number === e.docNumber) ??
        docs.rows.find((d) => d.page === e.page && (d.toc_title === e.title || d.title === e.title)) ??
        docs.rows.find((d) => d.page === e.page && d.doc_number === null);
      return { ...e, documentId: match?.id ?? null };
    });
    return { ...toIssueSummary(row), toc };
  }

  counts() {
    return repo.countAll(this.handle.db);
  }
}

type DocumentRow = NonNullable<Awaited<ReturnType<typeof repo.getDocument>>>;

function toSummary(row: DocumentRow) {
  return {
    id: row.id,
    docNumber: row.doc_number,
    title: row.title,
    kind: row.kind,
    issuers: JSON.parse(row.issuers) as string[],
    issuedOn: row.issued_on,
    effectiveFrom: row.effective_from,
    effectiveUntil: row.effective_until,
    repealedOn: row.repealed_on,
    validity: row.validity,
    level: row.level as Level | null,
    regionCode: row.region_code,
    issueId: row.issue_id,
    page: row.page,
    version: row.current_version,
  };
}

function toIssueSummary(row: {
  id: number;
  title: string;
  publisher: string | null;
  year: number;
  number: number;
  total_number: number | null;
}) {
  return {
    id: row.id,
    title: row.title,
    publisher: row.publisher,
    year: row.year,
    number: row.number,
    totalNumber: row.total_number,
  };
}

function emptyFacets(): Record<FacetName, { value: string; count: number }[]> {
  return { issuer: [], kind: [], level: [], year: [], validity: [] };
}
