/**
 * A worker that dies mid-run, for the durability test (queue.test.ts): it opens the database given on the command
 * line, sends one job, starts working it, prints "started <attempt>" when the handler begins, and then hangs
 * until the test kills the process with SIGKILL (no cleanup runs).
 */
import { openDatabase } from '../db/database.ts';
import { createJobQueue } from './create-job-queue.ts';
import { TEST_QUEUE_OPTIONS } from './queue.test-support.ts';

const target = process.argv[2]!;
const handle = openDatabase(target.startsWith('postgres') ? { url: target } : { sqlitePath: target });
const queue = createJobQueue(handle, TEST_QUEUE_OPTIONS);
await queue.work<{ n: number }>('crash-test', async (job) => {
  process.stdout.write(`started ${job.attempt}\n`);
  await new Promise(() => undefined);
});
await queue.send('crash-test', { n: 42 });
await queue.start();
