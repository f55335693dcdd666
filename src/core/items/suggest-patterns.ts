/**
 * Rule proposals for one condition of an article: the patterns the 拆分为政策事项 suggestions recognise, each
 * turned into a rule on the variables the catalogue actually has. A proposal is made only when the words map
 * onto a variable without guessing; anything else stays text for the editor (a wrong rule costs more than a
 * missing one). Every proposal is printed in the rule syntax and must parse back and pass checkRule.
 *
 * @example
 * const item1 = piecesOf(article30).find((p) => p.item === 1)!;
 * const { rules, uncovered } = proposeRules(item1, { start: 0, end: item1.text.length - 1, text: '…' }, cite, {
 *   catalogue: BASE_CATALOGUE, target: 'person', ids: new Map(),
 * });
 * rules.map((r) => r.reading); // ['驾驶经历满3年', '年龄在25周岁以上、不超过60周岁']
 * uncovered.map((u) => u.quote); // ['取得相应准驾车型驾驶证']
 */
import { checkRule } from '../rules/check.ts';
import { renderRule } from '../rules/render.ts';
import { parseRule, printRule } from '../rules/syntax.ts';
import type { Citation, Rule } from '../rules/types.ts';
import type { Catalogue, VariableDef } from '../rules/variables.ts';
import { cmp, enumeration, membership, noRecord, quantities } from './suggest-measures.ts';
import { clausesOf, idOf, spanOf, type Piece, type Segment, type SourceSpan } from './suggest-text.ts';
import type { ItemTarget } from './types.ts';

export type RulePattern = 'quantity' | 'no-record' | 'boolean' | 'enum' | 'set';

export interface RuleSuggestion {
  id: string;
  /** The words the rule reads. */
  span: SourceSpan;
  pattern: RulePattern;
  /** In the rule syntax, with its citation; `parseRule` gives back `rule`. */
  ruleText: string;
  rule: Rule;
  /** The rule in Chinese, as the platform shows it to applicants. */
  reading: string;
  reason: string;
  /** A modelling choice the editor should confirm. */
  note?: string;
}

export interface PatternContext {
  catalogue: Catalogue;
  /** Variables of the other entity are not proposed. Null: the item's target is not known. */
  target: ItemTarget | null;
  /** Condition ids already given out in this suggestion, so that the ids of one item stay unique. */
  ids: Map<string, number>;
}

/** Proposals for a condition's words (one 项, or a sentence), and the clauses that none of them covers. */
export function proposeRules(
  piece: Piece,
  within: Segment,
  cite: Citation,
  ctx: PatternContext,
): { rules: RuleSuggestion[]; uncovered: SourceSpan[] } {
  const variables = ctx.catalogue.variables.filter(
    (v) => ctx.target === null || ctx.target === 'both' || v.entity === ctx.target,
  );
  const make = (seg: Segment, draft: Draft | null): RuleSuggestion | null =>
    draft &&
    finish(piece, { start: within.start + seg.start, end: within.start + seg.end }, draft, cite, ctx);

  const rules: RuleSuggestion[] = [];
  const uncovered: SourceSpan[] = [];
  const clauses = clausesOf(within.text);
  let open = false;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i]!;
    const run = booleanRun(within.text, clauses, i, variables);
    const found = run
      ? [make({ start: clause.start, end: clauses[run.last]!.end, text: '' }, run.draft)]
      : [
          ...quantities(clause.text, variables),
          noRecord(clause.text, variables),
          enumeration(clause.text, variables),
          membership(clause.text, variables),
        ].map((d) => make(clause, d));
    const made = found.filter((r): r is RuleSuggestion => r !== null);
    rules.push(...made);
    if (made.length > 0) {
      if (run) i = run.last;
      open = false;
      continue;
    }
    // Runs of clauses without a rule are kept as one span: a comma does not always end a requirement
    // ("具有与…相适应，经过专业培训的…人员").
    const last = uncovered.at(-1);
    if (open && last) uncovered[uncovered.length - 1] = spanOf(piece, last.start, within.start + clause.end);
    else uncovered.push(spanOf(piece, within.start + clause.start, within.start + clause.end));
    open = true;
  }
  return { rules, uncovered };
}

export interface Draft {
  pattern: RulePattern;
  variable: VariableDef;
  label: string;
  rule: Rule;
  reason: string;
  note?: string;
}

function finish(
  piece: Piece,
  at: { start: number; end: number },
  draft: Draft,
  cite: Citation,
  ctx: PatternContext,
): RuleSuggestion | null {
  const base = draft.variable.id.split('.').at(-1)!;
  const n = (ctx.ids.get(base) ?? 0) + 1;
  const rule: Rule = { ...draft.rule, id: n === 1 ? base : `${base}-${n}`, label: draft.label, cite };
  const ruleText = printRule(rule);
  const parsed = parseRule(ruleText);
  // Belt and braces: a proposal the editor cannot save is worse than none.
  if (!parsed.ok || !checkRule(parsed.rule, ctx.catalogue).ok) return null;
  ctx.ids.set(base, n);
  const span = spanOf(piece, at.start, at.end);
  const out: RuleSuggestion = {
    id: `${idOf('rule', span)}-${base}`,
    span,
    pattern: draft.pattern,
    ruleText,
    rule: parsed.rule,
    reading: renderRule(parsed.rule, { catalogue: ctx.catalogue }),
    reason: draft.reason,
  };
  if (draft.note) out.note = draft.note;
  return out;
}

/** Punctuation and "是否" out, so that a question and a statement compare. */
function bare(text: string): string {
  return text.replace(/[\s\u3000，,。.；;、：:？?！!“”"]/g, '').replace(/^(?:您|企业|申请人|单位)?是否/, '');
}

/**
 * A boolean variable stated by one clause or by several in a row: its label ("具有独立法人资格"), its phrase
 * for true or false, its question restating the text ("身心健康，无传染性疾病，无癫痫…病史" is person.healthy),
 * or the negation of a label that starts with 有 ("无违法经营记录" against "有违法经营记录"). The longest run wins.
 */
function booleanRun(
  text: string,
  clauses: readonly Segment[],
  first: number,
  variables: readonly VariableDef[],
): { draft: Draft; last: number } | null {
  for (let last = clauses.length - 1; last >= first; last--) {
    const words = text.slice(clauses[first]!.start, clauses[last]!.end);
    const t = bare(words);
    for (const v of variables) {
      if (v.type !== 'boolean') continue;
      const label = bare(v.label);
      if ([v.label, v.question, v.phrases?.true].some((q) => q !== undefined && bare(q) === t))
        return { draft: booleanDraft(v, true, v.label, `原文即变量“${v.label}”的表述或问法`), last };
      if (v.phrases && bare(v.phrases.false) === t)
        return { draft: booleanDraft(v, false, v.phrases.false, `原文即“${v.phrases.false}”`), last };
      if (label.startsWith('有') && (t === `无${label.slice(1)}` || t === `没有${label.slice(1)}`))
        return { draft: booleanDraft(v, false, words, `原文是变量“${v.label}”的否定`), last };
    }
  }
  return null;
}

function booleanDraft(v: VariableDef, value: boolean, label: string, reason: string): Draft {
  return { pattern: 'boolean', variable: v, label, reason, rule: cmp(v, '=', value) };
}
