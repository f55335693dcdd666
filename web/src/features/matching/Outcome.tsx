import type { Outcome } from '../../api/items.ts';
import { t } from '../../i18n/index.ts';
import { OUTCOME_LABEL, RESULT_LISTS } from '../items/format.ts';

const MARK: Record<Outcome, string> = { met: '✓', notMet: '✗', unknown: '?' };

/** 符合 / 不符合 / 待确认 in words, with a mark for the eye: never colour alone (WCAG 1.4.1). */
export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  return (
    <span className={`outcome-tag outcome-${outcome}`} data-outcome={outcome}>
      <span aria-hidden="true">{MARK[outcome]} </span>
      {t(OUTCOME_LABEL[outcome])}
    </span>
  );
}

export interface Counts {
  met: number;
  maybe: number;
  notMet: number;
}

/**
 * How many items fit, may fit and do not: a bar for the eye (hidden from assistive technology) and the same
 * numbers in words beside it. A chart library would be one more chunk for three numbers.
 */
export function OutcomeCounts({ counts }: { counts: Counts }) {
  const total = counts.met + counts.maybe + counts.notMet;
  return (
    <div className="outcome-counts">
      {total > 0 ? (
        <div className="outcome-bar" aria-hidden="true">
          {RESULT_LISTS.map(({ key }) =>
            counts[key] > 0 ? (
              <span
                key={key}
                className={`outcome-bar-part outcome-bar-${key}`}
                style={{ flexGrow: counts[key] }}
              />
            ) : null,
          )}
        </div>
      ) : null}
      <ul className="outcome-legend">
        {RESULT_LISTS.map(({ key, title }) => (
          <li key={key}>
            <span className={`outcome-swatch outcome-bar-${key}`} aria-hidden="true" />
            {t(title)}
            <strong className="outcome-legend-count">{t('results.count', { count: counts[key] })}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
