import {
  ARTICLE_RE,
  CHAPTER_RE,
  OUTLINE_CN_RE,
  OUTLINE_DIGIT_RE,
  OUTLINE_PAREN_CN_RE,
  OUTLINE_PAREN_DIGIT_RE,
  SECTION_RE,
  matchingClose,
  matchingOpen,
  splitTopLevel,
  squeezeCjkSpaces,
  type Para,
} from './lines.ts';
import { parseChineseNumber, toAsciiDigits, toChineseNumber } from './numerals.ts';
import type { Article, Chapter, Item, OutlineNode, Paragraph } from './types.ts';

export interface ArticleStructure {
  chapters: Chapter[];
  articles: Article[];
  /** Paragraphs before the first chapter or article (a decree's 公布令, a preface). */
  preface: Para[];
  /** Paragraphs after the last article that are not part of it (附件 lists). */
  trailing: Para[];
  warnings: string[];
}

const ITEM_LABEL = (n: number) => `（${toChineseNumber(n)}）`;

/**
 * 章 → 节 → 条 → 款 → 项 → 目, as GB/T 9704 and 《立法法》 lay them out. Article numbers must run on by one;
 * a paragraph that merely starts with "第N条" out of sequence is text, not a heading.
 */
export function parseArticles(paras: readonly Para[]): ArticleStructure {
  const chapters: Chapter[] = [];
  const articles: Article[] = [];
  const preface: Para[] = [];
  const trailing: Para[] = [];
  const warnings: string[] = [];
  let paragraph: Paragraph | null = null;

  for (const p of paras) {
    const chapter = CHAPTER_RE.exec(p.text);
    const chapterNo = chapter ? parseChineseNumber(chapter[1]!) : null;
    if (chapter && chapterNo === chapters.length + 1) {
      chapters.push({
        number: chapterNo,
        label: `第${toChineseNumber(chapterNo)}章`,
        title: squeezeCjkSpaces(chapter[2]!).replace(/[\s\u3000]+/g, ''),
        sections: [],
        source: { line: p.line, page: p.page },
      });
      paragraph = null;
      continue;
    }
    const section = SECTION_RE.exec(p.text);
    const sectionNo = section ? parseChineseNumber(section[1]!) : null;
    const currentChapter = chapters.at(-1);
    if (section && sectionNo !== null && currentChapter) {
      currentChapter.sections.push({
        number: sectionNo,
        label: `第${toChineseNumber(sectionNo)}节`,
        title: squeezeCjkSpaces(section[2]!).replace(/[\s\u3000]+/g, ''),
      });
      paragraph = null;
      continue;
    }
    const article = ARTICLE_RE.exec(p.text);
    const articleNo = article ? parseChineseNumber(article[1]!) : null;
    if (article && articleNo === articles.length + 1) {
      paragraph = { number: 1, text: article[2]!.trim(), items: [] };
      articles.push({
        number: articleNo,
        label: `第${toChineseNumber(articleNo)}条`,
        chapter: currentChapter?.number ?? null,
        section: currentChapter?.sections.at(-1)?.number ?? null,
        text: '',
        paragraphs: [paragraph],
        source: { line: p.line, page: p.page },
      });
      continue;
    }
    if (article && articleNo !== null && articleNo > articles.length + 1) {
      warnings.push(
        `第${p.line}行：条号不连续，${article[0].slice(0, 8)}… 之前缺少第${toChineseNumber(articles.length + 1)}条`,
      );
    }
    const current = articles.at(-1);
    if (!current) {
      preface.push(p);
      continue;
    }
    if (/^附件\s*[:：\d]/.test(p.text)) {
      trailing.push(p);
      continue;
    }
    if (trailing.length > 0) {
      trailing.push(p);
      continue;
    }
    const item = OUTLINE_PAREN_CN_RE.exec(p.text);
    const sub = OUTLINE_DIGIT_RE.exec(p.text) ?? OUTLINE_PAREN_DIGIT_RE.exec(p.text);
    if (item && paragraph) {
      const n = parseChineseNumber(item[1]!)!;
      paragraph.items.push({ number: n, label: ITEM_LABEL(n), text: item[2]!.trim(), subitems: [] });
    } else if (sub && paragraph && paragraph.items.length > 0) {
      const n = Number(toAsciiDigits(sub[1]!));
      paragraph.items.at(-1)!.subitems.push({ number: n, label: `${n}.`, text: sub[2]!.trim() });
    } else {
      paragraph = { number: current.paragraphs.length + 1, text: p.text, items: [] };
      current.paragraphs.push(paragraph);
    }
  }
  for (const a of articles) a.text = articleText(a.paragraphs);
  return { chapters, articles, preface, trailing, warnings };
}

function articleText(paragraphs: Paragraph[]): string {
  const lines: string[] = [];
  for (const p of paragraphs) {
    if (p.text) lines.push(p.text);
    for (const item of p.items) {
      lines.push(item.label + item.text);
      for (const s of item.subitems) lines.push(s.label + s.text);
    }
  }
  return lines.join('\n');
}

type Marker = 'cn' | 'paren-cn' | 'digit' | 'paren-digit';

function outlineMarker(text: string): { marker: Marker; number: number; rest: string } | null {
  const tries: [Marker, RegExp][] = [
    ['cn', OUTLINE_CN_RE],
    ['paren-cn', OUTLINE_PAREN_CN_RE],
    ['paren-digit', OUTLINE_PAREN_DIGIT_RE],
    ['digit', OUTLINE_DIGIT_RE],
  ];
  for (const [marker, re] of tries) {
    const m = re.exec(text);
    if (m) {
      const n = parseChineseNumber(toAsciiDigits(m[1]!));
      if (n !== null) return { marker, number: n, rest: m[2]!.trim() };
    }
  }
  return null;
}

