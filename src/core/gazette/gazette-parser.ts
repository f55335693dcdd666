import { parseDocNumberLine } from './doc-number.ts';
import { parseDocumentLines, type DocumentContext } from './document-parser.ts';
import { GazetteParseError } from './errors.ts';
import {
  CONTINUED_FROM_RE,
  CONTINUED_ON_RE,
  endsSentence,
  squeezeCjkSpaces,
  toLines,
  type Line,
} from './lines.ts';
import { inferRegion } from '../codes/region.ts';
import { toAsciiDigits } from './numerals.ts';
import type { GazetteIssue, ParseResult, ParsedDocument, TocEntry } from './types.ts';

const DOT_LEADER_RE = /^(.*?)\s*(?:[.．·…⋯]{2,}|\s{2,})\s*([0-9０-９]{1,3})$/;
const ISSUE_NUMBER_RE =
  /第\s*([0-9０-９]+)\s*期\s*[（(]\s*总第\s*([0-9０-９]+)\s*期\s*[）)]|([0-9]{4})\s*年\s*第\s*([0-9０-９]+)\s*期/;

export interface ParseOptions {
  /** For PDF input: the 1-based page of each line. */
  pageOfLine?: readonly number[];
}

/**
 * Parses a gazette issue (公报) or a single document from its text.
 *
 * @example
 * const { issue, documents } = parseGazetteText(text);
 * documents.find((d) => d.docNumber === '聊政发〔2023〕3号')?.articles.length; // 40
 */
export function parseGazetteText(text: string, options: ParseOptions = {}): ParseResult {
  const lines = toLines(text, options.pageOfLine);
  if (lines.length === 0) throw new GazetteParseError('文件为空（只有空白）', null, null, 'empty');
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  if (cjk < 20) {
    throw new GazetteParseError(
      '不是中文公文：文本中几乎没有汉字',
      lines[0]!.line,
      lines[0]!.page,
      'not-a-document',
    );
  }
  const tocAt = lines.findIndex((l, i) => i < 200 && /^目\s*录$/.test(l.text));
  if (tocAt === -1) return parseSingle(lines);
  return parseIssue(lines, tocAt);
}

function parseSingle(lines: Line[]): ParseResult {
  const looksOfficial =
    lines
      .slice(0, 8)
      .some((l) => parseDocNumberLine(l.text) || /文件$|关于.+的(通知|意见|决定|批复|报告)$/.test(l.text)) ||
    lines.some((l) => /^第[一1]条/.test(l.text)) ||
    (lines.some((l) => /^[一二三四五六七八九十]+、/.test(l.text)) &&
      lines.some((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l.text)));
  if (!looksOfficial) {
    throw new GazetteParseError(
      '不是政府公文：开头没有文号、发文机关标志或"关于……的通知"式标题，正文也没有条款或成文日期',
      lines[0]!.line,
      lines[0]!.page,
      'not-a-document',
    );
  }
  const document = parseDocumentLines(lines);
  return { issue: null, documents: [document], warnings: [] };
}

function parseMasthead(lines: Line[], tocAt: number): Omit<GazetteIssue, 'toc'> {
  const head = lines.slice(0, tocAt);
  const titleLine = head.find((l) => /公报$/.test(l.text.replace(/\s+/g, '')));
  if (!titleLine)
    throw new GazetteParseError('公报封面缺少刊名（……公报）', lines[0]!.line, lines[0]!.page, 'structure');
  const title = titleLine.text.replace(/\s+/g, '');
  let year: number | null = null;
  let number: number | null = null;
  let totalNumber: number | null = null;
  for (const l of head) {
    const t = toAsciiDigits(l.text.replace(/\s+/g, ''));
    const m = ISSUE_NUMBER_RE.exec(t);
    if (m?.[1]) {
      number ??= Number(m[1]);
      totalNumber ??= Number(m[2]);
    } else if (m?.[3]) {
      year ??= Number(m[3]);
      number ??= Number(m[4]);
    }
    const total = /总第(\d+)期/.exec(t);
    if (total) totalNumber ??= Number(total[1]);
    if (year === null && /^\d{4}$/.test(t)) year = Number(t);
  }
  if (year === null || number === null) {
    throw new GazetteParseError(
      '公报封面缺少年份或期号（如"2023年第5期"）',
      titleLine.line,
      titleLine.page,
      'structure',
    );
  }
  const publisherLine = head.map((l) => l.text).find((t) => /^(主管主办|主办|编辑出版)[:：]/.test(t));
  const publisher = publisherLine?.replace(/^[^:：]+[:：]\s*/, '') ?? title.replace(/公报$/, '');
  return { title, publisher, year, number, totalNumber };
}

