import type { ParsedDocument } from '../../core/gazette/types.ts';

/** 2023-05-22 → 2023年5月22日, as a 成文日期 is printed (GB/T 9704-2012 §7.3.5.1). */
function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * A document as plain text, laid out as printed (GB/T 9704-2012 §7: 文号, 标题, 主送机关, 正文, 发文机关署名,
 * 成文日期; for a 印发通知, the issued text follows under its own title). The gazette parser reads it back as the
 * same document (same content hash) for every document of the sample gazette: it is the text an editor
 * corrects, and the text two versions are compared by.
 *
 * @example documentText(parsed) // '聊政字〔2023〕9号\n\n关于印发聊城市校车安全管理的通知\n\n各县（市、区）…'
 */
export function documentText(d: ParsedDocument): string {
  const lines: string[] = [];
  if (d.docNumber) lines.push(d.docNumber, '');
  lines.push(d.title, '');
  const notice = d.preamble.length > 0 || d.addressees.length > 0;
  const signature = [...d.issuers, ...(d.issuedOn ? [chineseDate(d.issuedOn)] : [])];
  if (d.addressees.length > 0) lines.push(`${d.addressees.join('，')}：`);
  lines.push(...d.preamble);
  if (notice) {
    lines.push('', ...signature, '');
    const issued = d.attachments[0]?.replace(/^《|》$/g, '');
    if (issued && d.preamble.length > 0) lines.push(issued, '');
  }
  lines.push(d.body);
  if (!notice && signature.length > 0) lines.push('', ...signature);
  return `${lines.join('\n')}\n`;
}
