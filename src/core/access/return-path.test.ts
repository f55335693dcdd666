import { describe, expect, it } from 'vitest';
import { MAX_RETURN_PATH, safeReturnPath } from './return-path.ts';

describe('safeReturnPath', () => {
  it('keeps a path on this site with its query and fragment', () => {
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/items/LC-XC-JSZG?tab=history#v2')).toBe('/items/LC-XC-JSZG?tab=history#v2');
    expect(safeReturnPath('/search?q=%E6%A0%A1%E8%BD%A6')).toBe('/search?q=%E6%A0%A1%E8%BD%A6');
  });

  it('normalises dot segments, which cannot climb above the root', () => {
    expect(safeReturnPath('/a/../b')).toBe('/b');
    expect(safeReturnPath('/../../etc')).toBe('/etc');
  });

  it.each([
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example/'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a tab the URL parser would drop', '/\t/evil.example'],
    ['a newline', '/items\n'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'items/1'],
    ['nothing', ''],
    ['an overlong path', `/${'a'.repeat(MAX_RETURN_PATH)}`],
  ])('refuses %s', (_, input) => {
    expect(safeReturnPath(input)).toBeNull();
  });
});
