import { describe, expect, it } from 'vitest';
import { isTypingTarget, nextNavItem } from './roving.ts';

/** Elements at positions in document order; `inside` marks one as a descendant of another. */
function elements(count: number, inside: Record<number, number> = {}) {
  const body = { name: 'body' };
  const els = Array.from({ length: count }, (_, i) => ({
    i,
    ownerDocument: { body },
    compareDocumentPosition(other: unknown): number {
      const j = (other as { i: number }).i;
      if (inside[j] === i) return 4 | 16; // following, contained by
      if (inside[i] === j) return 2 | 8; // preceding, contains
      return j > i ? 4 : j < i ? 2 : 0;
    },
  }));
  return { els, body };
}

describe('window mode J/K navigation', () => {
  it('moves to the next and previous item in document order', () => {
    const { els } = elements(4);
    const items = [els[1]!, els[2]!, els[3]!];
    expect(nextNavItem(items, els[0]!, 1)).toBe(els[1]);
    expect(nextNavItem(items, els[1]!, 1)).toBe(els[2]);
    expect(nextNavItem(items, els[2]!, -1)).toBe(els[1]);
    expect(nextNavItem(items, els[3]!, 1)).toBeNull();
  });

  it('starts at the ends when nothing is focused', () => {
    const { els } = elements(3);
    expect(nextNavItem(els, null, 1)).toBe(els[0]);
    expect(nextNavItem(els, null, -1)).toBe(els[2]);
    expect(nextNavItem([], null, 1)).toBeNull();
  });

  it('skips the focused element’s own descendants (an article’s own heading link)', () => {
    // Element 0 is a focused article; element 1 is its heading link; element 2 is the next article's link.
    const { els } = elements(3, { 1: 0 });
    expect(nextNavItem([els[1]!, els[2]!], els[0]!, 1)).toBe(els[2]);
  });

  it('knows no shortcuts while typing', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget({} as EventTarget)).toBe(false);
    const inField = { closest: (sel: string) => (sel.includes('input') ? {} : null) };
    expect(isTypingTarget(inField as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ closest: () => null } as unknown as EventTarget)).toBe(false);
  });
});
