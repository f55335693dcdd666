/**
 * Counts documents per value (an issuer, a kind), most first, then by the value in Chinese order, for the
 * home page's entry points.
 *
 * @example countBy(docs, (d) => [d.kind]) → [['办法', 3], ['方案', 2], …]
 */
export function countBy<T>(items: readonly T[], values: (item: T) => readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) {
    for (const v of new Set(values(item))) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'));
}
