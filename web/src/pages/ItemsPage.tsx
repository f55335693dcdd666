import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { itemQueries } from '../api/item-queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { formatDateTime } from '../app/format.ts';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { targetLabel } from '../features/items/format.ts';
import { ItemFilters } from '../features/items/ItemFilters.tsx';
import { parseItemFilter } from '../features/items/item-filters.ts';
import { t } from '../i18n/index.ts';
import '../features/items/items.css';

/** 政策事项: every published item, filtered by 对象, 类别 and 办理方式 through the URL. */
export function ItemsPage() {
  const [params] = useSearchParams();
  const filter = parseItemFilter(params);
  const { to } = useChannel();
  const pathname = to('/items');
  const items = useQuery(itemQueries.items(filter));
  usePageTitle(t('items.title'));
  const filtered = Object.keys(filter).length > 0;

  return (
    <div className="items-page">
      <Breadcrumbs items={[{ label: t('nav.home'), to: to('/') }, { label: t('items.title') }]} />
      <PageHeading>{t('items.title')}</PageHeading>
      <p className="page-lead">{t('items.lead')}</p>
      <nav className="item-tools" aria-label={t('items.tools')}>
        <ul className="chip-list">
          <li>
            <Link className="chip" to={to('/calculator')}>
              {t('items.toCalculator')}
            </Link>
          </li>
          <li>
            <Link className="chip" to={to('/match')}>
              {t('items.toMatch')}
            </Link>
          </li>
        </ul>
      </nav>
      <ItemFilters filter={filter} pathname={pathname} />
      <section className="results" aria-labelledby="items-list-title">
        <h2 id="items-list-title" className="visually-hidden">
          {t('items.list')}
        </h2>
        <p className="results-summary" role="status" aria-live="polite">
          {items.data ? t('items.summary', { total: items.data.length }) : ''}
        </p>
        {items.isPending ? (
          <Loading rows={6} />
        ) : items.isError ? (
          <LoadError error={items.error} onRetry={() => void items.refetch()} />
        ) : items.data.length === 0 ? (
          <div className="empty-state">
            <p>{t('items.empty')}</p>
            {filtered ? (
              <p>
                <Link to={pathname}>{t('items.clearFilters')}</Link>
              </p>
            ) : null}
          </div>
        ) : (
          <ul className="doc-list item-list panel">
            {items.data.map((item) => (
              <li key={item.code} className="doc-item">
                <h3 className="doc-item-title">
                  <Link to={to(`/items/${item.code}`)} data-nav-item="">
                    {item.name}
                  </Link>
                </h3>
                <p className="doc-item-meta">
                  <span className="tag tag-strong">{item.kind}</span>
                  <span className="tag">{item.mode}</span>
                  <span>{t('target.for', { target: targetLabel(item.target) })}</span>
                  <span>{t('items.leadDepartment', { department: item.leadDepartment })}</span>
                  <span>{t('items.updated', { date: formatDateTime(item.updatedAt) })}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
