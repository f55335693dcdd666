import { describe, expect, it } from 'vitest';
// The sample gazette (UTF-8), read by Vite as text: web code has no node:fs.
import SAMPLE from '../../../../data/samples/liaocheng-gazette-2023-05.txt?raw';
import { parseGazetteText } from '../../../../src/core/gazette/gazette-parser.ts';
import { sameChapter, suggestItem, type ItemSuggestion } from '../../../../src/core/items/suggest.ts';
import { conditionIds, validateItem } from '../../../../src/core/items/validate.ts';
import type { Rule } from '../../../../src/core/rules/types.ts';
import { BASE_CATALOGUE } from '../../../../src/core/rules/variables.ts';
import { nextKey, type BuilderGroup, type BuilderNode } from '../rule-builder/tree.ts';
import {
  acceptMaterial,
  acceptSuggestion,
  definitionOf,
  draftOf,
  emptyDraft,
  factText,
  parseFact,
  type EditorDraft,
} from './draft.ts';
import { runExamples, submitBlocker } from './examples.ts';
import { draftProblems, fieldName } from './problems.ts';

const DOC = '聊政字〔2023〕9号';
const gazette = parseGazetteText(SAMPLE);
const document = gazette.documents.find((d) => d.docNumber === DOC)!;
const article30 = document.articles.find((a) => a.number === 30)!;
const suggestion: ItemSuggestion = suggestItem({
  document: { docNumber: DOC, title: document.title },
  article: article30,
  neighbours: sameChapter(document.articles, article30),
  catalogue: BASE_CATALOGUE,
});
const allIds = (s: ItemSuggestion) =>
  [s.name, s.kind, s.target]
    .filter((g) => g !== null)
    .map((g) => g.id)
    .concat(
      s.conditions.map((c) => c.id),
      s.materials.map((m) => m.id),
      s.limits.map((l) => l.id),
      s.departments.map((d) => d.id),
      s.fees.map((f) => f.id),
    );

function acceptAll(): EditorDraft {
  let d = emptyDraft({ doc: DOC, article: 30 });
  for (const id of allIds(suggestion)) d = acceptSuggestion(d, suggestion, id, DOC);
  return d;
}

/** What is left after accepting: the code, a summary, the licence class (not read from the text), fees, an example. */
function completed(d: EditorDraft): EditorDraft {
  const licence: BuilderNode = {
    key: nextKey(),
    kind: 'leaf',
    rule: {
      op: 'in',
      id: 'licence',
      label: '准驾车型',
      left: { var: 'person.licenceClass' },
      values: ['A1', 'A2', 'A3', 'B1'],
      cite: { doc: DOC, article: 30, items: [1] },
    },
  };
  const first = d.rule.children[0] as BuilderGroup;
  const rule = {
    ...d.rule,
    children: [{ ...first, children: [licence, ...first.children] }, ...d.rule.children.slice(1)],
  };
  const fact = (variable: string, value: string) => ({ key: nextKey(), variable, value });
  return {
    ...d,
    code: 'LC-XC-JSZG-T',
    summary: '机动车驾驶人申请取得校车驾驶资格。',
    fees: { free: true, text: '原文未规定收费' },
    rule,
    examples: [
      {
        key: nextKey(),
        name: '驾龄十年、无不良记录的B1驾驶人符合条件',
        asOf: '2026-11-28',
        expected: 'met',
        facts: [
          fact('person.birthDate', '1980-05-01'),
          fact('person.licenceClass', 'B1'),
          fact('person.licensedOn', '2015-03-20'),
          fact('person.records', '[]'),
          fact('person.healthy', '是'),
        ],
      },
    ],
  };
}

