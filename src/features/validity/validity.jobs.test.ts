import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { makePeople, type People } from '../../../test/support/people.ts';
import { buildApp, type App } from '../../http/app.ts';
import { createJobQueue } from '../../jobs/create-job-queue.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { TEST_QUEUE_OPTIONS } from '../../jobs/queue.test-support.ts';
import { OutboxNotifier } from '../accounts/notifier.ts';
import { VALIDITY_DAILY, registerValidityJobs } from './validity.jobs.ts';
import { ValidityService } from './validity.service.ts';

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
    const validity = new ValidityService(
      backend.handle(),
      built.items,
      built.calendar,
      new OutboxNotifier(backend.handle()),
      built.audit,
    );
    await registerValidityJobs(queue, validity);
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
});