/** Reads 目录 entries: section lines (◎ 市政府文件), titles, and "文号..... page" or "title..... page" lines. */
function parseToc(lines: Line[], tocAt: number): { toc: TocEntry[]; end: number } {
  const toc: TocEntry[] = [];
  let section: string | null = null;
  let pending: string[] = [];
  let end = tocAt + 1;
  for (let i = tocAt + 1; i < lines.length; i++) {
    const t = lines[i]!.text;
    const leader = DOT_LEADER_RE.exec(t);
    if (leader) {
      const left = leader[1]!.trim();
      const page = Number(toAsciiDigits(leader[2]!));
      const dn = parseDocNumberLine(left);
      const title = dn ? pending.join('') : pending.join('') + left;
      toc.push({ section, title: squeezeCjkSpaces(title), docNumber: dn?.text ?? null, page });
      pending = [];
      end = i + 1;
      continue;
    }
    if (/^[◎●■◆]/.test(t)) {
      section = t.replace(/^[◎●■◆]\s*/, '');
      continue;
    }
    // The body starts where lines stop looking like a table of contents.
    if (pending.length >= 2 || t.length > 60) break;
    pending.push(t);
  }
  if (toc.length === 0)
    throw new GazetteParseError(
      '目录中没有可识别的条目',
      lines[tocAt]!.line,
      lines[tocAt]!.page,
      'structure',
    );
  return { toc, end };
}

