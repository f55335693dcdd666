import { diffLines } from 'diff';
import { mayEdit, mayReview, type Principal } from '../../core/access/policy.ts';
import { DomainError } from '../../core/errors.ts';
import type { ItemStatus } from '../../core/items/types.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { actorOf, type AuditService } from '../audit/audit.service.ts';
import * as repo from './items.repository.ts';
import type { ItemsService } from './items.service.ts';

const now = () => new Date().toISOString();

const REVIEW_NAMES: Record<repo.ReviewState, string> = {
  draft: '草稿',
  submitted: '待审核',
  rejected: '已退回',
  approved: '已通过',
};

/**
 * 上线审查 of policy items: draft → submitted for review → approved (published) or rejected with comments. An
 * editor works on their own department's items (谁制定、谁更新); a reviewer of that department decides, and never
 * on a version they wrote. Revising a published item makes a new version that goes through review again, while
 * the public keeps reading the published one.
 */
export class ItemReviewService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly items: ItemsService,
    private readonly audit?: AuditService,
  ) {}

  /** Records a change in the audit trail inside its transaction: both commit, or neither. */
  private async record(
    trx: Parameters<AuditService['record']>[1],
    by: Principal,
    action: string,
    code: string,
    version: number,
    comment: string | null,
  ): Promise<void> {
    await this.audit?.record(
      {
        actor: actorOf(by),
        action,
        target: { kind: 'item', id: code },
        detail: { version, comment, department: by.department?.name ?? null },
      },
      trx,
    );
  }

  private async item(code: string): Promise<repo.ItemRow> {
    const item = await repo.findItem(this.handle.db, code);
    if (!item) throw new DomainError('notFound', `政策事项 ${code} 不存在`, 'code');
    return item;
  }

  /**
   * Saves a new version. The automation token stores it with the status asked for (samples, bulk loads); a person
   * saves a draft, which only review publishes (上线审查).
   */
  async save(by: Principal, input: unknown, status: ItemStatus, note: string | null) {
    if (by.via === 'token') return this.items.save(input, status, note);
    if (status !== 'draft')
      throw new DomainError(
        'forbidden',
        '编辑人员只能保存草稿，发布须经审核人员审核通过（上线审查）',
        'status',
      );
    return this.saveDraft(by, input, note);
  }

  /** Saves an editor's version as a draft. A new item belongs to the editor's department. */
  async saveDraft(by: Principal, input: unknown, note: string | null) {
    const d = this.items.prepare(input);
    const existing = await repo.findItem(this.handle.db, d.code);
    const owner = existing ? existing.ownerDepartmentId : (by.department?.id ?? null);
    if (!mayEdit(by, { ownerDepartmentId: owner }))
      throw new DomainError(
        'forbidden',
        existing
          ? `政策事项 ${d.code} 由其他部门维护（谁制定、谁更新），当前账号不能修改`
          : '当前账号不能创建政策事项',
        'code',
      );
    return this.handle.db.transaction().execute(async (trx) => {
      if (existing) {
        const latest = await repo.getVersion(trx, existing.id, existing.currentVersion);
        if (latest?.reviewState === 'submitted')
          throw new DomainError(
            'conflict',
            `政策事项 ${d.code} 第${latest.version}版正在审核，审核结束前不能修改`,
            'code',
          );
      }
      const r = await repo.saveVersion(trx, d, {
        status: 'draft',
        note,
        now: now(),
        publish: false,
        authorId: by.accountId,
        reviewState: 'draft',
        ownerDepartmentId: owner,
      });
      const item = r?.item ?? existing!;
      if (r) await this.record(trx, by, existing ? 'item.update' : 'item.create', d.code, r.version, note);
      return {
        code: d.code,
        version: r?.version ?? item.currentVersion,
        reviewState: 'draft' as const,
        changed: r !== null,
      };
    });
  }

  /** Submits the latest version for review; its examples must pass (prepare checks them). */
  async submit(by: Principal, code: string, comment: string | null) {
    const item = await this.item(code);
    if (!mayEdit(by, item))
      throw new DomainError('forbidden', `政策事项 ${code} 由其他部门维护，当前账号不能提交审核`);
    return this.handle.db.transaction().execute(async (trx) => {
      const v = (await repo.getVersion(trx, item.id, item.currentVersion))!;
      if (v.reviewState === 'rejected')
        throw new DomainError('conflict', `第${v.version}版已被退回，请修改后保存为新版本再提交`);
      if (v.reviewState !== 'draft')
        throw new DomainError(
          'conflict',
          `第${v.version}版${v.reviewState ? REVIEW_NAMES[v.reviewState] : '已发布'}，只有草稿可以提交审核`,
        );
      this.items.prepare(v.definition);
      await repo.setReviewState(trx, item.id, v.version, 'submitted');
      await repo.insertReviewEvent(trx, this.event(by, code, v.version, 'submit', comment));
      await this.record(trx, by, 'item.submit', code, v.version, comment);
      return { code, version: v.version, reviewState: 'submitted' as const };
    });
  }

  /** A reviewer's decision on the version under review: approve publishes it; reject needs a comment. */
  async decide(
    by: Principal,
    code: string,
    version: number,
    decision: 'approve' | 'reject',
    comment: string | null,
  ) {
    const item = await this.item(code);
    return this.handle.db.transaction().execute(async (trx) => {
      const v = await repo.getVersion(trx, item.id, version);
      if (!v) throw new DomainError('notFound', `政策事项 ${code} 没有第${version}版`, 'version');
      if (!mayReview(by, { ownerDepartmentId: item.ownerDepartmentId, authorId: v.authorId }))
        throw new DomainError(
          'forbidden',
          v.authorId === by.accountId
            ? '不能审核自己编写的版本（上线审查须由他人进行）'
            : `政策事项 ${code} 不属于本部门，当前账号不能审核`,
        );
      if (v.reviewState !== 'submitted' || version !== item.currentVersion)
        throw new DomainError('conflict', `第${version}版不在待审核状态`, 'version');
      if (decision === 'reject' && !comment?.trim())
        throw new DomainError('invalid', '退回时必须填写审核意见', 'comment');
      const at = now();
      if (decision === 'approve') {
        await repo.setReviewState(trx, item.id, version, 'approved');
        await repo.publishVersion(trx, item, version, v.definition, at);
        await repo.insertReviewEvent(trx, this.event(by, code, version, 'approve', comment, at));
        await this.record(trx, by, 'item.approve', code, version, comment);
      } else {
        await repo.setReviewState(trx, item.id, version, 'rejected');
        await repo.insertReviewEvent(trx, this.event(by, code, version, 'reject', comment, at));
        await this.record(trx, by, 'item.reject', code, version, comment);
      }
      return {
        code,
        version,
        reviewState: decision === 'approve' ? ('approved' as const) : ('rejected' as const),
      };
    });
  }

  /** Every version with its review state and the events of its review, newest first. */
  async history(code: string) {
    const item = await this.item(code);
    const [versions, events] = await Promise.all([
      repo.listVersions(this.handle.db, item.id),
      repo.reviewEvents(this.handle.db, 'item', code),
    ]);
    return {
      code,
      name: item.name,
      status: item.status,
      currentVersion: item.currentVersion,
      publishedVersion: item.publishedVersion,
      ownerDepartmentId: item.ownerDepartmentId,
      versions: versions.map((v) => ({
        ...v,
        events: events.filter((e) => e.version === v.version),
      })),
    };
  }

  /**
   * Two versions side by side: their definitions as indented JSON, cut into runs of equal, removed and added
   * lines (jsdiff's diffLines), so the console can show the old on the left and the new on the right.
   */
  async diff(code: string, from: number, to: number) {
    const item = await this.item(code);
    const [a, b] = await Promise.all([
      repo.getVersion(this.handle.db, item.id, from),
      repo.getVersion(this.handle.db, item.id, to),
    ]);
    if (!a) throw new DomainError('notFound', `政策事项 ${code} 没有第${from}版`, 'from');
    if (!b) throw new DomainError('notFound', `政策事项 ${code} 没有第${to}版`, 'to');
    const text = (d: unknown) => `${JSON.stringify(d, null, 2)}\n`;
    const parts = diffLines(text(a.definition), text(b.definition));
    return {
      code,
      from,
      to,
      parts: parts.map((p) => ({
        kind: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const),
        text: p.value,
      })),
    };
  }

  /** What waits for a reviewer of this department. */
  queue(by: Principal) {
    if (!by.department) return Promise.resolve([]);
    return repo.submittedItems(this.handle.db, by.department.id);
  }

  /** The editor's worklist: the department's items and where each is in review. */
  worklist(by: Principal) {
    if (!by.department) return Promise.resolve([]);
    return repo.departmentItems(this.handle.db, by.department.id);
  }

  /** 公示: what was published or withdrawn, newest first. */
  publications(limit: number, offset: number) {
    return repo.publications(this.handle.db, limit, offset);
  }

  private event(
    by: Principal,
    code: string,
    version: number,
    action: repo.ReviewEvent['action'],
    comment: string | null,
    at = now(),
  ): repo.ReviewEvent {
    return {
      targetKind: 'item',
      targetKey: code,
      version,
      action,
      actorId: by.accountId || null,
      actorName: by.displayName,
      departmentId: by.department?.id ?? null,
      comment: comment?.trim() || null,
      at,
    };
  }
}
