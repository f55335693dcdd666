/** The tables of migration 0008-document-lifecycle (reserved; filled in with the migration). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LifecycleTables {}
