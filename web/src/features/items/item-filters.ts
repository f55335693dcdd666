import type { ItemFilter } from '../../api/item-queries.ts';
import { ITEM_KINDS, ITEM_MODES, TARGETS } from './format.ts';

/**
 * The policy-item list's filters in the URL: `/items?target=enterprise&kind=奖补&mode=依申请`. Unknown values
 * are dropped (a hand-edited URL shows everything rather than an error); written in one order, so one filter
 * has one URL and one cache key.
 */
export const FILTER_KEYS = ['target', 'kind', 'mode'] as const;
export type ItemFilterKey = (typeof FILTER_KEYS)[number];

export const FILTER_VALUES: Record<ItemFilterKey, readonly string[]> = {
  target: TARGETS,
  kind: ITEM_KINDS,
  mode: ITEM_MODES,
};

export function parseItemFilter(params: URLSearchParams): ItemFilter {
  const filter: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const raw = params.get(key);
    if (raw !== null && FILTER_VALUES[key].includes(raw)) filter[key] = raw;
  }
  return filter;
}

/** '?target=enterprise&kind=奖补', or '' for no filter. */
export function itemFilterQuery(filter: ItemFilter): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filter[key];
    if (v !== undefined) params.set(key, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function withItemFilter(
  filter: ItemFilter,
  key: ItemFilterKey,
  value: string | undefined,
): ItemFilter {
  const next: Record<string, string | undefined> = { ...filter, [key]: value };
  if (value === undefined) delete next[key];
  return next;
}
