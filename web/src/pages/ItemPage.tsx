import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { itemQueries } from '../api/item-queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { ButtonLink } from '../app/components/ButtonLink.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { RepealNotice, type RepealInfo } from '../app/components/RepealNotice.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { documentIdsByNumber } from '../features/items/citation.ts';
import { Cite } from '../features/items/Cite.tsx';
import { ConditionTree } from '../features/items/ConditionTree.tsx';
import { targetLabel } from '../features/items/format.ts';
import { parseItemCode } from '../features/items/item-code.ts';
import { ItemVersions, Materials, Process, ServiceFacts } from '../features/items/ItemSections.tsx';
import { t } from '../i18n/index.ts';
import '../features/items/items.css';
import { NotFoundContent } from './NotFoundPage.tsx';

/** An item no longer published because it was repealed: the repeal, and the way back to the items. */
function RepealedItem({ code, repeal }: { code: string; repeal: RepealInfo }) {
  const { to } = useChannel();
  const title = t('item.repealedTitle', { code });
  return (
    <div className="plain-page">
      <PageHeading>{title}</PageHeading>
      <RepealNotice subject="item" repeal={repeal} />
      <div className="plain-page-actions">
        <ButtonLink primary to={to('/items')}>
          {t('items.title')}
        </ButtonLink>
        <ButtonLink to={to('/search')}>{t('search.title')}</ButtonLink>
      </div>
    </div>
  );
}

/**
 * One policy item as a service guide (办事指南): overview and basis, every condition with the article it
 * comes from, materials and where each can come from, the process with its working-day limits, limits, fees,
 * departments, contacts, the benefit, and the item's versions. "测一测" opens the calculator on this item.
 */
export function ItemPage() {
  const code = parseItemCode(useParams().code);
  const { to } = useChannel();
  const item = useQuery({ ...itemQueries.item(code ?? ''), enabled: code !== null });
  const repeal = useQuery({ ...itemQueries.itemRepeal(code ?? ''), enabled: code !== null });
  const ids = useMemo(
    () => (item.data ? documentIdsByNumber(item.data) : new Map<string, number>()),
    [item.data],
  );
  usePageTitle(
    item.data?.name ??
      (code !== null && item.isError && repeal.data
        ? t('item.repealedTitle', { code })
        : code === null || item.isError
          ? t('item.notFound')
          : t('item.title')),
  );

  if (code === null) return <NotFoundContent title={t('item.notFound')} />;
  if (item.error instanceof ApiError && item.error.notFound) {
    // A repealed item leaves the public list once no longer in force; its old links still say why.
    if (repeal.isPending) return <Loading label={t('item.loading')} rows={4} />;
    if (repeal.data) return <RepealedItem code={code} repeal={repeal.data} />;
    return <NotFoundContent title={t('item.notFound')} />;
  }
  if (item.isPending) return <Loading label={t('item.loading')} rows={10} />;
  if (item.isError) return <LoadError error={item.error} onRetry={() => void item.refetch()} />;

  const d = item.data;
  const def = d.definition;
  const passed = d.examples.filter((e) => e.passed).length;

  return (
    <div className="item-page">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: to('/') },
          { label: t('items.title'), to: to('/items') },
          { label: d.name },
        ]}
      />
      <header className="item-header">
        <p className="item-kicker">
          <span className="tag tag-strong">{d.kind}</span>
          <span className="tag">{d.mode}</span>
          <span className="tag">{t('target.for', { target: targetLabel(d.target) })}</span>
          <span className="muted">{t('item.code', { code: d.code })}</span>
        </p>
        <PageHeading>{d.name}</PageHeading>
        {repeal.data ? <RepealNotice subject="item" repeal={repeal.data} /> : null}
        <p className="item-actions">
          <ButtonLink primary to={to(`/calculator?item=${encodeURIComponent(d.code)}`)}>
            {t('item.check')}
          </ButtonLink>
        </p>
      </header>

      <div className="item-body">
        <section className="item-section" aria-labelledby="item-overview">
          <h2 id="item-overview">{t('item.overview')}</h2>
          <p>{def.summary}</p>
          <h3 className="item-subheading">{t('item.basis')}</h3>
          <ul className="basis-list">
            {d.basis.map((b) => (
              <li key={b.text}>
                <Cite cite={b.text} quote={b.quote} />
              </li>
            ))}
          </ul>
        </section>

        <section className="item-section" aria-labelledby="item-conditions">
          <h2 id="item-conditions">{t('item.conditions')}</h2>
          <p className="muted">{t('item.conditionsLead')}</p>
          <ConditionTree root={d.conditions} />
          <details className="quote conditions-original">
            <summary>{t('item.conditionsOriginal')}</summary>
            <p className="quote-text">{def.conditionsText}</p>
          </details>
          {d.examples.length > 0 ? (
            <p className="muted item-examples">{t('item.examples', { count: d.examples.length, passed })}</p>
          ) : null}
        </section>

        <Materials item={d} ids={ids} />
        <Process item={d} ids={ids} />
        <ServiceFacts item={d} ids={ids} />
        <ItemVersions item={d} />
      </div>
    </div>
  );
}
