import { mayEdit, mayReview, type Owned, type Principal } from '../../core/access/policy.ts';
import { DomainError } from '../../core/errors.ts';
import { normaliseDocNumber } from '../../core/gazette/doc-number.ts';
import { assertCommentOnRejection, reviewEvent, type Decision } from '../../core/review/review-rules.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Db } from '../../db/helpers/search/types.ts';
import { actorOf, type AuditService } from '../audit/audit.service.ts';
import * as items from '../items/items.repository.ts';
import { insertReviewEvent } from '../review/review-events.repository.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import * as repo from './lifecycle.repository.ts';

const now = () => new Date().toISOString();

export type RepealTarget = { kind: 'document'; id: number } | { kind: 'item'; code: string };

export interface RepealInput {
  reason: string;
  /** The repealing document's 文号, as written; normalised before it is stored. */
  docNumber: string;
  /** YYYY-MM-DD: the first day the document or item is no longer in force. */
  repealedOn: string;
}

/** What a repeal is about, with what deciding on it needs. */
interface Target {
  kind: 'document' | 'item';
  key: string;
  label: string;
  owner: Owned;
  version: number;
  docNumber: string | null;
  /** False for a document or item the public has never seen: there is nothing to repeal. */
  published: boolean;
  repealedOn: string | null;
}

/**
 * 废止 of documents and items (issue 5: "Repeal needs a reason and the repealing document"). It goes through
 * review like every other change that the public reads (上线审查): an editor of the owning department asks, with
 * the reason, the repealing document's 文号 (GB/T 9704-2012 §7.2.4; linked when the library holds it) and the
 * date; a reviewer of that department who did not ask approves or rejects (with a comment). The automation token,
 * which loads the platform's content, repeals at once.
 *
 * An approved repeal of a document does not repeal the items based on it: they may belong to other departments
 * (谁制定、谁更新), and their validity already ends with the document's (ItemsService.validityOf). They are
 * listed for their owners instead, and marked changed so that matching re-reads their validity.
 */
