import { mayEdit, type Principal } from '../../core/access/policy.ts';
import { DomainError } from '../../core/errors.ts';
import { parseGazetteText } from '../../core/gazette/gazette-parser.ts';
import type { ParsedDocument } from '../../core/gazette/types.ts';
import { lineDiff } from '../../core/review/line-diff.ts';
import {
  assertDecision,
  assertSubmittable,
  decidedState,
  reviewEvent,
  type Decision,
  type ReviewAction,
} from '../../core/review/review-rules.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Db } from '../../db/helpers/search/types.ts';
import { actorOf, type AuditService } from '../audit/audit.service.ts';
import { insertReviewEvent, reviewEvents } from '../review/review-events.repository.ts';
import * as library from './library.repository.ts';
import {
  contentHash,
  docKey,
  documentRow,
  type IngestReport,
  type LibraryService,
} from './library.service.ts';
import * as repo from './lifecycle.repository.ts';
import { documentText } from './lifecycle-text.ts';

const now = () => new Date().toISOString();

type StoredDocument = IngestReport['documents'][number];

/**
 * 上线审查 of documents (issue 5: "Ingest a gazette or a document and check the parse. Correct it if needed; a
 * correction makes a new version"; "Revising a published … document creates a new version, with a side-by-side
 * diff, and goes through review again"). The design follows ItemReviewService:
 *
 * - a document an editor ingests belongs to their department (谁制定、谁更新) and stays out of public view
 *   (list, search, detail) until a reviewer approves it; the automation token's bulk loads publish at once;
 * - a correction is the whole text again, re-parsed; it becomes a draft version that the public does not see
 *   until a reviewer of the owning department, never its author, approves it; rejecting needs a comment;
 * - every step is a review event and an audit entry, written in the step's transaction.
 */
