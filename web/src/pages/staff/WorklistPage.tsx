import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { ButtonLink } from '../../app/components/ButtonLink.tsx';
import { Loading } from '../../app/components/LoadState.tsx';
import { formatDateTime } from '../../app/format.ts';
import { PageHeading, usePageTitle } from '../../app/page.tsx';
import { consoleSections, isEditor, isReviewer } from '../../features/session/access.ts';
import { ApiLoadError } from '../../features/session/AccessRefused.tsx';
import { ReviewStateTag } from '../../features/staff/ReviewStateTag.tsx';
import { staffQueries, submitForReview, type WorklistItem } from '../../features/staff/staff-queries.ts';
import { ValidityPanel } from '../../features/staff/ValidityPanel.tsx';
import { t } from '../../i18n/index.ts';

/**
 * 工作台 (/staff): the department's items (谁制定、谁更新) with where each stands in review, and what the
 * account may do next: edit, submit a draft, review a submitted version; new items and splitting an article
 * into items for editors.
 */
export function WorklistPage() {
  const { principal } = useSession();
  const client = useQueryClient();
  const sections = consoleSections(principal);
  const worklist = useQuery({ ...staffQueries.worklist(), enabled: sections.worklist });
  const [notice, setNotice] = useState('');
  const submit = useMutation({
    mutationFn: (item: WorklistItem) => submitForReview(item.code),
    onSuccess: async (r, item) => {
      setNotice(t('staff.worklist.submitted', { name: item.name, version: r.version }));
      await client.invalidateQueries({ queryKey: ['staff'] });
    },
    onError: (e, item) =>
      setNotice(
        t('staff.worklist.submitFailed', {
          name: item.name,
          detail: e instanceof ApiError ? e.message : t('error.body'),
        }),
      ),
  });
  usePageTitle(t('staff.worklist.title'));

  // A window officer has no worklist: their part of the console is the window.
  if (!sections.worklist && sections.window) return <Navigate to="/staff/window" replace />;
  const editor = isEditor(principal);
  const reviewer = isReviewer(principal);

  return (
    <div className="staff-page">
      <PageHeading>{t('staff.worklist.title')}</PageHeading>
      <p className="page-lead">{t('staff.worklist.lead')}</p>
      {editor ? (
        <p className="staff-toolbar">
          <ButtonLink primary to="/staff/items/new">
            {t('staff.worklist.new')}
          </ButtonLink>
          <ButtonLink to="/staff/split">{t('staff.worklist.split')}</ButtonLink>
        </p>
      ) : null}
      <p className="results-summary" role="status" aria-live="polite">
        {notice || (worklist.data ? t('staff.worklist.summary', { total: worklist.data.length }) : '')}
      </p>
      {worklist.isPending ? (
        <Loading rows={6} />
      ) : worklist.isError ? (
        <ApiLoadError error={worklist.error} onRetry={() => void worklist.refetch()} />
      ) : worklist.data.length === 0 ? (
        <p className="empty-state">{t('staff.worklist.empty')}</p>
      ) : (
        <ul className="staff-list">
          {worklist.data.map((item) => (
            <li key={item.code} className="staff-card" data-code={item.code}>
              <h2 className="staff-card-title">
                <Link to={`/staff/items/${item.code}`}>{item.name}</Link>
              </h2>
              <p className="staff-card-meta">
                <ReviewStateTag state={item.reviewState} status={item.status} />
                <span className="muted">{item.code}</span>
                <span>{t('staff.worklist.version', { version: item.version })}</span>
                <span>
                  {item.publishedVersion
                    ? t('staff.worklist.published', { version: item.publishedVersion })
                    : t('staff.worklist.unpublished')}
                </span>
                <span className="muted">
                  {t('staff.worklist.updated', { date: formatDateTime(item.updatedAt) })}
                </span>
              </p>
              <p className="staff-card-actions">
                {editor && item.reviewState !== 'submitted' ? (
                  <ButtonLink
                    to={`/staff/items/${item.code}/edit`}
                    aria-label={t('staff.worklist.editItem', { name: item.name })}
                  >
                    {t('staff.worklist.edit')}
                  </ButtonLink>
                ) : null}
                {editor && item.reviewState === 'draft' ? (
                  <Button
                    onClick={() => submit.mutate(item)}
                    disabled={submit.isPending}
                    aria-label={t('staff.worklist.submitItem', { name: item.name })}
                  >
                    {t('staff.worklist.submit')}
                  </Button>
                ) : null}
                {reviewer && item.reviewState === 'submitted' ? (
                  <ButtonLink
                    primary
                    to={`/staff/review/${item.code}`}
                    aria-label={t('staff.worklist.reviewItem', { name: item.name })}
                  >
                    {t('staff.worklist.review')}
                  </ButtonLink>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ValidityPanel />
    </div>
  );
}
