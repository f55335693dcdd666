/**
 * The state of a search or a browse of the library, kept in the URL so that it can be shared and bookmarked:
 * `/search?q=校车&validity=in-force&page=2`. Parsing is forgiving (a hand-edited URL with a bad value drops
 * that value instead of failing the page); writing is canonical (fixed key order, defaults left out), so one
 * state has one URL and one cache key.
 *
 * @example parseSearchState(new URLSearchParams('q=校车&page=2')) → { q: '校车', page: 2 }
 */

export const VALIDITY_VALUES = ['in-force', 'not-yet', 'expired', 'repealed', 'unknown'] as const;
export type Validity = (typeof VALIDITY_VALUES)[number];

export const LEVEL_VALUES = ['国家', '省', '市', '县'] as const;
export type Level = (typeof LEVEL_VALUES)[number];

export interface SearchFilters {
  issuer?: string;
  kind?: string;
  year?: number;
  validity?: Validity;
  level?: Level;
}

export interface SearchState extends SearchFilters {
  /** The query as typed, trimmed; empty on a browse without words. */
  q: string;
  /** 1-based. */
  page: number;
}

export type FilterKey = keyof SearchFilters;
export const FILTER_KEYS: readonly FilterKey[] = ['issuer', 'kind', 'year', 'validity', 'level'];

/** Limits of the API (src/features/library/library.schema.ts): longer values would be refused with a 400. */
export const MAX_QUERY_LENGTH = 100;
const MAX_ISSUER_LENGTH = 60;
const MAX_KIND_LENGTH = 10;
const MAX_PAGE = 10_000;

export const PAGE_SIZE = 10;

function text(raw: string | null, max: number): string | undefined {
  const v = raw?.trim();
  return v && v.length <= max ? v : undefined;
}

function integer(raw: string | null, min: number, max: number): number | undefined {
  if (raw === null || !/^\d{1,5}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n >= min && n <= max ? n : undefined;
}

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

export function parseSearchState(params: URLSearchParams): SearchState {
  const state: SearchState = {
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    page: integer(params.get('page'), 1, MAX_PAGE) ?? 1,
  };
  const issuer = text(params.get('issuer'), MAX_ISSUER_LENGTH);
  const kind = text(params.get('kind'), MAX_KIND_LENGTH);
  const year = integer(params.get('year'), 1949, 2100);
  const validity = oneOf(VALIDITY_VALUES, params.get('validity'));
  const level = oneOf(LEVEL_VALUES, params.get('level'));
  if (issuer !== undefined) state.issuer = issuer;
  if (kind !== undefined) state.kind = kind;
  if (year !== undefined) state.year = year;
  if (validity !== undefined) state.validity = validity;
  if (level !== undefined) state.level = level;
  return state;
}

/** Canonical query string: q first, then the filters in FILTER_KEYS order, then page when it is not 1. */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of FILTER_KEYS) {
    const v = state[key];
    if (v !== undefined && v !== '') params.set(key, String(v));
  }
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** `?q=…` (with the leading question mark), or the empty string. */
export function toQueryString(state: SearchState): string {
  const s = toSearchParams(state).toString();
  return s ? `?${s}` : '';
}

/** Sets or clears one filter; any change of filter goes back to the first page. */
export function withFilter<K extends FilterKey>(
  state: SearchState,
  key: K,
  value: SearchFilters[K] | undefined,
): SearchState {
  const next: SearchState = { ...state, page: 1 };
  delete next[key];
  return value === undefined ? next : { ...next, [key]: value };
}

/** A new query keeps the filters (the user narrowed the search on purpose) and starts at page 1. */
export function withQuery(state: SearchState, q: string): SearchState {
  return { ...state, q: q.trim().slice(0, MAX_QUERY_LENGTH), page: 1 };
}

export function withPage(state: SearchState, page: number): SearchState {
  return { ...state, page: Math.min(MAX_PAGE, Math.max(1, Math.trunc(page))) };
}

export function clearFilters(state: SearchState): SearchState {
  return { q: state.q, page: 1 };
}

export function activeFilters(state: SearchState): FilterKey[] {
  return FILTER_KEYS.filter((k) => state[k] !== undefined);
}

/** The filters as the API's query parameters (src/features/library/library.schema.ts `documentFilterQuery`). */
export function toApiFilters(state: SearchState): SearchFilters & { page: number; pageSize: number } {
  const out: SearchFilters & { page: number; pageSize: number } = { page: state.page, pageSize: PAGE_SIZE };
  for (const key of FILTER_KEYS) {
    if (state[key] !== undefined) Object.assign(out, { [key]: state[key] });
  }
  return out;
}

/** Facet values come back from the API as strings; year is a number in the state. */
export function filterValue(key: FilterKey, raw: string): SearchFilters[FilterKey] | undefined {
  switch (key) {
    case 'year':
      return integer(raw, 1949, 2100);
    case 'validity':
      return oneOf(VALIDITY_VALUES, raw);
    case 'level':
      return oneOf(LEVEL_VALUES, raw);
    case 'issuer':
      return text(raw, MAX_ISSUER_LENGTH);
    case 'kind':
      return text(raw, MAX_KIND_LENGTH);
  }
}

export function totalPages(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
