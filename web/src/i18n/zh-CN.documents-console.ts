/** Messages of the staff console's documents (ingest, correction, repeal); merged into the catalogue in zh-CN.ts. */
export const documentsConsoleMessages = {} as const;
