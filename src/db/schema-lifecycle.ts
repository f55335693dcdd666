import type { Generated } from 'kysely';

/**
 * The tables of migration 0008-document-lifecycle: repeals requested by editors and decided by reviewers. The
 * columns it adds to documents, document versions and items are in schema.ts.
 */
export interface RepealTable {
  id: Generated<number>;
  /** document | item */
  target_kind: string;
  /** The document's id (as text), or the item's code. */
  target_key: string;
  reason: string;
  /** The repealing document's 文号, normalised. */
  repealed_by: string;
  /** The repealing document, when the library holds it. */
  repealed_by_document_id: number | null;
  /** YYYY-MM-DD: from this day the document or item is no longer in force. */
  repealed_on: string;
  /** submitted | approved | rejected */
  state: string;
  requested_by: number | null;
  requested_by_name: string;
  department_id: number | null;
  requested_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  comment: string | null;
}

export interface LifecycleTables {
  repeals: RepealTable;
}
