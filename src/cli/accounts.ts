import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { ACCOUNT_KINDS, STAFF_ROLES, type AccountKind, type StaffRole } from '../core/access/policy.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AccountsService } from '../features/accounts/accounts.service.ts';
import { OutboxNotifier } from '../features/accounts/notifier.ts';
import { AuditService } from '../features/audit/audit.service.ts';

/** Reads a password without echoing it (a terminal), or the first line of standard input (a pipe). */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  let typed = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('已取消'));
          return;
        }
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** `zct accounts create`: the first administrator, and staff accounts, without putting a password anywhere. */
export function registerAccountsCommands(program: Command): void {
  const accounts = program.command('accounts').description('账号：创建平台管理员、部门工作人员等账号');
  accounts
    .command('create')
    .description('创建账号；密码在终端输入（不回显），或经标准输入传入（每行一个，仅第一行有效）')
    .requiredOption('--kind <kind>', `账号类型：${ACCOUNT_KINDS.join('、')}`)
    .requiredOption('--username <username>', '用户名')
    .requiredOption('--name <name>', '姓名或名称')
    .option('--department <code>', '所属部门编码（部门和窗口工作人员）')
    .option('--roles <roles>', `部门工作人员的角色，逗号分隔：${STAFF_ROLES.join(',')}`)
    .option('--citizen-id <id>', '公民身份号码（自然人）')
    .option('--uscc <code>', '统一社会信用代码（企业）')
    .option('--phone <phone>', '手机号码（接收重设码）')
    .action(
      async (o: {
        kind: string;
        username: string;
        name: string;
        department?: string;
        roles?: string;
        citizenId?: string;
        uscc?: string;
        phone?: string;
      }) => {
        if (!(ACCOUNT_KINDS as readonly string[]).includes(o.kind))
          throw new Error(`--kind 应为 ${ACCOUNT_KINDS.join('、')} 之一，当前为“${o.kind}”`);
        const password = await readPassword('密码（至少10位）：');
        const config = loadConfig();
        const database = openDatabase({ url: config.DATABASE_URL, sqlitePath: config.ZCT_SQLITE_PATH });
        try {
          await migrateToLatest(database);
          const audit = new AuditService(
            database,
            config.ZCT_AUDIT_KEY ? { subjectKey: config.ZCT_AUDIT_KEY } : {},
          );
          const service = new AccountsService(database, new OutboxNotifier(database), audit);
          const a = await service.createAccount(
            {
              kind: o.kind as AccountKind,
              username: o.username,
              displayName: o.name,
              password,
              staffRoles: o.roles?.split(',').map((r) => r.trim()) as StaffRole[] | undefined,
              departmentCode: o.department,
              citizenId: o.citizenId,
              uscc: o.uscc,
              phone: o.phone,
            },
            'console',
          );
          console.log(`已创建账号 ${a.username}（${a.kind}，编号 ${a.id}）`);
        } finally {
          await database.destroy();
        }
      },
    );
}
