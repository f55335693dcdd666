import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Loading } from '../../app/components/LoadState.tsx';
import { t } from '../../i18n/index.ts';
import { documentIdsByNumber } from '../items/citation.ts';
import { Cite } from '../items/Cite.tsx';
import { ConditionTree } from '../items/ConditionTree.tsx';
import { Materials, Process, ServiceFacts } from '../items/ItemSections.tsx';
import { ApiLoadError } from '../session/AccessRefused.tsx';
import { staffQueries } from './staff-queries.ts';
import '../items/items.css';

/**
 * A version as the public would read it once published: overview, basis, conditions each cited to its article,
 * materials, process and service facts, with the same components as the item page.
 */
export function VersionContent({ code, version }: { code: string; version: number }) {
  const item = useQuery(staffQueries.version(code, version));
  const ids = useMemo(
    () => (item.data ? documentIdsByNumber(item.data) : new Map<string, number>()),
    [item.data],
  );
  return (
    <section className="staff-section version-content" aria-labelledby="review-content-title">
      <h2 id="review-content-title">{t('review.content', { version })}</h2>
      <p className="muted">{t('review.contentLead')}</p>
      {item.isPending ? (
        <Loading label={t('review.loading')} rows={8} />
      ) : item.isError ? (
        <ApiLoadError error={item.error} onRetry={() => void item.refetch()} />
      ) : (
        <div className="item-body">
          <section className="item-section" aria-labelledby="review-overview">
            <h3 id="review-overview">{t('review.summary')}</h3>
            <p className="review-item-name">
              <strong>{item.data.name}</strong>
              <span className="tag">{item.data.kind}</span>
              <span className="tag">{item.data.mode}</span>
            </p>
            <p>{item.data.definition.summary}</p>
            <h4 className="item-subheading">{t('review.basis')}</h4>
            <ul className="basis-list">
              {item.data.basis.map((b) => (
                <li key={b.text}>
                  <Cite cite={b.text} quote={b.quote} />
                </li>
              ))}
            </ul>
          </section>
          <section className="item-section" aria-labelledby="review-conditions">
            <h3 id="review-conditions">{t('review.conditions')}</h3>
            <ConditionTree root={item.data.conditions} />
            {item.data.examples.length > 0 ? (
              <p className="muted">
                {t('review.examples', {
                  count: item.data.examples.length,
                  passed: item.data.examples.filter((e) => e.passed).length,
                })}
              </p>
            ) : null}
          </section>
          <Materials item={item.data} ids={ids} />
          <Process item={item.data} ids={ids} />
          <ServiceFacts item={item.data} ids={ids} />
        </div>
      )}
    </section>
  );
}
