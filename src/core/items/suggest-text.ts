/**
 * The text plumbing of the 拆分为政策事项 suggestions (suggest.ts): where a piece of an article is (条, 款, 项),
 * its sentences and clauses with their offsets, and numbers as printed (三, 二十五, 12).
 *
 * @example
 * const piece = piecesOf(article30).find((p) => p.item === 1)!;
 * clausesOf(piece.text).map((c) => c.text);
 * // ['取得相应准驾车型驾驶证', '具有三年以上驾驶经历', '年龄在二十五周岁以上、不超过六十周岁']
 */
import { parseChineseNumber, toAsciiDigits } from '../gazette/numerals.ts';
import type { Article } from '../gazette/types.ts';
import type { Citation } from '../rules/types.ts';

/**
 * Where a suggestion's words are printed: the article (条), its paragraph (款) and item (项), and the characters
 * `start`–`end` of that paragraph's text, or of the item's text (without its label （一）) when `item` is given.
 */
export interface SourceSpan {
  article: number;
  paragraph: number;
  item?: number;
  start: number;
  end: number;
  /** The words themselves, exactly as the parser gives them. */
  quote: string;
}

/** A paragraph's own text, or one of its items. */
export interface Piece {
  article: number;
  paragraph: number;
  item?: number;
  text: string;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
}

/** Every paragraph text and every item text of an article, in print order. 目 (1. 2.) stay part of their 项. */
export function piecesOf(article: Article): Piece[] {
  const out: Piece[] = [];
  for (const p of article.paragraphs) {
    if (p.text) out.push({ article: article.number, paragraph: p.number, text: p.text });
    for (const i of p.items)
      out.push({ article: article.number, paragraph: p.number, item: i.number, text: i.text });
  }
  return out;
}

export function spanOf(piece: Piece, start: number, end: number): SourceSpan {
  const s: SourceSpan = { article: piece.article, paragraph: piece.paragraph, start, end, quote: '' };
  if (piece.item !== undefined) s.item = piece.item;
  s.quote = piece.text.slice(start, end);
  return s;
}

/** Stable for the same article text: the kind of suggestion and where its words start. */
export function idOf(kind: string, span: SourceSpan): string {
  return `${kind}-${span.article}-${span.paragraph}-${span.item ?? 0}-${span.start}`;
}

/**
 * How to cite a piece: 项 of the first 款 as 第三十条（一）, as quoteArticle reads them and as the items in
 * data/items cite them; 项 of a later 款, and a 款 of an article with more than one, with the 款
 * (第三条第二款（一）).
 */
export function citationOf(
  doc: string,
  article: Article,
  piece: Pick<Piece, 'paragraph' | 'item'>,
): Citation {
  const cite: Citation = { doc, article: article.number };
  if (piece.item !== undefined) {
    if (piece.paragraph !== 1) cite.paragraph = piece.paragraph;
    cite.items = [piece.item];
  } else if (article.paragraphs.length > 1) {
    cite.paragraph = piece.paragraph;
  }
  return cite;
}

/** Trims whitespace and the given characters from both ends of text[start, end). */
function trimmed(text: string, start: number, end: number, junk = /[\s\u3000，,；;。：:]/): Segment | null {
  while (start < end && junk.test(text[start]!)) start++;
  // "，且运营满2年": the conjunction is not part of the requirement.
  start += /^(?:并且|以及|同时|并|且)?/.exec(text.slice(start, end))![0].length;
  while (end > start && junk.test(text[end - 1]!)) end--;
  return start < end ? { start, end, text: text.slice(start, end) } : null;
}

/** Splits at the delimiters (kept out of the pieces), skipping any inside （）, 《》 or “”. */
function splitAt(text: string, isDelimiter: (i: number) => boolean): Segment[] {
  const out: Segment[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '(' || ch === '《' || ch === '“') depth++;
    else if ((ch === '）' || ch === ')' || ch === '》' || ch === '”') && depth > 0) depth--;
    if (i === text.length || (depth === 0 && isDelimiter(i))) {
      const seg = trimmed(text, from, i);
      if (seg) out.push(seg);
      from = i + 1;
    }
  }
  return out;
}

/** Sentences: up to 。；！？ */
export function sentencesOf(text: string): Segment[] {
  return splitAt(text, (i) => /[。；;！？]/.test(text[i]!));
}

/**
 * Clauses: sentences cut again at ，, and before 并/且 when a second requirement follows
 * ("取得…驾驶证并具有三年以上驾驶经历"). 、 does not cut: "二十五周岁以上、不超过六十周岁" is one clause.
 */
export function clausesOf(text: string): Segment[] {
  const out: Segment[] = [];
  for (const part of splitAt(text, (i) => /[。；;！？，,]/.test(text[i]!))) {
    let from = part.start;
    const re = /[并且](?=具有|具备|取得|持有|拥有|年满|符合|满足)/g;
    for (const m of part.text.matchAll(re)) {
      const at = part.start + m.index;
      const seg = trimmed(text, from, at);
      if (seg) out.push(seg);
      from = at + 1;
    }
    const seg = trimmed(text, from, part.end);
    if (seg) out.push(seg);
  }
  return out;
}

/** A number as printed: 25, ２５, 2.5, 二十五, 两. */
export const NUMBER = '[0-9０-９]+(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+';

export function toNumber(text: string): number | null {
  const ascii = toAsciiDigits(text);
  if (/^[0-9]+\.[0-9]+$/.test(ascii)) return Number(ascii);
  return parseChineseNumber(ascii);
}
