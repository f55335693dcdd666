import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { auditFilters } from '../features/audit/audit.schema.ts';
import { AuditService } from '../features/audit/audit.service.ts';

const PROBLEM_LABELS = {
  edited: '被修改',
  removed: '被删除',
  reordered: '顺序被调换',
  inserted: '被插入',
} as const;

/** Below this many records a run is quick and prints no progress. */
const PROGRESS_FROM = 20_000;

/** Opens the configured database (migrated), as the other commands do. */
async function withDatabase<T>(fn: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = openDatabase({ url: config.DATABASE_URL, sqlitePath: config.ZCT_SQLITE_PATH });
  try {
    await migrateToLatest(database);
    return await fn(database);
  } finally {
    await database.destroy();
  }
}

/** The operating-system user running the command (containers may have no passwd entry for it). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? '未知用户';
  }
}

/** Progress on stderr for long runs: a bar on a terminal, a line every so often otherwise (logs, CI). */
function progress(verb: string) {
  let bar: SingleBar | null = null;
  let lastLine = 0;
  return {
    update(done: number, total: number) {
      if (total < PROGRESS_FROM) return;
      if (process.stderr.isTTY) {
        if (!bar) {
          bar = new SingleBar(
            { format: `${verb} [{bar}] {value}/{total}`, stream: process.stderr },
            Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar.setTotal(total);
        bar.update(done);
      } else if (done - lastLine >= 50_000 || done === total) {
        lastLine = done;
        process.stderr.write(`${verb} ${done}/${total}\n`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

/**
 * `zct audit verify` and `zct audit export`.
 *
 * @example
 * zct audit verify                     # exit 0: 审计链完整：共 N 条记录; exit 1 names the first bad record
 * zct audit export --out 审计.xlsx --from 2024-05-01 --to 2024-05-31 --action 'profile.*'
 */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志：校验哈希链与导出');

  audit
    .command('verify')
    .description('逐条校验审计链，发现被修改、删除、调换或插入的记录')
    .action(async () => {
      await withDatabase(async (db) => {
        const bar = progress('校验');
        const result = await new AuditService(db).verify((checked, total) => bar.update(checked, total));
        bar.stop();
        if (result.ok) {
          console.log(`审计链完整：共 ${result.checked} 条记录`);
          // Worth keeping somewhere else: a rewrite of the whole chain together with its head shows only against it.
          console.log(`链头哈希：${result.lastHash}`);
        } else {
          console.error(`✘ 审计链校验未通过：${result.firstBad.message}`);
          console.error(
            `  已读取 ${result.checked} 条记录；问题类型：${PROBLEM_LABELS[result.firstBad.problem]}（${result.firstBad.problem}）`,
          );
          process.exitCode = 1;
        }
      });
    });

  audit
    .command('export')
    .description('按条件导出审计记录为 Excel（xlsx），按序号从旧到新')
    .requiredOption('--out <file>', '输出文件（.xlsx）')
    .option('--from <date>', '起始日期 YYYY-MM-DD（北京时间，含当天）或带时区的时间')
    .option('--to <date>', '截止日期 YYYY-MM-DD（北京时间，含当天）或带时区的时间')
    .option('--actor <who>', '操作者编号或姓名')
    .option('--action <action>', '操作代码，如 profile.read，或 profile.* 表示一类')
    .action(async (opts: { out: string; from?: string; to?: string; actor?: string; action?: string }) => {
      const parsed = auditFilters.safeParse({
        from: opts.from,
        to: opts.to,
        actor: opts.actor,
        action: opts.action,
      });
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('；'));
      const filters = parsed.data;
      await withDatabase(async (db) => {
        const service = new AuditService(db);
        const bar = progress('导出');
        const { rows } = await service.exportXlsx(filters, opts.out, (n, total) => bar.update(n, total));
        bar.stop();
        // Exporting the trail is itself a use of it: who took which records out is recorded like any other read.
        await service.record({
          actor: { kind: 'system', id: null, name: `命令行（${osUser()}）` },
          action: 'audit.export',
          target: { kind: 'audit_log', id: basename(opts.out) },
          detail: { filters, rows },
        });
        console.log(`已导出 ${rows} 条审计记录到 ${opts.out}`);
      });
    });
}
