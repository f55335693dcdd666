import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { queries } from '../api/queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { issueFullTitle } from '../app/format.ts';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { sortIssues } from '../features/issues/latest.ts';
import { t } from '../i18n/index.ts';

export function IssuesPage() {
  const { to } = useChannel();
  const issues = useQuery(queries.issues());
  usePageTitle(t('issue.listTitle'));
  return (
    <div className="issues-page">
      <Breadcrumbs items={[{ label: t('nav.home'), to: to('/') }, { label: t('issue.listTitle') }]} />
      <PageHeading>{t('issue.listTitle')}</PageHeading>
      {issues.isPending ? (
        <Loading rows={4} />
      ) : issues.isError ? (
        <LoadError error={issues.error} onRetry={() => void issues.refetch()} />
      ) : issues.data.length === 0 ? (
        <p>{t('issue.empty')}</p>
      ) : (
        <ul className="doc-list">
          {sortIssues(issues.data).map((i) => (
            <li key={i.id} className="doc-item">
              <h2 className="doc-item-title">
                <Link to={to(`/issues/${i.id}`)} data-nav-item="">
                  {issueFullTitle(i)}
                </Link>
              </h2>
              <p className="doc-item-meta">
                {i.publisher ? <span>{i.publisher}</span> : null}
                {i.totalNumber ? <span>{t('issue.total', { total: i.totalNumber })}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
