/**
 * What migration 0010-subject-data adds: a column of `window_visits` (declared in schema-accounts.ts with the
 * table, and extended here so that the migration and its type change together).
 */
declare module './schema-accounts.ts' {
  interface WindowVisitTable {
    /** The purpose stated when the visit started (办理事项), or null; each read may state its own. */
    purpose: string | null;
  }
}

/** No new tables: subject_preferences (0004) already holds the push preference. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SubjectDataTables {}
