import type { FactSource, FactValue, ItemSummary } from './client.ts';

/*
 * Shapes of the policy-item, matching and calculator answers that the server sends without a response schema
 * (GET /api/items/{code}, POST /api/match, POST /api/calculator, GET /api/variables), so schema.d.ts types them
 * as nothing. They are written here after src/features/items and src/features/matching, and each answer is
 * checked by a guard below before a page uses it: a shape that has drifted is a failed load, not a blank page.
 */

export type Target = 'enterprise' | 'person';
export type Outcome = 'met' | 'notMet' | 'unknown';
export type MaterialSource = 'upload' | 'licence' | 'shared' | 'commitment';

/** 文号 and 条 (款, 项), or an outline section of a plan: `{ doc, section: '三、（三）' }`. */
export interface Citation {
  doc: string;
  article?: number;
  section?: string;
  paragraph?: number;
  items?: [number] | [number, number];
}

export interface Quote {
  documentId: number;
  text: string;
}

/** One condition of an item, rendered in Chinese, with its citation (as printed) and the article's words. */
export interface ConditionView {
  path: string;
  id?: string;
  label?: string;
  op: string;
  text: string;
  cite?: string;
  quote?: Quote | null;
  children?: ConditionView[];
}

export interface Material {
  id: string;
  name: string;
  required: boolean;
  sources: MaterialSource[];
  proves: string[];
  cite?: Citation;
  note?: string;
}

export interface ProcessStep {
  name: string;
  department: string;
  workingDays?: number;
  cite?: Citation;
}

export type Benefit =
  | { kind: 'none'; description: string }
  | { kind: 'unspecified'; description: string; note: string }
  | { kind: 'fixed'; description: string; amount: number; unit: string }
  | { kind: 'rate'; description: string; ratePercent: number; of: string; cap?: number; unit: string };

export interface ItemDefinition {
  code: string;
  name: string;
  kind: string;
  target: Target | 'both';
  mode: string;
  summary: string;
  conditionsText: string;
  materials: Material[];
  process: ProcessStep[];
  limits: { statutoryDays?: number; promisedDays?: number; note?: string; cite?: Citation };
  fees: { free: boolean; text: string };
  departments: { lead: string; co: string[] };
  contacts: { consult?: string; complaint?: string; note?: string };
  window?: { opensOn?: string; closesOn?: string };
  benefit: Benefit;
}

export interface ItemDetail extends ItemSummary {
  version: number;
  definition: ItemDefinition;
  basis: (Citation & { text: string; quote: Quote | null })[];
  conditions: ConditionView;
  examples: { name: string; expected: Outcome; passed: boolean; failures: string[] }[];
}

export interface UsedFact {
  variable: string;
  label: string;
  value: FactValue;
  source: FactSource;
  asOf: string;
}

/** The evaluator's trace: every node met, not met or unknown, with the facts it read and its citation. */
export interface Explanation {
  outcome: Outcome;
  op: string;
  path: string;
  id?: string;
  label?: string;
  text: string;
  cite?: Citation;
  used: UsedFact[];
  reason?: string;
  nearMiss?: { message: string };
  children?: Explanation[];
}

export interface MaterialStatus {
  id: string;
  name: string;
  required: boolean;
  status: 'proven' | 'needed';
  provenBy: string[];
}

export interface ItemMatch {
  code: string;
  name: string;
  kind: string;
  mode: string;
  target: string;
  outcome: Outcome;
  reason: string;
  nearMisses: string[];
  missing: string[];
  benefit: Benefit;
  materials: MaterialStatus[];
  explanation: Explanation;
}

export interface MatchResult {
  asOf: string;
  met: ItemMatch[];
  maybe: ItemMatch[];
  notMet: ItemMatch[];
  /** Items the matching index left for evaluation; the others cannot fit this profile's kind, region or industry. */
  examined: number;
  published: number;
}

export type InputKind =
  'date' | 'number' | 'integer' | 'boolean' | 'enum' | 'set' | 'region' | 'industry' | 'list' | 'string';

export interface QuestionField {
  name: string;
  label: string;
  input: InputKind;
  options?: string[];
  unit?: string;
}

export interface Question {
  variable: string;
  label: string;
  text: string;
  input: InputKind;
  options?: string[];
  unit?: string;
  min?: number;
  max?: number;
  fields?: QuestionField[];
  allowNone: boolean;
  items: string[];
  score: number;
}

export interface ItemResult {
  key: string;
  name?: string;
  outcome: Outcome;
  explanation: Explanation;
  reasons: string[];
  missing: string[];
}

export interface CalculatorResult {
  asOf: string;
  results: { met: ItemResult[]; maybe: ItemResult[]; notMet: ItemResult[] };
  questions: Question[];
}

export interface Variable {
  id: string;
  label: string;
  type: string;
  unit: string | null;
  values: string[] | null;
  derived: boolean;
}

/** An answer of the wrong shape: the query fails with this, and the page shows its error state. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

function check<T>(ok: boolean, data: unknown, what: string): T {
  if (!ok) throw new ShapeError(`unexpected ${what}`);
  return data as T;
}

export function asItemDetail(data: unknown): ItemDetail {
  const d = isObject(data) ? data : {};
  const def = isObject(d.definition) ? d.definition : {};
  return check(
    typeof d.code === 'string' &&
      isObject(d.conditions) &&
      Array.isArray(d.basis) &&
      Array.isArray(def.materials) &&
      Array.isArray(def.process) &&
      isObject(def.benefit) &&
      isObject(def.limits),
    data,
    'item',
  );
}

export function asMatchResult(data: unknown): MatchResult {
  const d = isObject(data) ? data : {};
  return check(
    Array.isArray(d.met) &&
      Array.isArray(d.maybe) &&
      Array.isArray(d.notMet) &&
      typeof d.examined === 'number',
    data,
    'match result',
  );
}

export function asCalculatorResult(data: unknown): CalculatorResult {
  const d = isObject(data) ? data : {};
  const r = isObject(d.results) ? d.results : {};
  return check(
    Array.isArray(d.questions) && Array.isArray(r.met) && Array.isArray(r.maybe) && Array.isArray(r.notMet),
    data,
    'calculator result',
  );
}

export function asVariables(data: unknown): Variable[] {
  return check(
    Array.isArray(data) && data.every((v) => isObject(v) && typeof v.id === 'string'),
    data,
    'variables',
  );
}
