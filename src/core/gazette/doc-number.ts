/**
 * 文号 (document numbers), as laid down by GB/T 9704-2012 §7.2.4: 发文机关代字 + 〔年份〕 + 发文顺序号,
 * e.g. 聊政发〔2023〕3号. Prints also use [] 【】 () （） around the year; we normalise to 〔〕.
 * Government decrees are numbered differently: 青岛市人民政府令第280号.
 */
export interface DocNumber {
  /** Normalised text, e.g. 聊政发〔2023〕3号 */
  text: string;
  /** 发文机关代字, e.g. 聊政发 */
  prefix: string;
  year: number | null;
  serial: number;
}

const CJK = '\\u3400-\\u9fff';
const OPEN = '[〔\\[【(（]';
const CLOSE = '[〕\\]】)）]';
const REGULAR = `([${CJK}]{1,12})\\s*${OPEN}\\s*(\\d{4})\\s*${CLOSE}\\s*(\\d{1,5})\\s*号`;
const DECREE = `([${CJK}]{2,20}令)\\s*第\\s*(\\d{1,5})\\s*号`;

const REGULAR_LINE_RE = new RegExp(`^${REGULAR}$`);
const DECREE_LINE_RE = new RegExp(`^${DECREE}$`);

function regular(m: RegExpExecArray): DocNumber {
  const prefix = m[1]!;
  const year = Number(m[2]);
  const serial = Number(m[3]);
  return { text: `${prefix}〔${year}〕${serial}号`, prefix, year, serial };
}

/** A line that holds nothing but a 文号 (optionally followed by 签发人：…), as under a red head. */
export function parseDocNumberLine(line: string): DocNumber | null {
  const s = line
    .replace(/\s*签发人[:：].*$/, '')
    .replace(/\.{2,}.*$|…+.*$/, '')
    .trim();
  const m = REGULAR_LINE_RE.exec(s);
  if (m) return regular(m);
  const d = DECREE_LINE_RE.exec(s.replace(/\s+/g, ''));
  if (d) return { text: `${d[1]}第${Number(d[2])}号`, prefix: d[1]!, year: null, serial: Number(d[2]) };
  return null;
}

/** Normalises a 文号 written any common way to its canonical text, or returns null. */
export function normaliseDocNumber(text: string): string | null {
  return parseDocNumberLine(text.replace(/\s+/g, ''))?.text ?? null;
}
