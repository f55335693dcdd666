import { toChineseNumber as chineseNumber } from '../../../../src/core/gazette/numerals.ts';
import type { Citation } from '../../api/items.ts';

/**
 * 1 → 一, 24 → 二十四, 105 → 一百零五: article and item numbers as printed. The server's own function: it is pure
 * (no imports), so the portal bundles the same code rather than a copy.
 */
export { chineseNumber };

/** `{ doc, article: 30, items: [1] }` → '聊政字〔2023〕9号 第三十条（一）', as the server renders item citations. */
export function citationText(cite: Citation): string {
  if (cite.article === undefined) return `${cite.doc} ${cite.section ?? ''}`.trim();
  let out = `第${chineseNumber(cite.article)}条`;
  if (cite.paragraph !== undefined) out += `第${chineseNumber(cite.paragraph)}款`;
  if (cite.items) {
    out += `（${chineseNumber(cite.items[0])}）`;
    if (cite.items.length === 2) out += `至（${chineseNumber(cite.items[1])}）`;
  }
  return `${cite.doc} ${out}`;
}

const ARTICLE = /^第[零〇一二两三四五六七八九十百千]+条/;

/**
 * The anchor the document page gives the cited part (features/documents/anchors.ts): an article's label
 * (第三十条, also for 第三十条（二） and 第三十条第二款), or an outline section's labels without punctuation
 * (三、（三） → 三（三）). Takes a citation as printed ('聊政字〔2023〕9号 第三十条（二）') or as data.
 */
export function citationAnchor(cite: string | Citation): string | null {
  if (typeof cite !== 'string') {
    if (cite.article !== undefined) return `第${chineseNumber(cite.article)}条`;
    return cite.section ? sectionAnchor(cite.section) : null;
  }
  const space = cite.indexOf(' ');
  const part = space >= 0 ? cite.slice(space + 1).trim() : '';
  if (!part) return null;
  return ARTICLE.exec(part)?.[0] ?? sectionAnchor(part);
}

function sectionAnchor(section: string): string {
  return section.replace(/[、.．\s]/g, '');
}

/** '聊政字〔2023〕9号 第三十条（二）' → '聊政字〔2023〕9号' */
export function citationDoc(cite: string): string {
  const space = cite.indexOf(' ');
  return space >= 0 ? cite.slice(0, space) : cite;
}

/** The document page at the cited part: '/documents/5#第三十条'. */
export function citationPath(documentId: number, anchor: string | null): string {
  return `/documents/${documentId}${anchor ? `#${anchor}` : ''}`;
}

/**
 * Document ids by 文号, from the quotes an item detail carries: materials and process steps cite articles
 * without a quote of their own, but always of a document the item's basis or conditions quote.
 */
export function documentIdsByNumber(detail: {
  basis: { doc: string; quote: { documentId: number } | null }[];
  conditions: ConditionLike;
}): Map<string, number> {
  const ids = new Map<string, number>();
  for (const b of detail.basis) if (b.quote) ids.set(b.doc, b.quote.documentId);
  const walk = (c: ConditionLike) => {
    if (c.cite && c.quote) ids.set(citationDoc(c.cite), c.quote.documentId);
    c.children?.forEach(walk);
  };
  walk(detail.conditions);
  return ids;
}

interface ConditionLike {
  cite?: string;
  quote?: { documentId: number } | null;
  children?: ConditionLike[];
}
