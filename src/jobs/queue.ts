import type { Logger } from 'pino';
import type { Db } from '../db/helpers/search/types.ts';

/**
 * Durable background work: a job is stored before `send` returns, so that a restart loses none, and one whose
 * worker stopped mid-run (a crash, a kill) is run again once its lease runs out. Two implementations behind one
 * interface, chosen by the database (docs/jobs.md): pg-boss on PostgreSQL, a table-backed queue on SQLite.
 *
 * Handlers must be idempotent: a job is run to completion once, but a run cut short by a crash is tried again.
 *
 * @example
 * const queue = createJobQueue(handle, { log });
 * await queue.work('validity-daily', async (job) => validity.runDaily(todayInChina()));
 * await queue.scheduleDaily('validity-daily', 'validity-daily', '01:00'); // every day at 01:00 Beijing time
 * await queue.start();
 * await queue.send('validity-daily', {}, { singletonKey: '2026-11-28' });
 */
export interface JobQueue {
  /** Which implementation runs: pg-boss (PostgreSQL) or the jobs table (SQLite). */
  readonly implementation: 'pg-boss' | 'sqlite-table';
  /**
   * Stores a job. Given `trx`, the job is stored in that transaction: it exists if and only if the transaction
   * commits. Returns the job's id, or null when a job with the same singleton key is already kept.
   */
  send(queue: string, data: object, options?: SendOptions, trx?: Db): Promise<string | null>;
  /** Runs the queue's jobs with `handler` (one at a time per queue); a handler that throws fails the attempt. */
  work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void>;
  /**
   * Sends a job to `queue` every day at `time` (HH:MM, Beijing time). The schedule is kept in the database: a run
   * missed while nothing was running is sent once at the next start.
   */
  scheduleDaily(name: string, queue: string, time: string): Promise<void>;
  /** Sends the jobs of schedules whose run has come; returns how many. Runs by itself while started. */
  checkSchedules(): Promise<number>;
  /** Starts working and scheduling. */
  start(): Promise<void>;
  /** Stops taking jobs and waits (up to the grace period) for those running; unfinished ones are run again later. */
  stop(): Promise<void>;
}

export interface SendOptions {
  /**
   * An idempotency key: while a job sent with the same key on the same queue is kept (waiting, running, or
   * finished in the last 14 days), sending again does nothing.
   */
  singletonKey?: string;
  /** Not started before this instant. */
  startAfter?: Date;
  /** Tries after the first failure (default from the queue's options). */
  retryLimit?: number;
}

export interface Job<T extends object> {
  id: string;
  queue: string;
  data: T;
  /** 1 for the first attempt. */
  attempt: number;
}

export type JobHandler<T extends object> = (job: Job<T>) => Promise<unknown>;

export interface JobQueueOptions {
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How often an idle worker looks for work (default 2 s). */
  pollIntervalMs?: number;
  /**
   * How long a running job is held before it counts as abandoned and is run again (default 15 minutes). The SQLite
   * queue renews the lease while the handler runs; pg-boss fails a job that runs longer (expire_in).
   */
  leaseMs?: number;
  /** Tries after the first failure (default 3), with exponential backoff from `retryDelayMs` (default 30 s). */
  retryLimit?: number;
  retryDelayMs?: number;
  /** How often schedules are checked (default 30 s). */
  scheduleCheckMs?: number;
  /** How often abandoned jobs are looked for and old ones removed (default 60 s). */
  maintenanceIntervalMs?: number;
  /** How long stop() waits for running handlers (default 10 s). */
  graceMs?: number;
  /** The clock of schedules (tests move it). */
  now?: () => Date;
}

/** Finished jobs are kept this long (their singleton keys with them), then removed. */
export const FINISHED_RETENTION_DAYS = 14;

export const DEFAULTS = {
  pollIntervalMs: 2000,
  leaseMs: 15 * 60_000,
  retryLimit: 3,
  retryDelayMs: 30_000,
  scheduleCheckMs: 30_000,
  maintenanceIntervalMs: 60_000,
  graceMs: 10_000,
} as const;

export type ResolvedOptions = typeof DEFAULTS & Pick<JobQueueOptions, 'log'> & { now: () => Date };

export function resolveOptions(options: JobQueueOptions): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULTS, now: () => new Date(), ...defined };
}

/** An error's message for the record of a failed attempt. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}
