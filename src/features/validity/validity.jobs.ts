import type { Logger } from 'pino';
import type { JobQueue } from '../../jobs/queue.ts';
import type { ScheduledRun } from '../../jobs/scheduler.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import type { ValidityService } from './validity.service.ts';

/** The queue (and schedule) of the daily validity job. */
export const VALIDITY_DAILY = 'validity-daily';
/** When it runs unless configured (ZCT_DAILY_JOBS_AT): 01:00 Beijing time. */
export const VALIDITY_DAILY_TIME = '01:00';

/**
 * Registers the daily validity job on a queue: its worker and its schedule, at `at` (HH:MM, Beijing time). The
 * worker runs for the day it runs on (Beijing), not the day of the run that sent it: a run made up after a restart
 * expires what has ended by now.
 */
export async function registerValidityJobs(
  queue: JobQueue,
  validity: ValidityService,
  options: { at?: string; log?: Pick<Logger, 'info' | 'warn'> } = {},
): Promise<void> {
  const { at = VALIDITY_DAILY_TIME, log } = options;
  await queue.work<ScheduledRun>(VALIDITY_DAILY, async (job) => {
    const report = await validity.runDaily(todayInChina(), '定时任务');
    log?.info(
      {
        job: job.id,
        scheduledFor: job.data.day,
        day: report.day,
        expiredItems: report.expiredItems.length,
        expiredDocuments: report.expiredDocuments.length,
        reminders: report.reminders.length,
        overdueDocuments: report.overdueDocuments,
        housekeeping: report.housekeeping,
      },
      'daily validity job done',
    );
    for (const w of report.warnings) log?.warn({ job: job.id }, w);
  });
  await queue.scheduleDaily(VALIDITY_DAILY, VALIDITY_DAILY, at);
}
