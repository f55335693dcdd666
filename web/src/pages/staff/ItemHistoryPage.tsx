import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { Breadcrumbs } from '../../app/components/Breadcrumbs.tsx';
import { ButtonLink } from '../../app/components/ButtonLink.tsx';
import { Loading } from '../../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../../app/page.tsx';
import { parseItemCode } from '../../features/items/item-code.ts';
import { isEditor, isReviewer } from '../../features/session/access.ts';
import { ApiLoadError } from '../../features/session/AccessRefused.tsx';
import { ReviewHistory } from '../../features/staff/ReviewHistory.tsx';
import { staffQueries } from '../../features/staff/staff-queries.ts';
import { t } from '../../i18n/index.ts';
import { NotFoundContent } from '../NotFoundPage.tsx';

/** 版本与审核记录 of one item (/staff/items/:code): every version and decision, and where to go next. */
export function ItemHistoryPage() {
  const code = parseItemCode(useParams().code);
  const { principal } = useSession();
  const history = useQuery({ ...staffQueries.history(code ?? ''), enabled: code !== null });
  usePageTitle(history.data?.name ?? t('staff.history.title'));

  if (code === null || (history.error instanceof ApiError && history.error.notFound))
    return <NotFoundContent />;
  const crumbs = (
    <Breadcrumbs
      items={[{ label: t('staff.nav.worklist'), to: '/staff' }, { label: history.data?.name ?? code }]}
    />
  );
  if (history.isPending)
    return (
      <div className="staff-page">
        {crumbs}
        <Loading rows={6} />
      </div>
    );
  if (history.isError)
    return (
      <div className="staff-page">
        {crumbs}
        <PageHeading>{t('staff.history.title')}</PageHeading>
        <ApiLoadError error={history.error} onRetry={() => void history.refetch()} />
      </div>
    );

  const h = history.data;
  const current = h.versions.find((v) => v.version === h.currentVersion);
  return (
    <div className="staff-page">
      {crumbs}
      <PageHeading>{h.name}</PageHeading>
      <p className="staff-toolbar">
        {isEditor(principal) && current?.reviewState !== 'submitted' ? (
          <ButtonLink primary to={`/staff/items/${h.code}/edit`}>
            {t('staff.history.edit')}
          </ButtonLink>
        ) : null}
        {isReviewer(principal) && current?.reviewState === 'submitted' ? (
          <ButtonLink primary to={`/staff/review/${h.code}`}>
            {t('staff.worklist.review')}
          </ButtonLink>
        ) : null}
        {h.publishedVersion !== null ? (
          <ButtonLink to={`/items/${h.code}`}>{t('staff.history.public')}</ButtonLink>
        ) : null}
      </p>
      <ReviewHistory history={h} />
    </div>
  );
}
