import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file, in the data folder, that holds the generated key. */
export const AUDIT_KEY_FILE = 'audit-subject.key';

/** 32 random bytes as 64 hex characters: the form ZCT_AUDIT_KEY takes too, so the key can move to the variable. */
const KEY_FORMAT = /^[0-9a-f]{64}$/;

export interface AuditKey {
  /** The secret; never log it. */
  key: string;
  path: string;
  /** True when this call generated the key (a new installation, or the file was removed). */
  created: boolean;
}

/**
 * The secret for persons' pseudonyms in the audit trail when ZCT_AUDIT_KEY is not set, so that `npm start` works
 * out of the box: read from `dir/audit-subject.key`, or generated (32 random bytes) and written there, readable by
 * the owner only (0600).
 *
 * The key lives beside the database, not in it: a copy of the database alone cannot turn pseudonyms back into
 * citizen ids. Back it up with the database but keep it apart from copies given out; losing it cuts the link
 * between persons and the entries recorded under it (they can no longer see them in "who used my data").
 *
 * @example
 * const auditKey = config.ZCT_AUDIT_KEY ?? loadOrCreateAuditKey(dirname(config.ZCT_SQLITE_PATH)).key;
 */
export function loadOrCreateAuditKey(dir: string): AuditKey {
  const path = join(dir, AUDIT_KEY_FILE);
  mkdirSync(dir, { recursive: true });
  let created = false;
  try {
    // 'wx': never overwrite a key that exists (another process may have just written it).
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const key = readFileSync(path, 'utf8').trim();
  if (!KEY_FORMAT.test(key))
    throw new Error(
      `审计主体密钥文件 ${path} 的内容无效（应为64位十六进制字符）；请从备份恢复，不要随意重新生成`,
    );
  // A copy restored from a backup may have come back readable by others.
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return { key, path, created };
}
