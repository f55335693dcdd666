import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_KEY_FILE, loadOrCreateAuditKey } from './audit-key.ts';

describe('loadOrCreateAuditKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zct-audit-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a 32-byte key once, readable by the owner only, and reads the same key afterwards', () => {
    const first = loadOrCreateAuditKey(join(dir, 'data'));
    expect(first.created).toBe(true);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.path).toBe(join(dir, 'data', AUDIT_KEY_FILE));
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const again = loadOrCreateAuditKey(join(dir, 'data'));
    expect(again).toEqual({ ...first, created: false });
    expect(readFileSync(first.path, 'utf8').trim()).toBe(first.key);
  });

  it('gives each installation its own key', () => {
    const a = loadOrCreateAuditKey(join(dir, 'a'));
    const b = loadOrCreateAuditKey(join(dir, 'b'));
    expect(a.key).not.toBe(b.key);
  });

  it('tightens a key file that came back readable by others', () => {
    const { path } = loadOrCreateAuditKey(dir);
    chmodSync(path, 0o644);
    loadOrCreateAuditKey(dir);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged key file instead of replacing it (that would orphan every pseudonym)', () => {
    writeFileSync(join(dir, AUDIT_KEY_FILE), 'not a key\n', { mode: 0o600 });
    expect(() => loadOrCreateAuditKey(dir)).toThrow(/审计主体密钥文件.*无效/);
    expect(readFileSync(join(dir, AUDIT_KEY_FILE), 'utf8')).toBe('not a key\n');
  });
});
