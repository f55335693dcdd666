import type { Principal } from '../../core/access/policy.ts';
import { CalendarGapError } from '../../core/calendar/types.ts';
import { DomainError } from '../../core/errors.ts';
import type { PolicyItemDefinition } from '../../core/items/types.ts';
import { chineseDate, dayBefore, dayNumber, isoFromDay } from '../../core/rules/dates.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Notifier } from '../accounts/notifier.ts';
import type { AuditInput, AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { insertReviewEvent } from '../review/review-events.repository.ts';
import type { ItemsService } from '../items/items.service.ts';
import * as repo from './validity.repository.ts';
import type { DailyReport, ExpiringEntry, OverdueDocument } from './validity.schema.ts';

export interface ValidityServiceOptions {
  /** The clock of timestamps and housekeeping (the day itself is always passed in). */
  now?: () => Date;
  /** Days before the end of validity when the owners are reminded (有效期届满评估). Default 30. */
  reminderDays?: number;
  /** Working days after issue within which a policy document's items should be online (the 四川 rule). Default 7. */
  overdueWorkingDays?: number;
  /**
   * Documents issued before this day are not listed as overdue: the duty to put policies online as items starts
   * with 聊政办字〔2023〕13号 (issued 2023-05-25). Older documents would be "overdue" by years, and their years may
   * predate the working-day calendar (2004), which would make the whole list fail.
   */
  overdueSince?: string;
  /** Sessions unused this long are deleted (AccountsService ends them after 120 minutes by default). */
  sessionIdleMinutes?: number;
}

/** The system as the actor of what the daily job does (review events and the audit trail). */
const SYSTEM = { kind: 'system', id: null, name: '系统' } as const satisfies AuditInput['actor'];

const TARGET_NAMES = { document: '政策文件', item: '政策事项' } as const;

function addDays(day: string, n: number): string {
  return isoFromDay(dayNumber(day)! + n);
}

/** Code-point order: the same on both backends and in every locale (unlike ORDER BY text or localeCompare). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By end of validity, documents before items, then by key. */
function byEnd(
  a: { endsOn: string; targetKind: string; targetKey: string },
  b: { endsOn: string; targetKind: string; targetKey: string },
): number {
  return byText(a.endsOn, b.endsOn) || byText(a.targetKind, b.targetKind) || byText(a.targetKey, b.targetKey);
}

function daysBetween(from: string, to: string): number {
  return dayNumber(to)! - dayNumber(from)!;
}

/**
 * The validity of documents and items over time (issue 5, 有效期): a daily run marks what has expired, reminds the
 * owning departments 30 days before an end of validity (有效期届满评估), and housekeeps sessions and reset codes;
 * the overdue list shows policy documents whose items are still not online 7 working days after issue (the 四川
 * rule). Every step of the daily run is idempotent: running it twice on a day changes nothing more.
 *
 * @example
 * const report = await validity.runDaily('2028-07-01'); // items of 聊政字〔2023〕9号 expire (valid to 2028-06-30)
 * const late = await validity.overdue(principal, '2023-06-06'); // 13号, 1 working day late
 */
export class ValidityService {
  private readonly now: () => Date;
  private readonly reminderDays: number;
  readonly overdueWorkingDays: number;
  readonly overdueSince: string;
  private readonly sessionIdleMinutes: number;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly items: ItemsService,
    private readonly calendar: CalendarService,
    private readonly notifier: Notifier,
    private readonly audit?: AuditService,
    options: ValidityServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.reminderDays = options.reminderDays ?? 30;
    this.overdueWorkingDays = options.overdueWorkingDays ?? 7;
    this.overdueSince = options.overdueSince ?? '2023-05-25';
    this.sessionIdleMinutes = options.sessionIdleMinutes ?? 120;
  }

  /**
   * The daily job for `today` (a Beijing date). `trigger` says who ran it (定时任务, 命令行, an administrator), for
   * the audit trail.
   */
  async runDaily(today: string, trigger = '定时任务'): Promise<DailyReport> {
    checkDay(today, 'date');
    const items = await this.itemValidity();
    const report: DailyReport = {
      day: today,
      expiredItems: await this.expireItems(items, today, trigger),
      expiredDocuments: await this.expireDocuments(today, trigger),
      reminders: await this.remind(items, today),
      overdueDocuments: null,
      housekeeping: await this.housekeep(),
      warnings: [],
    };
    try {
      report.overdueDocuments = (await this.overdue(null, today)).length;
    } catch (e) {
      // The rest of the run does not depend on the calendar: report the gap instead of failing it all.
      if (!(e instanceof CalendarGapError)) throw e;
      report.warnings.push(`逾期未上线清单未能统计：${e.message}`);
    }
    return report;
  }

  /**
   * Live items with the last day of their validity: their own, else their document's, and at the latest the day
   * before an approved repeal of the item takes effect (a repeal approved ahead of its date).
   */
  private async itemValidity() {
    const rows = await repo.liveItems(this.handle.db);
    return Promise.all(
      rows.map(async (r) => {
        const { until } = await this.items.validityOf(JSON.parse(r.definition) as PolicyItemDefinition);
        const lastBeforeRepeal = r.repealedOn === null ? null : dayBefore(r.repealedOn);
        return {
          ...r,
          until:
            until === null
              ? lastBeforeRepeal
              : lastBeforeRepeal === null
                ? until
                : [until, lastBeforeRepeal].sort()[0]!,
        };
      }),
    );
  }

  private async expireItems(
    items: Awaited<ReturnType<ValidityService['itemValidity']>>,
    today: string,
    trigger: string,
  ): Promise<DailyReport['expiredItems']> {
    const ended = items.filter((i) => i.until !== null && i.until < today);
    if (ended.length === 0) return [];
    return this.handle.db.transaction().execute(async (trx) => {
      const at = this.now().toISOString();
      const done: DailyReport['expiredItems'] = [];
      for (const item of ended) {
        if (!(await repo.expireItem(trx, item.id, at))) continue;
        const comment = `有效期至${chineseDate(item.until!)}，已届满`;
        await insertReviewEvent(trx, {
          targetKind: 'item',
          targetKey: item.code,
          version: item.version!,
          action: 'expire',
          actorId: null,
          actorName: SYSTEM.name,
          departmentId: item.departmentId,
          comment,
          at,
        });
        await this.audit?.record(
          {
            actor: SYSTEM,
            action: 'item.expire',
            target: { kind: 'item', id: item.code },
            detail: { version: item.version, until: item.until, trigger },
          },
          trx,
        );
        done.push({ code: item.code, name: item.name, until: item.until! });
      }
      return done;
    });
  }

  /** Documents are not given a status (their validity is computed as of a date); their end is recorded once. */
  private async expireDocuments(today: string, trigger: string): Promise<DailyReport['expiredDocuments']> {
    const ended = (await repo.documentsToExpire(this.handle.db, today)).sort(
      (a, b) => byText(a.until!, b.until!) || byText(a.docKey, b.docKey),
    );
    if (ended.length === 0) return [];
    return this.handle.db.transaction().execute(async (trx) => {
      const at = this.now().toISOString();
      for (const doc of ended) {
        await insertReviewEvent(trx, {
          targetKind: 'document',
          targetKey: doc.docKey,
          version: doc.version,
          action: 'expire',
          actorId: null,
          actorName: SYSTEM.name,
          departmentId: doc.departmentId,
          comment: `有效期至${chineseDate(doc.until!)}，已届满`,
          at,
        });
        await this.audit?.record(
          {
            actor: SYSTEM,
            action: 'document.expire',
            target: { kind: 'document', id: doc.docKey },
            detail: { version: doc.version, until: doc.until, trigger },
          },
          trx,
        );
      }
      return ended.map((d) => ({
        docKey: d.docKey,
        docNumber: d.docNumber,
        title: d.title,
        until: d.until!,
      }));
    });
  }

  /**
   * 有效期届满评估: once per document or item and end of validity, the owning department's staff are told that it
   * ends within `reminderDays`. The reminder is remembered first and marked sent after the messages are handed
   * over, so a run cut short in between sends it on the next run (at least once, never forgotten).
   */
  private async remind(
    items: Awaited<ReturnType<ValidityService['itemValidity']>>,
    today: string,
  ): Promise<DailyReport['reminders']> {
    const horizon = addDays(today, this.reminderDays);
    const at = this.now().toISOString();
    const due: (repo.ReminderKey & { departmentId: number; title: string })[] = [];
    for (const d of await repo.documentsEnding(this.handle.db, today, horizon))
      if (d.departmentId !== null)
        due.push({
          targetKind: 'document',
          targetKey: d.docKey,
          endsOn: d.until!,
          departmentId: d.departmentId,
          title: d.title,
        });
    for (const i of items)
      if (i.departmentId !== null && i.until !== null && i.until >= today && i.until <= horizon)
        due.push({
          targetKind: 'item',
          targetKey: i.code,
          endsOn: i.until,
          departmentId: i.departmentId,
          title: i.name,
        });
    for (const r of due) await repo.claimReminder(this.handle.db, { ...r, now: at });

    const sent: DailyReport['reminders'] = [];
    for (const r of (await repo.unsentReminders(this.handle.db)).sort(byEnd)) {
      const staff = r.departmentId === null ? [] : await repo.departmentStaff(this.handle.db, r.departmentId);
      const kind = r.targetKind as repo.ReminderKey['targetKind'];
      const left = daysBetween(today, r.endsOn);
      for (const person of staff)
        await this.notifier.send({
          channel: 'site',
          recipient: person.username,
          subject: `有效期届满评估：${r.title}`,
          body:
            `${TARGET_NAMES[kind]}「${r.title}」（${r.targetKey}）的有效期至${chineseDate(r.endsOn)}届满` +
            `${left > 0 ? `，还有${left}天` : left === 0 ? '，今天是最后一天' : '，现已届满'}。` +
            `请${r.departmentName ?? '本部门'}组织评估，决定延续、修订或废止（有效期届满评估）。`,
        });
      await repo.markReminderSent(
        this.handle.db,
        { targetKind: kind, targetKey: r.targetKey, endsOn: r.endsOn },
        staff.length,
        at,
      );
      sent.push({
        targetKind: kind,
        targetKey: r.targetKey,
        title: r.title,
        endsOn: r.endsOn,
        department: r.departmentName,
        recipients: staff.length,
      });
    }
    return sent;
  }

  private async housekeep(): Promise<DailyReport['housekeeping']> {
    const now = this.now();
    const idleBefore = new Date(now.getTime() - this.sessionIdleMinutes * 60_000).toISOString();
    return {
      sessions: await repo.deleteEndedSessions(this.handle.db, now.toISOString(), idleBefore),
      passwordResets: await repo.deleteSpentPasswordResets(this.handle.db, now.toISOString()),
    };
  }

  /**
   * Policy documents whose items are still not online `overdueWorkingDays` working days after issue (the 四川
   * rule), with how many working days late. Staff see their department's documents; administrators, auditors and
   * the automation token (`by` null too) see all. A year missing from the working-day calendar is an error that
   * names the year (CalendarGapError), never a guess.
   */
  async overdue(by: Principal | null, today: string): Promise<OverdueDocument[]> {
    checkDay(today, 'asOf');
    const scope = departmentScope(by);
    if (scope === 'none') return [];
    const rows = await repo.documentsWithoutItems(this.handle.db, this.overdueSince, today, scope);
    const out: OverdueDocument[] = [];
    for (const r of rows) {
      const passed = await this.calendar.workingDaysBetween(r.issuedOn, today);
      if (passed <= this.overdueWorkingDays) continue;
      out.push({
        documentId: r.id,
        docNumber: r.docNumber,
        title: r.title,
        kind: r.kind,
        issuedOn: r.issuedOn,
        deadline: await this.calendar.addWorkingDays(r.issuedOn, this.overdueWorkingDays),
        workingDaysOverdue: passed - this.overdueWorkingDays,
        department: r.departmentId === null ? null : { id: r.departmentId, name: r.departmentName ?? '' },
      });
    }
    return out.sort(
      (a, b) => b.workingDaysOverdue - a.workingDaysOverdue || byText(a.docNumber, b.docNumber),
    );
  }

  /** Documents and items whose validity ends within `days` days of `today`, with whether their owners were told. */
  async expiring(by: Principal | null, today: string, days: number): Promise<ExpiringEntry[]> {
    checkDay(today, 'asOf');
    const scope = departmentScope(by);
    if (scope === 'none') return [];
    const horizon = addDays(today, days);
    const [docs, items, reminded] = await Promise.all([
      repo.documentsEnding(this.handle.db, today, horizon, scope),
      this.itemValidity(),
      repo.remindersSent(this.handle.db, today, horizon),
    ]);
    const entry = (
      targetKind: ExpiringEntry['targetKind'],
      targetKey: string,
      title: string,
      endsOn: string,
      departmentId: number | null,
      departmentName: string | null,
    ): ExpiringEntry => ({
      targetKind,
      targetKey,
      title,
      endsOn,
      daysLeft: daysBetween(today, endsOn),
      department: departmentId === null ? null : { id: departmentId, name: departmentName ?? '' },
      remindedAt: reminded.get(`${targetKind}|${targetKey}|${endsOn}`) ?? null,
    });
    return [
      ...docs.map((d) => entry('document', d.docKey, d.title, d.until!, d.departmentId, d.departmentName)),
      ...items
        .filter(
          (i) =>
            i.until !== null &&
            i.until >= today &&
            i.until <= horizon &&
            (scope === undefined || i.departmentId === scope),
        )
        .map((i) => entry('item', i.code, i.name, i.until!, i.departmentId, i.departmentName)),
    ].sort(byEnd);
  }
}

function checkDay(day: string, field: string): void {
  if (dayNumber(day) === null) throw new DomainError('invalid', `日期无效：${day}（应为 YYYY-MM-DD）`, field);
}

/** Staff see their own department's; everyone else allowed to call (administrators, auditors, token) sees all. */
function departmentScope(by: Principal | null): number | undefined | 'none' {
  if (by?.kind !== 'staff') return undefined;
  return by.department?.id ?? 'none';
}
