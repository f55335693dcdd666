import { derive } from '../rules/derive.ts';
import { combine, countOutcome, evaluate, type Explanation } from '../rules/evaluate.ts';
import { nearMisses } from '../rules/near-miss.ts';
import { operandVariable } from '../rules/operands.ts';
import type { LeafRule, Outcome, ParameterDef, Profile, Rule } from '../rules/types.ts';
import { normaliseValue } from '../rules/values.ts';
import type { Catalogue, FieldType, Unit, VariableDef, VariableType } from '../rules/variables.ts';
import type { Entity } from './index.ts';

/**
 * The policy calculator (政策计算器): an anonymous questionnaire. Given the answers so far, it says which items
 * are met, which are not (and how close they came), which are still open, and which questions to ask next,
 * most useful first. Nothing is stored; the answers are an ordinary profile whose facts are declared.
 *
 * Which question first (a greedy heuristic, re-run after every answer):
 * - only inputs behind a condition that is still unknown in an item that is still unknown can matter (a
 *   settled group makes its unknown descendants irrelevant, so the walk stops at settled nodes);
 * - derived variables are never asked: person.age asks person.birthDate, person.drivingYears asks
 *   person.licensedOn, enterprise.scale asks its missing inputs (industry first: the derivation requires it);
 * - each open item contributes to each input it needs (1 + d) / 3, where d (0, 1 or 2) counts the ways the
 *   answer could settle the item alone: all conditions on that input met, or all not met, would leave the item
 *   met or not met whatever the other unknowns are. Under `all`, an unknown leaf can always settle "not met";
 *   once its siblings are met, it settles either way. An input that is one of k still needed for a condition
 *   (the inputs of enterprise.scale) contributes 1/k of that;
 * - ties go to the input in more open conditions (more ways to fail), then to the one met first.
 *
 * Absence: shared data leaves a missing value unknown, never false. A questionnaire can do better: an
 * applicant may say they have none (no driving licence). `options.none` lists such variables; a condition that
 * needs a value of one is then not met (in, within, has, comparisons), one that excludes values is met
 * (notIn, !=), and a count over it counts nothing.
 *
 * @example
 * const { results, questions } = nextQuestions(items, { kind: 'person', facts: {} }, '2025-06-01');
 * questions[0]; // { variable: 'person.records', text: '请提供：违法犯罪等记录', input: 'list', fields: [...], … }
 * // answer it, add the fact to the profile, call again, until results.maybe is empty or no question is left
 */
export interface CalculatorItem {
  key: string;
  name?: string;
  /** Items for the other kind of applicant are skipped. */
  target?: Entity | 'both';
  rule: Rule;
  catalogue: Catalogue;
  parameters?: readonly ParameterDef[];
}

export interface CalculatorOptions {
  /** Variables the applicant says they have none of ("我没有驾驶证"). */
  none?: readonly string[];
  /** At most this many questions. */
  limit?: number;
}

export interface ItemResult {
  key: string;
  name?: string;
  outcome: Outcome;
  explanation: Explanation;
  /** notMet: the near-miss summary and the failing conditions; unknown: the missing data named. */
  reasons: string[];
  /** unknown: the inputs whose answers could settle it. */
  missing: string[];
}

/** How to ask: the variable's type, or for lists, one form per element. */
export type InputKind = VariableType;

export interface QuestionField {
  name: string;
  label: string;
  input: FieldType;
  options?: string[];
  unit?: Unit;
}

export interface Question {
  variable: string;
  label: string;
  /** In Chinese, for the applicant. */
  text: string;
  input: InputKind;
  /** Members of an enum or a set. */
  options?: string[];
  unit?: Unit;
  min?: number;
  max?: number;
  /** For a list: the fields of one element (person.records: kind, on). */
  fields?: QuestionField[];
  /** Whether "没有" / "以上都不是" is a sensible answer (see `options.none`). */
  allowNone: boolean;
  /** The open items the answer bears on. */
  items: string[];
  score: number;
}

export interface CalculatorResult {
  results: { met: ItemResult[]; maybe: ItemResult[]; notMet: ItemResult[] };
  questions: Question[];
}

type Tri = 0 | 1 | 2;
const TRI: Record<Outcome, Tri> = { notMet: 0, met: 1, unknown: 2 };
const OUTCOMES: readonly Outcome[] = ['notMet', 'met', 'unknown'];

interface Tally {
  def: VariableDef;
  catalogue: Catalogue;
  score: number;
  leaves: number;
  items: string[];
  first: number;
}

