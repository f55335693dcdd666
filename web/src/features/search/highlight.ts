export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Cuts a snippet into plain and highlighted runs from the API's `[start, end)` offsets (UTF-16 code units, as
 * JavaScript strings count; OpenAPI 3.0 cannot say "pair", so a range arrives typed as number[]). Ranges are sorted, clipped to the text and merged where they overlap, so a bad
 * range can never duplicate or lose text: joining the segments always gives the snippet back.
 *
 * @example splitHighlights('取得校车标牌', [[2, 4]]) → [{text:'取得',mark:false},{text:'校车',mark:true},{text:'标牌',mark:false}]
 */
export function splitHighlights(text: string, ranges: readonly (readonly number[])[]): Segment[] {
  const clipped = ranges
    .filter((r) => r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]))
    .map(
      ([s = 0, e = 0]) =>
        [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const,
    )
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of clipped) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) out.push({ text: text.slice(at, s), mark: false });
    out.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
