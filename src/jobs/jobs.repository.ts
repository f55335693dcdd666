import type { Selectable } from 'kysely';
import type { Db } from '../db/helpers/search/types.ts';
import type { JobScheduleTable, JobTable } from '../db/schema-jobs.ts';

/**
 * All SQL of the job machinery: the jobs table of the SQLite queue, and the daily schedules (both backends).
 * Functions take `db | trx` first. Times are UTC ISO text, which orders as time does.
 */

export type JobRow = Selectable<JobTable>;
export type ScheduleRow = Selectable<JobScheduleTable>;

/** Stores a job; null when its singleton key is taken. */
export async function insertJob(
  db: Db,
  job: {
    queue: string;
    data: string;
    singletonKey: string | null;
    maxAttempts: number;
    runAt: string;
    now: string;
  },
): Promise<number | null> {
  const r = await db
    .insertInto('jobs')
    .values({
      queue: job.queue,
      data: job.data,
      state: 'queued',
      singleton_key: job.singletonKey,
      attempts: 0,
      max_attempts: job.maxAttempts,
      run_at: job.runAt,
      created_at: job.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * Leases the next job of a queue to a worker, in one statement (so two workers never take the same job): one
 * waiting whose time has come, or one whose lease ran out because its worker stopped mid-run.
 */
export async function claimNext(
  db: Db,
  queue: string,
  worker: string,
  now: string,
  leaseUntil: string,
): Promise<JobRow | undefined> {
  return db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'active',
      attempts: eb('attempts', '+', 1),
      locked_by: worker,
      locked_until: leaseUntil,
    }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('queue', '=', queue)
        .where((w) =>
          w.or([
            w.and([w('state', 'in', ['queued', 'retry']), w('run_at', '<=', now)]),
            w.and([w('state', '=', 'active'), w('locked_until', '<=', now)]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(1),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Extends a running job's lease; false when the worker no longer holds it. */
export async function renewLease(db: Db, id: number, worker: string, until: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ locked_until: until })
    .where('id', '=', id)
    .where('state', '=', 'active')
    .where('locked_by', '=', worker)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends an attempt: completed, waiting for a retry at `retryAt`, or dead. Only the worker holding it may. */
export async function finishAttempt(
  db: Db,
  id: number,
  worker: string,
  outcome:
    | { state: 'completed'; now: string }
    | { state: 'retry'; error: string; retryAt: string }
    | { state: 'dead'; error: string; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      state: outcome.state,
      locked_by: null,
      locked_until: null,
      ...(outcome.state === 'retry'
        ? { run_at: outcome.retryAt, last_error: outcome.error }
        : outcome.state === 'dead'
          ? { finished_at: outcome.now, last_error: outcome.error }
          : { finished_at: outcome.now }),
    })
    .where('id', '=', id)
    .where('state', '=', 'active')
    .where('locked_by', '=', worker)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes jobs that finished before `before` (dead ones too: their error has been kept long enough). */
export async function purgeFinished(db: Db, before: string): Promise<number> {
  const r = await db
    .deleteFrom('jobs')
    .where('state', 'in', ['completed', 'dead'])
    .where('finished_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function findJob(db: Db, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function jobsOfQueue(db: Db, queue: string): Promise<JobRow[]> {
  return db.selectFrom('jobs').selectAll().where('queue', '=', queue).orderBy('id').execute();
}

// Daily schedules

export async function findSchedule(db: Db, name: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom('job_schedules').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Creates a schedule, or points an existing one at a new queue and time. */
export async function upsertSchedule(
  db: Db,
  s: { name: string; queue: string; timeOfDay: string; nextRunAt: string; now: string },
): Promise<void> {
  await db
    .insertInto('job_schedules')
    .values({
      name: s.name,
      queue: s.queue,
      time_of_day: s.timeOfDay,
      next_run_at: s.nextRunAt,
      updated_at: s.now,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        queue: s.queue,
        time_of_day: s.timeOfDay,
        next_run_at: s.nextRunAt,
        updated_at: s.now,
      }),
    )
    .execute();
}

export async function dueSchedules(db: Db, now: string): Promise<ScheduleRow[]> {
  return db.selectFrom('job_schedules').selectAll().where('next_run_at', '<=', now).orderBy('name').execute();
}

/**
 * Moves a schedule on to its next run, if it still waits for `expected` (compare-and-set: of two instances that
 * find the same run due, one moves it on and sends the job).
 */
export async function advanceSchedule(
  db: Db,
  name: string,
  expected: string,
  next: string,
  ranAt: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('job_schedules')
    .set({ next_run_at: next, last_run_at: ranAt, updated_at: now })
    .where('name', '=', name)
    .where('next_run_at', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
