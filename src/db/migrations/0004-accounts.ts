import type { Kysely } from 'kysely';
import { idColumn } from '../helpers/schema/id-column.ts';
import type { MigrationContext } from '../migrate.ts';

/**
 * The platform's people: departments at four levels (国家/省/市/县, with their GB/T 2260 region), accounts of
 * every kind, the agents (经办人) of an enterprise, sessions, sign-in throttling, password resets, the outbox of
 * the local message adapter, window visits with the visitor's consent, and data subjects' push preferences.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);

  await db.schema
    .createTable('departments')
    .addColumn('id', ...id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    /** national | province | city | county */
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', ...id)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    /** person | enterprise | staff | window | admin | auditor */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** argon2id (PHC string); null for accounts that sign in only through OIDC. */
    .addColumn('password_hash', 'text')
    /** For staff: editor and/or reviewer, comma-separated. */
    .addColumn('staff_roles', 'text')
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    /** A person's citizen id (GB 11643). */
    .addColumn('citizen_id', 'text')
    /** An enterprise account's USCC (GB 32100), and whether it is the enterprise's administrator. */
    .addColumn('uscc', 'text')
    .addColumn('enterprise_role', 'text')
    .addColumn('phone', 'text')
    /** The OIDC issuer and subject of the province's unified identity, once linked. */
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('accounts_oidc', ['oidc_issuer', 'oidc_subject'])
    .execute();
  await db.schema.createIndex('accounts_uscc_idx').on('accounts').column('uscc').execute();
  await db.schema.createIndex('accounts_citizen_idx').on('accounts').column('citizen_id').execute();

  await db.schema
    .createTable('sessions')
    /** SHA-256 of the cookie's token: a leaked table does not give working sessions. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    /** password | oidc */
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').column('account_id').execute();

  // Failed sign-ins by key (a username, or an IP): kept in the database so that a restart or a second
  // instance does not reset the count.
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  // The local implementation of the SMS/e-mail adapter writes here instead of sending (docs/adapters.md).
  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', ...id)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // A window officer acts for a visitor who is present, from the visitor's recorded consent until the visit
  // ends (or expires): only then may the officer read that visitor's data.
  await db.schema
    .createTable('window_visits')
    .addColumn('id', ...id)
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('accounts.id'))
    /** person | enterprise */
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('consent_text', 'text', (c) => c.notNull())
    .addColumn('consent_method', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('window_visits_officer_idx').on('window_visits').column('officer_id').execute();

  await db.schema
    .createTable('subject_preferences')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull())
    /** 个人信息保护法 第二十四条: a person may refuse decisions made by automated means, and personalised push. */
    .addColumn('personalised_push', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subject_preferences_pk', ['subject_kind', 'subject_key'])
    .execute();
}
