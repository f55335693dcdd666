import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The checkout's root, where `bin/zct.js` and `data/` are. */
export const ROOT = new URL('../../', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliSandbox {
  /** A fresh temporary folder for the test file's database and outputs. */
  dir: string;
  /** The SQLite file the commands use (it does not exist until a test creates it). */
  sqlitePath: string;
  /** Runs `zct` as a user would, against the sandbox's database; a failure is a result, not a throw. */
  zct: (...args: string[]) => Promise<CliResult>;
  /** Removes the folder: call it in afterAll. */
  remove: () => void;
}

/**
 * The `zct` command run as a child process against a SQLite database of its own (DATABASE_URL cleared so that a
 * PostgreSQL in the environment is not used).
 *
 * @example
 * const cli = cliSandbox('jobs');
 * afterAll(cli.remove);
 * expect((await cli.zct('jobs', 'daily', '--date', '2026-01-05')).code).toBe(0);
 */
export function cliSandbox(name: string): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), `zct-${name}-cli-`));
  const sqlitePath = join(dir, `${name}.sqlite`);
  const env = { ...process.env, ZCT_SQLITE_PATH: sqlitePath, DATABASE_URL: '' };
  return {
    dir,
    sqlitePath,
    async zct(...args) {
      try {
        const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin/zct.js'), ...args], {
          env,
          cwd: ROOT,
          maxBuffer: 64 * 1024 * 1024,
        });
        return { code: 0, stdout, stderr };
      } catch (e) {
        const err = e as CliResult;
        return { code: err.code, stdout: err.stdout, stderr: err.stderr };
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