describe('the item editor draft', () => {
  it('accepts every suggestion of 9号 第三十条 into a definition whose conditions cite their 项', () => {
    const d = acceptAll();
    expect(d.name).toBe('校车驾驶资格');
    expect(d.kind).toBe('资质');
    expect(d.target).toBe('person');
    expect(d.basis).toEqual([{ doc: DOC, article: 30 }]);
    const rule = definitionOf(d, BASE_CATALOGUE).rule as Extract<Rule, { op: 'all' }>;
    expect(rule.of.map((g) => g.cite)).toEqual(
      [1, 2, 3, 4, 5, 6].map((i) => ({ doc: DOC, article: 30, items: [i] })),
    );
    expect(rule.of.map((g) => g.id)).toEqual(suggestion.conditions.map((c) => c.id));
    expect(d.conditionsText.split('\n')[0]).toBe(
      '（一）取得相应准驾车型驾驶证并具有三年以上驾驶经历，年龄在二十五周岁以上、不超过六十周岁',
    );
    // Materials prove conditions that are in the rule.
    const ids = conditionIds(rule);
    expect(d.materials.map((m) => m.name)).toContain('公安机关交通管理部门审核意见');
    for (const m of d.materials) for (const p of m.proves) expect(ids.has(p)).toBe(true);
    // 第三十一条: five working days, the county traffic police receiving the application.
    expect(d.limits.statutoryDays).toBe(5);
    expect(d.process).toEqual([
      expect.objectContaining({ workingDays: 5, department: '公安机关交通管理部门' }),
    ]);
    expect(d.departments.lead).toBe('县级公安机关交通管理部门');
    expect(d.departments.co).toEqual(['县级公安机关', '教育行政部门', '行政审批部门']);
  });

  it('accepting the same suggestion twice changes nothing', () => {
    const d = acceptAll();
    const again = acceptSuggestion(d, suggestion, suggestion.conditions[0]!.id, DOC);
    expect(again).toBe(d);
    expect(acceptSuggestion(d, suggestion, 'no-such-id', DOC)).toBe(d);
  });

  it('keeps a material’s other conditions pending until they are accepted', () => {
    const material = suggestion.materials[0]!; // 第一至四项
    let d = acceptMaterial(emptyDraft({ doc: DOC, article: 30 }), material);
    expect(d.materials[0]!.proves).toEqual([]);
    d = acceptSuggestion(d, suggestion, suggestion.conditions[1]!.id, DOC);
    expect(d.materials[0]!.proves).toEqual([suggestion.conditions[1]!.id]);
    expect(definitionOf(d, BASE_CATALOGUE).materials[0]).not.toHaveProperty('pending');
  });

  it('names what is missing by field, then passes the server’s own checks once completed', () => {
    const accepted = acceptAll();
    const problems = draftProblems(accepted, BASE_CATALOGUE);
    expect(problems.map((p) => p.field)).toEqual(['code', 'summary', 'fees.text']);
    expect(fieldName('code')).toBe('事项编码');
    expect(fieldName('materials[1].proves')).toBe('申请材料第2项');
    expect(fieldName('rule.all[2]')).toBe('条件规则');

    const done = completed(accepted);
    expect(draftProblems(done, BASE_CATALOGUE)).toEqual([]);
    expect(validateItem(definitionOf(done, BASE_CATALOGUE))).toEqual([]);
  });

  it('runs the examples and holds submission until they pass on the draft as it is', () => {
    const done = completed(acceptAll());
    expect(submitBlocker({ ...done, examples: [] }, null, BASE_CATALOGUE)).toBe('editor.submit.noExamples');
    expect(submitBlocker(done, null, BASE_CATALOGUE)).toBe('editor.submit.notRun');
    const run = runExamples(done, BASE_CATALOGUE)!;
    expect(run.results).toEqual([
      { name: '驾龄十年、无不良记录的B1驾驶人符合条件', passed: true, failures: [] },
    ]);
    expect(submitBlocker(done, run, BASE_CATALOGUE)).toBeNull();

    // Expecting the wrong outcome fails, with the reason; editing after a run makes it stale.
    const wrong = { ...done, examples: [{ ...done.examples[0]!, expected: 'notMet' as const }] };
    const failed = runExamples(wrong, BASE_CATALOGUE)!;
    expect(failed.results[0]!.failures).toEqual(['结果应为“不符合”，实际为“符合”']);
    expect(submitBlocker(wrong, failed, BASE_CATALOGUE)).toBe('editor.submit.failing');
    expect(submitBlocker(wrong, run, BASE_CATALOGUE)).toBe('editor.submit.stale');
  });

  it('does not run examples on a rule the checker refuses', () => {
    const empty = { ...completed(acceptAll()), rule: { ...emptyDraft().rule } };
    expect(runExamples(empty, BASE_CATALOGUE)).toBeNull();
    expect(draftProblems(empty, BASE_CATALOGUE)[0]).toMatchObject({
      field: 'rule',
      message: '条件“（无条件）”：条件组不能为空',
    });
  });

  it('reads facts as typed and shows them back', () => {
    expect(parseFact('3', 'integer')).toEqual({ ok: true, value: 3 });
    expect(parseFact('3.5', 'integer')).toEqual({ ok: false, expected: 'integer' });
    expect(parseFact('否', 'boolean')).toEqual({ ok: true, value: false });
    expect(parseFact('2015-3-20', 'date')).toEqual({ ok: false, expected: 'date' });
    expect(parseFact('高新技术企业、专精特新', 'set')).toEqual({
      ok: true,
      value: ['高新技术企业', '专精特新'],
    });
    expect(parseFact('[{"kind":"记满分","on":"2024-10-15"}]', 'list')).toEqual({
      ok: true,
      value: [{ kind: '记满分', on: '2024-10-15' }],
    });
    expect(parseFact('[1]', 'list')).toEqual({ ok: false, expected: 'list' });
    for (const v of [true, 3, '2015-03-20', ['a', 'b'], [{ kind: '犯罪', on: '2020-01-01' }]])
      expect(
        parseFact(
          factText(v),
          typeof v === 'boolean'
            ? 'boolean'
            : typeof v === 'number'
              ? 'integer'
              : Array.isArray(v)
                ? typeof v[0] === 'object'
                  ? 'list'
                  : 'set'
                : 'date',
        ),
      ).toEqual({ ok: true, value: v });
  });

  it('turns a stored definition into a draft and back', () => {
    const def = definitionOf(completed(acceptAll()), BASE_CATALOGUE);
    const back = definitionOf(draftOf(def), BASE_CATALOGUE);
    expect(back).toEqual(def);
  });
});
