import type { AccountsTables } from './schema-accounts.ts';
import type { AuditTables } from './schema-audit.ts';
import type { CalendarTables } from './schema-calendar.ts';
import type { JobsTables } from './schema-jobs.ts';
import type { LifecycleTables } from './schema-lifecycle.ts';
import type { SubjectDataTables } from './schema-subject-data.ts';
import type { ColumnType, Generated } from 'kysely';

/** Dates are ISO text (YYYY-MM-DD) on both backends: they compare as strings and need no time zone. */
type IsoDate = string;
/** JSON is stored as text on both backends and parsed in repositories. */
type JsonText = string;
type Timestamp = ColumnType<string, string | undefined, string>;

export interface GazetteIssueTable {
  id: Generated<number>;
  title: string;
  publisher: string | null;
  year: number;
  number: number;
  total_number: number | null;
  toc: JsonText;
  content_hash: string;
  source_name: string;
  ingested_at: Timestamp;
}

export interface DocumentTable {
  id: Generated<number>;
  /** What identifies a document across versions: its 文号, or for one without, title + issuer. */
  doc_key: string;
  doc_number: string | null;
  title: string;
  toc_title: string | null;
  issuers: JsonText;
  addressees: JsonText;
  kind: string;
  issued_on: IsoDate | null;
  issued_year: number | null;
  effective_from: IsoDate | null;
  effective_until: IsoDate | null;
  validity_basis: string;
  validity_clause: string | null;
  repealed_on: IsoDate | null;
  level: string | null;
  region_code: string | null;
  issue_id: number | null;
  page: number | null;
  attachments: JsonText;
  current_version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The department that maintains it (谁制定、谁更新); null for content the platform loaded. */
  owner_department_id: Generated<number | null>;
  /** When it first became public; null while an editor's new document waits for approval (0008). */
  published_at: Generated<string | null>;
  /** Repeal (废止), once approved: why, and the repealing document's 文号 and id (0008). */
  repeal_reason: Generated<string | null>;
  repealed_by: Generated<string | null>;
  repealed_by_document_id: Generated<number | null>;
}

export interface DocumentIssuerTable {
  document_id: number;
  issuer: string;
}

export interface DocumentVersionTable {
  id: Generated<number>;
  document_id: number;
  version: number;
  content_hash: string;
  /** The whole ParsedDocument of this version, as JSON. */
  parsed: JsonText;
  source_name: string;
  issue_id: number | null;
  ingested_at: Timestamp;
  /**
   * 上线审查 (0008): the author, the review state (draft | submitted | rejected | approved; null = loaded by the
   * platform, public on arrival), the version a correction corrects, and its note.
   */
  author_id: Generated<number | null>;
  review_state: Generated<string | null>;
  base_version: Generated<number | null>;
  note: Generated<string | null>;
}

export interface ArticleTable {
  id: Generated<number>;
  document_id: number;
  number: number;
  label: string;
  chapter_number: number | null;
  chapter_title: string | null;
  text: string;
  paragraphs: JsonText;
}

export interface CitationTable {
  id: Generated<number>;
  document_id: number;
  title: string | null;
  doc_number: string | null;
  cited_document_id: number | null;
}

/** The unit of search: an article, an outline section, or the body of a document that has neither. */
export interface PassageTable {
  id: Generated<number>;
  document_id: number;
  article_number: number | null;
  /** 第三十条, 二、（一）, or null for a whole body. */
  ref: string | null;
  heading: string | null;
  text: string;
  seg_body: string;
  seg_heading: string;
  seg_title: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface PolicyItemTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  target: string;
  mode: string;
  /** draft | published | suspended | expired */
  status: string;
  lead_department: string;
  stacking_group: string | null;
  current_version: number;
  created_at: string;
  updated_at: string;
  /** The department that maintains it (谁制定、谁更新); null for content the platform loaded. */
  owner_department_id: Generated<number | null>;
  /** What the public reads; the latest version may be a revision under review. */
  published_version: Generated<number | null>;
  /** Repeal (废止), once approved (0008). */
  repealed_on: Generated<string | null>;
  repeal_reason: Generated<string | null>;
  repealed_by: Generated<string | null>;
  repealed_by_document_id: Generated<number | null>;
}

export interface PolicyItemVersionTable {
  item_id: number;
  version: number;
  status: string;
  definition: JsonText;
  content_hash: string;
  note: string | null;
  created_at: string;
  author_id: Generated<number | null>;
  /** draft | submitted | rejected | approved; null for versions stored before review existed. */
  review_state: Generated<string | null>;
}

export interface ReviewEventTable {
  id: Generated<number>;
  target_kind: string;
  target_key: string;
  version: number;
  action: string;
  actor_id: number | null;
  actor_name: string;
  department_id: number | null;
  comment: string | null;
  at: string;
}

export interface ItemCitationTable {
  item_id: number;
  version: number;
  doc_number: string;
  article_number: number | null;
  section: string | null;
  condition_id: string | null;
}

export interface ProfileTable {
  id: Generated<number>;
  kind: string;
  subject_key: string;
  name: string;
  region: string | null;
  facts: JsonText;
  /** 1 for the fictional sample profiles shipped in data/profiles. */
  is_sample: number;
  created_at: string;
  updated_at: string;
}

export interface RuleParameterTable {
  id: string;
  definition: JsonText;
  updated_at: string;
}

export interface Database
  extends AccountsTables, AuditTables, CalendarTables, LifecycleTables, JobsTables, SubjectDataTables {
  zct_meta: MetaTable;
  gazette_issues: GazetteIssueTable;
  documents: DocumentTable;
  document_issuers: DocumentIssuerTable;
  document_versions: DocumentVersionTable;
  articles: ArticleTable;
  citations: CitationTable;
  passages: PassageTable;
  policy_items: PolicyItemTable;
  policy_item_versions: PolicyItemVersionTable;
  item_citations: ItemCitationTable;
  profiles: ProfileTable;
  rule_parameters: RuleParameterTable;
  review_events: ReviewEventTable;
}
