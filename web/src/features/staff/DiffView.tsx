import { useQuery } from '@tanstack/react-query';
import { Loading } from '../../app/components/LoadState.tsx';
import { t } from '../../i18n/index.ts';
import { ApiLoadError } from '../session/AccessRefused.tsx';
import { SideBySideDiff } from './SideBySideDiff.tsx';
import { staffQueries } from './staff-queries.ts';

/** Two versions of an item side by side (`GET /api/items/:code/diff`), under the review page's heading. */
export function DiffView({
  code,
  from,
  to,
  published,
}: {
  code: string;
  from: number;
  to: number;
  /** `from` is the version the public reads now. */
  published: boolean;
}) {
  const diff = useQuery(staffQueries.diff(code, from, to));
  return (
    <section className="staff-section" aria-labelledby="review-diff-title">
      <h2 id="review-diff-title">{t(published ? 'review.diff.published' : 'review.diff', { from })}</h2>
      {diff.isPending ? (
        <Loading rows={6} />
      ) : diff.isError ? (
        <ApiLoadError error={diff.error} onRetry={() => void diff.refetch()} />
      ) : (
        <SideBySideDiff
          parts={diff.data.parts}
          caption={t('review.diff.caption', { from, to })}
          oldLabel={t('review.diff.old', { version: from })}
          newLabel={t('review.diff.new', { version: to })}
          same={t('review.diff.same')}
        />
      )}
    </section>
  );
}
