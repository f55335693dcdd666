/** The tables of migration 0010-subject-data (reserved; filled in with the migration). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SubjectDataTables {}
