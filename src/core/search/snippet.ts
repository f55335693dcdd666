/**
 * A highlighted excerpt around the best window of matches. Highlights are returned as ranges, not as markup,
 * so that whoever renders them escapes the text (document text is never trusted as HTML).
 *
 * @example snippet('……承储企业应当……', ['承储企业']) → { text: '……承储企业应当……', highlights: [[2, 6]] }
 */
export interface Snippet {
  text: string;
  /** [start, end) offsets into `text`. */
  highlights: [number, number][];
  truncatedStart: boolean;
  truncatedEnd: boolean;
}

export function snippet(text: string, terms: readonly string[], width = 120): Snippet {
  const needles = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  const hits: [number, number][] = [];
  const lower = text.toLowerCase();
  for (const n of needles) {
    const needle = n.toLowerCase();
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
      if (!hits.some(([s, e]) => at < e && at + needle.length > s)) hits.push([at, at + needle.length]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  // The window that holds the most distinct hits; ties go to the earliest.
  let start = 0;
  if (text.length > width && hits.length > 0) {
    let best = -1;
    for (const [s] of hits) {
      const from = Math.max(0, Math.min(s - Math.floor(width / 4), text.length - width));
      const count = hits.filter(([hs, he]) => hs >= from && he <= from + width).length;
      if (count > best) {
        best = count;
        start = from;
      }
    }
  }
  const end = Math.min(text.length, start + width);
  return {
    text: text.slice(start, end),
    highlights: hits.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start]),
    truncatedStart: start > 0,
    truncatedEnd: end < text.length,
  };
}
