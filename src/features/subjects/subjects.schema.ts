import { z } from 'zod';

/** Request and response shapes of a data subject's own settings. */

export const preferencesBody = z.object({
  personalisedPush: z.boolean().describe('是否接收根据本人（本企业）画像推送的政策信息'),
});
export type PreferencesInput = z.infer<typeof preferencesBody>;

export const preferencesView = z.object({
  personalisedPush: z.boolean(),
  /** Null until the subject first changes a setting (the defaults apply). */
  updatedAt: z.string().nullable(),
});
export type PreferencesView = z.infer<typeof preferencesView>;
