import { parseChineseNumber, parseChineseYear, toAsciiDigits } from './numerals.ts';

/** An ISO calendar date, YYYY-MM-DD. */
export type IsoDate = string;

const NUM = '[0-9０-９〇零一二三四五六七八九十]';
/** 2023年5月5日, 2023 年 5 月 5 日, 二〇二三年五月五日 */
export const DATE_PATTERN = `(${NUM}{4})\\s*年\\s*(${NUM}{1,3})\\s*月\\s*(${NUM}{1,3})\\s*日`;
const DATE_RE = new RegExp(DATE_PATTERN);
const DATE_LINE_RE = new RegExp(`^[（(]?${DATE_PATTERN}[）)]?$`);

export function isoDate(year: number, month: number, day: number): IsoDate | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fromParts(y: string, m: string, d: string): IsoDate | null {
  const year = parseChineseYear(toAsciiDigits(y));
  const month = parseChineseNumber(m);
  const day = parseChineseNumber(d);
  if (year === null || month === null || day === null) return null;
  return isoDate(year, month, day);
}

/** The first date written in `text`, or null. */
export function findDate(text: string): IsoDate | null {
  const m = DATE_RE.exec(text);
  return m ? fromParts(m[1]!, m[2]!, m[3]!) : null;
}

/** A line that is only a date, as under a signature ("2023年5月5日", "二〇二二年三月一日"). */
export function parseDateLine(line: string): IsoDate | null {
  const m = DATE_LINE_RE.exec(line.replace(/\s+/g, ''));
  return m ? fromParts(m[1]!, m[2]!, m[3]!) : null;
}

/**
 * Adds whole years to a date and goes back one day: the last day of a validity of N years.
 * "有效期N年" counts from the effective date and ends the day before the N-th anniversary
 * (e.g. 2023-07-01 + 5 年 → 2028-06-30). A start of 29 February ends on 27 February or 28 February.
 */
export function validityEnd(from: IsoDate, years: number): IsoDate {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  // Date.UTC rolls 29 Feb into 1 Mar in a non-leap year; the anniversary is then 1 Mar and the end 28 Feb.
  anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return anniversary.toISOString().slice(0, 10);
}
