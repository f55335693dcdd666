import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { queries } from '../api/queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { DocumentListItem } from '../features/documents/DocumentListItem.tsx';
import { LatestIssue } from '../features/issues/LatestIssue.tsx';
import { countBy } from '../features/search/entry-points.ts';
import { SearchBox } from '../features/search/SearchBox.tsx';
import { toQueryString, withQuery, type SearchState } from '../features/search/search-state.ts';
import { HotSearches } from '../features/search/HotSearches.tsx';
import { TOPICS } from '../features/search/topics.ts';
import { t } from '../i18n/index.ts';

const EMPTY: SearchState = { q: '', page: 1 };
/** Enough documents to count issuers and kinds for the entry points; the sample gazette has nine. */
const BROWSE_SIZE = 100;

export function HomePage() {
  usePageTitle(t('home.title'));
  const navigate = useNavigate();
  const { to } = useChannel();
  const docs = useQuery(queries.documents(EMPTY, BROWSE_SIZE));
  const items = docs.data?.items ?? [];

  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-title">
        <PageHeading id="home-title" className="hero-title">
          {t('home.heroTitle')}
        </PageHeading>
        <p className="hero-lead">{t('home.heroLead')}</p>
        <SearchBox
          size="large"
          onSearch={(q) => void navigate(to(`/search${toQueryString(withQuery(EMPTY, q))}`))}
        />
        <HotSearches />
      </section>

      <div className="home-grid">
        <section className="home-latest panel" aria-labelledby="latest-title">
          <h2 id="latest-title">{t('home.latest')}</h2>
          {docs.isPending ? (
            <Loading rows={5} />
          ) : docs.isError ? (
            <LoadError error={docs.error} onRetry={() => void docs.refetch()} />
          ) : (
            <>
              <ul className="doc-list">
                {items.slice(0, 6).map((d) => (
                  <DocumentListItem key={d.id} doc={d} />
                ))}
              </ul>
              <p>
                <Link to={to('/documents')}>{t('home.latestMore')}</Link>
              </p>
            </>
          )}
        </section>
        <LatestIssue />
      </div>

      <section className="panel entry-points" aria-labelledby="topics-title">
        <h2 id="topics-title">{t('home.byTopic')}</h2>
        <ul className="tile-list">
          {TOPICS.map((topic) => (
            <li key={topic.q}>
              <Link className="tile" to={to(`/search${toQueryString(withQuery(EMPTY, topic.q))}`)}>
                {t(topic.label)}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {items.length > 0 ? (
        <div className="home-grid-even">
          <section className="panel entry-points" aria-labelledby="issuers-title">
            <h2 id="issuers-title">{t('home.byIssuer')}</h2>
            <ul className="chip-list">
              {countBy(items, (d) => d.issuers).map(([issuer, count]) => (
                <li key={issuer}>
                  <Link className="chip" to={to(`/documents${toQueryString({ ...EMPTY, issuer })}`)}>
                    {issuer}
                    <span className="chip-count">{t('home.documentsCount', { count })}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel entry-points" aria-labelledby="kinds-title">
            <h2 id="kinds-title">{t('home.byKind')}</h2>
            <ul className="chip-list">
              {countBy(items, (d) => [d.kind]).map(([kind, count]) => (
                <li key={kind}>
                  <Link className="chip" to={to(`/documents${toQueryString({ ...EMPTY, kind })}`)}>
                    {kind}
                    <span className="chip-count">{t('home.documentsCount', { count })}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}
    </div>
  );
}
