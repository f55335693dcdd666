import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { dayNumber } from '../core/rules/dates.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { OutboxNotifier } from '../features/accounts/notifier.ts';
import { AuditService } from '../features/audit/audit.service.ts';
import { CalendarService } from '../features/calendar/calendar.service.ts';
import { ItemsService } from '../features/items/items.service.ts';
import { todayInChina } from '../core/rules/dates.ts';
import { LibraryService } from '../features/library/library.service.ts';
import type { DailyReport } from '../features/validity/validity.schema.ts';
import { ValidityService } from '../features/validity/validity.service.ts';
import { getSegmenter } from '../search/segmenter.ts';

/** The operating-system user running the command (containers may have no passwd entry for it). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? '未知用户';
  }
}

/** The report of a daily run, for people. */
export function summariseDaily(r: DailyReport): string {
  const lines = [`每日有效期任务（${r.day}）完成：`];
  const list = (title: string, entries: string[]) => {
    lines.push(`  ${title}：${entries.length === 0 ? '无' : entries.length}`);
    for (const e of entries) lines.push(`    - ${e}`);
  };
  list(
    '已标记届满的政策事项',
    r.expiredItems.map((i) => `${i.code} ${i.name}（有效期至 ${i.until}）`),
  );
  list(
    '已记录届满的政策文件',
    r.expiredDocuments.map((d) => `${d.docNumber ?? d.docKey} ${d.title}（有效期至 ${d.until}）`),
  );
  list(
    '已发送有效期届满评估提醒',
    r.reminders.map(
      (m) =>
        `${m.targetKind === 'item' ? '政策事项' : '政策文件'} ${m.targetKey}（${m.endsOn} 届满）→ ${m.department ?? '无主管部门'}，${m.recipients} 人`,
    ),
  );
  lines.push(`  逾期未上线的政策文件：${r.overdueDocuments === null ? '未能统计' : r.overdueDocuments}`);
  lines.push(
    `  清理：过期会话 ${r.housekeeping.sessions} 个，已使用或过期的密码重设码 ${r.housekeeping.passwordResets} 个`,
  );
  for (const w of r.warnings) lines.push(`⚠ ${w}`);
  return lines.join('\n');
}

/**
 * `zct jobs daily [--date YYYY-MM-DD]`: the daily validity job, now, through the same service as the schedule
 * and `POST /api/admin/jobs/daily`.
 *
 * @example
 * zct jobs daily                    # for today (Beijing time)
 * zct jobs daily --date 2026-11-27  # make up a past day; a day after today is refused
 */
export function registerJobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('后台任务：立即运行定时任务');

  jobs
    .command('daily')
    .description('运行每日有效期任务：标记届满的政策事项和文件，发送有效期届满评估提醒，清理过期会话')
    .option('--date <date>', '按哪一天运行 YYYY-MM-DD（北京时间，默认今天；不能晚于今天）')
    .action(async (opts: { date?: string }) => {
      const today = todayInChina();
      const day = opts.date ?? today;
      if (dayNumber(day) === null) throw new Error(`--date 日期无效：${day}（应为 YYYY-MM-DD）`);
      // A later day would mark items expired before their time.
      if (day > today) throw new Error(`--date 不能晚于今天（${today}）：${day}`);
      const config = loadConfig();
      const database = openDatabase({ url: config.DATABASE_URL, sqlitePath: config.ZCT_SQLITE_PATH });
      try {
        await migrateToLatest(database);
        const library = new LibraryService(database, getSegmenter());
        const validity = new ValidityService(
          database,
          new ItemsService(database, library),
          new CalendarService(database),
          new OutboxNotifier(database),
          new AuditService(database, config.ZCT_AUDIT_KEY ? { subjectKey: config.ZCT_AUDIT_KEY } : {}),
        );
        process.stderr.write(`正在运行每日有效期任务（${day}，${database.dialect}）…\n`);
        const report = await validity.runDaily(day, `命令行（${osUser()}）`);
        console.log(summariseDaily(report));
      } finally {
        await database.destroy();
      }
    });
}
