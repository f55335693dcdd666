import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { queries } from '../api/queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { Pagination } from '../app/components/Pagination.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { DocumentListItem } from '../features/documents/DocumentListItem.tsx';
import { countBy } from '../features/search/entry-points.ts';
import { ActiveFilters, type FacetGroup } from '../features/search/Facets.tsx';
import { FacetsPanel } from '../features/search/FacetsPanel.tsx';
import {
  LEVEL_VALUES,
  parseSearchState,
  toQueryString,
  totalPages,
  VALIDITY_VALUES,
  withPage,
  type SearchState,
} from '../features/search/search-state.ts';
import { t } from '../i18n/index.ts';

const EMPTY: SearchState = { q: '', page: 1 };

/**
 * 文件库: every document, filtered by issuer, kind, year, validity and level through the URL. The list API has
 * no facets, so the choices come from the first hundred documents (the home page's query, shared in cache).
 */
export function LibraryPage() {
  const [params] = useSearchParams();
  const state = { ...parseSearchState(params), q: '' };
  const { to } = useChannel();
  const pathname = to('/documents');
  const docs = useQuery(queries.documents(state));
  const all = useQuery(queries.documents(EMPTY, 100));
  usePageTitle(t('library.title'));

  const sample = all.data?.items ?? [];
  const values = (xs: string[]) => xs.map((value) => ({ value, count: 0 }));
  const groups: FacetGroup[] = [
    { key: 'validity', values: values([...VALIDITY_VALUES]) },
    { key: 'issuer', values: values(countBy(sample, (d) => d.issuers).map(([v]) => v)) },
    { key: 'kind', values: values(countBy(sample, (d) => [d.kind]).map(([v]) => v)) },
    {
      key: 'year',
      values: values(
        countBy(sample, (d) => (d.issuedOn ? [d.issuedOn.slice(0, 4)] : []))
          .map(([v]) => v)
          .sort()
          .reverse(),
      ),
    },
    { key: 'level', values: values([...LEVEL_VALUES]) },
  ];
  const result = docs.data;
  const pages = result ? totalPages(result.total, result.pageSize) : 1;

  return (
    <div className="library-page">
      <Breadcrumbs items={[{ label: t('nav.home'), to: to('/') }, { label: t('library.title') }]} />
      <PageHeading>{t('library.title')}</PageHeading>
      <div className="results-layout">
        <FacetsPanel state={state} groups={groups} pathname={pathname} />
        <section className="results" aria-labelledby="library-list-title">
          <h2 id="library-list-title" className="visually-hidden">
            {t('library.list')}
          </h2>
          <ActiveFilters state={state} pathname={pathname} />
          <p className="results-summary" role="status" aria-live="polite">
            {result ? t('library.summary', { total: result.total }) : ''}
          </p>
          {docs.isPending ? (
            <Loading rows={6} />
          ) : docs.isError ? (
            <LoadError error={docs.error} onRetry={() => void docs.refetch()} />
          ) : result && result.items.length === 0 ? (
            <p className="empty-state">{t('library.empty')}</p>
          ) : result ? (
            <>
              <ul className="doc-list">
                {result.items.map((d) => (
                  <DocumentListItem key={d.id} doc={d} />
                ))}
              </ul>
              <Pagination
                page={result.page}
                pages={pages}
                href={(p) => pathname + toQueryString(withPage(state, p))}
              />
            </>
          ) : null}
        </section>
      </div>
    </div>
  );
}
