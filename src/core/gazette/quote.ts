/**
 * The words of a document that a policy item or a condition cites: an article narrowed to a paragraph (款) and
 * items (项), or an outline section of a plan-style document ("四、（三）"). Explanations show these next to each
 * condition, so that a reader sees the rule's source text, not only its number.
 *
 * @example
 * quoteArticle(article30, { items: [2] }); // "（二）最近连续三个记分周期内没有被记满分记录；"
 * findOutlineSection(outline, '四、（三）')?.text;
 */
import type { Article, OutlineNode } from './types.ts';

export function quoteArticle(
  article: Article,
  cite: { paragraph?: number; items?: readonly number[] },
): string {
  const paragraphs =
    cite.paragraph !== undefined
      ? article.paragraphs.filter((p) => p.number === cite.paragraph)
      : cite.items
        ? // 项 without 款: the paragraph that has items (the first one, as in 第三十条).
          article.paragraphs.filter((p) => p.items.length > 0).slice(0, 1)
        : article.paragraphs;
  if (paragraphs.length === 0) return article.text;
  const [from, to] = cite.items ? [cite.items[0]!, cite.items[cite.items.length - 1]!] : [null, null];
  return paragraphs
    .map((p) => {
      if (from === null || p.items.length === 0) {
        return [p.text, ...p.items.map((i) => `${i.label}${i.text}`)].join('\n');
      }
      const chosen = p.items.filter((i) => i.number >= from && i.number <= to);
      return chosen.map((i) => `${i.label}${i.text}`).join('\n');
    })
    .join('\n');
}

/** "四、（三）" → the node 四、 then its child （三）. Labels compare without spaces and with full-width brackets. */
export function findOutlineSection(outline: readonly OutlineNode[], section: string): OutlineNode | null {
  const norm = (s: string) => s.replace(/\s/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
  const parts = norm(section).match(
    /[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d+[.．]|（\d+）/g,
  );
  if (!parts) return null;
  let level: readonly OutlineNode[] = outline;
  let found: OutlineNode | null = null;
  for (const part of parts) {
    found = level.find((n) => norm(n.label) === part) ?? null;
    if (!found) return null;
    level = found.children;
  }
  return found;
}
