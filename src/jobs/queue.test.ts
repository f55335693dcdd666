import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend, type Backend } from '../../test/support/backends.ts';
import { todayInChina } from '../core/rules/dates.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createJobQueue } from './create-job-queue.ts';
import { PG_BOSS_SCHEMA } from './pg-boss-queue.ts';
import type { Job, JobQueue, JobQueueOptions } from './queue.ts';
import { TEST_QUEUE_OPTIONS } from './queue.test-support.ts';
import type { ScheduledRun } from './scheduler.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

/**
 * Durability is about what is left in the database when a queue goes away, so each test opens the same database
 * again through a new connection and a new queue, as a restarted server would: on SQLite a file (not :memory:),
 * on PostgreSQL the test file's database by its URL.
 */
forEachBackend('durable job queue', (backend: Backend) => {
  const dir = mkdtempSync(join(tmpdir(), 'zct-jobs-'));
  const file = join(dir, 'jobs.sqlite');
  let target: string;
  const open: DatabaseHandle[] = [];
  const queues: JobQueue[] = [];

  beforeAll(async () => {
    if (backend.name === 'sqlite') {
      target = file;
      const h = openDatabase({ sqlitePath: file });
      await migrateToLatest(h);
      await h.destroy();
    } else {
      const r = await sql<{ db: string }>`select current_database() as db`.execute(backend.handle().db);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${r.rows[0]!.db}`;
      target = url.toString();
    }
  });
  afterAll(async () => {
    for (const q of queues) await q.stop();
    for (const h of open) await h.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A new connection to the same database, and a queue on it (a restart). */
  const restart = (options: JobQueueOptions = {}) => {
    const handle = openDatabase(target.startsWith('postgres') ? { url: target } : { sqlitePath: target });
    open.push(handle);
    const queue = createJobQueue(handle, { ...TEST_QUEUE_OPTIONS, ...options });
    queues.push(queue);
    return { handle, queue };
  };

  /** What the database keeps of a queue's jobs: state, attempts and last error, whichever queue wrote them. */
  const stored = async (handle: DatabaseHandle, queue: string) => {
    if (handle.dialect === 'sqlite') {
      const rows = await handle.db
        .selectFrom('jobs')
        .select(['state', 'attempts', 'last_error'])
        .where('queue', '=', queue)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ state: r.state, attempts: r.attempts, error: r.last_error }));
    }
    const r = await sql<{ state: string; retry_count: number; output: { message?: string } | null }>`
      select state, retry_count, output from ${sql.table(`${PG_BOSS_SCHEMA}.job`)}
      where name = ${queue} order by created_on`.execute(handle.db);
    return r.rows.map((row) => ({
      state: { created: 'queued', retry: 'retry', active: 'active', completed: 'completed', failed: 'dead' }[
        row.state
      ],
      attempts: row.state === 'created' ? 0 : row.retry_count + (row.state === 'retry' ? 0 : 1),
      error: row.output?.message ?? null,
    }));
  };

  it('runs a job sent before a stop exactly once after a restart', async () => {
    const first = restart();
    expect(first.queue.implementation).toBe(backend.name === 'sqlite' ? 'sqlite-table' : 'pg-boss');
    // Sent, never worked: the queue stops (the server goes down) before the job runs.
    const id = await first.queue.send('restart-test', { letter: 'A' });
    expect(id).not.toBeNull();
    await first.queue.stop();
    await first.handle.destroy();

    const second = restart();
    const runs: Job<{ letter: string }>[] = [];
    await second.queue.work<{ letter: string }>('restart-test', (job) => {
      runs.push(job);
      return Promise.resolve();
    });
    await second.queue.start();
    await until(() => runs.length > 0);
    // A few more polls: nothing runs it again.
    await sleep(1500);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id, data: { letter: 'A' }, attempt: 1 });
    expect(await stored(second.handle, 'restart-test')).toEqual([
      { state: 'completed', attempts: 1, error: null },
    ]);
    await second.queue.stop();
  });

  it('runs a job again, once, when its worker was killed mid-run', async () => {
    // The worker is another process, killed with SIGKILL while its handler runs: no cleanup, no stop().
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/jobs/crash-worker.test-support.ts', target],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    await until(() => out.includes('started 1'), 20_000);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    const { handle, queue } = restart();
    expect((await stored(handle, 'crash-test'))[0]?.state).toBe('active');
    const runs: Job<{ n: number }>[] = [];
    await queue.work<{ n: number }>('crash-test', (job) => {
      runs.push(job);
      return Promise.resolve();
    });
    await queue.start();
    // The dead worker's lease (2 s) runs out; then the job is taken again, as its second attempt.
    await until(() => runs.length > 0, 20_000);
    await sleep(1500);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ data: { n: 42 }, attempt: 2 });
    expect(await stored(handle, 'crash-test')).toEqual([{ state: 'completed', attempts: 2, error: null }]);
    await queue.stop();
  });

  it('retries a failing job with backoff, then keeps it dead with its last error', async () => {
    const { handle, queue } = restart({ retryLimit: 1 });
    const attempts: { attempt: number; at: number }[] = [];
    await queue.work('failing-test', (job) => {
      attempts.push({ attempt: job.attempt, at: Date.now() });
      return Promise.reject(new Error(`第${job.attempt}次失败`));
    });
    await queue.start();
    await queue.send('failing-test', {});
    await until(async () => (await stored(handle, 'failing-test'))[0]?.state === 'dead', 20_000);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
    // The retry waited at least the base delay (1 s).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(await stored(handle, 'failing-test')).toEqual([
      { state: 'dead', attempts: 2, error: expect.stringContaining('第2次失败') as unknown },
    ]);
    await queue.stop();
  });

  it('keeps one job per singleton key, and none from a transaction that rolled back', async () => {
    const { handle, queue } = restart();
    const a = await queue.send('singleton-test', { n: 1 }, { singletonKey: 'day-1' });
    const b = await queue.send('singleton-test', { n: 2 }, { singletonKey: 'day-1' });
    const c = await queue.send('singleton-test', { n: 3 }, { singletonKey: 'day-2' });
    expect(a).not.toBeNull();
    expect(b).toBeNull();
    expect(c).not.toBeNull();
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await queue.send('singleton-test', { n: 4 }, {}, trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await handle.db.transaction().execute(async (trx) => {
      await queue.send('singleton-test', { n: 5 }, {}, trx);
    });
    const seen: number[] = [];
    await queue.work<{ n: number }>('singleton-test', (job) => {
      seen.push(job.data.n);
      return Promise.resolve();
    });
    await queue.start();
    await until(() => seen.length >= 3);
    await sleep(1000);
    expect(seen.sort()).toEqual([1, 3, 5]);
    await queue.stop();
  });

  it('sends a daily run missed while stopped once on start, then waits for the next run', async () => {
    let now = new Date('2026-11-25T02:00:00Z'); // 10:00 on 25 Nov, Beijing time
    const clock = { now: () => now, scheduleCheckMs: 60_000 };
    const days: string[] = [];
    const worker = (job: Job<ScheduledRun>) => {
      days.push(job.data.day);
      return Promise.resolve();
    };

    const first = restart(clock);
    await first.queue.work('daily-test', worker);
    await first.queue.scheduleDaily('daily-test', 'daily-test', '01:00');
    // A new schedule owes today's 01:00 run: the first start makes it.
    await first.queue.start();
    await until(() => days.length === 1);
    expect(await first.queue.checkSchedules()).toBe(0);
    await first.queue.stop();

    // Down from 25 Nov until 10:00 on 28 Nov: three runs missed, one made up.
    now = new Date('2026-11-28T02:00:00Z');
    const second = restart(clock);
    await second.queue.work('daily-test', worker);
    await second.queue.scheduleDaily('daily-test', 'daily-test', '01:00');
    await second.queue.start();
    await until(() => days.length === 2);
    expect(await second.queue.checkSchedules()).toBe(0);

    // 00:59:59 on 29 Nov is not yet; 01:00 is.
    now = new Date('2026-11-28T16:59:59Z');
    expect(await second.queue.checkSchedules()).toBe(0);
    now = new Date('2026-11-28T17:00:00Z');
    expect(await second.queue.checkSchedules()).toBe(1);
    await until(() => days.length === 3);
    await sleep(1000);
    expect(days).toEqual(['2026-11-25', '2026-11-28', '2026-11-29']);
    expect(todayInChina(now)).toBe('2026-11-29');
    await second.queue.stop();
  });
});
