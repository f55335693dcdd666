import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticleNumber, parseChineseNumber, parseChineseYear, toChineseNumber } from './numerals.ts';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十四', 24],
    ['四十', 40],
    ['五十四', 54],
    ['一百', 100],
    ['一百零五', 105],
    ['一百二十', 120],
    ['两千零二十三', 2023],
    ['30', 30],
    ['３０', 30],
  ])('%s is %i', (text, n) => expect(parseChineseNumber(text)).toBe(n));

  it('refuses what is not a numeral', () => {
    expect(parseChineseNumber('')).toBeNull();
    expect(parseChineseNumber('第三')).toBeNull();
    expect(parseChineseNumber('三条')).toBeNull();
  });

  it('reads article numbers as people write them', () => {
    expect(['30', '三十', '第三十条'].map(parseArticleNumber)).toEqual([30, 30, 30]);
    expect(parseArticleNumber('第零条')).toBeNull();
    expect(parseArticleNumber('第三十款')).toBeNull();
  });

  it('reads digit-by-digit years', () => {
    expect(parseChineseYear('二〇二三')).toBe(2023);
    expect(parseChineseYear('二零二二')).toBe(2022);
    expect(parseChineseYear('2024')).toBe(2024);
    expect(parseChineseYear('二〇二')).toBeNull();
  });

  it('writes and reads back every number up to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (n) => parseChineseNumber(toChineseNumber(n)) === n),
    );
    expect(toChineseNumber(30)).toBe('三十');
    expect(toChineseNumber(105)).toBe('一百零五');
    expect(toChineseNumber(1010)).toBe('一千零一十');
  });
});
