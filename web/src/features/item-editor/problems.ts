import { validateItem, type ItemProblem } from '../../../../src/core/items/validate.ts';
import type { Catalogue } from '../../../../src/core/rules/variables.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { definitionOf, parseFact, type EditorDraft } from './draft.ts';

export type { ItemProblem };

/** The same pattern as the server's itemDefinitionInput (src/features/items/items.schema.ts). */
export const ITEM_CODE = /^[A-Z][A-Z0-9-]{2,39}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const FACT_EXPECTED: Record<string, MessageKey> = {
  number: 'editor.problem.fact.number',
  integer: 'editor.problem.fact.integer',
  boolean: 'editor.problem.fact.boolean',
  date: 'editor.problem.fact.date',
  list: 'editor.problem.fact.list',
  text: 'editor.problem.fact.text',
};

/**
 * What the form can say before asking the server: the shape the server's schema requires (lengths, the code's
 * pattern, required fields), each problem on the field it concerns, then — once the shape is right — the very
 * checks the server runs before saving (validateItem: the rule, materials against condition ids, dates and every
 * example). Fields are named as the server names them ("rule.all[2]", "materials[0].proves", "examples[1]"), so
 * the server's own answer lands on the same fields.
 */
export function draftProblems(d: EditorDraft, catalogue: Catalogue): ItemProblem[] {
  const out: ItemProblem[] = [];
  const need = (ok: boolean, field: string, key: MessageKey, params?: Record<string, string | number>) => {
    if (!ok) out.push({ field, message: t(key, params) });
  };
  need(ITEM_CODE.test(d.code.trim()), 'code', 'editor.problem.code');
  need(d.name.trim().length >= 2 && d.name.trim().length <= 60, 'name', 'editor.problem.length', {
    min: 2,
    max: 60,
  });
  need(d.kind !== '', 'kind', 'editor.problem.required');
  need(d.summary.trim().length >= 1 && d.summary.length <= 500, 'summary', 'editor.problem.length', {
    min: 1,
    max: 500,
  });
  need(d.basis.length > 0, 'basis', 'editor.problem.basis');
  need(
    d.conditionsText.trim().length >= 1 && d.conditionsText.length <= 4000,
    'conditionsText',
    'editor.problem.length',
    {
      min: 1,
      max: 4000,
    },
  );
  need(d.departments.lead.trim() !== '', 'departments.lead', 'editor.problem.required');
  need(d.fees.text.trim() !== '', 'fees.text', 'editor.problem.required');
  d.materials.forEach((m, i) => {
    need(m.name.trim() !== '', `materials[${i}].name`, 'editor.problem.required');
    need(m.sources.length > 0, `materials[${i}].sources`, 'editor.problem.required');
  });
  d.process.forEach((p, i) => {
    need(p.name.trim() !== '', `process[${i}].name`, 'editor.problem.required');
    need(p.department.trim() !== '', `process[${i}].department`, 'editor.problem.required');
  });
  d.examples.forEach((ex, i) => {
    need(ex.name.trim() !== '', `examples[${i}].name`, 'editor.problem.required');
    need(ISO_DATE.test(ex.asOf), `examples[${i}].asOf`, 'editor.problem.fact.date');
    ex.facts.forEach((f, j) => {
      const def = catalogue.get(f.variable);
      if (!def) return need(false, `examples[${i}].facts[${j}]`, 'editor.problem.variable');
      const parsed = parseFact(f.value, def.type);
      if (!parsed.ok)
        need(false, `examples[${i}].facts[${j}]`, FACT_EXPECTED[parsed.expected]!, { label: def.label });
    });
  });
  if (out.length > 0) return out;
  return validateItem(definitionOf(d, catalogue));
}

const FIELDS: Record<string, MessageKey> = {
  code: 'editor.field.code',
  name: 'editor.field.name',
  kind: 'editor.field.kind',
  target: 'editor.field.target',
  mode: 'editor.field.mode',
  summary: 'editor.field.summary',
  basis: 'editor.field.basis',
  conditionsText: 'editor.field.conditionsText',
  rule: 'editor.field.rule',
  ruleText: 'editor.field.rule',
  variables: 'editor.field.rule',
  materials: 'editor.field.materials',
  process: 'editor.field.process',
  limits: 'editor.field.limits',
  fees: 'editor.field.fees',
  departments: 'editor.field.departments',
  contacts: 'editor.field.contacts',
  benefit: 'editor.field.benefit',
  window: 'editor.field.window',
  validity: 'editor.field.validity',
  examples: 'editor.field.examples',
};

/** The Chinese name of a field ("materials[1].proves" → 申请材料第2项), for problems listed away from it. */
export function fieldName(field: string): string {
  const head = field.split(/[.[]/)[0]!;
  const key = FIELDS[head];
  if (!key) return field;
  const index = /^\w+\[(\d+)\]/.exec(field)?.[1];
  return index !== undefined && head !== 'rule'
    ? `${t(key)}${t('editor.field.nth', { n: Number(index) + 1 })}`
    : t(key);
}

/** Problems under a field ("materials[0]" takes "materials[0].proves" too). */
export function problemsAt(problems: readonly ItemProblem[], field: string): ItemProblem[] {
  return problems.filter(
    (p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`),
  );
}
