/** Messages of the item editor (split into items, rule builder, examples); merged into the catalogue in zh-CN.ts. */
export const editorMessages = {} as const;
