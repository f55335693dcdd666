import { Button, Checkbox, Input, InputNumber, Radio } from 'antd';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Question } from '../../api/items.ts';
import { list, t } from '../../i18n/index.ts';
import { LIAOCHENG_COUNTIES } from '../items/regions.ts';
import { toAnswer, type Answer, type Draft, type ListRow, type Problem } from './answers.ts';
import { ChoiceSelect } from './ChoiceSelect.tsx';
import { DateInput } from './DateInput.tsx';
import { ListAnswer } from './ListAnswer.tsx';

/** Birth dates and licence dates lie in the past: the calendar offers nothing after today. */
function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

interface ControlProps {
  id: string;
  question: Question;
  draft: Draft;
  setDraft: (d: Draft) => void;
  describedBy: string;
  invalid: boolean;
}

/** The control for a question's input kind, labelled by the question itself. */
function AnswerControl({ id, question, draft, setDraft, describedBy, invalid }: ControlProps) {
  const label = (
    <label htmlFor={id} className="question-text">
      {question.text}
    </label>
  );
  switch (question.input) {
    case 'boolean':
    case 'set':
      return (
        <fieldset className="answer-fieldset" aria-describedby={describedBy}>
          <legend className="question-text">{question.text}</legend>
          {question.input === 'boolean' ? (
            <Radio.Group
              className="answer-choices"
              value={typeof draft === 'boolean' ? draft : undefined}
              onChange={(e) => setDraft(e.target.value as boolean)}
              options={[
                { value: true, label: t('calc.yes') },
                { value: false, label: t('calc.no') },
              ]}
            />
          ) : (
            <Checkbox.Group
              className="answer-choices"
              value={Array.isArray(draft) ? (draft as string[]) : []}
              onChange={(v) => setDraft(v)}
              options={(question.options ?? []).map((o) => ({ value: o, label: o }))}
            />
          )}
        </fieldset>
      );
    case 'list':
      return (
        <ListAnswer
          idBase={id}
          legend={question.text}
          fields={question.fields ?? []}
          rows={Array.isArray(draft) ? (draft as ListRow[]) : undefined}
          onChange={setDraft}
          describedBy={describedBy}
        />
      );
    case 'enum':
    case 'region':
      return (
        <>
          {label}
          <ChoiceSelect
            id={id}
            value={typeof draft === 'string' ? draft : undefined}
            onChange={(v) => setDraft(v)}
            options={
              question.input === 'region'
                ? LIAOCHENG_COUNTIES.map((c) => ({ value: c.code, label: c.name }))
                : (question.options ?? []).map((o) => ({ value: o, label: o }))
            }
            describedBy={describedBy}
            invalid={invalid}
          />
        </>
      );
    case 'date':
      return (
        <>
          {label}
          <DateInput
            id={id}
            value={typeof draft === 'string' ? draft : undefined}
            onChange={setDraft}
            describedBy={describedBy}
            invalid={invalid}
            disabledAfter={today()}
          />
        </>
      );
    case 'number':
    case 'integer':
      return (
        <>
          {label}
          <span className="answer-number">
            <InputNumber
              id={id}
              value={typeof draft === 'number' ? draft : null}
              min={question.min}
              max={question.max}
              precision={question.input === 'integer' ? 0 : undefined}
              onChange={(v) => setDraft(v ?? undefined)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              status={invalid ? 'error' : undefined}
            />
            {question.unit ? <span className="answer-unit">{question.unit}</span> : null}
          </span>
        </>
      );
    default:
      return (
        <>
          {label}
          <Input
            id={id}
            value={typeof draft === 'string' ? draft : ''}
            onChange={(e) => setDraft(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            status={invalid ? 'error' : undefined}
            autoComplete="off"
          />
        </>
      );
  }
}

function hintFor(question: Question): string | null {
  if (question.input === 'date') return t('calc.dateHint');
  if (question.input === 'list') {
    const kinds = question.fields?.find((f) => f.options)?.options;
    if (kinds) return t('calc.listHint', { list: list(kinds) });
  }
  if (question.input === 'enum' || question.input === 'region') return t('calc.selectHint');
  if (question.input === 'industry') return t('calc.industryHint');
  if ((question.input === 'number' || question.input === 'integer') && question.unit)
    return t('calc.unit', { unit: question.unit });
  return null;
}

/**
 * One question of the calculator: its heading ("第 3 题", which takes focus when the question appears), the
 * question with the control its input kind needs, "我没有" where having none is an answer, and the way back.
 */
export function QuestionForm({
  question,
  number,
  initial,
  busy,
  canBack,
  focusOnMount,
  onAnswer,
  onBack,
}: {
  question: Question;
  number: number;
  initial: Draft;
  busy: boolean;
  canBack: boolean;
  focusOnMount: boolean;
  onAnswer: (answer: Answer) => void;
  onBack: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const hint = hintFor(question);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const r = toAnswer(question, draft);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    onAnswer({ kind: 'value', value: r.value });
  };
  const change = (d: Draft) => {
    setDraft(d);
    setProblem(null);
  };

  return (
    <form
      className="question-card panel"
      onSubmit={submit}
      aria-labelledby={`${id}-h`}
      data-variable={question.variable}
      data-input={question.input}
      noValidate
    >
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1} className="question-number">
        {t('calc.question', { number })}
      </h2>
      <div className="answer">
        <AnswerControl
          id={`${id}-input`}
          question={question}
          draft={draft}
          setDraft={change}
          describedBy={[hint ? hintId : '', problem ? errorId : ''].filter(Boolean).join(' ')}
          invalid={problem !== null}
        />
        {hint ? (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        ) : null}
        {problem ? (
          <p id={errorId} className="field-error" role="alert">
            {t(problem.key, problem.params)}
          </p>
        ) : null}
      </div>
      <div className="question-actions">
        <Button type="primary" htmlType="submit" disabled={busy}>
          {t('calc.next')}
        </Button>
        {question.allowNone ? (
          <Button disabled={busy} onClick={() => onAnswer({ kind: 'none' })}>
            {t('calc.none')}
          </Button>
        ) : null}
        <Button disabled={!canBack || busy} onClick={onBack}>
          {t('calc.back')}
        </Button>
      </div>
    </form>
  );
}
