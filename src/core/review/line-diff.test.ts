import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff.ts';

describe('lineDiff', () => {
  it('cuts two texts into runs of shared, removed and added lines, in reading order', () => {
    expect(lineDiff('第一条\n第二条 旧\n第三条\n', '第一条\n第二条 新\n第三条\n')).toEqual([
      { kind: 'same', text: '第一条\n' },
      { kind: 'removed', text: '第二条 旧\n' },
      { kind: 'added', text: '第二条 新\n' },
      { kind: 'same', text: '第三条\n' },
    ]);
  });

  it('gives one shared run for equal texts, and the whole text added when there was none', () => {
    expect(lineDiff('a\nb\n', 'a\nb\n')).toEqual([{ kind: 'same', text: 'a\nb\n' }]);
    expect(lineDiff('', 'a\n')).toEqual([{ kind: 'added', text: 'a\n' }]);
  });

  it('keeps every character: the runs of each side put together give back that side', () => {
    const before = '一\n二\n三\n四\n';
    const after = '一\n三\n三点五\n四\n五';
    const parts = lineDiff(before, after);
    const side = (drop: string) =>
      parts
        .filter((p) => p.kind !== drop)
        .map((p) => p.text)
        .join('');
    expect(side('added')).toBe(before);
    expect(side('removed')).toBe(after);
  });
});
