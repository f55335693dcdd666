import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { queries } from '../../api/queries.ts';
import { useChannel } from '../../app/channel.tsx';
import { Loading, LoadError } from '../../app/components/LoadState.tsx';
import { issueFullTitle } from '../../app/format.ts';
import { t } from '../../i18n/index.ts';
import { latestIssue } from './latest.ts';

const PREVIEW = 5;

/** The newest gazette issue with the first entries of its table of contents. */
export function LatestIssue() {
  const { to } = useChannel();
  const issues = useQuery(queries.issues());
  const latest = issues.data ? latestIssue(issues.data) : undefined;
  const issue = useQuery({ ...queries.issue(latest?.id ?? 0), enabled: latest !== undefined });

  return (
    <section className="panel latest-issue" aria-labelledby="latest-issue-title">
      <h2 id="latest-issue-title">{t('home.latestIssue')}</h2>
      {issues.isPending || (latest && issue.isPending) ? (
        <Loading rows={4} />
      ) : issues.isError ? (
        <LoadError error={issues.error} onRetry={() => void issues.refetch()} />
      ) : !latest ? (
        <p>{t('issue.empty')}</p>
      ) : (
        <>
          <p className="latest-issue-name">
            <Link to={to(`/issues/${latest.id}`)}>{issueFullTitle(latest)}</Link>
            {latest.totalNumber ? (
              <span className="muted">{t('issue.totalParen', { total: latest.totalNumber })}</span>
            ) : null}
          </p>
          {issue.data ? (
            <ol className="toc-preview">
              {issue.data.toc.slice(0, PREVIEW).map((e, i) => (
                <li key={i}>
                  {e.documentId !== null ? (
                    <Link to={to(`/documents/${e.documentId}`)}>{e.title}</Link>
                  ) : (
                    e.title
                  )}
                </li>
              ))}
            </ol>
          ) : null}
          <p className="panel-links">
            <Link to={to(`/issues/${latest.id}`)}>{t('home.issueToc')}</Link>
            <Link to={to('/issues')}>{t('home.allIssues')}</Link>
          </p>
        </>
      )}
    </section>
  );
}