export function nextQuestions(
  items: readonly CalculatorItem[],
  answers: Profile,
  asOf: string,
  options: CalculatorOptions = {},
): CalculatorResult {
  const none = new Set(options.none ?? []);
  const results: CalculatorResult['results'] = { met: [], maybe: [], notMet: [] };
  const tallies = new Map<string, Tally>();
  const knownBy = new Map<Catalogue, ReadonlySet<string>>();
  for (const item of items) {
    if (item.target && item.target !== 'both' && item.target !== answers.kind) continue;
    const { catalogue } = item;
    let known = knownBy.get(catalogue);
    if (!known) knownBy.set(catalogue, (known = knownInputs(answers, catalogue, asOf)));
    const evaluated = evaluate(item.rule, answers, { asOf, catalogue, parameters: item.parameters ?? [] });
    const explanation =
      none.size > 0 ? withAbsent(item.rule, evaluated, (v) => isAbsent(v, none, catalogue)) : evaluated;
    const result: ItemResult = {
      key: item.key,
      outcome: explanation.outcome,
      explanation,
      reasons: [],
      missing: [],
    };
    if (item.name !== undefined) result.name = item.name;
    if (explanation.outcome === 'met') results.met.push(result);
    else if (explanation.outcome === 'notMet') {
      result.reasons = notMetReasons(explanation);
      results.notMet.push(result);
    } else {
      const open = openLeaves(item.rule, explanation);
      const byInput = new Map<string, { nodes: Explanation[]; share: number }>();
      const reasons: string[] = [];
      for (const { rule, node } of open) {
        const variable = leafVariable(rule);
        const inputs = askable(variable, catalogue, known).filter((i) => !none.has(i));
        if (inputs.length === 0 || (inputs.length === 1 && inputs[0] === variable))
          reasons.push(node.reason ?? '');
        else reasons.push(...inputs.map((i) => `缺少数据：${catalogue.get(i)!.label}`));
        for (const input of inputs) {
          const entry = byInput.get(input) ?? { nodes: [], share: 0 };
          entry.nodes.push(node);
          entry.share = Math.max(entry.share, 1 / inputs.length);
          byInput.set(input, entry);
        }
      }
      for (const [input, { nodes, share }] of byInput) {
        const leaves = new Set(nodes);
        const settles = [1, 0].filter((v) => outcomeWith(explanation, leaves, v as Tri) !== 2).length;
        let tally = tallies.get(input);
        if (!tally) {
          tally = {
            def: catalogue.get(input)!,
            catalogue,
            score: 0,
            leaves: 0,
            items: [],
            first: tallies.size,
          };
          tallies.set(input, tally);
        }
        tally.score += ((1 + settles) / 3) * share;
        tally.leaves += nodes.length;
        tally.items.push(item.key);
      }
      result.missing = [...byInput.keys()];
      result.reasons = [...new Set(reasons.filter((r) => r !== ''))];
      results.maybe.push(result);
    }
  }
  const ranked = [...tallies.values()].sort((a, b) =>
    Math.abs(b.score - a.score) > 1e-9 ? b.score - a.score : b.leaves - a.leaves || a.first - b.first,
  );
  return { results, questions: ranked.slice(0, options.limit ?? ranked.length).map(question) };
}

/** The variables whose values the evaluation can use: given and valid, or derived from such. */
function knownInputs(answers: Profile, catalogue: Catalogue, asOf: string): ReadonlySet<string> {
  const known = new Set<string>();
  for (const [id, fact] of Object.entries(derive(answers.facts, catalogue, asOf))) {
    const def = catalogue.get(id);
    if (def && normaliseValue(def, fact.value, { ignoreRange: fact.source.kind === 'derived' }) !== undefined)
      known.add(id);
  }
  return known;
}

/**
 * What to ask so that `variable` becomes known: itself, unless it is derived. A duration asks its date; a
 * computed value asks itself when the catalogue has a question for it (person.birthDate), else its inputs,
 * the required ones first (enterprise.scale: industry, then employees, revenue, total assets as needed).
 */
function askable(variable: string, catalogue: Catalogue, known: ReadonlySet<string>): string[] {
  const def = catalogue.get(variable);
  if (!def) return [];
  const d = def.derived;
  if (!d) return [variable];
  if (d.kind === 'since') return askable(d.from, catalogue, known);
  if (def.question !== undefined) return [variable];
  const required = d.requires.filter((id) => !known.has(id));
  const pool = required.length > 0 ? required : d.from.filter((id) => !known.has(id));
  return [...new Set(pool.flatMap((id) => askable(id, catalogue, known)))];
}

function leafVariable(rule: LeafRule): string {
  return rule.op === 'count' ? rule.list : operandVariable(rule.left);
}

