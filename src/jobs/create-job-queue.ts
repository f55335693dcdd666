import type { DatabaseHandle } from '../db/database.ts';
import { PgBossJobQueue } from './pg-boss-queue.ts';
import type { JobQueue, JobQueueOptions } from './queue.ts';
import { SqliteJobQueue } from './sqlite-queue.ts';

/** The job queue of the database in use: pg-boss on PostgreSQL, the jobs table on SQLite (docs/jobs.md). */
export function createJobQueue(handle: DatabaseHandle, options: JobQueueOptions = {}): JobQueue {
  return handle.dialect === 'postgres'
    ? new PgBossJobQueue(handle, options)
    : new SqliteJobQueue(handle, options);
}