export class RepealService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly audit?: AuditService,
  ) {}

  private async target(db: Db, t: RepealTarget): Promise<Target> {
    if (t.kind === 'document') {
      const doc = await repo.findDocument(db, t.id);
      if (!doc) throw new DomainError('notFound', `文件 ${t.id} 不存在`, 'id');
      return {
        kind: 'document',
        key: String(doc.id),
        label: `《${doc.title}》${doc.docNumber ? `（${doc.docNumber}）` : ''}`,
        owner: doc,
        version: doc.currentVersion,
        docNumber: doc.docNumber,
        published: doc.publishedAt !== null,
        repealedOn: doc.repealedOn,
      };
    }
    const item = await items.findItem(db, t.code);
    if (!item) throw new DomainError('notFound', `政策事项 ${t.code} 不存在`, 'code');
    const repeal = await repo.itemRepeal(db, t.code);
    return {
      kind: 'item',
      key: item.code,
      label: `${item.code} ${item.name}`,
      owner: item,
      version: item.publishedVersion ?? item.currentVersion,
      docNumber: null,
      published: item.publishedVersion !== null,
      repealedOn: repeal?.on ?? null,
    };
  }

  private async record(trx: Db, by: Principal, action: string, t: Target, detail: Record<string, unknown>) {
    await this.audit?.record(
      {
        actor: actorOf(by),
        action,
        target: { kind: t.kind, id: t.key },
        detail: { ...detail, department: by.department?.name ?? null },
      },
      trx as Parameters<AuditService['record']>[1],
    );
  }

  /** An editor asks for a repeal (the token repeals at once). */
  async request(by: Principal, which: RepealTarget, input: RepealInput): Promise<repo.Repeal> {
    const t = await this.target(this.handle.db, which);
    if (!mayEdit(by, t.owner))
      throw new DomainError(
        'forbidden',
        t.owner.ownerDepartmentId === null
          ? `${t.label} 由平台统一导入，没有维护部门，编辑人员不能申请废止`
          : `${t.label} 由其他部门维护（谁制定、谁更新），当前账号不能申请废止`,
        which.kind === 'document' ? 'id' : 'code',
      );
    const reason = input.reason.trim();
    if (!reason) throw new DomainError('invalid', '废止必须说明理由', 'reason');
    const docNumber = normaliseDocNumber(input.docNumber);
    if (!docNumber)
      throw new DomainError(
        'invalid',
        `"${input.docNumber}"不是有效的文号，应如 聊政发〔2023〕3号`,
        'docNumber',
      );
    if (docNumber === t.docNumber)
      throw new DomainError('invalid', '废止文件不能是被废止的文件本身', 'docNumber');
    if (!t.published) throw new DomainError('conflict', `${t.label} 尚未发布，不需要废止`, 'id');
    if (t.repealedOn) throw new DomainError('conflict', `${t.label} 已于 ${t.repealedOn} 废止`, 'id');
    return this.handle.db.transaction().execute(async (trx) => {
      const pending = (await repo.repealsOf(trx, t.kind, t.key)).find((r) => r.state === 'submitted');
      if (pending)
        throw new DomainError('conflict', `${t.label} 已有待审核的废止申请（${pending.id}）`, 'id');
      const at = now();
      const fields = {
        targetKind: t.kind,
        targetKey: t.key,
        reason,
        repealedBy: docNumber,
        repealedByDocumentId: await repo.publishedDocumentIdByNumber(trx, docNumber),
        repealedOn: input.repealedOn,
        requestedBy: by.accountId || null,
        requestedByName: by.displayName,
        departmentId: t.owner.ownerDepartmentId,
        requestedAt: at,
      };
      const id = await repo.insertRepeal(trx, { ...fields, state: 'submitted' });
      await insertReviewEvent(trx, reviewEvent(by, t, 'repeal-request', reason, at));
      await this.record(trx, by, `${t.kind}.repeal.request`, t, {
        repeal: id,
        reason,
        docNumber,
        repealedOn: input.repealedOn,
      });
      if (by.via === 'token') await this.apply(trx, by, t, id, null, at);
      return (await repo.getRepeal(trx, id))!;
    });
  }

  /** A reviewer's decision on a repeal: approving applies it; rejecting needs a comment. */
  async decide(by: Principal, id: number, decision: Decision, comment: string | null) {
    const r = await repo.getRepeal(this.handle.db, id);
    if (!r) throw new DomainError('notFound', `废止申请 ${id} 不存在`, 'id');
    const t = await this.target(
      this.handle.db,
      r.targetKind === 'document'
        ? { kind: 'document', id: Number(r.targetKey) }
        : { kind: 'item', code: r.targetKey },
    );
    if (!mayReview(by, { ownerDepartmentId: t.owner.ownerDepartmentId, authorId: r.requestedBy }))
      throw new DomainError(
        'forbidden',
        r.requestedBy === by.accountId
          ? '不能审核自己提出的废止申请（上线审查须由他人进行）'
          : `${t.label} 不属于本部门，当前账号不能审核`,
      );
    if (r.state !== 'submitted') throw new DomainError('conflict', `废止申请 ${id} 不在待审核状态`, 'id');
    assertCommentOnRejection(decision, comment);
    return this.handle.db.transaction().execute(async (trx) => {
      const at = now();
      if (decision === 'approve') {
        await this.apply(trx, by, t, id, comment, at);
      } else {
        await repo.decideRepeal(trx, id, {
          state: 'rejected',
          by: by.accountId,
          byName: by.displayName,
          at,
          comment: comment!.trim(),
        });
        await insertReviewEvent(trx, reviewEvent(by, t, 'repeal-reject', comment, at));
        await this.record(trx, by, `${t.kind}.repeal.reject`, t, { repeal: id, comment });
      }
      return {
        repeal: (await repo.getRepeal(trx, id))!,
        affectedItems: t.kind === 'document' && t.docNumber ? await repo.itemsBasedOn(trx, t.docNumber) : [],
      };
    });
  }

  /** Writes an approved repeal on its document or item; the public reads 已废止 with its reason from here on. */
  private async apply(trx: Db, by: Principal, t: Target, id: number, comment: string | null, at: string) {
    await repo.decideRepeal(trx, id, {
      state: 'approved',
      by: by.accountId || null,
      byName: by.displayName,
      at,
      comment: comment?.trim() || null,
    });
    const r = (await repo.getRepeal(trx, id))!;
    if (t.kind === 'document') {
      await repo.repealDocument(trx, Number(t.key), r, at);
      // Items based on it end with it (validityOf); matching caches items until one of them changes.
      if (t.docNumber)
        await repo.touchItems(
          trx,
          (await repo.itemsBasedOn(trx, t.docNumber)).map((i) => i.code),
          at,
        );
    } else {
      await repo.repealItem(trx, t.key, r, { at, inForceNoLonger: r.repealedOn <= todayInChina() });
    }
    await insertReviewEvent(trx, reviewEvent(by, t, 'repeal', r.reason, at));
    await this.record(trx, by, `${t.kind}.repeal`, t, {
      repeal: id,
      reason: r.reason,
      docNumber: r.repealedBy,
      repealedOn: r.repealedOn,
      comment,
    });
  }

  /** Repeals waiting for a reviewer of this department, each with what it repeals as people name it. */
  async queue(by: Principal) {
    if (!by.department) return [];
    const db = this.handle.db;
    const repeals = await repo.submittedRepeals(db, by.department.id);
    return Promise.all(
      repeals.map(async (r) => ({
        ...r,
        targetLabel: (
          await this.target(
            db,
            r.targetKind === 'document'
              ? { kind: 'document', id: Number(r.targetKey) }
              : { kind: 'item', code: r.targetKey },
          )
        ).label,
      })),
    );
  }

  /** The items based on a document (its published versions cite it), with their owners. */
  async itemsBasedOn(documentId: number) {
    const doc = await repo.findDocument(this.handle.db, documentId);
    if (!doc) throw new DomainError('notFound', `文件 ${documentId} 不存在`, 'id');
    return doc.docNumber ? repo.itemsBasedOn(this.handle.db, doc.docNumber) : [];
  }

  /** An item's approved repeal, as the public reads it. */
  async itemRepeal(code: string) {
    const r = await repo.itemRepeal(this.handle.db, code);
    if (!r) throw new DomainError('notFound', `政策事项 ${code} 未被废止`, 'code');
    return r;
  }
}
