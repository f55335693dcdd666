/** The tables of migration 0009-jobs (reserved; filled in with the migration). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobsTables {}
