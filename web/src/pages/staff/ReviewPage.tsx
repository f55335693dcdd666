import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { Breadcrumbs } from '../../app/components/Breadcrumbs.tsx';
import { Loading } from '../../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../../app/page.tsx';
import { parseItemCode } from '../../features/items/item-code.ts';
import { ApiLoadError } from '../../features/session/AccessRefused.tsx';
import { DecisionForm } from '../../features/staff/DecisionForm.tsx';
import { DiffView } from '../../features/staff/DiffView.tsx';
import { reviewStateLabel } from '../../features/staff/labels.ts';
import { ReviewHistory } from '../../features/staff/ReviewHistory.tsx';
import { staffQueries, type ItemHistory } from '../../features/staff/staff-queries.ts';
import { VersionContent } from '../../features/staff/VersionContent.tsx';
import { t } from '../../i18n/index.ts';
import { NotFoundContent } from '../NotFoundPage.tsx';

/**
 * The version to compare the one under review with: the published version when there is one (what the public
 * reads now), else the version before (a new item sent back once), else none (a new item's first version).
 */
function baseOf(h: ItemHistory, version: number): { from: number; published: boolean } | null {
  if (h.publishedVersion !== null && h.publishedVersion !== version)
    return { from: h.publishedVersion, published: true };
  return version > 1 ? { from: version - 1, published: false } : null;
}

/**
 * 审核 one item (/staff/review/:code): the submitted version as it will read, side by side against the
 * published one, the history of versions and decisions, and approve or reject (a comment is required to reject).
 */
export function ReviewPage() {
  const code = parseItemCode(useParams().code);
  const { principal } = useSession();
  const history = useQuery({ ...staffQueries.history(code ?? ''), enabled: code !== null });
  const [decided, setDecided] = useState<{ decision: 'approve' | 'reject'; version: number } | null>(null);
  usePageTitle(history.data ? t('review.title', { name: history.data.name }) : t('review.titlePlain'));

  if (code === null || (history.error instanceof ApiError && history.error.notFound))
    return <NotFoundContent />;

  const crumbs = (name?: string) => (
    <Breadcrumbs
      items={[
        { label: t('staff.nav.worklist'), to: '/staff' },
        { label: t('review.queue.title'), to: '/staff/review' },
        { label: name ?? t('review.titlePlain') },
      ]}
    />
  );

  if (history.isPending)
    return (
      <div className="staff-page">
        {crumbs()}
        <Loading label={t('review.loading')} rows={8} />
      </div>
    );
  if (history.isError)
    return (
      <div className="staff-page">
        {crumbs()}
        <PageHeading>{t('review.titlePlain')}</PageHeading>
        <ApiLoadError error={history.error} onRetry={() => void history.refetch()} />
      </div>
    );

  const h = history.data;
  const current = h.versions.find((v) => v.version === h.currentVersion);
  const underReview = current?.reviewState === 'submitted' ? current : null;
  const base = underReview ? baseOf(h, underReview.version) : null;

  return (
    <div className="staff-page review-page">
      {crumbs(h.name)}
      <PageHeading>{t('review.title', { name: h.name })}</PageHeading>
      <p className="staff-card-meta">
        <span className="muted">{h.code}</span>
        {underReview ? (
          <span className="tag review-state review-state-submitted">
            {t('review.underReview', { version: underReview.version })}
          </span>
        ) : null}
      </p>
      <div role="status" aria-live="polite" className="review-outcome">
        {decided ? (
          <Alert
            type={decided.decision === 'approve' ? 'success' : 'info'}
            role="none"
            showIcon
            title={t(decided.decision === 'approve' ? 'review.approved' : 'review.rejected', {
              version: decided.version,
            })}
            description={
              <span className="review-outcome-links">
                <Link to="/staff/review">{t('review.backToQueue')}</Link>
                {decided.decision === 'approve' ? (
                  <Link to={`/items/${h.code}`}>{t('review.viewPublic')}</Link>
                ) : null}
              </span>
            }
          />
        ) : null}
      </div>
      {!underReview && !decided && current ? (
        <Alert
          type="info"
          role="note"
          showIcon
          title={t('review.nothing', {
            version: current.version,
            state: reviewStateLabel(current.reviewState, current.status),
          })}
        />
      ) : null}
      {underReview ? (
        <>
          <VersionContent code={h.code} version={underReview.version} />
          {base ? (
            <DiffView code={h.code} from={base.from} to={underReview.version} published={base.published} />
          ) : (
            <section className="staff-section" aria-labelledby="review-diff-title">
              <h2 id="review-diff-title">{t('review.diff', { from: '—' })}</h2>
              <p>{t('review.diff.none')}</p>
            </section>
          )}
        </>
      ) : null}
      <ReviewHistory history={h} />
      {underReview ? (
        <DecisionForm
          code={h.code}
          version={underReview.version}
          ownVersion={principal !== null && underReview.authorId === principal.accountId}
          onDecided={(decision, version) => setDecided({ decision, version })}
        />
      ) : null}
    </div>
  );
}
