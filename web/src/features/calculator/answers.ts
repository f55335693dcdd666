import type { Question, QuestionField, Target } from '../../api/items.ts';
import type { CalculatorRequest } from '../../api/item-queries.ts';
import type { MessageKey, MessageParams } from '../../i18n/index.ts';

/**
 * The calculator's answers, one step per question, in the order asked: "上一题" drops the last step and offers
 * its answer again. The server is stateless (POST /api/calculator takes every answer each time and stores
 * nothing), so the steps are the whole state, and each list of steps has one request and one cache key.
 */
export type Answer = { kind: 'value'; value: AnswerValue } | { kind: 'none' };
export type AnswerValue = string | number | boolean | string[] | ListRow[];
export type ListRow = Record<string, string>;

export interface Step {
  question: Question;
  answer: Answer;
}

export function toRequest(kind: Target, steps: readonly Step[], items?: string[]): CalculatorRequest {
  const answers: Record<string, AnswerValue> = {};
  const none: string[] = [];
  for (const { question, answer } of steps) {
    if (answer.kind === 'none') none.push(question.variable);
    else answers[question.variable] = answer.value;
  }
  return items?.length ? { kind, answers, none, items } : { kind, answers, none };
}

/** What a form holds before it is an answer: text as typed, a choice not yet made (undefined), list rows. */
export type Draft = string | number | boolean | string[] | ListRow[] | undefined;

export interface Problem {
  key: MessageKey;
  params?: MessageParams;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** GB/T 4754-2017: a section letter, then 2 (division) to 4 (class) digits: C, C34, C345, C3451. */
const INDUSTRY = /^[A-T](\d{2}|\d{3}|\d{4})?$/;

export function isValidDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

function fieldComplete(field: QuestionField, raw: string | undefined): boolean {
  if (raw === undefined || raw.trim() === '') return false;
  if (field.input === 'date') return isValidDate(raw);
  if (field.options) return field.options.includes(raw);
  return true;
}

/**
 * A draft checked against its question, as the applicant will be told: the answer to send, or what is wrong.
 * The server checks again (and names the field); this saves a round trip and says it in the applicant's words.
 */
export function toAnswer(
  question: Question,
  draft: Draft,
): { ok: true; value: AnswerValue } | { ok: false; problem: Problem } {
  const required: Problem = { key: question.allowNone ? 'calc.requiredOrNone' : 'calc.required' };
  switch (question.input) {
    case 'date':
      if (typeof draft !== 'string' || draft === '') return { ok: false, problem: required };
      return isValidDate(draft)
        ? { ok: true, value: draft }
        : { ok: false, problem: { key: 'calc.dateInvalid' } };
    case 'number':
    case 'integer': {
      if (draft === undefined || draft === '') return { ok: false, problem: required };
      const n = typeof draft === 'number' ? draft : Number(draft);
      if (!Number.isFinite(n) || (question.input === 'integer' && !Number.isInteger(n)))
        return { ok: false, problem: { key: 'calc.numberInvalid' } };
      const { min, max } = question;
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        return {
          ok: false,
          problem:
            max !== undefined
              ? { key: 'calc.numberRange', params: { min: min ?? 0, max } }
              : { key: 'calc.numberMin', params: { min: min ?? 0 } },
        };
      }
      return { ok: true, value: n };
    }
    case 'boolean':
      return typeof draft === 'boolean' ? { ok: true, value: draft } : { ok: false, problem: required };
    case 'enum':
    case 'region':
      return typeof draft === 'string' && draft !== ''
        ? { ok: true, value: draft }
        : { ok: false, problem: required };
    case 'set':
      // An empty set is an answer: "none of these".
      return { ok: true, value: Array.isArray(draft) ? draft : [] };
    case 'industry': {
      const code = typeof draft === 'string' ? draft.trim().toUpperCase() : '';
      if (code === '') return { ok: false, problem: required };
      return INDUSTRY.test(code)
        ? { ok: true, value: code }
        : { ok: false, problem: { key: 'calc.industryInvalid' } };
    }
    case 'list': {
      // undefined: no choice yet; [] : "没有以上任何记录"; rows: each must be complete.
      if (!Array.isArray(draft)) return { ok: false, problem: required };
      const rows = draft as ListRow[];
      const fields = question.fields ?? [];
      if (rows.some((r) => fields.some((f) => !fieldComplete(f, r[f.name]))))
        return { ok: false, problem: { key: 'calc.list.incomplete' } };
      return {
        ok: true,
        value: rows.map((r) => Object.fromEntries(fields.map((f) => [f.name, r[f.name]!.trim()]))),
      };
    }
    case 'string': {
      const s = typeof draft === 'string' ? draft.trim() : '';
      return s ? { ok: true, value: s } : { ok: false, problem: required };
    }
  }
}

/** The draft that shows an answer again (after "上一题"). */
export function toDraft(answer: Answer | undefined): Draft {
  if (!answer || answer.kind === 'none') return undefined;
  const v = answer.value;
  return Array.isArray(v) ? (v.map((x) => (typeof x === 'string' ? x : { ...x })) as Draft) : v;
}
