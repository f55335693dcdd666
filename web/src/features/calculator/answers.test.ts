import { describe, expect, it } from 'vitest';
import type { Question } from '../../api/items.ts';
import { isValidDate, toAnswer, toDraft, toRequest, type Step } from './answers.ts';

const q = (input: Question['input'], extra: Partial<Question> = {}): Question => ({
  variable: `person.${input}`,
  label: input,
  text: '？',
  input,
  allowNone: false,
  items: [],
  score: 1,
  ...extra,
});

const records = q('list', {
  variable: 'person.records',
  fields: [
    { name: 'kind', label: '记录类型', input: 'enum', options: ['饮酒驾驶', '犯罪'] },
    { name: 'on', label: '发生日期', input: 'date' },
  ],
});

describe('calculator answers', () => {
  it('turns steps into one request: answers, "我没有", and the items asked about', () => {
    const steps: Step[] = [
      { question: records, answer: { kind: 'value', value: [] } },
      { question: q('enum', { variable: 'person.licenceClass' }), answer: { kind: 'none' } },
      {
        question: q('date', { variable: 'person.birthDate' }),
        answer: { kind: 'value', value: '1980-05-01' },
      },
    ];
    expect(toRequest('person', steps, ['LC-XC-JSZG'])).toEqual({
      kind: 'person',
      answers: { 'person.records': [], 'person.birthDate': '1980-05-01' },
      none: ['person.licenceClass'],
      items: ['LC-XC-JSZG'],
    });
    expect(toRequest('enterprise', [])).toEqual({ kind: 'enterprise', answers: {}, none: [] });
  });

  it('checks dates as calendar dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(toAnswer(q('date'), '1980-05-01')).toEqual({ ok: true, value: '1980-05-01' });
    expect(toAnswer(q('date'), '1980-5-1')).toMatchObject({
      ok: false,
      problem: { key: 'calc.dateInvalid' },
    });
    expect(toAnswer(q('date', { allowNone: true }), undefined)).toMatchObject({
      ok: false,
      problem: { key: 'calc.requiredOrNone' },
    });
  });

  it('checks numbers against their range, and industries against GB/T 4754', () => {
    const employees = q('integer', { min: 0, max: 100000 });
    expect(toAnswer(employees, 8)).toEqual({ ok: true, value: 8 });
    expect(toAnswer(employees, 8.5)).toMatchObject({ ok: false, problem: { key: 'calc.numberInvalid' } });
    expect(toAnswer(employees, -1)).toMatchObject({ ok: false, problem: { key: 'calc.numberRange' } });
    expect(toAnswer(q('industry'), ' c3451 ')).toEqual({ ok: true, value: 'C3451' });
    expect(toAnswer(q('industry'), 'C')).toEqual({ ok: true, value: 'C' });
    expect(toAnswer(q('industry'), '3451')).toMatchObject({
      ok: false,
      problem: { key: 'calc.industryInvalid' },
    });
  });

  it('takes an empty list as "no records", and wants every row complete', () => {
    expect(toAnswer(records, undefined)).toMatchObject({ ok: false, problem: { key: 'calc.required' } });
    expect(toAnswer(records, [])).toEqual({ ok: true, value: [] });
    expect(toAnswer(records, [{ kind: '犯罪' }])).toMatchObject({
      ok: false,
      problem: { key: 'calc.list.incomplete' },
    });
    expect(toAnswer(records, [{ kind: '犯罪', on: '2020-02-30' }])).toMatchObject({ ok: false });
    expect(toAnswer(records, [{ kind: '犯罪', on: '2020-02-03', extra: 'x' }])).toEqual({
      ok: true,
      value: [{ kind: '犯罪', on: '2020-02-03' }],
    });
  });

  it('needs a choice for yes/no and choices, and lets a set be empty', () => {
    expect(toAnswer(q('boolean'), false)).toEqual({ ok: true, value: false });
    expect(toAnswer(q('boolean'), undefined)).toMatchObject({ ok: false });
    expect(toAnswer(q('region'), '371581')).toEqual({ ok: true, value: '371581' });
    expect(toAnswer(q('set'), undefined)).toEqual({ ok: true, value: [] });
  });

  it('offers an answer again as a draft (a copy), and "我没有" as nothing chosen', () => {
    const rows = [{ kind: '犯罪', on: '2020-02-03' }];
    const draft = toDraft({ kind: 'value', value: rows });
    expect(draft).toEqual(rows);
    expect(draft).not.toBe(rows);
    expect(toDraft({ kind: 'none' })).toBeUndefined();
  });
});
