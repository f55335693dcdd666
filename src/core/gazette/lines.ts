import type { SourceRef } from './types.ts';

/** A non-empty line of the input, trimmed, with where it came from. */
export interface Line extends SourceRef {
  text: string;
}

/** A reflowed paragraph: lines joined back where a page break or a hard wrap cut them. */
export interface Para extends SourceRef {
  text: string;
}

const NUM = '[零〇一二两三四五六七八九十百千0-9０-９]+';
export const CHAPTER_RE = new RegExp(`^第(${NUM})章[\\s\\u3000]*(.*)$`);
export const SECTION_RE = new RegExp(`^第(${NUM})节[\\s\\u3000]*(.*)$`);
/** 第N条, followed by a space, a full-width space, or nothing at all ("第一条为完善…"). */
export const ARTICLE_RE = new RegExp(`^第(${NUM})条(?:[\\s\\u3000]+|(?=\\S)|$)(.*)$`);
/** 一、 */
export const OUTLINE_CN_RE = /^([一二三四五六七八九十]{1,3})[、．.]\s*(.*)$/;
/** （一） or (一) */
export const OUTLINE_PAREN_CN_RE = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.*)$/;
/** 1. 1、 1． — but not 1.3万个 */
export const OUTLINE_DIGIT_RE = /^([0-9０-９]{1,2})\s*[.．、](?![0-9０-９])\s*(.*)$/;
/** （1） or (1) */
export const OUTLINE_PAREN_DIGIT_RE = /^[（(]\s*([0-9０-９]{1,2})\s*[）)]\s*(.*)$/;
/** Lines that open a new paragraph in the 大事记, in lists and in attachments. */
const OTHER_START_RE =
  /^(——|△|▲|◎|附件\s*[:：\d]|[0-9]{1,2}(?:\s*[-—–至]\s*[0-9]{1,2})?日[，,]|（此件|\(此件)/;

/** The (上接第N页) mark that opens a continued piece of text. */
export const CONTINUED_FROM_RE = /^[（(]\s*上接第\s*([0-9０-９]+)\s*页\s*[）)]\s*/;
/** The (下转第N页) mark at the end of a piece of text that goes on elsewhere. */
export const CONTINUED_ON_RE = /\s*[（(]\s*下转第\s*([0-9０-９]+)\s*页\s*[）)]\s*$/;

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). Chinese official text
 * never needs them, and one U+202E displays everything after it reversed, in titles, breadcrumbs and search
 * hits alike (the "Trojan Source" trick, CVE-2021-42574). Unicode UAX #9 §2.
 */
const BIDI_CONTROLS_RE = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Splits text into non-empty, trimmed lines. Extraction tools write list bullets ("- （一）…") that the print
 * doesn't have; they are dropped, and so are bidirectional controls (above).
 */
export function toLines(text: string, pageOfLine?: readonly number[]): Line[] {
  const out: Line[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const t = raw
      .replace(BIDI_CONTROLS_RE, '')
      .replace(/[\u00a0\u2002\u2003\u2009]/g, ' ')
      .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
      .replace(/^[-•·*]\s+(?=[（(第0-9一二三四五六七八九十])/, '');
    if (t !== '') out.push({ text: t, line: i + 1, page: pageOfLine?.[i] ?? null });
  });
  return out;
}

export function isStructuralStart(text: string): boolean {
  return (
    CHAPTER_RE.test(text) ||
    SECTION_RE.test(text) ||
    ARTICLE_RE.test(text) ||
    OUTLINE_CN_RE.test(text) ||
    OUTLINE_PAREN_CN_RE.test(text) ||
    OUTLINE_DIGIT_RE.test(text) ||
    OUTLINE_PAREN_DIGIT_RE.test(text) ||
    OTHER_START_RE.test(text) ||
    CONTINUED_FROM_RE.test(text)
  );
}

const TERMINAL = new Set(['。', '！', '？', '；', '：', '…', '!', '?', ';', ':']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '】', '》']);

/**
 * Whether a paragraph ends where a sentence ends. A trailing bracket counts when it closes a note such as
 * （牵头单位：…） or （略）, or follows a terminal mark (…完成。）).
 */
export function endsSentence(text: string): boolean {
  const last = text.at(-1);
  if (last === undefined) return true;
  if (TERMINAL.has(last)) return true;
  if (!CLOSERS.has(last)) return false;
  const beforeCloser = text.at(-2);
  if (beforeCloser !== undefined && TERMINAL.has(beforeCloser)) return true;
  if (last === '）' || last === ')') {
    const open = matchingOpen(text, text.length - 1);
    if (open === null) return false;
    const inner = text.slice(open + 1, -1);
    return /^(牵头|责任|配合|主办|协办|略|此件)/.test(inner) || open === 0;
  }
  return false;
}

/** Index of the bracket that opens the one closing at `close`, or null. */
export function matchingOpen(text: string, close: number): number | null {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = text[i];
    if (c === '）' || c === ')') depth++;
    else if (c === '（' || c === '(') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return null;
}

/** Index just after the bracket that closes the one opening at `open`, or null. */
export function matchingClose(text: string, open: number): number | null {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return null;
}

/** Splits a list such as "市工业和信息化局、各县（市、区）人民政府，市财政局" at top-level separators only. */
export function splitTopLevel(text: string, separators = '、，,；;'): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '（' || c === '(') depth++;
    if (c === '）' || c === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.includes(c)) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Joins two pieces of one sentence: no space between CJK, one space between Latin words. */
export function joinPieces(a: string, b: string): string {
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

/** Removes the print's spacing between Chinese characters: "第五章 动 用" → 动用, "的 通 知" → 的通知. */
export function squeezeCjkSpaces(text: string): string {
  return text.replace(/(?<=[\u3400-\u9fff（）〔〕《》、，])[\s\u3000]+(?=[\u3400-\u9fff（）〔〕《》])/g, '');
}

const PUNCT_RE = /[，。；：、,;:！？!?]/;

/** A short outline heading with no punctuation: "一、总体要求", "（一）指导思想". */
export function isOutlineHeading(text: string): boolean {
  const m = OUTLINE_CN_RE.exec(text) ?? OUTLINE_PAREN_CN_RE.exec(text);
  return m !== null && m[2]!.length <= 30 && !PUNCT_RE.test(m[2]!);
}

export type ReflowMode = 'articles' | 'outline' | 'plain';

/**
 * Puts back together the paragraphs that page breaks and hard wraps cut: "…储备粮经" / "营管理…" reads
 * "经营管理", "…总量计划的" / "70%。" reads "计划的70%。". A line joins the paragraph before it unless that
 * paragraph ended a sentence, was a heading, or the line opens a new structural unit (第N条, （一）, …).
 */
export function reflow(lines: readonly Line[], mode: ReflowMode): Para[] {
  const out: Para[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    const isHeading =
      prev !== undefined &&
      (CHAPTER_RE.test(prev.text) ||
        SECTION_RE.test(prev.text) ||
        (mode === 'outline' && isOutlineHeading(prev.text)));
    if (prev && !isHeading && !endsSentence(prev.text) && !isStructuralStart(line.text)) {
      prev.text = joinPieces(prev.text, line.text);
    } else {
      out.push({ text: line.text, line: line.line, page: line.page });
    }
  }
  return out;
}
