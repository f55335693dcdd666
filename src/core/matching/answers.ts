/**
 * A questionnaire's answers (政策计算器) as a profile of self-declared facts, checked against the variables'
 * types. Shared data may carry a garbled list date (the record still counts, its date unknown); what a person
 * types is held to every field.
 *
 * @example
 * const r = answersToProfile('person', { 'person.birthDate': '1980-13-01' }, catalogue, '2026-11-28');
 * r.problems; // [{ field: 'answers.person.birthDate', message: '数据格式不符：出生日期（"1980-13-01"）' }]
 */
import type { FactValue, Profile } from '../rules/types.ts';
import { invalidReason, isValidField } from '../rules/values.ts';
import type { Catalogue } from '../rules/variables.ts';

export interface AnswerProblem {
  /** "answers.person.birthDate", "answers.person.records[0].on", "none" */
  field: string;
  message: string;
}

export function answersToProfile(
  kind: Profile['kind'],
  answers: Readonly<Record<string, unknown>>,
  catalogue: Catalogue,
  asOf: string,
  none: readonly string[] = [],
): { profile: Profile; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const facts: Profile['facts'] = {};
  for (const [variable, value] of Object.entries(answers)) {
    const field = `answers.${variable}`;
    const def = catalogue.get(variable);
    if (!def) {
      problems.push({ field, message: `没有这个问题（变量 ${variable}）` });
      continue;
    }
    if (def.entity !== kind) {
      problems.push({ field, message: `${def.label}不是${kind === 'person' ? '个人' : '企业'}的信息` });
      continue;
    }
    const why = invalidReason(def, value);
    if (why) {
      problems.push({ field, message: why });
      continue;
    }
    if (def.type === 'list') {
      (value as unknown[]).forEach((element, i) => {
        for (const [name, v] of Object.entries(element as Record<string, unknown>)) {
          const f = def.fields?.[name];
          if (!f) problems.push({ field: `${field}[${i}].${name}`, message: `没有“${name}”这一项` });
          else if (!isValidField(f, v))
            problems.push({ field: `${field}[${i}].${name}`, message: `${f.label}的格式不正确` });
        }
      });
    }
    facts[variable] = { value: value as FactValue, source: { kind: 'declared' }, asOf };
  }
  for (const v of none) {
    if (!catalogue.get(v)) problems.push({ field: 'none', message: `没有这个问题（变量 ${v}）` });
  }
  return { profile: { kind, facts }, problems };
}
