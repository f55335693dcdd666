import { renderCitation } from '../../../../src/core/rules/render.ts';
import { parseRule } from '../../../../src/core/rules/syntax.ts';
import type { Citation } from '../../../../src/core/rules/types.ts';

/**
 * A citation typed as the rule syntax writes it after `@` ("聊政字〔2023〕9号 第三十条（一）", or "第三十条（一）"
 * for the document the condition's group cites), read by the rule syntax's own parser so that the builder and
 * the text form agree. The error is the parser's sentence.
 *
 * @example parseCitation('第三十条（一）', { doc: '聊政字〔2023〕9号', article: 30 })
 * // { ok: true, cite: { doc: '聊政字〔2023〕9号', article: 30, items: [1] } }
 */
export function parseCitation(
  text: string,
  inherited?: Citation,
): { ok: true; cite: Citation } | { ok: false; error: string } {
  const typed = text.trim();
  // Probe with a condition the parser accepts; a group around it lends the inherited document.
  const probe = inherited
    ? `all @${renderCitation(inherited)} {\n  person.age >= 0 @${typed}\n}\n`
    : `person.age >= 0 @${typed}\n`;
  const r = parseRule(probe);
  // The probe's line and column mean nothing to the editor.
  if (!r.ok) return { ok: false, error: r.error.message.replace(/^第\d+行第\d+列：/, '') };
  const leaf = r.rule.op === 'all' ? r.rule.of[0]! : r.rule;
  return leaf.cite ? { ok: true, cite: leaf.cite } : { ok: false, error: '依据不能为空' };
}

export const citationText = (cite: Citation | undefined): string => (cite ? renderCitation(cite) : '');
