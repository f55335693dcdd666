import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useSession } from '../../api/session.ts';
import { Loading } from '../../app/components/LoadState.tsx';
import { formatDateTime } from '../../app/format.ts';
import { PageHeading, usePageTitle } from '../../app/page.tsx';
import { ApiLoadError } from '../../features/session/AccessRefused.tsx';
import { staffQueries } from '../../features/staff/staff-queries.ts';
import { t } from '../../i18n/index.ts';

/** 待审核 (/staff/review): what waits for this department's reviewers, oldest first. */
export function ReviewQueuePage() {
  const { principal } = useSession();
  const queue = useQuery(staffQueries.queue());
  usePageTitle(t('review.queue.title'));

  return (
    <div className="staff-page">
      <PageHeading>{t('review.queue.title')}</PageHeading>
      <p className="page-lead">{t('review.queue.lead')}</p>
      <p className="results-summary" role="status" aria-live="polite">
        {queue.data ? t('review.queue.summary', { total: queue.data.length }) : ''}
      </p>
      {queue.isPending ? (
        <Loading rows={4} />
      ) : queue.isError ? (
        <ApiLoadError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.length === 0 ? (
        <p className="empty-state">{t('review.queue.empty')}</p>
      ) : (
        <ul className="staff-list">
          {queue.data.map((item) => (
            <li key={item.code} className="staff-card" data-code={item.code}>
              <h2 className="staff-card-title">
                <Link to={`/staff/review/${item.code}`}>{item.name}</Link>
              </h2>
              <p className="staff-card-meta">
                <span className="muted">{item.code}</span>
                <span>
                  {t('review.queue.submittedAt', {
                    version: item.version,
                    date: formatDateTime(item.createdAt),
                  })}
                </span>
                {principal && item.authorId === principal.accountId ? (
                  <span className="tag">{t('review.queue.own')}</span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
