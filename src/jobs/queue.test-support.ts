import type { JobQueueOptions } from './queue.ts';

/** Short intervals so that durability tests take seconds: a crashed job's lease runs out after 2 s. */
export const TEST_QUEUE_OPTIONS: JobQueueOptions = {
  pollIntervalMs: 500,
  leaseMs: 2000,
  retryLimit: 2,
  retryDelayMs: 1000,
  maintenanceIntervalMs: 1000,
  graceMs: 2000,
};
