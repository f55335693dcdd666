import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WEB = join(REPO, 'web');
export const DIST = join(WEB, 'dist');
const STAMP = join(DIST, '.build-hash');
/** What the build reads: the app's sources and the locked dependency versions. */
const INPUTS = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'package-lock.json'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((e) => files(join(path, e.name)))
    .filter((f) => !/\.test\.tsx?$/.test(f));
}

/** A hash of every input's path and content: a fresh clone (new mtimes) with the same sources is not stale. */
export function inputHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => files(join(REPO, p))).sort()) {
    hash.update(relative(REPO, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function buildIsCurrent(): boolean {
  return (
    existsSync(join(DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputHash()
  );
}

/** Writes .br and .gz beside each text asset; the server sends them to browsers that accept them. */
function precompress(): void {
  for (const file of files(DIST)) {
    if (!/\.(js|css|html|svg|txt|json)$/.test(file) || statSync(file).size < 1024) continue;
    const data = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
}

/** Runs `vite build` for web/ in a child process (the caller may itself be running under Vite, as vitest is). */
export function buildWeb(): void {
  const require = createRequire(import.meta.url);
  const vitePkg = require.resolve('vite/package.json');
  const bin = join(vitePkg, '..', 'bin', 'vite.js');
  const hash = inputHash();
  const args = [
    bin,
    'build',
    '--config',
    join(WEB, 'vite.config.ts'),
    '--mode',
    'production',
    '--logLevel',
    'warn',
  ];
  // vitest sets NODE_ENV=test, which would give React's and antd's development builds.
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  precompress();
  writeFileSync(STAMP, hash);
}

/**
 * Builds the portal unless web/dist is already built from the current sources.
 *
 * @example ensureWebBuild() // in `npm start`'s prestart and in the browser tests' global setup
 */
export function ensureWebBuild(log: (line: string) => void = console.log): 'built' | 'current' {
  if (buildIsCurrent()) return 'current';
  log('正在构建门户页面（web/dist）…');
  const started = Date.now();
  buildWeb();
  log(`门户页面构建完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  return 'built';
}

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
}

/**
 * Sizes from the build manifest: what the first screen loads (the entry and its static imports), and what each
 * page adds on top of it. Gzipped, as sent.
 */
export function bundleReport(): string {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
    return seen;
  };
  const files = (keys: Set<string>) =>
    new Set([...keys].flatMap((k) => [manifest[k]!.file, ...(manifest[k]!.css ?? [])]));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  const sum = (fs: Iterable<string>) => [...fs].reduce((n, f) => n + gzipSize(f), 0);

  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const shell = files(closure(entryKey));
  const lines = [
    '| chunk | gzipped |',
    '| --- | --- |',
    `| shell (entry and its imports) | ${kb(sum(shell))} |`,
  ];
  for (const [key, chunk] of Object.entries(manifest).filter(([, c]) => c.isDynamicEntry)) {
    const extra = [...files(closure(key))].filter((f) => !shell.has(f));
    lines.push(`| + ${chunk.name ?? key} | ${kb(sum(extra))} |`);
  }
  const all = readdirSync(join(DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  lines.push(`| all JS and CSS | ${kb(sum(all.map((f) => `assets/${f}`)))} |`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  if (force) buildWeb();
  else ensureWebBuild();
  if (process.argv.includes('--report') || force) console.log(bundleReport());
}
