import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { makePeople, type People } from '../../../test/support/people.ts';
import { buildApp, type App } from '../../http/app.ts';
import { createJobQueue } from '../../jobs/create-job-queue.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { TEST_QUEUE_OPTIONS } from '../../jobs/queue.test-support.ts';
import { VALIDITY_DAILY, registerValidityJobs } from './validity.jobs.ts';

/** The daily job as `npm start` runs it: registered on the backend's queue, sent by its schedule, run by a worker. */
forEachBackend('daily validity job on the queue', (backend) => {
  let built: App;
  let people: People;
  let queue: JobQueue;

  beforeAll(async () => {
    built = await buildApp({
      config: { ZCT_ADMIN_TOKEN: undefined },
      database: backend.handle(),
      web: false,
    });
    people = await makePeople(built.accounts);
    queue = createJobQueue(backend.handle(), TEST_QUEUE_OPTIONS);
  });
  afterAll(async () => {
    await queue.stop();
    await built.app.close();
  });

  it('is sent by its schedule on the first start and runs the daily service', async () => {
    // A session that ended an hour ago: the daily run's housekeeping deletes it, which shows that the job ran.
    const past = new Date(Date.now() - 3600_000).toISOString();
    await backend
      .handle()
      .db.insertInto('sessions')
      .values({
        id: 'ended-session',
        account_id: people.accounts.person.id,
        csrf_token: 'x',
        method: 'password',
        ip: null,
        created_at: past,
        last_seen_at: past,
        expires_at: past,
      })
      .execute();
    // The app's own service, as `npm start` registers it (src/server.ts).
    await registerValidityJobs(queue, built.validity);
    const schedule = await backend
      .handle()
      .db.selectFrom('job_schedules')
      .selectAll()
      .where('name', '=', VALIDITY_DAILY)
      .executeTakeFirstOrThrow();
    expect(schedule).toMatchObject({ queue: VALIDITY_DAILY, time_of_day: '01:00' });

    await queue.start();
    const sessionGone = async () =>
      (
        await backend
          .handle()
          .db.selectFrom('sessions')
          .select('id')
          .where('id', '=', 'ended-session')
          .execute()
      ).length === 0;
    const end = Date.now() + 20_000;
    while (!(await sessionGone())) {
      if (Date.now() > end) throw new Error('the daily job did not run');
      await new Promise((r) => setTimeout(r, 100));
    }
    // The schedule moved on to its next run, after now.
    const after = await backend
      .handle()
      .db.selectFrom('job_schedules')
      .select(['next_run_at', 'last_run_at'])
      .where('name', '=', VALIDITY_DAILY)
      .executeTakeFirstOrThrow();
    expect(after.last_run_at).not.toBeNull();
    expect(Date.parse(after.next_run_at)).toBeGreaterThan(Date.now());
  });

  it('runs at the configured time of day (ZCT_DAILY_JOBS_AT), moving an existing schedule', async () => {
    const other = createJobQueue(backend.handle(), TEST_QUEUE_OPTIONS);
    try {
      await registerValidityJobs(other, built.validity, { at: '02:30' });
      const schedule = await backend
        .handle()
        .db.selectFrom('job_schedules')
        .select(['time_of_day', 'next_run_at'])
        .where('name', '=', VALIDITY_DAILY)
        .executeTakeFirstOrThrow();
      expect(schedule.time_of_day).toBe('02:30');
      // 02:30 in Beijing is 18:30 UTC the day before.
      expect(new Date(schedule.next_run_at).toISOString()).toMatch(/T18:30:00\.000Z$/);
    } finally {
      await other.stop();
    }
  });
});
