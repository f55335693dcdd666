import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { retryDelayMs } from '../core/jobs/schedule.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Db } from '../db/helpers/search/types.ts';
import * as repo from './jobs.repository.ts';
import {
  FINISHED_RETENTION_DAYS,
  errorText,
  resolveOptions,
  type Job,
  type JobHandler,
  type JobQueue,
  type JobQueueOptions,
  type ResolvedOptions,
  type SendOptions,
} from './queue.ts';
import { DailyScheduler } from './scheduler.ts';

const ABANDONED = '处理进程在运行中停止（租约到期），已达最大尝试次数';

/**
 * The job queue of the embedded backend: a table in the SQLite file. Hand-written because pg-boss, the queue used
 * on PostgreSQL, runs only on PostgreSQL (it relies on its SQL: SKIP LOCKED, partitions, plpgsql), and the
 * embedded backend must not need a server.
 *
 * - A worker leases a job in one UPDATE … RETURNING (SQLite runs one writer at a time, so no two workers take the
 *   same job) and renews the lease while its handler runs. A worker that dies stops renewing: when the lease runs
 *   out, the job is taken again (that attempt counts).
 * - A failed attempt is retried with exponential backoff; after the last one the job is dead, kept with its last
 *   error. Finished jobs are removed after FINISHED_RETENTION_DAYS.
 * - Only the worker holding the lease may finish an attempt, so a worker that lost its lease cannot overwrite the
 *   outcome of the one that took the job over.
 */
export class SqliteJobQueue implements JobQueue {
  readonly implementation = 'sqlite-table' as const;
  private readonly options: ResolvedOptions;
  private readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, JobHandler<object>>();
  private readonly loops = new Map<string, Promise<void>>();
  private readonly wakers = new Map<string, () => void>();
  private readonly scheduler: DailyScheduler;
  /** Lease renewals of running handlers; stopped with the queue, so that a handler still running lets its job go. */
  private readonly renewals = new Set<NodeJS.Timeout>();
  private maintenance: NodeJS.Timeout | null = null;
  private started = false;

  constructor(
    private readonly handle: DatabaseHandle,
    options: JobQueueOptions = {},
  ) {
    this.options = resolveOptions(options);
    this.scheduler = new DailyScheduler(handle, (q, d, o, trx) => this.send(q, d, o, trx), this.options);
  }

  async send(queue: string, data: object, options: SendOptions = {}, trx?: Db): Promise<string | null> {
    const now = new Date();
    const id = await repo.insertJob(trx ?? this.handle.db, {
      queue,
      data: JSON.stringify(data),
      singletonKey: options.singletonKey ?? null,
      maxAttempts: (options.retryLimit ?? this.options.retryLimit) + 1,
      runAt: (options.startAfter ?? now).toISOString(),
      now: now.toISOString(),
    });
    if (id !== null) this.wakers.get(queue)?.();
    return id === null ? null : String(id);
  }

  work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void> {
    this.handlers.set(queue, handler as JobHandler<object>);
    if (this.started) this.loop(queue);
    return Promise.resolve();
  }

  scheduleDaily(name: string, queue: string, time: string): Promise<void> {
    return this.scheduler.define(name, queue, time);
  }

  checkSchedules(): Promise<number> {
    return this.scheduler.check();
  }

  start(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.started = true;
    for (const queue of this.handlers.keys()) this.loop(queue);
    this.scheduler.start();
    const purge = () => {
      const before = new Date(Date.now() - FINISHED_RETENTION_DAYS * 86_400_000).toISOString();
      repo
        .purgeFinished(this.handle.db, before)
        .catch((e: unknown) => this.options.log?.error({ err: e }, 'job purge failed'));
    };
    purge();
    this.maintenance = setInterval(purge, this.options.maintenanceIntervalMs);
    this.maintenance.unref();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.maintenance) clearInterval(this.maintenance);
    for (const wake of this.wakers.values()) wake();
    await this.scheduler.stop();
    // Running handlers get the grace period; one still running after it keeps its job, whose lease then runs out.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.graceMs);
    });
    await Promise.race([Promise.all(this.loops.values()), grace]);
    clearTimeout(timer);
    for (const renewal of this.renewals) clearInterval(renewal);
    this.renewals.clear();
    this.loops.clear();
  }

  /** One loop per queue: run jobs while there are any, else sleep until woken or the poll interval passes. */
  private loop(queue: string): void {
    if (this.loops.has(queue)) return;
    const run = async () => {
      while (this.started) {
        let worked = false;
        try {
          worked = await this.runOne(queue);
        } catch (e) {
          this.options.log?.error({ err: e, queue }, 'job queue poll failed');
        }
        if (!worked && this.started) await this.sleep(queue);
      }
    };
    this.loops.set(queue, run());
  }

  private sleep(queue: string): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.set(queue, () => {
        this.wakers.delete(queue);
        done();
      });
    });
  }

  /** Takes one job of the queue and runs it; false when there was none. */
  private async runOne(queue: string): Promise<boolean> {
    const handler = this.handlers.get(queue);
    if (!handler) return false;
    const now = Date.now();
    const job = await repo.claimNext(
      this.handle.db,
      queue,
      this.worker,
      new Date(now).toISOString(),
      new Date(now + this.options.leaseMs).toISOString(),
    );
    if (!job) return false;
    if (job.attempts > job.max_attempts) {
      // Its last attempt's worker died mid-run: nothing is left to try.
      await repo.finishAttempt(this.handle.db, job.id, this.worker, {
        state: 'dead',
        error: job.last_error ? `${ABANDONED}；此前的错误：${job.last_error}` : ABANDONED,
        now: new Date().toISOString(),
      });
      this.options.log?.error({ queue, job: job.id }, 'job abandoned on its last attempt: dead');
      return true;
    }
    const renew = setInterval(() => {
      repo
        .renewLease(
          this.handle.db,
          job.id,
          this.worker,
          new Date(Date.now() + this.options.leaseMs).toISOString(),
        )
        .then((held) => {
          if (!held) this.options.log?.warn({ queue, job: job.id }, 'job lease lost while running');
        })
        .catch((e: unknown) =>
          this.options.log?.error({ err: e, queue, job: job.id }, 'lease renewal failed'),
        );
    }, this.options.leaseMs / 3);
    this.renewals.add(renew);
    const input: Job<object> = {
      id: String(job.id),
      queue,
      data: JSON.parse(job.data) as object,
      attempt: job.attempts,
    };
    try {
      await handler(input);
      this.renewals.delete(renew);
      clearInterval(renew);
      await repo.finishAttempt(this.handle.db, job.id, this.worker, {
        state: 'completed',
        now: new Date().toISOString(),
      });
    } catch (e) {
      this.renewals.delete(renew);
      clearInterval(renew);
      const error = errorText(e);
      const last = job.attempts >= job.max_attempts;
      await repo.finishAttempt(
        this.handle.db,
        job.id,
        this.worker,
        last
          ? { state: 'dead', error, now: new Date().toISOString() }
          : {
              state: 'retry',
              error,
              retryAt: new Date(
                Date.now() + retryDelayMs(job.attempts, this.options.retryDelayMs),
              ).toISOString(),
            },
      );
      this.options.log?.[last ? 'error' : 'warn'](
        { err: e, queue, job: job.id, attempt: job.attempts },
        last ? 'job failed on its last attempt: dead' : 'job failed; will retry',
      );
    }
    return true;
  }
}
