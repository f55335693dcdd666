/**
 * Checks a policy item before it is stored (上线审查): its rule with checkRule, its materials against the rule's
 * condition ids, its dates, and its examples, which must all give the outcome they state (OpenFisca-style
 * tests travel with the rule).
 *
 * @example
 * const problems = validateItem(definition);
 * problems.length === 0 || problems[0].field; // 'rule.all[2]', 'materials[3].proves', 'examples[1]' …
 */
import { checkRule } from '../rules/check.ts';
import { evaluate, type Explanation } from '../rules/evaluate.ts';
import { nearMisses } from '../rules/near-miss.ts';
import type { Rule } from '../rules/types.ts';
import {
  BASE_CATALOGUE,
  BASE_VARIABLES,
  createCatalogue,
  type Catalogue,
  type VariableDef,
} from '../rules/variables.ts';
import type { ItemExample, PolicyItemDefinition } from './types.ts';

export interface ItemProblem {
  /** Where: "rule", "rule.all[2]", "materials[0].proves", "examples[1]", "window". */
  field: string;
  message: string;
}

const catalogues = new WeakMap<readonly VariableDef[], Catalogue>();

/** The base catalogue plus the item's own variables. */
export function itemCatalogue(d: Pick<PolicyItemDefinition, 'variables'>): Catalogue {
  if (!d.variables?.length) return BASE_CATALOGUE;
  let c = catalogues.get(d.variables);
  if (!c) {
    c = createCatalogue([...BASE_VARIABLES, ...d.variables]);
    catalogues.set(d.variables, c);
  }
  return c;
}

/** Every condition id in a rule. */
export function conditionIds(rule: Rule): Set<string> {
  const ids = new Set<string>();
  const walk = (r: Rule) => {
    if (r.id) ids.add(r.id);
    if (r.op === 'all' || r.op === 'any' || r.op === 'none') r.of.forEach(walk);
  };
  walk(rule);
  return ids;
}

/** Finds a node of an explanation by condition id. */
export function findCondition(e: Explanation, id: string): Explanation | null {
  if (e.id === id) return e;
  for (const c of e.children ?? []) {
    const f = findCondition(c, id);
    if (f) return f;
  }
  return null;
}

export interface ExampleResult {
  name: string;
  passed: boolean;
  /** What went wrong, in Chinese; empty when passed. */
  failures: string[];
  explanation: Explanation;
}

const OUTCOME_NAMES = { met: '符合', notMet: '不符合', unknown: '待补充信息' } as const;

export function runExample(
  d: PolicyItemDefinition,
  ex: ItemExample,
  catalogue = itemCatalogue(d),
): ExampleResult {
  const explanation = evaluate(d.rule, ex.profile, { asOf: ex.asOf, catalogue, parameters: d.parameters });
  const failures: string[] = [];
  if (explanation.outcome !== ex.expected) {
    failures.push(`结果应为“${OUTCOME_NAMES[ex.expected]}”，实际为“${OUTCOME_NAMES[explanation.outcome]}”`);
  }
  for (const [id, want] of Object.entries(ex.conditions ?? {})) {
    const node = findCondition(explanation, id);
    if (!node) failures.push(`规则中没有编号为“${id}”的条件`);
    else if (node.outcome !== want)
      failures.push(`条件“${id}”应为“${OUTCOME_NAMES[want]}”，实际为“${OUTCOME_NAMES[node.outcome]}”`);
  }
  if (ex.nearMisses?.length) {
    const messages = nearMisses(explanation).misses.map((m) => m.message);
    for (const want of ex.nearMisses) {
      if (!messages.some((m) => m.includes(want)))
        failures.push(`应提示“${want}”，实际提示：${messages.join('；') || '无'}`);
    }
  }
  return { name: ex.name, passed: failures.length === 0, failures, explanation };
}

export function validateItem(d: PolicyItemDefinition): ItemProblem[] {
  const problems: ItemProblem[] = [];
  let catalogue: Catalogue;
  try {
    catalogue = itemCatalogue(d);
  } catch (e) {
    return [{ field: 'variables', message: (e as Error).message }];
  }
  const checked = checkRule(d.rule, catalogue, d.parameters ?? []);
  if (!checked.ok) {
    for (const e of checked.errors) {
      problems.push({ field: e.path ? `rule.${e.path}` : 'rule', message: e.message });
    }
    return problems; // examples of a broken rule say nothing more
  }
  const target = d.target;
  for (const v of d.variables ?? []) {
    if (target !== 'both' && v.entity !== target)
      problems.push({
        field: 'variables',
        message: `变量 ${v.id} 属于${v.entity === 'person' ? '个人' : '企业'}，与事项对象不符`,
      });
  }
  const ids = conditionIds(d.rule);
  d.materials.forEach((m, i) => {
    for (const p of m.proves) {
      if (!ids.has(p))
        problems.push({
          field: `materials[${i}].proves`,
          message: `材料“${m.name}”所证明的条件“${p}”在规则中不存在`,
        });
    }
  });
  const seen = new Set<string>();
  d.materials.forEach((m, i) => {
    if (seen.has(m.id)) problems.push({ field: `materials[${i}].id`, message: `材料编号“${m.id}”重复` });
    seen.add(m.id);
  });
  if (d.window?.opensOn && d.window.closesOn && d.window.opensOn > d.window.closesOn)
    problems.push({ field: 'window', message: '申报开始日期晚于截止日期' });
  if (d.validity?.from && d.validity.until && d.validity.from > d.validity.until)
    problems.push({ field: 'validity', message: '有效期起始日期晚于截止日期' });
  if (d.benefit.kind === 'rate' && !catalogue.get(d.benefit.of))
    problems.push({ field: 'benefit.of', message: `计算补助金额所用的变量 ${d.benefit.of} 未定义` });
  if (d.examples.length === 0) problems.push({ field: 'examples', message: '每个事项至少需要一个测试样例' });
  d.examples.forEach((ex, i) => {
    if (ex.profile.kind !== target && target !== 'both')
      problems.push({
        field: `examples[${i}].profile.kind`,
        message: `样例“${ex.name}”的画像类型与事项对象不符`,
      });
    const r = runExample(d, ex, catalogue);
    if (!r.passed)
      problems.push({ field: `examples[${i}]`, message: `样例“${ex.name}”未通过：${r.failures.join('；')}` });
  });
  return problems;
}

/** The base catalogue plus every item's variables (the first definition of an id wins; checkRule vetted each). */
export function unionCatalogue(defs: readonly PolicyItemDefinition[]): Catalogue {
  const byId = new Map<string, VariableDef>(BASE_VARIABLES.map((v) => [v.id, v]));
  for (const d of defs) for (const v of d.variables ?? []) if (!byId.has(v.id)) byId.set(v.id, v);
  return createCatalogue([...byId.values()]);
}
