import { describe, expect, it } from 'vitest';
import { itemFilterQuery, parseItemFilter, withItemFilter } from './item-filters.ts';

describe('policy item filters in the URL', () => {
  it('keeps known values and drops the rest', () => {
    expect(parseItemFilter(new URLSearchParams('target=person&kind=奖补&mode=免申即享'))).toEqual({
      target: 'person',
      kind: '奖补',
      mode: '免申即享',
    });
    expect(parseItemFilter(new URLSearchParams('target=both&kind=补贴&mode='))).toEqual({});
  });

  it('writes one URL per filter, in one order, and round-trips', () => {
    const filter = withItemFilter(withItemFilter({}, 'mode', '依申请'), 'target', 'enterprise');
    expect(itemFilterQuery(filter)).toBe(`?target=enterprise&mode=${encodeURIComponent('依申请')}`);
    expect(parseItemFilter(new URLSearchParams(itemFilterQuery(filter)))).toEqual(filter);
    expect(itemFilterQuery(withItemFilter(filter, 'target', undefined))).toBe(
      `?mode=${encodeURIComponent('依申请')}`,
    );
    expect(itemFilterQuery({})).toBe('');
  });
});
