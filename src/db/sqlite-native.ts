import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Chooses the better-sqlite3 build for the running Node. Version 12 (classic addon) is the one that works on
 * Node 20, where 13 segfaults; on Node 24, 12's Statement destructor trips Node's environment-cleanup assertion
 * (WiseLibs/better-sqlite3#1515) and 13, a Node-API build, is needed. Both are installed (13 under the alias
 * better-sqlite3-napi); only the one that fits is ever loaded.
 */
export function loadBetterSqlite(): typeof BetterSqlite3 {
  const require = createRequire(import.meta.url);
  const major = Number(process.versions.node.split('.')[0]);
  return (major >= 24 ? require('better-sqlite3-napi') : require('better-sqlite3')) as typeof BetterSqlite3;
}
