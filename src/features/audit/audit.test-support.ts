import { sql } from 'kysely';
import { GENESIS_HASH, hashEntry, type AuditEntry, type ChainedEntry } from '../../core/audit/chain.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Db } from '../../db/helpers/search/types.ts';
import { toRow } from './audit.repository.ts';

/**
 * Test helpers for the audit trail: changing it behind the service's back, as someone with access to the database
 * could (the append-only triggers are set aside first, as such a person would), and filling it fast.
 */

/** Runs `change` with the append-only triggers out of the way, then puts them back. */
export async function tamper(handle: DatabaseHandle, change: (db: Db) => Promise<unknown>): Promise<void> {
  const db = handle.db;
  if (handle.dialect === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(db);
    await sql`alter table audit_head disable trigger user`.execute(db);
    try {
      await change(db);
    } finally {
      await sql`alter table audit_log enable trigger user`.execute(db);
      await sql`alter table audit_head enable trigger user`.execute(db);
    }
    return;
  }
  // SQLite cannot disable a trigger: drop it and create it again from its own definition.
  const { rows } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'trigger' and tbl_name in ('audit_log', 'audit_head')`.execute(
    db,
  );
  for (const t of rows) await sql.raw(`drop trigger ${t.name}`).execute(db);
  try {
    await change(db);
  } finally {
    for (const t of rows) await sql.raw(t.sql).execute(db);
  }
}

/** Empties the trail and resets its anchor, so that each test starts from the genesis. */
export async function resetAudit(handle: DatabaseHandle): Promise<void> {
  await tamper(handle, async (db) => {
    await db.deleteFrom('audit_log').execute();
    await db.updateTable('audit_head').set({ count: 0, last_hash: GENESIS_HASH, updated_at: null }).execute();
  });
}

/** A plain entry for seq; tests override what they look at. */
export function sampleEntry(seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: new Date(Date.UTC(2024, 0, 1) + seq * 1000).toISOString(),
    actorKind: 'staff',
    actorId: `u${seq % 7}`,
    actorName: `工作人员${seq % 7}`,
    action: seq % 2 ? 'profile.read' : 'item.update',
    targetKind: 'profile',
    targetId: String(seq),
    subjectKind: 'enterprise',
    subjectId: '91371500MA3C5XXXXA',
    purpose: `审核申请 ${seq}`,
    legalBasis: '履行法定职责',
    ip: '10.0.0.1',
    detail: null,
    ...overrides,
  };
}

/**
 * Appends n valid records in batches, as the service would have chained them (bypassing it only for speed: one
 * transaction per record would make tens of thousands of rows slow to set up).
 */
export async function appendMany(handle: DatabaseHandle, n: number): Promise<void> {
  const db = handle.db;
  const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
  let prevHash = head.last_hash;
  const start = Number(head.count);
  const rows: ChainedEntry[] = [];
  for (let i = 0; i < n; i++) {
    const e = sampleEntry(start + i + 1);
    const hash = hashEntry(prevHash, e);
    rows.push({ ...e, prevHash, hash });
    prevHash = hash;
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('audit_log')
        .values(rows.slice(i, i + 500).map(toRow))
        .execute();
    }
    await trx
      .updateTable('audit_head')
      .set({ count: start + n, last_hash: prevHash })
      .execute();
  });
}