/** Similarity of two titles, 0–1, on character bigrams (Dice): tolerant of 暂行 added or 的 dropped. */
export function titleSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const out = new Map<string, number>();
    const t = s.replace(/[\s（）()《》]/g, '');
    for (let i = 0; i < t.length - 1; i++) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of ga) {
    shared += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

interface Segment {
  entry: TocEntry;
  start: number;
  end: number;
}

/**
 * Finds where each table-of-contents entry starts in the body: by its 文号 line where it has one, else by the
 * line (or two lines) whose text is most like the entry's title.
 */
function locateDocuments(lines: Line[], bodyStart: number, toc: TocEntry[]): Segment[] {
  const starts: { entry: TocEntry; start: number }[] = [];
  let from = bodyStart;
  for (const entry of toc) {
    let start = -1;
    if (entry.docNumber) {
      const at = lines.findIndex((l, i) => i >= from && parseDocNumberLine(l.text)?.text === entry.docNumber);
      if (at !== -1) start = headerStart(lines, at, from);
    }
    if (start === -1) {
      let best = { score: 0, at: -1 };
      for (let i = from; i < lines.length; i++) {
        const one = lines[i]!.text;
        const two = one + (lines[i + 1]?.text ?? '');
        const score = Math.max(titleSimilarity(one, entry.title), titleSimilarity(two, entry.title));
        if (score > best.score) best = { score, at: i };
      }
      if (best.score < 0.6) {
        throw new GazetteParseError(
          `目录中的"${entry.title}"（第${entry.page}页）在正文中找不到`,
          lines[from]?.line ?? null,
          entry.page,
          'structure',
        );
      }
      start = headerStart(lines, best.at, from);
    }
    starts.push({ entry, start });
    from = start + 1;
  }
  return starts.map((s, k) => ({ ...s, end: starts[k + 1]?.start ?? lines.length }));
}

/** Walks back from a 文号 line over the red head ("聊城市人民政府文件") and a title printed above it. */
function headerStart(lines: Line[], at: number, floor: number): number {
  let start = at;
  while (start - 1 >= floor && at - (start - 1) <= 3) {
    const t = lines[start - 1]!.text;
    if (endsSentence(t) || /\d{4}年\d{1,2}月\d{1,2}日$/.test(t) || t.length > 60 || /[，。；]/.test(t)) break;
    start--;
  }
  return start;
}

interface Fragment {
  fromPage: number;
  lines: Line[];
}

/** Takes the (上接第N页) pieces out of a segment: they belong to the document printed on page N. */
function takeFragments(segment: Line[]): { own: Line[]; fragments: Fragment[] } {
  const own: Line[] = [];
  const fragments: Fragment[] = [];
  let current: Fragment | null = null;
  for (const line of segment) {
    const m = CONTINUED_FROM_RE.exec(line.text);
    if (m) {
      current = { fromPage: Number(toAsciiDigits(m[1]!)), lines: [] };
      fragments.push(current);
      const rest = line.text.slice(m[0].length);
      if (rest) current.lines.push({ ...line, text: rest });
      continue;
    }
    if (current) {
      const on = CONTINUED_ON_RE.exec(line.text);
      current.lines.push({ ...line, text: line.text.replace(CONTINUED_ON_RE, '') });
      if (on) current = null;
      continue;
    }
    own.push(line);
  }
  return { own, fragments };
}

function parseIssue(lines: Line[], tocAt: number): ParseResult {
  const masthead = parseMasthead(lines, tocAt);
  const { toc, end } = parseToc(lines, tocAt);
  const segments = locateDocuments(lines, end, toc);
  const warnings: string[] = [];
  if (segments[0] && segments[0].start > end) {
    const stray = lines.slice(end, segments[0].start);
    warnings.push(`第${stray[0]!.line}行：目录与第一篇文件之间有${stray.length}行无法归属的文字`);
  }
  const publisherRegion = inferRegion(masthead.publisher ?? masthead.title, null)?.regionCode ?? null;

  // Cut out the continued pieces first, then give each back to the document whose pages hold its page.
  const parts = segments.map((s) => ({ ...s, ...takeFragments(lines.slice(s.start, s.end)) }));
  const byPage = [...parts].sort((a, b) => a.entry.page - b.entry.page);
  for (const part of parts) {
    for (const fragment of part.fragments) {
      const owner = byPage.filter((p) => p.entry.page <= fragment.fromPage).at(-1);
      if (!owner || owner === part) {
        warnings.push(
          `第${fragment.lines[0]?.line ?? '?'}行："上接第${fragment.fromPage}页"的续文找不到所属文件，保留原位`,
        );
        part.own.push(...fragment.lines);
        continue;
      }
      insertContinuation(owner.own, fragment);
    }
  }

  const documents: ParsedDocument[] = parts.map((part) => {
    const ctx: DocumentContext = {
      page: part.entry.page,
      tocTitle: part.entry.title,
      region: publisherRegion,
    };
    const doc = parseDocumentLines(part.own, ctx);
    if (part.entry.docNumber && doc.docNumber !== part.entry.docNumber) {
      doc.warnings.push(`目录文号 ${part.entry.docNumber} 与正文文号 ${doc.docNumber ?? '（无）'} 不一致`);
    }
    return doc;
  });
  return { issue: { ...masthead, toc }, documents, warnings };
}

/**
 * Puts a continued piece back: at a (下转第N页) mark in its owner where there is one, joined mid-sentence;
 * else after the owner's last line.
 */
function insertContinuation(owner: Line[], fragment: Fragment): void {
  const markAt = owner.findIndex((l) => CONTINUED_ON_RE.test(l.text));
  if (markAt === -1) {
    owner.push(...fragment.lines);
    return;
  }
  const mark = owner[markAt]!;
  const [head, ...rest] = fragment.lines;
  const joined = { ...mark, text: mark.text.replace(CONTINUED_ON_RE, '') + (head?.text ?? '') };
  owner.splice(markAt, 1, joined, ...rest);
}