export class DocumentReviewService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly library: LibraryService,
    private readonly audit?: AuditService,
  ) {}

  private async record(
    trx: Db,
    by: Principal,
    action: string,
    id: number,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit?.record(
      {
        actor: actorOf(by),
        action,
        target: { kind: 'document', id: String(id) },
        detail: { ...detail, department: by.department?.name ?? null },
      },
      trx as Parameters<AuditService['record']>[1],
    );
  }

  private async document(id: number): Promise<repo.StaffDocument> {
    const doc = await repo.findDocument(this.handle.db, id);
    if (!doc) throw new DomainError('notFound', `文件 ${id} 不存在`, 'id');
    return doc;
  }

  private mayNotEdit(doc: repo.StaffDocument, what: string): DomainError {
    return new DomainError(
      'forbidden',
      doc.ownerDepartmentId === null
        ? `${doc.docNumber ?? doc.title} 由平台统一导入，没有维护部门，编辑人员不能${what}`
        : `${doc.docNumber ?? doc.title} 由其他部门维护（谁制定、谁更新），当前账号不能${what}`,
      'id',
    );
  }

  /**
   * Ingests a file. The automation token stores it as the platform's content, public at once (as before
   * review existed); an editor's documents become drafts of their department: a new document waits unseen for
   * approval, a known one gets a correction. A document of another department refuses the whole file.
   */
  async ingest(by: Principal, bytes: Uint8Array, source: string): Promise<IngestReport> {
    if (by.via === 'token') return this.library.ingest(bytes, source);
    if (!mayEdit(by, { ownerDepartmentId: by.department?.id ?? null }))
      throw new DomainError('forbidden', '当前账号不能导入文件', 'body');
    const parsed = await this.library.parse(bytes);
    return this.handle.db
      .transaction()
      .execute((trx) =>
        this.library.store(trx, parsed, source, (t, d, key, issueId, src) =>
          this.storeDraft(t, by, d, key, issueId, src, null),
        ),
      );
  }

  /** A draft version of a document, creating the document (unpublished, owned by the editor's department). */
  private async storeDraft(
    trx: Db,
    by: Principal,
    d: ParsedDocument,
    key: string,
    issueId: number | null,
    source: string,
    note: string | null,
  ): Promise<StoredDocument> {
    const hash = contentHash(d);
    const id = await repo.findDocumentIdByKey(trx, key);
    const summary = { docNumber: d.docNumber, title: d.title };
    if (id === null) {
      const newId = await library.insertDocument(trx, {
        ...documentRow(d, key, 1, issueId),
        published_at: null,
      });
      await repo.setOwner(trx, newId, by.department!.id);
      await repo.insertDraft(trx, {
        documentId: newId,
        version: 1,
        contentHash: hash,
        parsed: JSON.stringify(d),
        source,
        issueId,
        authorId: by.accountId,
        baseVersion: null,
        note,
      });
      await this.record(trx, by, 'document.create', newId, { version: 1, docNumber: d.docNumber, source });
      return { id: newId, ...summary, version: 1, outcome: 'created' };
    }
    const doc = (await repo.findDocument(trx, id))!;
    if (!mayEdit(by, doc)) throw this.mayNotEdit(doc, '修改');
    const latest = (await repo.latestVersion(trx, id))!;
    if (latest.reviewState === 'submitted')
      throw new DomainError(
        'conflict',
        `${doc.docNumber ?? doc.title} 第${latest.version}版正在审核，审核结束前不能修改`,
        'id',
      );
    if (latest.contentHash === hash) return { id, ...summary, version: latest.version, outcome: 'unchanged' };
    const version = latest.version + 1;
    await repo.insertDraft(trx, {
      documentId: id,
      version,
      contentHash: hash,
      parsed: JSON.stringify(d),
      source,
      issueId: issueId ?? doc.issueId,
      authorId: by.accountId,
      // What it corrects: approving it over a newer public version is refused.
      baseVersion: doc.publishedAt ? doc.currentVersion : null,
      note,
    });
    // A document nobody has seen yet shows staff its latest draft; a published one keeps what the public reads.
    if (!doc.publishedAt)
      await library.updateDocument(trx, id, documentRow(d, doc.docKey, version, issueId ?? doc.issueId));
    await this.record(trx, by, 'document.correct', id, { version, note, source });
    return { id, ...summary, version, outcome: 'revised' };
  }

  /**
   * A correction: the whole text of the document again, parsed as on ingest (a parse error names its line;
   * article numbers must run on). It must still be one document, and a changed 文号 must not be another's. An
   * editor's correction is a draft; the automation token's is published at once.
   */
  async correct(by: Principal, id: number, text: string, note: string | null) {
    const doc = await this.document(id);
    if (!mayEdit(by, doc)) throw this.mayNotEdit(doc, '更正');
    const parsed = parseGazetteText(text);
    if (parsed.issue || parsed.documents.length !== 1)
      throw new DomainError(
        'invalid',
        `更正的文本应为一份文件，解析出了 ${parsed.documents.length} 份${parsed.issue ? '（一期公报）' : ''}`,
        'text',
      );
    const d = parsed.documents[0]!;
    const key = docKey(d);
    const other = await repo.findDocumentIdByKey(this.handle.db, key);
    if (other !== null && other !== id)
      throw new DomainError(
        'conflict',
        `文号 ${d.docNumber ?? key} 已属于库中另一份文件（${other}）`,
        'text',
      );
    const source = `更正：${doc.docNumber ?? doc.title}`;
    const stored = await this.handle.db.transaction().execute(async (trx) => {
      if (by.via === 'token') return this.publishDirectly(trx, by, doc, d, source, note);
      return this.storeDraft(trx, by, d, doc.docKey, doc.issueId, source, note);
    });
    const latest = (await repo.latestVersion(this.handle.db, id))!;
    return {
      id,
      version: stored.version,
      changed: stored.outcome !== 'unchanged',
      reviewState: latest.reviewState,
      warnings: [...parsed.warnings, ...d.warnings],
    };
  }

  private async publishDirectly(
    trx: Db,
    by: Principal,
    doc: repo.StaffDocument,
    d: ParsedDocument,
    source: string,
    note: string | null,
  ): Promise<StoredDocument> {
    const hash = contentHash(d);
    const summary = { id: doc.id, docNumber: d.docNumber, title: d.title };
    if ((await library.versionHash(trx, doc.id, doc.currentVersion)) === hash && doc.publishedAt)
      return { ...summary, version: doc.currentVersion, outcome: 'unchanged' };
    const version = (await library.lastVersion(trx, doc.id)) + 1;
    await library.insertVersion(trx, {
      document_id: doc.id,
      version,
      content_hash: hash,
      parsed: JSON.stringify(d),
      source_name: source,
      issue_id: doc.issueId,
    });
    await this.library.publishVersion(trx, doc.id, version, d, doc.issueId);
    await library.resolveCitations(trx);
    await this.record(trx, by, 'document.publish', doc.id, { version, note });
    return { ...summary, version, outcome: 'revised' };
  }

  /** Submits the newest version for review: only a draft can be submitted, and it cannot change while under review. */
  async submit(by: Principal, id: number, comment: string | null) {
    const doc = await this.document(id);
    if (!mayEdit(by, doc)) throw this.mayNotEdit(doc, '提交审核');
    return this.handle.db.transaction().execute(async (trx) => {
      const v = (await repo.latestVersion(trx, id))!;
      assertSubmittable(v, { revise: '更正', field: 'id' });
      await repo.setReviewState(trx, id, v.version, 'submitted');
      await insertReviewEvent(trx, this.event(by, id, v.version, 'submit', comment));
      await this.record(trx, by, 'document.submit', id, { version: v.version, comment });
      return { id, version: v.version, reviewState: 'submitted' as const };
    });
  }

  /**
   * A reviewer's decision on the version under review. Approving makes it what the public reads (a new
   * document is published; a correction replaces the text, its articles and its search passages); rejecting
   * needs a comment.
   */
  async decide(by: Principal, id: number, version: number, decision: Decision, comment: string | null) {
    const doc = await this.document(id);
    return this.handle.db.transaction().execute(async (trx) => {
      const v = await repo.versionWithText(trx, id, version);
      if (!v) throw new DomainError('notFound', `文件 ${id} 没有第${version}版`, 'version');
      const latest = (await repo.latestVersion(trx, id))!;
      assertDecision(
        by,
        {
          label: doc.docNumber ?? doc.title,
          ownerDepartmentId: doc.ownerDepartmentId,
          authorId: v.authorId,
          version,
          reviewState: v.reviewState,
          newest: latest.version === version,
        },
        decision,
        comment,
      );
      const at = now();
      if (decision === 'approve') {
        if (doc.publishedAt && v.baseVersion !== doc.currentVersion)
          throw new DomainError(
            'conflict',
            `第${version}版更正的是第${v.baseVersion}版，但文件已有第${doc.currentVersion}版，请退回后基于新版本重新更正`,
            'version',
          );
        const d = JSON.parse(v.parsed) as ParsedDocument;
        const other = await repo.findDocumentIdByKey(trx, docKey(d));
        if (other !== null && other !== id)
          throw new DomainError(
            'conflict',
            `文号 ${d.docNumber} 已属于库中另一份文件（${other}）`,
            'version',
          );
        await repo.setReviewState(trx, id, version, 'approved');
        await this.library.publishVersion(trx, id, version, d, v.issueId ?? doc.issueId);
        await library.resolveCitations(trx);
      } else {
        await repo.setReviewState(trx, id, version, 'rejected');
      }
      await insertReviewEvent(trx, this.event(by, id, version, decision, comment, at));
      await this.record(trx, by, `document.${decision}`, id, { version, comment });
      return { id, version, reviewState: decidedState(decision) };
    });
  }

  /** Every version with its review state and events, and the repeals asked for (staff). */
  async history(id: number) {
    const doc = await this.document(id);
    const [versions, events, repeals] = await Promise.all([
      repo.listVersions(this.handle.db, id),
      reviewEvents(this.handle.db, 'document', String(id)),
      repo.repealsOf(this.handle.db, 'document', String(id)),
    ]);
    return {
      id,
      docNumber: doc.docNumber,
      title: doc.title,
      currentVersion: doc.currentVersion,
      published: doc.publishedAt !== null,
      repealedOn: doc.repealedOn,
      ownerDepartmentId: doc.ownerDepartmentId,
      versions: versions.map(({ contentHash: _h, ...v }) => ({
        ...v,
        current: doc.publishedAt !== null && v.version === doc.currentVersion,
        events: events.filter((e) => e.version === v.version && !e.action.startsWith('repeal')),
      })),
      repeals,
    };
  }

  /** A version's text as an editor corrects it (the current version by default; staff see every version). */
  async text(id: number, version?: number) {
    const doc = await this.document(id);
    const n = version ?? (await repo.latestVersion(this.handle.db, id))!.version;
    const v = await repo.versionWithText(this.handle.db, id, n);
    if (!v) throw new DomainError('notFound', `文件 ${id} 没有第${n}版`, 'version');
    return {
      id,
      version: n,
      reviewState: v.reviewState,
      title: doc.title,
      text: documentText(JSON.parse(v.parsed) as ParsedDocument),
    };
  }

  /** Two versions side by side: each as its text (documentText), in runs of equal, removed and added lines. */
  async diff(id: number, from: number, to: number) {
    await this.document(id);
    const [a, b] = await Promise.all([
      repo.versionWithText(this.handle.db, id, from),
      repo.versionWithText(this.handle.db, id, to),
    ]);
    if (!a) throw new DomainError('notFound', `文件 ${id} 没有第${from}版`, 'from');
    if (!b) throw new DomainError('notFound', `文件 ${id} 没有第${to}版`, 'to');
    const text = (p: string) => documentText(JSON.parse(p) as ParsedDocument);
    return { id, from, to, parts: lineDiff(text(a.parsed), text(b.parsed)) };
  }

  /** Document versions waiting for a reviewer of this department. */
  queue(by: Principal) {
    if (!by.department) return Promise.resolve([]);
    return repo.submittedDocuments(this.handle.db, by.department.id);
  }

  /** The department's documents with where each is in review (the editor's worklist). */
  worklist(by: Principal) {
    if (!by.department) return Promise.resolve([]);
    return repo.departmentDocuments(this.handle.db, by.department.id);
  }

  private event(
    by: Principal,
    id: number,
    version: number,
    action: ReviewAction,
    comment: string | null,
    at = now(),
  ) {
    return reviewEvent(by, { kind: 'document', key: String(id), version }, action, comment, at);
  }
}
