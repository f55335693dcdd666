/** Messages of window visits and a data subject's own data; merged into the catalogue in zh-CN.ts. */
export const subjectMessages = {} as const;
