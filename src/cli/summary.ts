import type { ParseResult } from '../core/gazette/types.ts';

/** A human summary of a parse, one line per document. */
export function summariseParse(r: ParseResult): string {
  const out: string[] = [];
  if (r.issue) {
    const i = r.issue;
    out.push(
      `${i.title} ${i.year}年第${i.number}期${i.totalNumber ? `（总第${i.totalNumber}期）` : ''}，目录 ${i.toc.length} 项`,
    );
  }
  for (const d of r.documents) {
    const structure =
      d.articles.length > 0
        ? `${d.chapters.length} 章 ${d.articles.length} 条`
        : d.outline.length > 0
          ? `${d.outline.length} 个部分`
          : '无条文';
    const validity = d.effectiveFrom ? `${d.effectiveFrom} 至 ${d.effectiveUntil ?? '—'}` : '—';
    out.push(
      `- ${d.docNumber ?? '（无文号）'} ${d.title} | ${d.kind} | ${d.issuers.join('、')} | ${d.issuedOn ?? '—'} | 第${d.page ?? '?'}页 | ${structure} | 有效期 ${validity}`,
    );
  }
  for (const w of [...r.warnings, ...r.documents.flatMap((d) => d.warnings)]) out.push(`⚠ ${w}`);
  return out.join('\n');
}