/** Unknown leaves reachable through unknown nodes only: the conditions that can still change the outcome. */
function openLeaves(rule: Rule, node: Explanation): Array<{ rule: LeafRule; node: Explanation }> {
  if (node.outcome !== 'unknown') return [];
  if (rule.op === 'all' || rule.op === 'any' || rule.op === 'none')
    return rule.of.flatMap((child, i) => openLeaves(child, node.children![i]!));
  return [{ rule, node }];
}

/** The root's outcome if every node in `leaves` had outcome `v`. */
function outcomeWith(node: Explanation, leaves: ReadonlySet<Explanation>, v: Tri): Tri {
  if (leaves.has(node)) return v;
  // Settled nodes hold no open leaf, so only unknown groups can change.
  if (!node.children || node.outcome !== 'unknown') return TRI[node.outcome];
  const op = node.op as 'all' | 'any' | 'none';
  return combine(
    op,
    node.children.map((c) => outcomeWith(c, leaves, v)),
  );
}

/** Whether the applicant said they have none of `variable`, or of the date it counts from (drivingYears). */
function isAbsent(variable: string, none: ReadonlySet<string>, catalogue: Catalogue): boolean {
  if (none.has(variable)) return true;
  const d = catalogue.get(variable)?.derived;
  return d?.kind === 'since' && isAbsent(d.from, none, catalogue);
}

/** The explanation with the unknown leaves on absent variables settled (see the module comment). */
function withAbsent(rule: Rule, node: Explanation, absent: (variable: string) => boolean): Explanation {
  if (node.outcome !== 'unknown') return node;
  if (rule.op === 'all' || rule.op === 'any' || rule.op === 'none') {
    const children = rule.of.map((child, i) => withAbsent(child, node.children![i]!, absent));
    const outcome =
      OUTCOMES[
        combine(
          rule.op,
          children.map((c) => TRI[c.outcome]),
        )
      ]!;
    const { reason: _old, ...rest } = node;
    const reasons = [...new Set(children.filter((c) => c.outcome === 'unknown').map((c) => c.reason ?? ''))];
    return outcome === 'unknown'
      ? { ...rest, outcome, children, reason: reasons.filter((r) => r !== '').join('；') }
      : { ...rest, outcome, children };
  }
  if (!absent(leafVariable(rule))) return node;
  const outcome = absentOutcome(rule);
  if (outcome === undefined) return node;
  const { reason: _reason, ...rest } = node;
  return { ...rest, outcome: OUTCOMES[outcome]! };
}

function absentOutcome(rule: LeafRule): Tri | undefined {
  switch (rule.op) {
    case 'notIn':
      return 1;
    case 'cmp':
      return rule.cmp === '!=' ? 1 : 0;
    case 'count':
      return typeof rule.right === 'number' ? countOutcome(0, 0, rule.cmp, rule.right) : undefined;
    default:
      return 0;
  }
}

function notMetReasons(explanation: Explanation): string[] {
  const report = nearMisses(explanation);
  const failing = [...report.misses, ...report.blocking].map((f) => `未满足：${f.text}`);
  return [...new Set([report.summary, ...failing].filter((r) => r !== ''))];
}

function question(t: Tally): Question {
  const { def } = t;
  const q: Question = {
    variable: def.id,
    label: def.label,
    text: def.question ?? `请提供：${def.label}`,
    input: def.type,
    allowNone: allowsNone(def, t.catalogue),
    items: t.items,
    score: t.score,
  };
  if ((def.type === 'enum' || def.type === 'set') && def.values) q.options = [...def.values];
  if (def.unit !== undefined) q.unit = def.unit;
  if (def.min !== undefined) q.min = def.min;
  if (def.max !== undefined) q.max = def.max;
  if (def.type === 'list' && def.fields)
    q.fields = Object.entries(def.fields).map(([name, f]) => {
      const field: QuestionField = { name, label: f.label, input: f.type };
      if (f.values) field.options = [...f.values];
      if (f.unit !== undefined) field.unit = f.unit;
      return field;
    });
  return q;
}

/**
 * "None" makes sense for a choice (a licence class: 以上都不是) or a date of something one may not have (a
 * licence), not for a birth date (the source of an age in 周岁), nor for numbers, sets and lists, which can
 * say 0 or nothing themselves.
 */
function allowsNone(def: VariableDef, catalogue: Catalogue): boolean {
  if (def.type === 'enum') return true;
  if (def.type !== 'date') return false;
  return !catalogue.variables.some(
    (v) => v.derived?.kind === 'since' && v.derived.from === def.id && v.unit === '周岁',
  );
}
