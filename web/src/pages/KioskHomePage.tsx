import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { queries } from '../api/queries.ts';
import { ButtonLink } from '../app/components/ButtonLink.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { latestIssue } from '../features/issues/latest.ts';
import { HotSearches } from '../features/search/HotSearches.tsx';
import { SearchBox } from '../features/search/SearchBox.tsx';
import { toQueryString, withQuery } from '../features/search/search-state.ts';
import { TOPICS } from '../features/search/topics.ts';
import { t } from '../i18n/index.ts';

/** The kiosk's start page: one big search box and large tiles; everything is a touch away. */
export function KioskHomePage() {
  usePageTitle(t('kiosk.title'));
  const navigate = useNavigate();
  const issues = useQuery(queries.issues());
  const latest = issues.data ? latestIssue(issues.data) : undefined;
  const search = (q: string) => `/kiosk/search${toQueryString(withQuery({ q: '', page: 1 }, q))}`;

  return (
    <div className="kiosk-home">
      <section className="hero" aria-labelledby="kiosk-title">
        <PageHeading id="kiosk-title">{t('kiosk.welcome')}</PageHeading>
        <p className="hero-lead">{t('kiosk.lead')}</p>
        <SearchBox size="large" onSearch={(q) => void navigate(search(q))} />
        <HotSearches />
      </section>
      <section className="panel" aria-labelledby="kiosk-browse">
        <h2 id="kiosk-browse">{t('kiosk.searchPolicies')}</h2>
        <ul className="tile-list kiosk-tiles">
          {latest ? (
            <li>
              <ButtonLink className="tile" to={`/kiosk/issues/${latest.id}`}>
                {t('kiosk.browseLatest')}
              </ButtonLink>
            </li>
          ) : null}
          <li>
            <ButtonLink className="tile" to="/kiosk/items">
              {t('nav.items')}
            </ButtonLink>
          </li>
          <li>
            <ButtonLink className="tile" to="/kiosk/calculator">
              {t('nav.calculator')}
            </ButtonLink>
          </li>
          <li>
            <ButtonLink className="tile" to="/kiosk/match">
              {t('nav.match')}
            </ButtonLink>
          </li>
          <li>
            <ButtonLink className="tile" to="/kiosk/documents">
              {t('kiosk.browseLibrary')}
            </ButtonLink>
          </li>
          {TOPICS.map((topic) => (
            <li key={topic.q}>
              <ButtonLink className="tile" to={search(topic.q)}>
                {t(topic.label)}
              </ButtonLink>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
