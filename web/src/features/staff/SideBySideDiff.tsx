import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { t } from '../../i18n/index.ts';
import { sideBySide, type DiffLine, type DiffPart } from './side-by-side.ts';
import './side-by-side-diff.css';

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
 * Two texts side by side, the old on the left and the new on the right, from a line diff (an item's versions,
 * `GET /api/items/:code/diff`; a document's, `GET /api/documents/:id/diff`; or an editor's text against the
 * version it corrects). A changed line is marked by colour, by a sign and, for screen readers, in words (WCAG 2.1
 * SC 1.4.1: never by colour alone); the table is captioned and its columns have headers (SC 1.3.1). Long unchanged
 * runs fold until asked for, and the keyboard lands on the first line shown when one opens (SC 2.4.3).
 *
 * @example <SideBySideDiff parts={diff.parts} caption="第 1 版与第 2 版逐行对照" oldLabel="第 1 版" newLabel="第 2 版" same="两个版本内容相同。" />
 */
export function SideBySideDiff({
  parts,
  caption,
  oldLabel,
  newLabel,
  same,
}: {
  parts: readonly DiffPart[];
  /** Names the scrolling region and the table for assistive technology. */
  caption: string;
  oldLabel: string;
  newLabel: string;
  /** Shown instead of the table when nothing changed. */
  same: string;
}) {
  const layout = useMemo(() => sideBySide(parts), [parts]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [justOpened, setJustOpened] = useState<number | null>(null);
  const firstOpened = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    // The fold's button is gone once it opens: keep the keyboard where the reader was, not on <body>.
    if (justOpened !== null) firstOpened.current?.focus();
  }, [justOpened]);

  if (layout.added + layout.removed === 0) return <p>{same}</p>;
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
                    <tr key={k} {...(i === justOpened && k === 0 ? { ref: firstOpened, tabIndex: -1 } : {})}>
                      <Side line={row.left} side="left" />
                      <Side line={row.right} side="right" />
                    </tr>
                  ))}
                </Fragment>
              ) : (
                <tr key={i} className="diff-fold">
                  <td colSpan={4}>
                    <button
                      type="button"
                      onClick={() => {
                        setOpen(new Set([...open, i]));
                        setJustOpened(i);
                      }}
                    >
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
