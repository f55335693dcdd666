import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export type { MessageKey };

/** One catalogue per locale; adding English is adding `en: enUS` here and a switch in the settings. */
const catalogues = { 'zh-CN': zhCN } satisfies Record<string, Messages>;
export type Locale = keyof typeof catalogues;

let current: Messages = catalogues['zh-CN'];

export function setLocale(locale: Locale): void {
  current = catalogues[locale];
}

export type MessageParams = Record<string, string | number>;

/**
 * Looks up a message and fills its `{name}` parameters. A parameter that was not given stays visible as
 * `{name}`, so a missing value is noticed rather than printed as "undefined".
 *
 * @example t('search.summary', { total: 54, documents: 1 }) → '找到 54 处条文，涉及 1 份文件'
 */
export function t(key: MessageKey, params?: MessageParams): string {
  const template = current[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Joins a list the Chinese way: 甲、乙、丙 */
export function list(items: readonly string[]): string {
  return items.join(t('common.separator'));
}
