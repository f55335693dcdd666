import { parseRule } from '../../core/rules/syntax.ts';
import type { Rule } from '../../core/rules/types.ts';

/** The authoring syntax (src/core/rules/syntax.ts) with its error as one Chinese sentence naming line and column. */
export function parseRuleText(text: string): { ok: true; rule: Rule } | { ok: false; error: string } {
  const r = parseRule(text);
  return r.ok ? r : { ok: false, error: r.error.message };
}
