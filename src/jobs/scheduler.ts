import { DomainError } from '../core/errors.ts';
import { dueDailyRun, latestDailyRun, nextDailyRun, parseTimeOfDay } from '../core/jobs/schedule.ts';
import { todayInChina } from '../core/rules/dates.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Db } from '../db/helpers/search/types.ts';
import * as repo from './jobs.repository.ts';
import type { ResolvedOptions, SendOptions } from './queue.ts';

type Send = (queue: string, data: object, options: SendOptions, trx: Db) => Promise<string | null>;

/** What a scheduled job carries: its schedule, and the Beijing day of the run that sent it. */
export interface ScheduledRun {
  schedule: string;
  day: string;
}

/**
 * Daily schedules kept in the database, for both queues. pg-boss has cron schedules of its own, but it only sends
 * a job when the cron time passed in the last minute, so a run missed while the server was down is never made
 * up; here the schedule remembers the run it waits for, and the first check after a start sends it.
 *
 * Moving a schedule on and sending its job happen in one transaction, guarded by compare-and-set on the run it
 * waited for: of several instances checking at once, exactly one sends, and a crash in between leaves the run
 * due rather than lost. The job's singleton key (schedule and day) keeps it to one job a day even so.
 */
export class DailyScheduler {
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly send: Send,
    private readonly options: ResolvedOptions,
  ) {}

  /**
   * Defines (or changes) a schedule. A new schedule owes its latest run, so the first start runs it once; a
   * changed one waits for its next run.
   */
  async define(name: string, queue: string, time: string): Promise<void> {
    const at = parseTimeOfDay(time);
    if (!at) throw new DomainError('invalid', `运行时间应为 HH:MM（北京时间）：${time}`, 'time');
    const existing = await repo.findSchedule(this.handle.db, name);
    if (existing && existing.queue === queue && existing.time_of_day === time) return;
    const now = this.options.now();
    const next = existing ? nextDailyRun(at, now) : latestDailyRun(at, now);
    await repo.upsertSchedule(this.handle.db, {
      name,
      queue,
      timeOfDay: time,
      nextRunAt: next.toISOString(),
      now: now.toISOString(),
    });
  }

  /** Sends the job of every schedule whose run has come; returns how many were sent. */
  async check(): Promise<number> {
    const run = this.checking.then(() => this.checkOnce());
    this.checking = run.catch(() => undefined);
    return run;
  }

  private async checkOnce(): Promise<number> {
    const now = this.options.now();
    const due = await repo.dueSchedules(this.handle.db, now.toISOString());
    let sent = 0;
    for (const s of due) {
      const at = parseTimeOfDay(s.time_of_day);
      if (!at) continue;
      const step = dueDailyRun(at, new Date(s.next_run_at), now);
      if (!step.due) continue;
      const day = todayInChina(step.runAt);
      const moved = await this.handle.db.transaction().execute(async (trx) => {
        const advanced = await repo.advanceSchedule(
          trx,
          s.name,
          s.next_run_at,
          step.nextRunAt.toISOString(),
          step.runAt.toISOString(),
          now.toISOString(),
        );
        if (!advanced) return false;
        const data: ScheduledRun = { schedule: s.name, day };
        await this.send(s.queue, data, { singletonKey: `${s.name}:${day}` }, trx);
        return true;
      });
      if (!moved) continue;
      sent++;
      this.options.log?.info({ schedule: s.name, day }, 'scheduled job sent');
    }
    return sent;
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.check().catch((e: unknown) => this.options.log?.error({ err: e }, 'schedule check failed'));
    };
    tick();
    this.timer = setInterval(tick, this.options.scheduleCheckMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
  }
}
