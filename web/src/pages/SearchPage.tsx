import { useQuery } from '@tanstack/react-query';
import { Empty } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { SearchHit, SearchResult } from '../api/client.ts';
import { queries } from '../api/queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { Pagination } from '../app/components/Pagination.tsx';
import { ValidityBadge } from '../app/components/ValidityBadge.tsx';
import { formatDate } from '../app/format.ts';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { ActiveFilters, type FacetGroup } from '../features/search/Facets.tsx';
import { FacetsPanel } from '../features/search/FacetsPanel.tsx';
import { Highlighted } from '../features/search/Highlighted.tsx';
import { SearchBox } from '../features/search/SearchBox.tsx';
import {
  activeFilters,
  clearFilters,
  parseSearchState,
  toQueryString,
  totalPages,
  withPage,
  withQuery,
  type SearchState,
} from '../features/search/search-state.ts';
import { HotSearches } from '../features/search/HotSearches.tsx';
import { list, t } from '../i18n/index.ts';

function hitHref(to: (p: string) => string, hit: SearchHit): string {
  return to(`/documents/${hit.documentId}${hit.ref ? `#${hit.ref}` : ''}`);
}

function Hit({ hit }: { hit: SearchHit }) {
  const { to } = useChannel();
  return (
    <li className="hit">
      <h2 className="hit-title">
        <Link to={hitHref(to, hit)} data-nav-item="">
          {hit.title}
          {hit.ref ? <span className="hit-ref">{hit.ref}</span> : null}
        </Link>
      </h2>
      {hit.heading ? <p className="hit-heading">{hit.heading}</p> : null}
      <p className="hit-snippet">
        <Highlighted
          text={hit.snippet.text}
          highlights={hit.snippet.highlights}
          truncatedStart={hit.snippet.truncatedStart}
          truncatedEnd={hit.snippet.truncatedEnd}
        />
      </p>
      <p className="doc-item-meta">
        <ValidityBadge status={hit.validity} />
        {hit.docNumber ? <span>{hit.docNumber}</span> : null}
        <span>{list(hit.issuers)}</span>
        <span>{formatDate(hit.issuedOn)}</span>
      </p>
    </li>
  );
}

function facetGroups(result: SearchResult | undefined): FacetGroup[] {
  const f = result?.facets;
  return [
    { key: 'validity', values: f?.validity ?? [] },
    { key: 'issuer', values: f?.issuer ?? [] },
    { key: 'kind', values: f?.kind ?? [] },
    { key: 'year', values: f?.year ?? [] },
    { key: 'level', values: f?.level ?? [] },
  ];
}

function NoHits({ state, pathname }: { state: SearchState; pathname: string }) {
  const { to } = useChannel();
  const filtered = activeFilters(state).length > 0;
  return (
    <div className="empty-state">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={<span className="empty-title">{t('search.empty.title', { q: state.q })}</span>}
      />
      {filtered ? (
        <p>
          {t('search.empty.withFilters')}
          <Link to={pathname + toQueryString(clearFilters(state))}>{t('facets.clear')}</Link>
        </p>
      ) : null}
      <p>{t('search.empty.tips')}</p>
      <HotSearches exclude={state.q} />
      <p>
        {t('search.empty.browse')}
        <Link to={to('/documents')}>{t('library.title')}</Link>
        {t('common.separator')}
        <Link to={to('/issues')}>{t('issue.listTitle')}</Link>
      </p>
    </div>
  );
}

export function SearchPage() {
  const [params] = useSearchParams();
  const state = parseSearchState(params);
  const { to } = useChannel();
  const navigate = useNavigate();
  const pathname = to('/search');
  const search = useQuery(queries.search(state));
  usePageTitle(state.q ? t('search.titleFor', { q: state.q }) : t('search.title'));

  const onSearch = (q: string) => void navigate(pathname + toQueryString(withQuery(state, q)));
  const result = search.data;
  const pages = result ? totalPages(result.total, result.pageSize) : 1;

  return (
    <div className="search-page">
      <Breadcrumbs items={[{ label: t('nav.home'), to: to('/') }, { label: t('search.title') }]} />
      <PageHeading>{state.q ? t('search.titleFor', { q: state.q }) : t('search.title')}</PageHeading>
      <SearchBox initial={state.q} onSearch={onSearch} />
      {!state.q ? (
        <>
          <p>{t('search.noQuery')}</p>
          <HotSearches />
        </>
      ) : (
        <div className="results-layout">
          <FacetsPanel state={state} groups={facetGroups(result)} pathname={pathname} />
          <section className="results" aria-labelledby="results-title">
            <h2 id="results-title" className="visually-hidden">
              {t('search.results')}
            </h2>
            <ActiveFilters state={state} pathname={pathname} />
            <p className="results-summary" role="status" aria-live="polite" aria-atomic="true">
              {search.isFetching
                ? t('search.loading')
                : result
                  ? pages > 1
                    ? t('search.summaryWithPage', {
                        summary: t('search.summary', {
                          total: result.total,
                          documents: result.totalDocuments,
                        }),
                        page: t('search.summaryPage', { page: result.page, pages }),
                      })
                    : t('search.summary', { total: result.total, documents: result.totalDocuments })
                  : ''}
            </p>
            {search.isPending ? (
              <Loading label={t('search.loading')} rows={6} />
            ) : search.isError ? (
              <LoadError error={search.error} onRetry={() => void search.refetch()} />
            ) : result && result.hits.length === 0 ? (
              <NoHits state={state} pathname={pathname} />
            ) : result ? (
              <>
                <ol className="hit-list" start={(result.page - 1) * result.pageSize + 1}>
                  {result.hits.map((hit, i) => (
                    <Hit key={`${hit.documentId}-${hit.ref ?? i}`} hit={hit} />
                  ))}
                </ol>
                <Pagination
                  page={result.page}
                  pages={pages}
                  href={(p) => pathname + toQueryString(withPage(state, p))}
                />
              </>
            ) : null}
          </section>
        </div>
      )}
    </div>
  );
}
