import type { TocEntry } from '../../api/client.ts';

/**
 * Table-of-contents entries in print order, grouped under their section headings (市政府文件, 政务动态…). A
 * section that comes back later in the issue starts a new group: the order is the printed one.
 */
export function groupToc(toc: readonly TocEntry[]): { section: string | null; entries: TocEntry[] }[] {
  const groups: { section: string | null; entries: TocEntry[] }[] = [];
  for (const e of toc) {
    const last = groups[groups.length - 1];
    if (last && last.section === e.section) last.entries.push(e);
    else groups.push({ section: e.section, entries: [e] });
  }
  return groups;
}
