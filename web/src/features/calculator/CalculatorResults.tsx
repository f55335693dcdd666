import { Link } from 'react-router';
import type { CalculatorResult, ItemResult } from '../../api/items.ts';
import { useChannel } from '../../app/channel.tsx';
import { t } from '../../i18n/index.ts';
import { RESULT_LISTS } from '../items/format.ts';
import { OutcomeCounts, OutcomeTag } from '../matching/Outcome.tsx';

/** A near miss ("只差以下条件：…", "差一点：…") stands out from a plain failing condition. */
const isNearMiss = (reason: string) => reason.startsWith('只差') || reason.startsWith('差一点');

function ResultItem({ result }: { result: ItemResult }) {
  const { to } = useChannel();
  return (
    <li className="result-item" data-code={result.key} data-outcome={result.outcome}>
      <p className="result-title">
        <Link to={to(`/items/${result.key}`)}>{result.name ?? result.key}</Link>
        <OutcomeTag outcome={result.outcome} />
      </p>
      {result.reasons.length > 0 ? (
        <ul className="result-reasons">
          {result.reasons.map((r) => (
            <li key={r} className={isNearMiss(r) ? 'near-miss' : undefined}>
              {r}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * The calculator's three lists, recomputed after every answer. The summary line is a polite live region, so a
 * screen reader hears the new counts without losing its place in the next question.
 */
export function CalculatorResults({
  data,
  updating,
}: {
  data: CalculatorResult | undefined;
  updating: boolean;
}) {
  const r = data?.results;
  const counts = { met: r?.met.length ?? 0, maybe: r?.maybe.length ?? 0, notMet: r?.notMet.length ?? 0 };
  return (
    <section className="panel calc-results" aria-labelledby="calc-results-title" aria-busy={updating}>
      <h2 id="calc-results-title">{t('calc.results')}</h2>
      <p className="muted">{t('calc.resultsFor')}</p>
      <p className="results-summary" role="status" aria-live="polite">
        {updating ? t('calc.updating') : r ? t('results.summary', counts) : ''}
      </p>
      {r ? (
        <>
          <OutcomeCounts counts={counts} />
          {RESULT_LISTS.map(({ key, title }) => (
            <section key={key} className="result-list" aria-labelledby={`calc-list-${key}`} data-list={key}>
              <h3 id={`calc-list-${key}`}>
                {t('results.heading', { title: t(title), count: r[key].length })}
              </h3>
              {r[key].length === 0 ? (
                <p className="muted">{t('results.empty')}</p>
              ) : (
                <ul className="result-items">
                  {r[key].map((item) => (
                    <ResultItem key={item.key} result={item} />
                  ))}
                </ul>
              )}
            </section>
          ))}
        </>
      ) : null}
    </section>
  );
}
