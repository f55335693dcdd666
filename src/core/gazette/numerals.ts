/**
 * Chinese numerals as printed in official documents: 第二十四条, 二〇二三年, （十二）.
 *
 * @example parseChineseNumber('二十四') === 24; parseChineseNumber('一百零五') === 105
 */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  Ｏ: 0,
  О: 0,
  O: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/** Parses 一 … 九千九百九十九, or ASCII digits. Returns null for anything else. */
export function parseChineseNumber(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (/^[0-9０-９]+$/.test(s)) return Number(toAsciiDigits(s));
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = UNITS[ch];
    if (unit === undefined) return null;
    // "十" alone at the start means 10 (十二 = 12).
    total += (digit ?? 1) * unit;
    digit = null;
  }
  return total + (digit ?? 0);
}

/** Digit-by-digit year such as 二〇二三 → 2023. */
export function parseChineseYear(text: string): number | null {
  if (/^[0-9０-９]{4}$/.test(text)) return Number(toAsciiDigits(text));
  let out = '';
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d === undefined) return null;
    out += String(d);
  }
  return out.length === 4 ? Number(out) : null;
}

/** 1 → 一, 24 → 二十四, 105 → 一百零五 (used to build labels such as 第二十四条). */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999)
    throw new RangeError(`cannot write ${n} in Chinese numerals`);
  const names = '零一二三四五六七八九';
  if (n < 10) return names[n]!;
  if (n < 20) return '十' + (n % 10 === 0 ? '' : names[n % 10]!);
  const parts: string[] = [];
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let pendingZero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (parts.length > 0) pendingZero = true;
      return;
    }
    if (pendingZero) parts.push('零');
    pendingZero = false;
    parts.push(names[d]! + units[i]!);
  });
  return parts.join('');
}

export function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** An article as people write it: 30, 三十 or 第三十条 → 30; anything else → null. */
export function parseArticleNumber(text: string): number | null {
  const n = parseChineseNumber(text.trim().replace(/^第|条$/g, ''));
  return n !== null && n >= 1 ? n : null;
}
