import { todayInChina } from '../../../../src/core/rules/dates.ts';
import { toChineseNumber } from '../../../../src/core/gazette/numerals.ts';
import type {
  ConditionSuggestion,
  DepartmentSuggestion,
  FeeSuggestion,
  Guess,
  ItemSuggestion,
  LimitSuggestion,
  MaterialSuggestion,
} from '../../../../src/core/items/suggest.ts';
import type {
  Basis,
  Benefit,
  ItemKind,
  ItemMode,
  ItemTarget,
  Material,
  PolicyItemDefinition,
  ProcessStep,
} from '../../../../src/core/items/types.ts';
import type { Citation, FactValue, Outcome } from '../../../../src/core/rules/types.ts';
import type { Catalogue } from '../../../../src/core/rules/variables.ts';
import {
  emptyGroup,
  fromRule,
  idsIn,
  nextKey,
  toRule,
  updateNode,
  type BuilderGroup,
  type BuilderNode,
} from '../rule-builder/tree.ts';

/**
 * The item editor's working copy of a policy item (src/core/items/types.ts), as the form edits it: the rule as
 * the builder's tree, examples with their facts as typed, and what 拆分为政策事项 accepted from an article.
 * `definitionOf` turns it into the definition POST /api/items takes. Pure: the page keeps it in state.
 *
 * @example
 * let d = emptyDraft({ doc: '聊政字〔2023〕9号', article: 30 });
 * d = acceptCondition(d, suggestion.conditions[0]);
 * definitionOf(d, BASE_CATALOGUE).rule; // { op: 'all', of: [{ op: 'all', id: 'condition-30-1-1-0', … }] }
 */
export interface FactRow {
  key: string;
  variable: string;
  /** As typed: 1980-05-01, 3, 是, A1、B1, or JSON for a list of records. */
  value: string;
}

export interface ExampleRow {
  key: string;
  name: string;
  asOf: string;
  expected: Outcome;
  facts: FactRow[];
}

/** A material, with the conditions a suggestion said it proves that are not (yet) in the rule. */
export interface MaterialRow extends Material {
  pending?: string[];
}

export interface EditorDraft {
  code: string;
  name: string;
  kind: ItemKind | '';
  target: ItemTarget;
  mode: ItemMode;
  summary: string;
  basis: Basis[];
  conditionsText: string;
  rule: BuilderGroup;
  materials: MaterialRow[];
  process: ProcessStep[];
  limits: PolicyItemDefinition['limits'];
  fees: { free: boolean; text: string };
  departments: { lead: string; co: string[] };
  contacts: PolicyItemDefinition['contacts'];
  benefit: Benefit;
  examples: ExampleRow[];
  /** Fields the form does not edit (variables, parameters, window, validity …), kept as loaded. */
  kept: Partial<PolicyItemDefinition>;
}

export function emptyDraft(basis?: Basis): EditorDraft {
  return {
    code: '',
    name: '',
    kind: '',
    target: 'person',
    mode: '依申请',
    summary: '',
    basis: basis ? [basis] : [],
    conditionsText: '',
    rule: emptyGroup('all', basis && 'article' in basis ? basis : undefined),
    materials: [],
    process: [],
    limits: {},
    fees: { free: true, text: '' },
    departments: { lead: '', co: [] },
    contacts: {},
    benefit: { kind: 'none', description: '' },
    examples: [],
    kept: {},
  };
}

export function emptyExample(asOf = todayInChina()): ExampleRow {
  return { key: nextKey(), name: '', asOf, expected: 'met', facts: [] };
}

export function emptyFact(variable = ''): FactRow {
  return { key: nextKey(), variable, value: '' };
}

// ── Facts as typed ↔ values ────────────────────────────────────────────────────────────────────────────────────

const YES = new Set(['是', 'true', '有']);
const NO = new Set(['否', 'false', '无']);

/** A typed value for the variable's type, or an error message naming what is expected. */
export function parseFact(
  text: string,
  type: string | undefined,
): { ok: true; value: FactValue } | { ok: false; expected: string } {
  const s = text.trim();
  switch (type) {
    case 'number':
    case 'integer': {
      const n = Number(s);
      return s !== '' && Number.isFinite(n) && (type === 'number' || Number.isInteger(n))
        ? { ok: true, value: n }
        : { ok: false, expected: type === 'integer' ? 'integer' : 'number' };
    }
    case 'boolean':
      return YES.has(s)
        ? { ok: true, value: true }
        : NO.has(s)
          ? { ok: true, value: false }
          : { ok: false, expected: 'boolean' };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(s) ? { ok: true, value: s } : { ok: false, expected: 'date' };
    case 'set':
      return { ok: true, value: s === '' ? [] : s.split(/[、,，\s]+/).filter(Boolean) };
    case 'list': {
      if (s === '') return { ok: true, value: [] };
      try {
        const v: unknown = JSON.parse(s);
        if (Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x)))
          return { ok: true, value: v as FactValue };
      } catch {
        // reported below
      }
      return { ok: false, expected: 'list' };
    }
    default:
      return s === '' ? { ok: false, expected: 'text' } : { ok: true, value: s };
  }
}

