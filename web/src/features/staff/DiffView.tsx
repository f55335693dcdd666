import { useQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { Loading } from '../../app/components/LoadState.tsx';
import { t } from '../../i18n/index.ts';
import { ApiLoadError } from '../session/AccessRefused.tsx';
import { sideBySide, type DiffLine, type DiffRow } from './side-by-side.ts';
import { staffQueries } from './staff-queries.ts';

function Side({ line, side }: { line: DiffLine | null; side: 'left' | 'right' }) {
  if (!line)
    return (
      <>
        <td className="diff-num" />
        <td className="diff-gap">
          <span className="visually-hidden">{t('review.diff.empty')}</span>
        </td>
      </>
    );
  const Mark = side === 'left' ? 'del' : 'ins';
  return (
    <>
      <td className="diff-num">{line.number}</td>
      <td className={line.changed ? `diff-text diff-${side === 'left' ? 'removed' : 'added'}` : 'diff-text'}>
        {line.changed ? (
          <Mark>
            <span className="diff-sign" aria-hidden="true">
              {side === 'left' ? '−' : '+'}
            </span>
            <span className="visually-hidden">
              {t(side === 'left' ? 'review.diff.removed' : 'review.diff.added')}
            </span>
            {line.text}
          </Mark>
        ) : (
          line.text
        )}
      </td>
    </>
  );
}

function Row({ row }: { row: DiffRow }) {
  return (
    <tr>
      <Side line={row.left} side="left" />
      <Side line={row.right} side="right" />
    </tr>
  );
}

/**
 * Two versions side by side (`GET /api/items/:code/diff`): the old on the left, the new on the right, changed
 * lines marked by colour, a sign and words for screen readers; long unchanged runs folded until asked for.
 */
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
  const layout = useMemo(() => (diff.data ? sideBySide(diff.data.parts) : null), [diff.data]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const title = t(published ? 'review.diff.published' : 'review.diff', { from });

  return (
    <section className="staff-section" aria-labelledby="review-diff-title">
      <h2 id="review-diff-title">{title}</h2>
      {diff.isPending ? (
        <Loading rows={6} />
      ) : diff.isError ? (
        <ApiLoadError error={diff.error} onRetry={() => void diff.refetch()} />
      ) : layout!.added + layout!.removed === 0 ? (
        <p>{t('review.diff.same')}</p>
      ) : (
        <>
          <p className="muted">
            {t('review.diff.stats', { added: layout!.added, removed: layout!.removed })}
          </p>
          <div
            className="diff-scroll"
            role="region"
            aria-label={t('review.diff.caption', { from, to })}
            tabIndex={0}
          >
            <table className="diff-table">
              <caption className="visually-hidden">{t('review.diff.caption', { from, to })}</caption>
              <colgroup>
                <col className="diff-num-col" />
                <col />
                <col className="diff-num-col" />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col" className="diff-num">
                    <span className="visually-hidden">{t('review.diff.lineNumber')}</span>
                  </th>
                  <th scope="col">{t('review.diff.old', { version: from })}</th>
                  <th scope="col" className="diff-num">
                    <span className="visually-hidden">{t('review.diff.lineNumber')}</span>
                  </th>
                  <th scope="col">{t('review.diff.new', { version: to })}</th>
                </tr>
              </thead>
              <tbody>
                {layout!.blocks.map((block, i) =>
                  block.kind === 'rows' || open.has(i) ? (
                    <Fragment key={i}>
                      {block.rows.map((row, k) => (
                        <Row key={k} row={row} />
                      ))}
                    </Fragment>
                  ) : (
                    <tr key={i} className="diff-fold">
                      <td colSpan={4}>
                        <button type="button" onClick={() => setOpen(new Set([...open, i]))}>
                          {t('review.diff.fold', { count: block.rows.length })}
                        </button>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
