import { useState } from 'react';
import { Link } from 'react-router';
import type { ItemMatch, MatchResult, Target } from '../../api/items.ts';
import { useChannel } from '../../app/channel.tsx';
import { formatDate } from '../../app/format.ts';
import { list, t } from '../../i18n/index.ts';
import { benefitText, RESULT_LISTS } from '../items/format.ts';
import { ExplanationTree } from './ExplanationTree.tsx';
import { OutcomeCounts, OutcomeTag } from './Outcome.tsx';

function MaterialLine({ m }: { m: ItemMatch['materials'][number] }) {
  const proven = m.status === 'proven';
  return (
    <li className={proven ? 'material-status material-proven' : 'material-status material-needed'}>
      <span className="material-name">{m.name}</span>
      <span className={proven ? 'tag tag-proven' : 'tag tag-needed'}>
        {proven
          ? m.provenBy.length > 0
            ? t('match.material.proven', { departments: list(m.provenBy) })
            : t('match.material.provenOnFile')
          : t('match.material.needed')}
      </span>
    </li>
  );
}

function MatchCard({ m, kind }: { m: ItemMatch; kind: Target }) {
  const { to } = useChannel();
  // The tree (and the item data its citations need) is built only when asked for.
  const [open, setOpen] = useState(false);
  return (
    <li className="match-card" data-code={m.code} data-outcome={m.outcome}>
      <h4 className="match-title">
        <Link to={to(`/items/${m.code}`)}>{m.name}</Link>
      </h4>
      <p className="match-meta">
        <OutcomeTag outcome={m.outcome} />
        <span className="tag">{m.kind}</span>
        <span className="tag">{m.mode}</span>
      </p>
      <p className="match-reason">{m.reason}</p>
      {m.nearMisses.length > 0 ? (
        <div className="near-misses">
          <p className="near-miss-title">{t('match.nearMisses')}</p>
          <ul>
            {m.nearMisses.map((x) => (
              <li key={x} className="near-miss">
                {x}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {m.missing.length > 0 ? (
        <p className="match-missing">{t('match.missing', { list: list(m.missing) })}</p>
      ) : null}
      <p className="match-benefit">{t('match.benefit', { text: benefitText(m.benefit) })}</p>
      <div className="match-materials">
        <p className="match-subtitle">{t('match.materials')}</p>
        <ul className="material-status-list">
          {m.materials.map((x) => (
            <MaterialLine key={x.id} m={x} />
          ))}
        </ul>
      </div>
      <details className="explain-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          {t('match.explain')}
          <span className="visually-hidden">{t('match.explainOf', { name: m.name })}</span>
        </summary>
        {open ? <ExplanationTree code={m.code} kind={kind} root={m.explanation} /> : null}
      </details>
    </li>
  );
}

/**
 * The three lists of "哪些政策适合我": 符合, 可能符合 (data still needed) and 不符合, each item with its reason,
 * near misses, missing data, materials (proven by shared data or still needed) and its explanation.
 */
export function MatchResults({ result, title, kind }: { result: MatchResult; title: string; kind: Target }) {
  const counts = { met: result.met.length, maybe: result.maybe.length, notMet: result.notMet.length };
  const rest = result.published - result.examined;
  return (
    <section className="match-results" aria-labelledby="match-results-title">
      <h2 id="match-results-title">{title}</h2>
      <p className="results-summary">{t('results.summary', counts)}</p>
      <OutcomeCounts counts={counts} />
      <p className="muted">
        {t('match.examined', { published: result.published, examined: result.examined, rest })}
        {t('match.asOf', { date: formatDate(result.asOf) })}
      </p>
      {RESULT_LISTS.map(({ key, title: listTitle }) => (
        <section key={key} className="result-list" aria-labelledby={`match-list-${key}`} data-list={key}>
          <h3 id={`match-list-${key}`}>
            {t('results.heading', { title: t(listTitle), count: result[key].length })}
          </h3>
          {result[key].length === 0 ? (
            <p className="muted">{t('results.empty')}</p>
          ) : (
            <ul className="match-cards">
              {result[key].map((m) => (
                <MatchCard key={m.code} m={m} kind={kind} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
