import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { itemQueries } from '../api/item-queries.ts';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { Pagination } from '../app/components/Pagination.tsx';
import { formatDateTime } from '../app/format.ts';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { changesQuery, type PublicChange } from '../features/staff/staff-queries.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import '../features/items/items.css';
import '../features/staff/staff.css';

const PAGE_SIZE = 20;

const ACTION: Record<PublicChange['action'], MessageKey> = {
  approve: 'changes.action.approve',
  publish: 'changes.action.publish',
  suspend: 'changes.action.suspend',
  expire: 'changes.action.expire',
  repeal: 'changes.action.repeal',
};

/**
 * 政策变更公示 (/changes): what was published, suspended or withdrawn, newest first, from `GET /api/changes`.
 * Names come from the published items; an item no longer public keeps its code.
 */
export function ChangesPage() {
  const [params] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const changes = useQuery(changesQuery(PAGE_SIZE, (page - 1) * PAGE_SIZE));
  const items = useQuery(itemQueries.items({}));
  const names = new Map((items.data ?? []).map((i) => [i.code, i.name]));
  const published = new Set(names.keys());
  usePageTitle(t('changes.title'));

  return (
    <div className="changes-page">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('changes.title') }]} />
      <PageHeading>{t('changes.title')}</PageHeading>
      <p className="page-lead">{t('changes.lead')}</p>
      <section aria-labelledby="changes-list-title">
        <h2 id="changes-list-title" className="visually-hidden">
          {t('changes.list')}
        </h2>
        <p className="results-summary" role="status" aria-live="polite">
          {changes.data ? t('changes.summary', { total: changes.data.total }) : ''}
        </p>
        {changes.isPending ? (
          <Loading rows={6} />
        ) : changes.isError ? (
          <LoadError error={changes.error} onRetry={() => void changes.refetch()} />
        ) : changes.data.changes.length === 0 ? (
          <p className="empty-state">{t('changes.empty')}</p>
        ) : (
          <ol className="staff-list changes-list">
            {changes.data.changes.map((c, i) => (
              <li key={`${c.code}-${c.version}-${c.action}-${i}`} className="staff-card" data-code={c.code}>
                <h3 className="staff-card-title">
                  {published.has(c.code) ? <Link to={`/items/${c.code}`}>{names.get(c.code)}</Link> : c.code}
                </h3>
                <p className="staff-card-meta">
                  <span className="tag tag-strong">{t(ACTION[c.action])}</span>
                  <span>{t('changes.entry', { code: c.code, version: c.version })}</span>
                  <time className="muted" dateTime={c.at}>
                    {formatDateTime(c.at)}
                  </time>
                </p>
                {c.comment ? <p>{t('changes.reason', { comment: c.comment })}</p> : null}
              </li>
            ))}
          </ol>
        )}
        {changes.data ? (
          <Pagination
            page={page}
            pages={Math.ceil(changes.data.total / PAGE_SIZE)}
            href={(p) => (p === 1 ? '/changes' : `/changes?page=${p}`)}
          />
        ) : null}
      </section>
    </div>
  );
}
