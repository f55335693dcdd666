/**
 * A search query as people type it: words separated by spaces, "quoted phrases", and nothing else.
 * Each part must match (AND). Within a part, the segmenter's words must all match.
 *
 * @example parseQuery('储备粮 轮换', seg) → [{ raw: '储备粮', words: ['储备粮'] }, { raw: '轮换', words: ['轮换'] }]
 */
export interface QueryTerm {
  /** The term as typed. */
  raw: string;
  /** Its words, as the index segmenter cuts them. */
  words: string[];
}

export const MAX_QUERY_LENGTH = 100;

export function parseQuery(q: string, segment: (text: string) => string[]): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const re = /"([^"]+)"|“([^”]+)”|(\S+)/g;
  for (const m of q.normalize('NFKC').slice(0, MAX_QUERY_LENGTH).matchAll(re)) {
    const raw = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (!raw) continue;
    const words = [...new Set(segment(raw))];
    if (words.length > 0) terms.push({ raw, words });
  }
  return terms;
}
