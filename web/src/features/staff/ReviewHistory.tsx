import { formatDateTime } from '../../app/format.ts';
import { t } from '../../i18n/index.ts';
import { eventLabel } from './labels.ts';
import { ReviewStateTag } from './ReviewStateTag.tsx';
import type { ItemHistory } from './staff-queries.ts';

/**
 * 版本与审核记录: every version, newest first, with its review state and each step of its review (who
 * submitted, who approved or rejected, and their comments).
 */
export function ReviewHistory({ history }: { history: ItemHistory }) {
  return (
    <section className="staff-section" aria-labelledby="review-history-title">
      <h2 id="review-history-title">{t('review.history')}</h2>
      <ol className="review-history">
        {history.versions.map((v) => (
          <li key={v.version} className="review-history-version" data-version={v.version}>
            <h3>
              {t('review.history.version', { version: v.version })}
              <ReviewStateTag state={v.reviewState} status={v.status} />
              {v.version === history.publishedVersion ? (
                <span className="tag tag-current">{t('review.history.publishedNow')}</span>
              ) : null}
            </h3>
            <p className="muted">
              {t('review.history.created', { date: formatDateTime(v.createdAt) })}
              {v.note ? `；${t('review.history.note', { note: v.note })}` : ''}
            </p>
            {v.events.length === 0 ? (
              // A version loaded by the automation token has no review to tell of.
              v.reviewState === 'draft' ? (
                <p className="muted">{t('review.history.noEvents')}</p>
              ) : null
            ) : (
              <ol className="review-events">
                {v.events.map((e, i) => (
                  <li key={i} className={`review-event review-event-${e.action}`}>
                    <span className="review-event-what">{eventLabel(e)}</span>
                    <time className="muted" dateTime={e.at}>
                      {formatDateTime(e.at)}
                    </time>
                    {e.comment ? (
                      <p className="review-event-comment">
                        {t('review.event.comment', { comment: e.comment })}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
