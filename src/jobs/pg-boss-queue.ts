import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/database.ts';
import type { Db } from '../db/helpers/search/types.ts';
import {
  FINISHED_RETENTION_DAYS,
  resolveOptions,
  type JobHandler,
  type JobQueue,
  type JobQueueOptions,
  type ResolvedOptions,
  type SendOptions,
} from './queue.ts';
import { DailyScheduler } from './scheduler.ts';

/** pg-boss's own schema in the application's database: its tables never mix with ours. */
export const PG_BOSS_SCHEMA = 'pgboss';

/**
 * pg-boss runs its SQL through our Kysely pool (or a transaction of it), so that a job can be sent in the
 * transaction of the change that causes it, and no second pool is opened.
 */
function executor(db: Db): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const r = await db.executeQuery(CompiledQuery.raw(text, (values ?? []) as unknown[]));
      return { rows: r.rows as never[] };
    },
  };
}

/**
 * A singleton key as a job id: pg-boss's singleton policies limit a whole queue (one queued job, or one active),
 * while ours is an idempotency key. A job id derived from queue and key makes a second send conflict on pg-boss's
 * primary key and do nothing, as long as the first job is kept.
 */
function idForKey(queue: string, key: string): string {
  const h = createHash('sha256').update(`${queue}\0${key}`).digest('hex');
  // Shaped as a version-8 (custom) UUID, as PostgreSQL's uuid type and pg-boss expect.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The job queue on PostgreSQL: pg-boss 10, in its own schema, migrated by itself when it starts. Crashed work is
 * found by pg-boss's maintenance: a job active longer than its expiry (the lease) is failed and retried. Daily
 * schedules are ours (DailyScheduler), not pg-boss's cron, which does not make up runs missed while stopped.
 */
export class PgBossJobQueue implements JobQueue {
  readonly implementation = 'pg-boss' as const;
  private readonly options: ResolvedOptions;
  private readonly boss: PgBoss;
  private readonly scheduler: DailyScheduler;
  private readonly handlers = new Map<string, JobHandler<object>>();
  private readonly queues = new Map<string, Promise<void>>();
  private started: Promise<unknown> | null = null;
  /** Whether start() has registered the workers (pg-boss itself may be started earlier, by a send). */
  private workersOn = false;

  constructor(
    private readonly handle: DatabaseHandle,
    options: JobQueueOptions = {},
  ) {
    this.options = resolveOptions(options);
    const retention = FINISHED_RETENTION_DAYS * 86_400;
    this.boss = new PgBoss({
      db: executor(handle.db),
      schema: PG_BOSS_SCHEMA,
      // Our DailyScheduler sends scheduled jobs; pg-boss's cron stays off.
      schedule: false,
      supervise: true,
      migrate: true,
      maintenanceIntervalSeconds: Math.max(1, Math.round(this.options.maintenanceIntervalMs / 1000)),
      archiveCompletedAfterSeconds: retention,
      archiveFailedAfterSeconds: retention,
    });
    this.boss.on('error', (e) => this.options.log?.error({ err: e }, 'pg-boss error'));
    this.scheduler = new DailyScheduler(handle, (q, d, o, trx) => this.send(q, d, o, trx), this.options);
  }

  /** Creates a queue once, with our retry, backoff and lease settings (pg-boss 10 sends nothing to a queue it lacks). */
  private queue(name: string): Promise<void> {
    let created = this.queues.get(name);
    if (!created) {
      const settings = {
        name,
        retryLimit: this.options.retryLimit,
        retryDelay: Math.max(1, Math.round(this.options.retryDelayMs / 1000)),
        retryBackoff: true,
        expireInSeconds: Math.max(1, Math.round(this.options.leaseMs / 1000)),
      };
      // createQueue leaves an existing queue as it was; updateQueue makes its settings follow these.
      created = this.ensureStarted()
        .then(() => this.boss.createQueue(name, settings))
        .then(() => this.boss.updateQueue(name, settings));
      created.catch(() => this.queues.delete(name));
      this.queues.set(name, created);
    }
    return created;
  }

  /** pg-boss must be started (its schema installed) before queues exist; sending works before start() too. */
  private ensureStarted(): Promise<unknown> {
    this.started ??= this.boss.start();
    return this.started;
  }

  async send(queue: string, data: object, options: SendOptions = {}, trx?: Db): Promise<string | null> {
    await this.queue(queue);
    return this.boss.send(queue, data, {
      ...(options.singletonKey !== undefined && { id: idForKey(queue, options.singletonKey) }),
      ...(options.startAfter && { startAfter: options.startAfter }),
      ...(options.retryLimit !== undefined && { retryLimit: options.retryLimit }),
      ...(trx && { db: executor(trx) }),
    });
  }

  async work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void> {
    this.handlers.set(queue, handler as JobHandler<object>);
    if (this.workersOn) await this.register(queue);
  }

  private async register(queue: string): Promise<void> {
    const handler = this.handlers.get(queue)!;
    await this.queue(queue);
    await this.boss.work<object>(
      queue,
      {
        includeMetadata: true,
        batchSize: 1,
        pollingIntervalSeconds: Math.max(0.5, this.options.pollIntervalMs / 1000),
      },
      async ([job]) => {
        if (!job) return;
        await handler({ id: job.id, queue, data: job.data, attempt: job.retryCount + 1 });
      },
    );
  }

  async scheduleDaily(name: string, queue: string, time: string): Promise<void> {
    await this.queue(queue);
    await this.scheduler.define(name, queue, time);
  }

  checkSchedules(): Promise<number> {
    return this.scheduler.check();
  }

  async start(): Promise<void> {
    await this.ensureStarted();
    if (this.workersOn) return;
    this.workersOn = true;
    for (const queue of this.handlers.keys()) await this.register(queue);
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.scheduler.stop();
    this.workersOn = false;
    // Waits for running handlers up to the grace period, then fails what still runs (it is retried later).
    await this.boss.stop({ graceful: true, timeout: this.options.graceMs, close: false });
    this.started = null;
    this.queues.clear();
  }
}