/** A value as the examples table shows it (the inverse of parseFact). */
export function factText(value: FactValue): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value))
    return value.length > 0 && typeof value[0] === 'object'
      ? JSON.stringify(value)
      : (value as string[]).join('、');
  return String(value);
}

// ── Draft → definition, definition → draft ───────────────────────────────────────────────────────────────────

export function definitionOf(d: EditorDraft, catalogue: Catalogue): PolicyItemDefinition {
  const kind = d.target === 'enterprise' ? 'enterprise' : 'person';
  return {
    ...d.kept,
    code: d.code.trim(),
    name: d.name.trim(),
    kind: d.kind as ItemKind,
    target: d.target,
    mode: d.mode,
    summary: d.summary.trim(),
    basis: d.basis,
    conditionsText: d.conditionsText.trim(),
    rule: toRule(d.rule),
    materials: d.materials.map(({ pending: _pending, ...m }) => m),
    process: d.process,
    limits: d.limits,
    fees: d.fees,
    departments: d.departments,
    contacts: d.contacts,
    benefit: d.benefit,
    examples: d.examples.map((ex) => ({
      name: ex.name.trim(),
      asOf: ex.asOf,
      expected: ex.expected,
      profile: {
        kind,
        facts: Object.fromEntries(
          ex.facts
            .filter((f) => f.variable)
            .map((f) => {
              const parsed = parseFact(f.value, catalogue.get(f.variable)?.type);
              return [
                f.variable,
                {
                  value: parsed.ok ? parsed.value : f.value,
                  source: { kind: 'declared' as const },
                  asOf: ex.asOf,
                },
              ];
            }),
        ),
      },
    })),
  };
}

/** A stored definition (GET /api/items/{code}/versions/{version}) as the editor's working copy. */
export function draftOf(def: PolicyItemDefinition): EditorDraft {
  const {
    code,
    name,
    kind,
    target,
    mode,
    summary,
    basis,
    conditionsText,
    rule,
    materials,
    process,
    limits,
    fees,
    departments,
    contacts,
    benefit,
    examples,
    ...kept
  } = def;
  const root = fromRule(rule);
  return {
    code,
    name,
    kind,
    target,
    mode,
    summary,
    basis,
    conditionsText,
    rule: root.kind === 'group' ? root : { ...emptyGroup('all'), children: [root] },
    materials,
    process,
    limits,
    fees,
    departments,
    contacts,
    benefit,
    examples: examples.map((ex) => ({
      key: nextKey(),
      name: ex.name,
      asOf: ex.asOf,
      expected: ex.expected,
      facts: Object.entries(ex.profile.facts).map(([variable, f]) => ({
        key: nextKey(),
        variable,
        value: factText(f.value),
      })),
    })),
    kept,
  };
}

// ── Accepting suggestions (拆分为政策事项) ─────────────────────────────────────────────────────────────────────

export function acceptName(d: EditorDraft, g: Guess<string>): EditorDraft {
  return { ...d, name: g.value };
}

export function acceptKind(d: EditorDraft, g: Guess<ItemKind>): EditorDraft {
  return { ...d, kind: g.value };
}

export function acceptTarget(d: EditorDraft, g: Guess<ItemTarget>): EditorDraft {
  return { ...d, target: g.value };
}

/** （一）取得相应准驾车型驾驶证…: a condition as the 办理条件 text lists it. */
function conditionLine(c: ConditionSuggestion): string {
  const item = c.cite.items?.[0];
  return `${item !== undefined ? `（${toChineseNumber(item)}）` : ''}${c.text}`;
}

/**
 * A condition becomes a group of the rule, with its id (which materials prove), its citation and the rules
 * proposed for it; the exclusions of 有下列情形之一的，不予… become a 均不满足 group. Its words join the
 * 办理条件 text, and materials that prove it now say so.
 */
