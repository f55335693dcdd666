import type { Article, Chapter, OutlineNode } from '../../api/client.ts';

/**
 * Anchors inside a document. An article's anchor is its own label, so a link reads as it is cited:
 * `/documents/5#第三十条`. A chapter's is its label (第五章); an outline heading's is the path of its labels
 * without punctuation (二（三）), so that (一) under 一、 and (一) under 二、 differ.
 */
export function articleAnchor(article: Pick<Article, 'label'>): string {
  return article.label;
}

export function chapterAnchor(chapter: Pick<Chapter, 'label'>): string {
  return chapter.label;
}

export function sectionAnchor(chapter: Pick<Chapter, 'label'>, section: { label: string }): string {
  return chapter.label + section.label;
}

export function outlineAnchor(parent: string, node: Pick<OutlineNode, 'label'>): string {
  return parent + node.label.replace(/[、.．\s]/g, '');
}

/** '#%E7%AC%AC…' or '#第三十条' → '第三十条'; null for no hash or one that does not decode. */
export function decodeHash(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

export interface TocEntry {
  id: string;
  label: string;
  title: string | null;
  children: TocEntry[];
}

interface Structured {
  chapters: Chapter[];
  articles: Article[];
  outline: OutlineNode[];
}

/** The first words of an article, to tell articles apart in a table of contents. */
export function articleGist(article: Pick<Article, 'text'>, max = 18): string {
  const first = article.text.split('\n')[0] ?? '';
  return first.length > max ? `${first.slice(0, max)}…` : first;
}

function articleEntry(a: Article): TocEntry {
  return { id: articleAnchor(a), label: a.label, title: articleGist(a), children: [] };
}

/**
 * The table of contents by structure: chapters (and their sections) with their articles; articles alone when
 * there are no chapters; the first two levels of an outline (一、 and （一）) for plans and opinions.
 */
export function buildToc(doc: Structured): TocEntry[] {
  if (doc.chapters.length > 0) {
    const loose = doc.articles.filter((a) => a.chapter === null).map(articleEntry);
    return [
      ...loose,
      ...doc.chapters.map((c) => {
        const inChapter = doc.articles.filter((a) => a.chapter === c.number);
        const children =
          c.sections.length > 0
            ? [
                ...inChapter.filter((a) => a.section === null).map(articleEntry),
                ...c.sections.map((s) => ({
                  id: sectionAnchor(c, s),
                  label: s.label,
                  title: s.title,
                  children: inChapter.filter((a) => a.section === s.number).map(articleEntry),
                })),
              ]
            : inChapter.map(articleEntry);
        return { id: chapterAnchor(c), label: c.label, title: c.title, children };
      }),
    ];
  }
  if (doc.articles.length > 0) return doc.articles.map(articleEntry);
  return doc.outline.map((n) => {
    const id = outlineAnchor('', n);
    return {
      id,
      label: n.label,
      title: n.heading,
      children: n.children
        .filter((c) => c.heading)
        .map((c) => ({ id: outlineAnchor(id, c), label: c.label, title: c.heading, children: [] })),
    };
  });
}

/** Every anchor the body renders (DocumentBody), to tell a link to 第九十九条 that names nothing. */
export function allAnchors(doc: Structured): Set<string> {
  const ids = new Set<string>();
  for (const a of doc.articles) ids.add(articleAnchor(a));
  for (const c of doc.chapters) {
    ids.add(chapterAnchor(c));
    for (const s of c.sections) ids.add(sectionAnchor(c, s));
  }
  const walk = (nodes: OutlineNode[], parent: string) => {
    for (const n of nodes) {
      const id = outlineAnchor(parent, n);
      ids.add(id);
      walk(n.children, id);
    }
  };
  walk(doc.outline, '');
  return ids;
}

/** Every anchor in the table of contents, depth first, for checks and for keyboard navigation. */
export function tocIds(entries: TocEntry[]): string[] {
  return entries.flatMap((e) => [e.id, ...tocIds(e.children)]);
}
