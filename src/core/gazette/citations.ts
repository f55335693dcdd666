import { normaliseDocNumber } from './doc-number.ts';
import { matchingClose } from './lines.ts';
import type { Citation } from './types.ts';

/**
 * The documents a text cites: 《title》, with the （文号） that follows it where there is one, and bare
 * （文号） citations. Abbreviations that the text defines (以下简称《条例》) are skipped: they repeat a citation.
 */
export function findCitations(text: string, exclude: readonly string[] = []): Citation[] {
  const skip = new Set(exclude.map(normaliseTitle));
  const abbreviations = new Set([...text.matchAll(/简称\s*《([^《》]{1,12})》/g)].map((m) => m[1]!));
  const out: Citation[] = [];
  const push = (c: Citation) => {
    const same = out.find(
      (o) =>
        (c.title !== null && o.title === c.title) || (c.docNumber !== null && o.docNumber === c.docNumber),
    );
    if (same) {
      same.docNumber ??= c.docNumber;
      same.title ??= c.title;
    } else out.push(c);
  };
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('《', i);
    const paren = text.slice(i).search(/[（(][^（()）]{0,16}〔\d{4}〕\d+号[）)]/);
    const parenAt = paren === -1 ? -1 : i + paren;
    if (open === -1 && parenAt === -1) break;
    if (open !== -1 && (parenAt === -1 || open < parenAt)) {
      const close = closingTitle(text, open);
      if (close === -1) break;
      const title = normaliseTitle(text.slice(open + 1, close));
      let next = close + 1;
      let docNumber: string | null = null;
      if (text[next] === '（' || text[next] === '(') {
        const end = matchingClose(text, next);
        if (end !== null) {
          docNumber = normaliseDocNumber(text.slice(next + 1, end - 1));
          if (docNumber) next = end;
        }
      }
      if (title && !skip.has(title) && !abbreviations.has(title)) push({ title, docNumber });
      i = next;
    } else {
      const end = matchingClose(text, parenAt);
      if (end === null) break;
      const docNumber = normaliseDocNumber(
        text.slice(parenAt + 1, end - 1).replace(/^.*?(?=[\u4e00-\u9fff]+〔)/, ''),
      );
      if (docNumber) push({ title: null, docNumber });
      i = end;
    }
  }
  return out;
}

/** Finds the 》 that closes the 《 at `open`, allowing nested 《》 inside a title. */
function closingTitle(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '《') depth++;
    else if (text[i] === '》' && --depth === 0) return i;
  }
  return -1;
}

export function normaliseTitle(title: string): string {
  return title.replace(/(?<=[\u3400-\u9fff（）])[\s\u3000]+(?=[\u3400-\u9fff（）])/g, '').trim();
}
