import type { Generated } from 'kysely';

/** The accounts tables (0004-accounts). */
export interface DepartmentTable {
  id: Generated<number>;
  code: string;
  name: string;
  level: string;
  region_code: string;
  created_at: string;
}

export interface AccountTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  kind: string;
  password_hash: string | null;
  staff_roles: string | null;
  department_id: number | null;
  citizen_id: string | null;
  uscc: string | null;
  enterprise_role: string | null;
  phone: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  account_id: number;
  csrf_token: string;
  method: string;
  ip: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SignInFailureTable {
  key: string;
  failures: number;
  first_at: string;
  locked_until: string | null;
}

export interface PasswordResetTable {
  token_hash: string;
  account_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OutboxMessageTable {
  id: Generated<number>;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
}

export interface WindowVisitTable {
  id: Generated<number>;
  officer_id: number;
  subject_kind: string;
  subject_key: string;
  consent_text: string;
  consent_method: string;
  started_at: string;
  expires_at: string;
  ended_at: string | null;
}

export interface SubjectPreferenceTable {
  subject_kind: string;
  subject_key: string;
  personalised_push: number;
  updated_at: string;
}

export interface AccountsTables {
  departments: DepartmentTable;
  accounts: AccountTable;
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  password_resets: PasswordResetTable;
  outbox_messages: OutboxMessageTable;
  window_visits: WindowVisitTable;
  subject_preferences: SubjectPreferenceTable;
}
