import { sql, type Kysely } from 'kysely';
import { idColumn } from '../helpers/schema/id-column.ts';
import type { MigrationContext } from '../migrate.ts';

/**
 * Durable background work (docs/jobs.md): the table-backed job queue of the embedded backend, daily schedules that
 * survive a restart, and the reminders of the validity job (有效期届满评估), remembered so that each is sent once.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  // PostgreSQL runs pg-boss, which installs and migrates its own schema (pgboss) when the queue starts; the jobs
  // table is only for SQLite, where pg-boss cannot run.
  if (ctx.dialect === 'sqlite') {
    await db.schema
      .createTable('jobs')
      .addColumn('id', ...idColumn(ctx.dialect))
      .addColumn('queue', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('singleton_key', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('locked_by', 'text')
      .addColumn('locked_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addCheckConstraint('jobs_state', sql`state in ('queued', 'retry', 'active', 'completed', 'dead')`)
      .execute();
    // What a worker looks for: jobs of its queue that may start now, or whose lease has run out.
    await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['queue', 'state', 'run_at']).execute();
    await db.schema
      .createIndex('jobs_singleton_idx')
      .on('jobs')
      .columns(['queue', 'singleton_key'])
      .unique()
      .where(sql.ref('singleton_key'), 'is not', null)
      .execute();
  }

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('time_of_day', 'text', (c) => c.notNull())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('validity_reminders')
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('validity_reminders_pk', ['target_kind', 'target_key', 'ends_on'])
    .addCheckConstraint('validity_reminders_kind', sql`target_kind in ('document', 'item')`)
    .execute();
}
