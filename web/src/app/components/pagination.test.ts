import { describe, expect, it } from 'vitest';
import { pageWindow } from './Pagination.tsx';

describe('pagination', () => {
  it('shows the ends and the pages around the current one, with gaps', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 6)).toEqual([1, 2, 3, null, 6]);
    expect(pageWindow(5, 6)).toEqual([1, null, 3, 4, 5, 6]);
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageWindow(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
