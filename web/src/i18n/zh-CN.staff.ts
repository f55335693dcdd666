/** Messages of the staff console (sign-in, items editor, review); merged into the catalogue in zh-CN.ts. */
export const staffMessages = {} as const;
