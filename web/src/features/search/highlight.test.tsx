import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlighted } from './Highlighted.tsx';
import { splitHighlights } from './highlight.ts';

describe('search snippet highlights', () => {
  it('marks the API ranges', () => {
    expect(
      splitHighlights('取得校车标牌的校车', [
        [2, 4],
        [7, 9],
      ]),
    ).toEqual([
      { text: '取得', mark: false },
      { text: '校车', mark: true },
      { text: '标牌的', mark: false },
      { text: '校车', mark: true },
    ]);
  });

  it('merges overlapping ranges, clips out-of-range ones and ignores malformed ones', () => {
    expect(splitHighlights('承储企业应当', [[2, 4], [0, 3], [5, 99], [4, 4], [1]])).toEqual(
      [
        { text: '承储企', mark: true },
        { text: '业', mark: true },
        { text: '应', mark: false },
        { text: '当', mark: true },
      ].reduce<{ text: string; mark: boolean }[]>((acc, s) => {
        const last = acc[acc.length - 1];
        if (last && last.mark === s.mark) last.text += s.text;
        else acc.push({ ...s });
        return acc;
      }, []),
    );
  });

  it('never loses or repeats text, whatever the ranges', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 50 }))),
        (text, ranges) => {
          expect(
            splitHighlights(text, ranges)
              .map((s) => s.text)
              .join(''),
          ).toBe(text);
        },
      ),
    );
  });

  it('renders document text as text: markup in a document is shown, never run', () => {
    const html = renderToStaticMarkup(
      <Highlighted text={'<script>alert(1)</script>校车'} highlights={[[25, 27]]} truncatedEnd />,
    );
    expect(html).toBe('&lt;script&gt;alert(1)&lt;/script&gt;<mark>校车</mark>…');
  });
});
