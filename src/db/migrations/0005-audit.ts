import { sql, type Kysely } from 'kysely';
import { GENESIS_HASH } from '../../core/audit/chain.ts';
import type { MigrationContext } from '../migrate.ts';

/** Message of the append-only triggers; the database reports it to whoever tries. */
const APPEND_ONLY = '审计记录只能追加，不能修改或删除';

/**
 * The audit trail (审计日志): one row per change or read of personal or enterprise data, chained by hashes
 * (src/core/audit/chain.ts), and `audit_head`, the single row that anchors the chain's end.
 *
 * - `seq` is assigned by the appender, not generated: a PostgreSQL sequence is not transactional, so a rolled-back
 *   append would leave a gap that verification must report as a removed record; and the hash covers seq, so it must
 *   be known before the insert. The appender takes it from `audit_head` under the head's lock (count + 1). bigint on
 *   PostgreSQL (integer is 32-bit there); SQLite's `integer primary key` is already 64-bit, and the rowid itself.
 * - Timestamps are ISO text in UTC with milliseconds (2024-05-01T02:00:00.000Z): the same text on both backends,
 *   so that the hash of a record does not depend on where it is stored, and ordered as strings.
 * - Triggers refuse UPDATE and DELETE of records (and TRUNCATE on PostgreSQL): no code path may change history by
 *   mistake. Someone who can drop a trigger can still change rows; the chain is what shows that they did.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', ctx.dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text')
    .addColumn('target_id', 'text')
    .addColumn('subject_kind', 'text', (c) => c.check(sql`subject_kind in ('person', 'enterprise')`))
    .addColumn('subject_id', 'text')
    .addColumn('purpose', 'text')
    .addColumn('legal_basis', 'text')
    .addColumn('ip', 'text')
    .addColumn('detail', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addCheckConstraint('audit_log_subject_pair', sql`(subject_kind is null) = (subject_id is null)`)
    .execute();

  // The search filters, each with seq so that "newest first" is read from the index in order.
  const indexes: [string, string[]][] = [
    ['audit_log_at_idx', ['at']],
    ['audit_log_actor_id_idx', ['actor_id', 'seq']],
    ['audit_log_actor_name_idx', ['actor_name', 'seq']],
    ['audit_log_action_idx', ['action', 'seq']],
    ['audit_log_target_idx', ['target_kind', 'target_id', 'seq']],
    ['audit_log_subject_idx', ['subject_kind', 'subject_id', 'seq']],
  ];
  for (const [name, columns] of indexes)
    await db.schema.createIndex(name).on('audit_log').columns(columns).execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('count', ctx.dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text')
    .execute();
  await sql`insert into audit_head (id, count, last_hash) values (1, 0, ${GENESIS_HASH})`.execute(db);

  if (ctx.dialect === 'postgres') {
    await sql
      .raw(
        `create function audit_append_only() returns trigger language plpgsql as $$
         begin raise exception '${APPEND_ONLY}'; end $$`,
      )
      .execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log
              for each row execute function audit_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
              for each statement execute function audit_append_only()`.execute(db);
    await sql`create trigger audit_head_keep before delete on audit_head
              for each row execute function audit_append_only()`.execute(db);
  } else {
    for (const [name, event, table] of [
      ['audit_log_no_update', 'update', 'audit_log'],
      ['audit_log_no_delete', 'delete', 'audit_log'],
      ['audit_head_keep', 'delete', 'audit_head'],
    ] as const) {
      await sql
        .raw(
          `create trigger ${name} before ${event} on ${table} begin select raise(abort, '${APPEND_ONLY}'); end`,
        )
        .execute(db);
    }
  }
}
