import { Button, Input } from 'antd';
import type { Outcome } from '../../../../src/core/rules/types.ts';
import type { Catalogue, VariableDef } from '../../../../src/core/rules/variables.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { ChoiceSelect } from '../calculator/ChoiceSelect.tsx';
import { emptyExample, emptyFact, type EditorDraft, type ExampleRow } from './draft.ts';
import type { ExampleRun } from './examples.ts';
import { Field } from './Field.tsx';
import { problemsAt, type ItemProblem } from './problems.ts';

const OUTCOMES: { value: Outcome; key: MessageKey }[] = [
  { value: 'met', key: 'editor.outcome.met' },
  { value: 'notMet', key: 'editor.outcome.notMet' },
  { value: 'unknown', key: 'editor.outcome.unknown' },
];

const FORMAT_HINTS: Partial<Record<VariableDef['type'], MessageKey>> = {
  date: 'editor.fact.hint.date',
  boolean: 'editor.fact.hint.boolean',
  set: 'editor.fact.hint.set',
  list: 'editor.fact.hint.list',
};

/**
 * The item's test examples (OpenFisca-style: this profile on this day gives this outcome), edited as a list of
 * facts per example, and "运行示例", which runs them with the server's evaluator and shows each pass or failure.
 */
export function ExamplesPanel({
  draft: d,
  catalogue,
  run,
  problems,
  onChange,
  onRun,
}: {
  draft: EditorDraft;
  catalogue: Catalogue;
  run: ExampleRun | null;
  problems: readonly ItemProblem[];
  onChange: (examples: ExampleRow[]) => void;
  onRun: () => void;
}) {
  const variables = catalogue.variables.filter((v) => d.target === 'both' || v.entity === d.target);
  const setExample = (i: number, patch: Partial<ExampleRow>) =>
    onChange(d.examples.map((ex, j) => (j === i ? { ...ex, ...patch } : ex)));
  const passed = run?.results.filter((r) => r.passed).length ?? 0;
  return (
    <section aria-labelledby="ie-examples" className="ie-section">
      <h2 id="ie-examples">{t('editor.section.examples')}</h2>
      <p className="field-hint">{t('editor.examples.intro')}</p>
      {d.examples.length === 0 ? <p className="ie-empty">{t('editor.examples.none')}</p> : null}
      <ol className="ie-rows ie-examples">
        {d.examples.map((ex, i) => {
          const result = run?.results[i];
          const own = (f: string) => problemsAt(problems, f).map((p) => p.message);
          return (
            <li key={ex.key} className="ie-row ie-example" data-example={i}>
              <div className="ie-grid">
                <Field
                  id={`${ex.key}-name`}
                  label={t('editor.example.name', { n: i + 1 })}
                  errors={own(`examples[${i}].name`)}
                >
                  {(c) => (
                    <Input {...c} value={ex.name} onChange={(e) => setExample(i, { name: e.target.value })} />
                  )}
                </Field>
                <Field
                  id={`${ex.key}-asOf`}
                  label={t('editor.example.asOf')}
                  errors={own(`examples[${i}].asOf`)}
                >
                  {(c) => (
                    <Input
                      {...c}
                      type="date"
                      value={ex.asOf}
                      onChange={(e) => setExample(i, { asOf: e.target.value })}
                    />
                  )}
                </Field>
                <Field id={`${ex.key}-expected`} label={t('editor.example.expected')}>
                  {(c) => (
                    <ChoiceSelect
                      id={c.id}
                      value={ex.expected}
                      options={OUTCOMES.map((o) => ({ value: o.value, label: t(o.key) }))}
                      onChange={(expected) => expected && setExample(i, { expected })}
                    />
                  )}
                </Field>
              </div>
              <table className="ie-facts">
                <caption>{t('editor.example.facts', { n: i + 1 })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('editor.fact.variable')}</th>
                    <th scope="col">{t('editor.fact.value')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('editor.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {ex.facts.map((f, j) => {
                    const def = catalogue.get(f.variable);
                    const hint = def && FORMAT_HINTS[def.type];
                    const errs = own(`examples[${i}].facts[${j}]`);
                    const setFact = (patch: Partial<typeof f>) =>
                      setExample(i, { facts: ex.facts.map((x, k) => (k === j ? { ...x, ...patch } : x)) });
                    return (
                      <tr key={f.key}>
                        <td>
                          <label className="visually-hidden" htmlFor={`${f.key}-variable`}>
                            {t('editor.fact.variableOf', { n: j + 1 })}
                          </label>
                          <ChoiceSelect
                            id={`${f.key}-variable`}
                            value={def ? f.variable : undefined}
                            options={variables.map((v) => ({ value: v.id, label: v.label }))}
                            onChange={(variable) => setFact({ variable: variable ?? '' })}
                          />
                        </td>
                        <td>
                          <label className="visually-hidden" htmlFor={`${f.key}-value`}>
                            {t('editor.fact.valueOf', { n: j + 1, label: def?.label ?? '' })}
                          </label>
                          <Input
                            id={`${f.key}-value`}
                            value={f.value}
                            placeholder={hint ? t(hint) : def?.values?.join('、')}
                            aria-invalid={errs.length ? true : undefined}
                            aria-describedby={errs.length ? `${f.key}-error` : undefined}
                            onChange={(e) => setFact({ value: e.target.value })}
                          />
                          {errs.length ? (
                            <p id={`${f.key}-error`} className="field-error">
                              {errs.join('；')}
                            </p>
                          ) : null}
                        </td>
                        <td>
                          <Button
                            size="small"
                            danger
                            onClick={() => setExample(i, { facts: ex.facts.filter((_, k) => k !== j) })}
                            aria-label={t('editor.fact.remove', { n: j + 1 })}
                          >
                            {t('editor.remove')}
                          </Button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="ie-actions-inline">
                <Button onClick={() => setExample(i, { facts: [...ex.facts, emptyFact()] })}>
                  {t('editor.fact.add', { n: i + 1 })}
                </Button>
                <Button
                  danger
                  onClick={() => onChange(d.examples.filter((_, j) => j !== i))}
                  aria-label={t('editor.example.remove', { n: i + 1 })}
                >
                  {t('editor.remove')}
                </Button>
              </div>
              {result ? (
                <div
                  className={result.passed ? 'ie-result ie-pass' : 'ie-result ie-fail'}
                  data-result={result.passed ? 'pass' : 'fail'}
                >
                  <strong>{t(result.passed ? 'editor.example.passed' : 'editor.example.failed')}</strong>
                  {result.failures.length ? (
                    <ul>
                      {result.failures.map((f) => (
                        <li key={f}>{f}</li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              ) : null}
              {own(`examples[${i}]`).filter((m) => m.startsWith('样例')).length ? (
                <p className="field-error">{own(`examples[${i}]`).join('；')}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="ie-actions-inline">
        <Button onClick={() => onChange([...d.examples, emptyExample()])}>{t('editor.example.add')}</Button>
        <Button type="primary" onClick={onRun} disabled={d.examples.length === 0}>
          {t('editor.examples.run')}
        </Button>
      </div>
      <p role="status" className="ie-run-summary" data-testid="examples-summary">
        {run
          ? passed === run.results.length
            ? t('editor.examples.allPassed', { n: run.results.length })
            : t('editor.examples.someFailed', { passed, failed: run.results.length - passed })
          : ''}
      </p>
    </section>
  );
}