export function acceptCondition(d: EditorDraft, c: ConditionSuggestion): EditorDraft {
  if (idsIn(d.rule).includes(c.id)) return d;
  const group: BuilderGroup = {
    ...emptyGroup(c.polarity === 'excluded' ? 'none' : c.combinator, c.cite),
    id: c.id,
    children: c.rules.map((r) => fromRule(r.rule)),
  };
  const rule = updateNode(d.rule, d.rule.key, (root) =>
    root.kind === 'group' ? { ...root, children: [...root.children, group] } : root,
  ) as BuilderGroup;
  const line = conditionLine(c);
  return {
    ...d,
    rule,
    conditionsText: d.conditionsText.includes(line)
      ? d.conditionsText
      : [d.conditionsText.trim(), line].filter(Boolean).join('\n'),
    basis: withBasis(d.basis, { doc: c.cite.doc, article: c.cite.article! }),
    materials: d.materials.map((m) =>
      m.pending?.includes(c.id)
        ? { ...m, proves: [...m.proves, c.id], pending: m.pending.filter((p) => p !== c.id) }
        : m,
    ),
  };
}

function withBasis(basis: Basis[], b: Citation): Basis[] {
  if (b.article === undefined) return basis;
  return basis.some((x) => x.doc === b.doc && 'article' in x && x.article === b.article)
    ? basis
    : [...basis, b];
}

/** A material proves the accepted conditions it names; the others wait until they are accepted. */
export function acceptMaterial(d: EditorDraft, m: MaterialSuggestion): EditorDraft {
  if (d.materials.some((x) => x.id === m.id)) return d;
  const ids = new Set(idsIn(d.rule));
  const row: MaterialRow = {
    id: m.id,
    name: m.name,
    required: true,
    sources: [m.source],
    proves: m.proves.filter((p) => ids.has(p)),
    pending: m.proves.filter((p) => !ids.has(p)),
    cite: m.cite,
    ...(m.note && { note: m.note }),
  };
  return { ...d, materials: [...d.materials, row] };
}

/**
 * 自收到申请材料之日起五个工作日内审查完毕: a limit in working days is the statutory limit (法定时限), and the
 * step it limits joins the process with the department that acts.
 */
export function acceptLimit(d: EditorDraft, l: LimitSuggestion, doc: string): EditorDraft {
  const cite: Citation = {
    doc,
    article: l.span.article,
    ...(l.span.paragraph > 1 && { paragraph: l.span.paragraph }),
  };
  const step: ProcessStep = {
    name: l.action ?? l.clause.quote,
    department: l.department ?? d.departments.lead,
    ...(l.workingDays && { workingDays: l.amount }),
    cite,
  };
  return {
    ...d,
    limits: l.workingDays
      ? { ...d.limits, statutoryDays: l.amount, note: l.clause.quote, cite }
      : { ...d.limits, note: l.clause.quote, cite },
    process: [...d.process, step],
  };
}

/** The first department accepted leads; the others assist (协办). */
export function acceptDepartment(d: EditorDraft, dep: DepartmentSuggestion): EditorDraft {
  const name = dep.variants[0] && dep.roles.some((r) => r.role === '受理') ? dep.variants[0] : dep.name;
  if (d.departments.lead === name || d.departments.co.includes(name)) return d;
  return {
    ...d,
    departments: d.departments.lead
      ? { ...d.departments, co: [...d.departments.co, name] }
      : { ...d.departments, lead: name },
  };
}

export function acceptFee(d: EditorDraft, f: FeeSuggestion): EditorDraft {
  return { ...d, fees: { free: f.free, text: f.text } };
}

/** Accepts the suggestion with this id, whatever its kind; an unknown id changes nothing. */
export function acceptSuggestion(d: EditorDraft, s: ItemSuggestion, id: string, doc: string): EditorDraft {
  if (s.name?.id === id) return acceptName(d, s.name);
  if (s.kind?.id === id) return acceptKind(d, s.kind);
  if (s.target?.id === id) return acceptTarget(d, s.target);
  const condition = s.conditions.find((c) => c.id === id);
  if (condition) return acceptCondition(d, condition);
  const material = s.materials.find((m) => m.id === id);
  if (material) return acceptMaterial(d, material);
  const limit = s.limits.find((l) => l.id === id);
  if (limit) return acceptLimit(d, limit, doc);
  const department = s.departments.find((x) => x.id === id);
  if (department) return acceptDepartment(d, department);
  const fee = s.fees.find((f) => f.id === id);
  return fee ? acceptFee(d, fee) : d;
}

export type { BuilderNode };
