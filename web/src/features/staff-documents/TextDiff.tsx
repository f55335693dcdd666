import { Fragment, useMemo, useState } from 'react';
import { t } from '../../i18n/index.ts';
import { sideBySide, type DiffLine } from '../staff/side-by-side.ts';
import type { TextDiffPart } from './documents-api.ts';

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

/**
 * Two texts of a document side by side, the old on the left and the new on the right, from a line diff (the
 * server's `GET /api/documents/:id/diff`, or the editor's text against the version it corrects). Changes are
 * marked by colour, a sign and words for screen readers; long unchanged runs fold until asked for.
 */
export function TextDiff({
  parts,
  oldLabel,
  newLabel,
}: {
  parts: readonly TextDiffPart[];
  oldLabel: string;
  newLabel: string;
}) {
  const layout = useMemo(() => sideBySide(parts), [parts]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const caption = t('docsConsole.diff.caption', { old: oldLabel, new: newLabel });
  if (layout.added + layout.removed === 0) return <p>{t('docsConsole.diff.same')}</p>;
  return (
    <>
      <p className="muted">{t('review.diff.stats', { added: layout.added, removed: layout.removed })}</p>
      <div className="diff-scroll" role="region" aria-label={caption} tabIndex={0}>
        <table className="diff-table">
          <caption className="visually-hidden">{caption}</caption>
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
              <th scope="col">{oldLabel}</th>
              <th scope="col" className="diff-num">
                <span className="visually-hidden">{t('review.diff.lineNumber')}</span>
              </th>
              <th scope="col">{newLabel}</th>
            </tr>
          </thead>
          <tbody>
            {layout.blocks.map((block, i) =>
              block.kind === 'rows' || open.has(i) ? (
                <Fragment key={i}>
                  {block.rows.map((row, k) => (
                    <tr key={k}>
                      <Side line={row.left} side="left" />
                      <Side line={row.right} side="right" />
                    </tr>
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
  );
}
