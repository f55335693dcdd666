import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { Target } from '../api/items.ts';
import { itemQueries } from '../api/item-queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { errorMessage, Loading, LoadError } from '../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { toDraft, toRequest, type Answer, type Step } from '../features/calculator/answers.ts';
import { CalculatorResults } from '../features/calculator/CalculatorResults.tsx';
import { QuestionForm } from '../features/calculator/QuestionForm.tsx';
import { targetLabel, TARGETS } from '../features/items/format.ts';
import { parseItemCode } from '../features/items/item-code.ts';
import { t } from '../i18n/index.ts';
import '../features/items/items.css';

function KindChoice({
  onChoose,
  focusOnMount,
}: {
  onChoose: (kind: Target) => void;
  /** After "重新开始", whose button is gone: the question takes focus, as every new question does. */
  focusOnMount: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  return (
    <section className="question-card panel" aria-labelledby="calc-kind">
      <h2 id="calc-kind" ref={heading} tabIndex={-1}>
        {t('calc.chooseKind')}
      </h2>
      <div className="question-actions kind-choice">
        {TARGETS.map((k) => (
          <Button key={k} size="large" onClick={() => onChoose(k)} data-kind={k}>
            {t(k === 'person' ? 'calc.kind.person' : 'calc.kind.enterprise')}
          </Button>
        ))}
      </div>
    </section>
  );
}

/** The questionnaire for one applicant kind; `key`ed by item, so another item starts afresh. */
function Calculator({
  itemCode,
  itemName,
  fixedKind,
}: {
  itemCode: string | null;
  itemName?: string;
  fixedKind: Target | null;
}) {
  const { to } = useChannel();
  const [chosen, setChosen] = useState<Target | null>(null);
  const kind = fixedKind ?? chosen;
  const [steps, setSteps] = useState<Step[]>([]);
  const [restored, setRestored] = useState<Step | null>(null);
  // Focus follows the questionnaire only after the visitor acts (not on the first render of the page).
  const [acted, setActed] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const request = kind ? toRequest(kind, steps, itemCode ? [itemCode] : undefined) : null;
  const calc = useQuery(itemQueries.calculator(request));
  const stale = calc.isPlaceholderData || calc.isFetching;
  const current = !stale && calc.data ? calc.data.questions[0] : undefined;
  const done = !stale && calc.data !== undefined && calc.data.questions.length === 0;

  useEffect(() => {
    if (done && acted) doneRef.current?.focus();
  }, [done, acted]);

  const answer = (question: Step['question'], a: Answer) => {
    setSteps((s) => [...s, { question, answer: a }]);
    setRestored(null);
    setActed(true);
  };
  const back = () => {
    const last = steps[steps.length - 1];
    if (!last) return;
    setSteps(steps.slice(0, -1));
    setRestored(last);
    setActed(true);
  };
  const restart = () => {
    setSteps([]);
    setRestored(null);
    setChosen(null);
    setActed(true);
  };

  const problems = calc.error instanceof ApiError ? (calc.error.problem?.errors ?? []) : [];

  return (
    <div className="calc-layout">
      <div className="calc-main">
        {itemName && itemCode ? (
          <p className="calc-for">
            {t('calc.forItem')}
            <Link to={to(`/items/${itemCode}`)}>{itemName}</Link>
            <span className="calc-all">
              <Link to={to('/calculator')}>{t('calc.allItems')}</Link>
            </span>
          </p>
        ) : null}
        {kind === null ? (
          <KindChoice
            focusOnMount={acted}
            onChoose={(k) => {
              setChosen(k);
              setActed(true);
            }}
          />
        ) : (
          <>
            <p className="calc-progress">
              <span>{t('calc.kindChosen', { kind: targetLabel(kind) })}</span>
              <span aria-hidden="true"> · </span>
              <span data-answered={steps.length}>{t('calc.progress', { count: steps.length })}</span>
            </p>
            {calc.isError ? (
              <Alert
                type="error"
                role="alert"
                showIcon
                title={t('calc.answerError', {
                  detail:
                    problems.length > 0
                      ? problems.map((p) => p.message).join('；')
                      : errorMessage(calc.error),
                })}
                action={
                  steps.length > 0 ? (
                    <Button onClick={back}>{t('calc.fixAnswer')}</Button>
                  ) : (
                    <Button onClick={() => void calc.refetch()}>{t('error.retry')}</Button>
                  )
                }
              />
            ) : current ? (
              <QuestionForm
                key={`${steps.length}:${current.variable}`}
                question={current}
                number={steps.length + 1}
                initial={
                  restored && restored.question.variable === current.variable
                    ? toDraft(restored.answer)
                    : undefined
                }
                busy={stale}
                canBack={steps.length > 0}
                focusOnMount={acted}
                onAnswer={(a) => answer(current, a)}
                onBack={back}
              />
            ) : done ? (
              <div className="question-card panel">
                <p ref={doneRef} tabIndex={-1} className="calc-done">
                  {t('calc.done', {
                    met: calc.data.results.met.length,
                    maybe: calc.data.results.maybe.length,
                    notMet: calc.data.results.notMet.length,
                  })}
                </p>
                <div className="question-actions">
                  <Button onClick={back} disabled={steps.length === 0}>
                    {t('calc.back')}
                  </Button>
                </div>
              </div>
            ) : (
              <Loading rows={3} />
            )}
            <p className="calc-restart">
              <Button type="link" onClick={restart}>
                {t('calc.restart')}
              </Button>
            </p>
          </>
        )}
      </div>
      <CalculatorResults data={calc.isError ? undefined : calc.data} updating={kind !== null && stale} />
    </div>
  );
}

/**
 * 政策计算器 (`/calculator`, `/calculator?item=LC-XC-JSZG`): one question at a time, the most useful first
 * (the server ranks them), with the three result lists live beside. Nothing is stored: the answers live in this
 * page's state and leave with it.
 */
export function CalculatorPage() {
  const [params] = useSearchParams();
  const raw = params.get('item');
  const itemCode = parseItemCode(raw);
  const { to } = useChannel();
  const item = useQuery({ ...itemQueries.item(itemCode ?? ''), enabled: itemCode !== null });
  usePageTitle(item.data ? `${t('calc.title')}：${item.data.name}` : t('calc.title'));
  const fixedKind =
    item.data?.target === 'person' || item.data?.target === 'enterprise' ? item.data.target : null;
  const missing =
    raw !== null && (itemCode === null || (item.error instanceof ApiError && item.error.notFound));

  return (
    <div className="calculator-page">
      <Breadcrumbs items={[{ label: t('nav.home'), to: to('/') }, { label: t('calc.title') }]} />
      <PageHeading>{t('calc.title')}</PageHeading>
      <p className="page-lead">{t('calc.lead')}</p>
      <Alert className="privacy-note" type="info" showIcon title={t('privacy.notice')} />
      {missing ? (
        <Alert
          type="warning"
          showIcon
          title={t('item.notFound')}
          action={<Link to={to('/calculator')}>{t('calc.allItems')}</Link>}
        />
      ) : itemCode !== null && item.isPending ? (
        <Loading rows={3} />
      ) : itemCode !== null && item.isError ? (
        <LoadError error={item.error} onRetry={() => void item.refetch()} />
      ) : (
        <Calculator
          key={itemCode ?? ''}
          itemCode={itemCode}
          itemName={item.data?.name}
          fixedKind={fixedKind}
        />
      )}
    </div>
  );
}
