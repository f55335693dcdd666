import type { Generated } from 'kysely';

/** The tables of migration 0009-jobs. Times are UTC ISO text; days are YYYY-MM-DD (Beijing). */

/**
 * A durable job of the table-backed queue (SQLite only: on PostgreSQL, pg-boss keeps its jobs in its own schema).
 * queued → active (leased to a worker until `locked_until`) → completed, or back to retry after a failure, or dead
 * after the last attempt, kept with its last error.
 */
export interface JobTable {
  id: Generated<number>;
  queue: string;
  /** JSON */
  data: string;
  /** queued | retry | active | completed | dead */
  state: string;
  /** At most one job per (queue, key) is kept: sending it again does nothing. */
  singleton_key: string | null;
  /** Attempts started, including one whose worker stopped mid-run. */
  attempts: number;
  max_attempts: number;
  /** Not started before this instant (start-after, or the backoff after a failure). */
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** A daily schedule: which queue gets a job at which Beijing time, and the run it waits for. */
export interface JobScheduleTable {
  name: string;
  queue: string;
  /** HH:MM, Beijing time */
  time_of_day: string;
  next_run_at: string;
  last_run_at: string | null;
  updated_at: string;
}

/** 有效期届满评估: one reminder per document or item and end of validity, remembered so that it is sent once. */
export interface ValidityReminderTable {
  /** document | item */
  target_kind: string;
  /** A document's doc_key, an item's code. */
  target_key: string;
  /** The last day in force. */
  ends_on: string;
  department_id: number | null;
  title: string;
  created_at: string;
  /** Null until the messages are handed to the Notifier (a crash in between sends them on the next run). */
  sent_at: string | null;
  recipients: number;
}

export interface JobsTables {
  jobs: JobTable;
  job_schedules: JobScheduleTable;
  validity_reminders: ValidityReminderTable;
}
