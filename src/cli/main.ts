import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { DomainError } from '../core/errors.ts';
import { GazetteParseError } from '../core/gazette/errors.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ItemsService, ItemValidationError } from '../features/items/items.service.ts';
import { todayInChina } from '../core/rules/dates.ts';
import { LibraryService, parseFile } from '../features/library/library.service.ts';
import { MatchingService } from '../features/matching/matching.service.ts';
import { ProfilesService } from '../features/profiles/profiles.service.ts';
import { getSegmenter } from '../search/segmenter.ts';
import { registerAccountsCommands } from './accounts.ts';
import { registerAuditCommands } from './audit.ts';
import { registerJobsCommands } from './jobs.ts';
import { summariseParse } from './summary.ts';

/** The `zct` commands call the same services as HTTP does. */
async function withLibrary<T>(fn: (library: LibraryService, db: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = openDatabase({ url: config.DATABASE_URL, sqlitePath: config.ZCT_SQLITE_PATH });
  try {
    await migrateToLatest(database);
    return await fn(new LibraryService(database, getSegmenter()), database);
  } finally {
    await database.destroy();
  }
}

function describeError(e: unknown): string {
  if (e instanceof GazetteParseError || e instanceof ConfigError || e instanceof DomainError)
    return e.message;
  return e instanceof Error ? e.message : String(e);
}

// `zct parse … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command('zct')
  .description('政策通命令行：政策文件库、政策事项与匹配')
  .showHelpAfterError();

program
  .command('ingest')
  .description('解析并导入公报或文件（TXT/PDF），每个文件一个事务')
  .argument('<files...>', '文件路径')
  .action(async (files: string[]) => {
    let failed = 0;
    await withLibrary(async (library) => {
      const bar =
        files.length > 1 && process.stderr.isTTY
          ? new SingleBar(
              { format: '导入 [{bar}] {value}/{total} {file}', stream: process.stderr },
              Presets.shades_classic,
            )
          : null;
      bar?.start(files.length, 0, { file: '' });
      for (const [i, file] of files.entries()) {
        bar?.update(i, { file: basename(file) });
        if (!bar && files.length > 1)
          process.stderr.write(`导入 ${i + 1}/${files.length} ${basename(file)}\n`);
        try {
          const report = await library.ingest(readFileSync(file), basename(file));
          const counts = { created: 0, revised: 0, unchanged: 0 };
          for (const d of report.documents) counts[d.outcome]++;
          const lines = [
            `✔ ${file}：${report.documents.length} 份文件（新增 ${counts.created}，新版本 ${counts.revised}，未变 ${counts.unchanged}）`,
            ...report.warnings.map((w) => `  ⚠ ${w}`),
          ];
          bar?.stop();
          console.log(lines.join('\n'));
          bar?.start(files.length, i + 1, { file: '' });
        } catch (e) {
          failed++;
          bar?.stop();
          console.error(`✘ ${file}：${describeError(e)}（未写入任何数据）`);
          bar?.start(files.length, i + 1, { file: '' });
        }
      }
      bar?.update(files.length, { file: '' });
      bar?.stop();
    });
    if (failed > 0) {
      console.error(`${failed} 个文件导入失败`);
      process.exitCode = 1;
    }
  });

program
  .command('parse')
  .description('只解析、不入库')
  .argument('<file>', '文件路径')
  .option('--json', '输出 JSON（结构见 docs/parse-json.md）')
  .action(async (file: string, opts: { json?: boolean }) => {
    const result = await parseFile(readFileSync(file));
    console.log(opts.json ? JSON.stringify(result, null, 2) : summariseParse(result));
  });

program
  .command('search')
  .description('检索条文')
  .argument('<query...>', '检索词')
  .option('--validity <status>', 'in-force | not-yet | expired | repealed')
  .action(async (query: string[], opts: { validity?: 'in-force' | 'not-yet' | 'expired' | 'repealed' }) => {
    await withLibrary(async (library) => {
      const r = await library.search({ q: query.join(' '), validity: opts.validity, pageSize: 10 });
      console.log(`共 ${r.total} 条（${r.totalDocuments} 份文件）`);
      for (const h of r.hits)
        console.log(
          `${h.docNumber ?? h.title} ${h.ref ?? ''}  ${h.snippet.text.replace(/\n/g, ' ').slice(0, 60)}…`,
        );
    });
  });

program
  .command('reindex')
  .description('重建全文检索索引（分词词典变更后）')
  .action(async () => {
    await withLibrary(async (library) =>
      console.log(`已重建 ${await library.ensureSearchIndex(true)} 份文件的检索索引`),
    );
  });

const items = program.command('items').description('政策事项：校验与导入');

items
  .command('check')
  .description('校验政策事项文件（结构、规则、材料与样例），不入库')
  .argument('<files...>', 'JSON 文件')
  .action(async (files: string[]) => {
    let failed = 0;
    await withLibrary((library, db) => {
      const service = new ItemsService(db, library);
      for (const file of files) {
        try {
          const d = service.prepare(JSON.parse(readFileSync(file, 'utf8')));
          console.log(`✔ ${file}：${d.code} ${d.name}，${d.examples.length} 个样例全部通过`);
        } catch (e) {
          failed++;
          if (e instanceof ItemValidationError) {
            console.error(`✘ ${file}：`);
            for (const p of e.problems) console.error(`  ${p.field}：${p.message}`);
          } else console.error(`✘ ${file}：${describeError(e)}`);
        }
      }
      return Promise.resolve();
    });
    if (failed > 0) process.exitCode = 1;
  });

items
  .command('load')
  .description('导入政策事项文件并发布（一个事务：任一文件有误则全部不导入）')
  .argument('<files...>', 'JSON 文件')
  .action(async (files: string[]) => {
    await withLibrary(async (library, db) => {
      const service = new ItemsService(db, library);
      const inputs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown);
      const saved = await service.loadDefinitions(
        inputs,
        files.map((f) => basename(f)),
      );
      for (const r of saved)
        console.log(`${r.changed ? '✔ 已导入' : '· 未变'} ${r.code}（第 ${r.version} 版）`);
    });
  });