const LABEL: Record<Marker, (n: number) => string> = {
  cn: (n) => `${toChineseNumber(n)}、`,
  'paren-cn': (n) => `（${toChineseNumber(n)}）`,
  digit: (n) => `${n}.`,
  'paren-digit': (n) => `（${n}）`,
};

/** The usual nesting in 公文 (GB/T 9704 §7.3.3): 一、 → （一） → 1. → （1）. */
const DEPTH: Record<Marker, number> = { cn: 1, 'paren-cn': 2, digit: 3, 'paren-digit': 4 };

const DEPARTMENT_NOTE_RE = /[（(]\s*(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门)\s*[:：]/g;

/**
 * Takes the department notes out of a task's text: "…（牵头单位：市工业和信息化局、市财政局）" or
 * "（牵头部门：市政府办公室；责任部门：…各县（市、区）人民政府…）". Department lists may hold brackets of their
 * own, so the note's end is found by bracket matching, not by a regular expression.
 */
export function extractDepartments(text: string): { text: string; lead: string[]; responsible: string[] } {
  const lead: string[] = [];
  const responsible: string[] = [];
  let rest = text;
  for (;;) {
    DEPARTMENT_NOTE_RE.lastIndex = 0;
    const m = DEPARTMENT_NOTE_RE.exec(rest);
    if (!m) break;
    const end = matchingClose(rest, m.index);
    if (end === null) break;
    const inner = rest.slice(m.index + 1, end - 1);
    // "牵头部门：A；责任部门：B，C" — split into labelled parts at the top level.
    for (const part of inner.split(/[；;](?=\s*(?:牵头|责任|配合)(?:单位|部门)\s*[:：])/)) {
      const label = /^\s*(牵头|责任|配合)(?:单位|部门)\s*[:：]\s*/.exec(part);
      if (!label) continue;
      const names = splitTopLevel(part.slice(label[0].length));
      (label[1] === '牵头' ? lead : responsible).push(...names);
    }
    rest = (rest.slice(0, m.index) + rest.slice(end)).trim();
  }
  // The other common form, at the end of a task: （省工业和信息化厅、省财政厅牵头，各市政府配合）.
  if (rest.endsWith('）') || rest.endsWith(')')) {
    const open = matchingOpen(rest, rest.length - 1);
    const inner = open === null ? '' : rest.slice(open + 1, -1);
    const m = /^(.+?)牵头(?:[，,；;、](.+?)(?:配合|参与|按职责分工负责|负责落实|负责|落实))?$/.exec(inner);
    if (open !== null && m) {
      lead.push(...splitTopLevel(m[1]!));
      if (m[2]) responsible.push(...splitTopLevel(m[2]));
      rest = rest.slice(0, open).trim();
    }
  }
  return { text: rest, lead, responsible };
}

/**
 * The 一、/（一）/1. outline of plan-style documents (方案, 意见), each task with its 牵头单位 kept as data.
 * Paragraphs without a marker belong to the node before them.
 */
export function parseOutline(paras: readonly Para[]): { outline: OutlineNode[]; preface: Para[] } {
  const roots: OutlineNode[] = [];
  const preface: Para[] = [];
  const stack: OutlineNode[] = [];
  let attachmentList = false;
  for (const p of paras) {
    // 附件：1. … 2. … closes the outline; its numbered lines are titles, not tasks.
    if (/^附件\s*[:：\d]/.test(p.text)) attachmentList = true;
    if (attachmentList) continue;
    const m = outlineMarker(p.text);
    if (m) {
      const depth = DEPTH[m.marker];
      while (stack.length > 0 && stack.at(-1)!.level >= depth) stack.pop();
      const { text, lead, responsible } = extractDepartments(m.rest);
      const { heading, body } = splitHeading(text);
      const node: OutlineNode = {
        level: depth,
        label: LABEL[m.marker](m.number),
        number: m.number,
        heading,
        text: body,
        leadDepartments: lead,
        responsibleDepartments: responsible,
        children: [],
        source: { line: p.line, page: p.page },
      };
      (stack.at(-1)?.children ?? roots).push(node);
      stack.push(node);
      continue;
    }
    const current = stack.at(-1);
    if (!current) {
      preface.push(p);
      continue;
    }
    const { text, lead, responsible } = extractDepartments(p.text);
    current.leadDepartments.push(...lead);
    current.responsibleDepartments.push(...responsible);
    if (text) current.text = current.text ? `${current.text}\n${text}` : text;
  }
  return { outline: roots, preface };
}

/** "完善数字基础设施。建设高质量…" → heading 完善数字基础设施; "总体要求" alone is all heading. */
function splitHeading(text: string): { heading: string | null; body: string } {
  if (text.length <= 30 && !/[，。；：、,;:]/.test(text)) return { heading: text || null, body: '' };
  const m = /^([^。；！？]{2,30})。/.exec(text);
  if (m && !/[（(]/.test(m[1]!)) return { heading: m[1]!, body: text.slice(m[0].length).trim() };
  return { heading: null, body: text };
}

/** Every node of an outline, depth first, with its path of labels (二、（一）). */
export function* walkOutline(
  nodes: readonly OutlineNode[],
  path = '',
): Generator<{ node: OutlineNode; path: string }> {
  for (const node of nodes) {
    const here = path + node.label;
    yield { node, path: here };
    yield* walkOutline(node.children, here);
  }
}

export type { Item };
