import { mayEdit, type Principal } from '../../core/access/policy.ts';
import { DomainError } from '../../core/errors.ts';
import type { ItemStatus } from '../../core/items/types.ts';
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
import { actorOf, type AuditService } from '../audit/audit.service.ts';
import { insertReviewEvent, publications, reviewEvents } from '../review/review-events.repository.ts';
import * as repo from './items.repository.ts';
import type { ItemsService } from './items.service.ts';

const now = () => new Date().toISOString();

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
      assertSubmittable(v, { revise: '修改' });
      this.items.prepare(v.definition);
      await repo.setReviewState(trx, item.id, v.version, 'submitted');
      await insertReviewEvent(trx, this.event(by, code, v.version, 'submit', comment));
      await this.record(trx, by, 'item.submit', code, v.version, comment);
      return { code, version: v.version, reviewState: 'submitted' as const };
    });
  }

  /** A reviewer's decision on the version under review: approve publishes it; reject needs a comment. */
  async decide(by: Principal, code: string, version: number, decision: Decision, comment: string | null) {
    const item = await this.item(code);
    return this.handle.db.transaction().execute(async (trx) => {
      const v = await repo.getVersion(trx, item.id, version);
      if (!v) throw new DomainError('notFound', `政策事项 ${code} 没有第${version}版`, 'version');
      assertDecision(
        by,
        {
          label: `政策事项 ${code}`,
          ownerDepartmentId: item.ownerDepartmentId,
          authorId: v.authorId,
          version,
          reviewState: v.reviewState,
          newest: version === item.currentVersion,
        },
        decision,
        comment,
      );
      const at = now();
      const reviewState = decidedState(decision);
      await repo.setReviewState(trx, item.id, version, reviewState);
      if (decision === 'approve') await repo.publishVersion(trx, item, version, v.definition, at);
      await insertReviewEvent(trx, this.event(by, code, version, decision, comment, at));
      await this.record(trx, by, `item.${decision}`, code, version, comment);
      return { code, version, reviewState };
    });
  }

  /** Every version with its review state and the events of its review, newest first. */
  async history(code: string) {
    const item = await this.item(code);
    const [versions, events] = await Promise.all([
      repo.listVersions(this.handle.db, item.id),
      reviewEvents(this.handle.db, 'item', code),
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

  /** Two versions side by side: their definitions as indented JSON, in runs of equal, removed and added lines. */
  async diff(code: string, from: number, to: number) {
    const item = await this.item(code);
    const [a, b] = await Promise.all([
      repo.getVersion(this.handle.db, item.id, from),
      repo.getVersion(this.handle.db, item.id, to),
    ]);
    if (!a) throw new DomainError('notFound', `政策事项 ${code} 没有第${from}版`, 'from');
    if (!b) throw new DomainError('notFound', `政策事项 ${code} 没有第${to}版`, 'to');
    const text = (d: unknown) => `${JSON.stringify(d, null, 2)}\n`;
    return { code, from, to, parts: lineDiff(text(a.definition), text(b.definition)) };
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
    return publications(this.handle.db, limit, offset);
  }

  private event(
    by: Principal,
    code: string,
    version: number,
    action: ReviewAction,
    comment: string | null,
    at = now(),
  ) {
    return reviewEvent(by, { kind: 'item', key: code, version }, action, comment, at);
  }
}