program
  .command('match')
  .description('按画像匹配已发布的政策事项（示例画像编号，或画像记录 JSON 文件）')
  .option('--sample <id>', '示例画像编号')
  .option('--record <file>', '画像记录 JSON：{"kind":"person","fields":{…}}')
  .option('--as-of <date>', '评估日期 YYYY-MM-DD（默认今天）')
  .action(async (opts: { sample?: string; record?: string; asOf?: string }) => {
    await withLibrary(async (library, db) => {
      const profiles = new ProfilesService(db);
      const matching = new MatchingService(new ItemsService(db, library), profiles);
      let profile;
      if (opts.sample) {
        const s = await profiles.getSample(Number(opts.sample));
        if (!s) throw new Error(`没有编号为 ${opts.sample} 的示例画像`);
        profile = s.profile;
      } else if (opts.record) {
        const r = JSON.parse(readFileSync(opts.record, 'utf8')) as {
          kind: 'enterprise' | 'person';
          fields: Record<string, unknown>;
        };
        profile = profiles.fromRecord(r.kind, { asOf: todayInChina(), ...r.fields });
      } else throw new Error('请给出 --sample 或 --record');
      const r = await matching.match(profile, opts.asOf ?? todayInChina());
      const show = (title: string, list: typeof r.met) => {
        console.log(`${title}（${list.length}）`);
        for (const m of list) console.log(`  ${m.code} ${m.name}：${m.reason}`);
      };
      show('符合', r.met);
      show('可能符合', r.maybe);
      show('不符合', r.notMet);
    });
  });

program
  .command('migrate')
  .description('执行数据库迁移')
  .action(async () => {
    await withLibrary((_library, db) => Promise.resolve(console.log(`数据库已是最新（${db.dialect}）`)));
  });

registerAuditCommands(program);
registerJobsCommands(program);
registerAccountsCommands(program);

program.parseAsync().catch((e: unknown) => {
  console.error(`错误：${describeError(e)}`);
  process.exitCode = 1;
});
