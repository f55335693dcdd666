import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  clearFilters,
  filterValue,
  parseSearchState,
  toApiFilters,
  toQueryString,
  toSearchParams,
  VALIDITY_VALUES,
  withFilter,
  withPage,
  withQuery,
  type SearchState,
} from './search-state.ts';

const parse = (qs: string) => parseSearchState(new URLSearchParams(qs));

describe('search state in the URL', () => {
  it('reads the query, filters and page', () => {
    expect(
      parse('q=校车&issuer=聊城市人民政府&kind=办法&year=2023&validity=in-force&level=市&page=3'),
    ).toEqual({
      q: '校车',
      issuer: '聊城市人民政府',
      kind: '办法',
      year: 2023,
      validity: 'in-force',
      level: '市',
      page: 3,
    });
  });

  it('drops values a hand-edited URL gets wrong, instead of failing the page', () => {
    expect(parse('q=%20校车%20&year=二〇二三&validity=maybe&level=乡&page=0')).toEqual({
      q: '校车',
      page: 1,
    });
    expect(parse('page=-2')).toEqual({ q: '', page: 1 });
    expect(parse('page=2.5')).toEqual({ q: '', page: 1 });
    expect(parse('year=1800')).toEqual({ q: '', page: 1 });
    expect(parse(`kind=${'很长'.repeat(10)}`)).toEqual({ q: '', page: 1 });
    expect(parse(`q=${'字'.repeat(150)}`).q).toHaveLength(100);
  });

  it('writes one canonical URL: fixed key order, defaults left out', () => {
    const state: SearchState = { q: '校车', page: 1, validity: 'in-force', issuer: '聊城市人民政府' };
    expect(toQueryString(state)).toBe(
      `?${new URLSearchParams([
        ['q', '校车'],
        ['issuer', '聊城市人民政府'],
        ['validity', 'in-force'],
      ]).toString()}`,
    );
    expect(toQueryString({ q: '', page: 1 })).toBe('');
    expect(toSearchParams({ q: '校车', page: 2 }).toString()).toBe('q=%E6%A0%A1%E8%BD%A6&page=2');
  });

  it('round-trips every state through the URL', () => {
    const state = fc.record(
      {
        q: fc.string({ maxLength: 100 }).map((s) => s.trim()),
        page: fc.integer({ min: 1, max: 10_000 }),
        issuer: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() === s && s.length > 0),
        kind: fc.constantFrom('办法', '通知', '意见', '方案'),
        year: fc.integer({ min: 1949, max: 2100 }),
        validity: fc.constantFrom(...VALIDITY_VALUES),
        level: fc.constantFrom('国家' as const, '省' as const, '市' as const, '县' as const),
      },
      { requiredKeys: ['q', 'page'] },
    );
    fc.assert(
      fc.property(state, (s) => {
        expect(parseSearchState(toSearchParams(s))).toEqual(s);
      }),
    );
  });

  it('goes back to page 1 when a filter or the query changes, and keeps filters on a new query', () => {
    const s: SearchState = { q: '校车', page: 4, kind: '办法' };
    expect(withFilter(s, 'validity', 'repealed')).toEqual({
      q: '校车',
      page: 1,
      kind: '办法',
      validity: 'repealed',
    });
    expect(withFilter(s, 'kind', undefined)).toEqual({ q: '校车', page: 1 });
    expect(withQuery(s, '  储备粮 ')).toEqual({ q: '储备粮', page: 1, kind: '办法' });
    expect(withPage(s, 0).page).toBe(1);
    expect(withPage(s, 7).page).toBe(7);
    expect(clearFilters({ ...s, year: 2023 })).toEqual({ q: '校车', page: 1 });
    expect(activeFilters({ ...s, year: 2023 })).toEqual(['kind', 'year']);
  });

  it('maps facet values from the API to filter values', () => {
    expect(filterValue('year', '2023')).toBe(2023);
    expect(filterValue('validity', 'expired')).toBe('expired');
    expect(filterValue('validity', 'gone')).toBeUndefined();
    expect(filterValue('issuer', '聊城市人民政府')).toBe('聊城市人民政府');
  });

  it('gives the API its parameters, with the page size', () => {
    expect(toApiFilters({ q: '校车', page: 2, validity: 'in-force' })).toEqual({
      page: 2,
      pageSize: 10,
      validity: 'in-force',
    });
  });
});
