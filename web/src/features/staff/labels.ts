import { t, type MessageKey } from '../../i18n/index.ts';
import type { ItemStatus, ReviewEvent, ReviewState } from './staff-queries.ts';

const STATE: Record<ReviewState, MessageKey> = {
  draft: 'review.state.draft',
  submitted: 'review.state.submitted',
  rejected: 'review.state.rejected',
  approved: 'review.state.approved',
};

/**
 * Where a version stands in review. A version without a review state was loaded by the automation token
 * (sample items, bulk loads) straight to its status: a published one reads 已发布.
 */
export function reviewStateLabel(state: ReviewState | null, status: ItemStatus): string {
  if (state) return t(STATE[state]);
  return status === 'published' ? t('review.state.published') : t(`item.version.${status}`);
}

const EVENT: Record<ReviewEvent['action'], MessageKey> = {
  submit: 'review.event.submit',
  approve: 'review.event.approve',
  reject: 'review.event.reject',
  publish: 'review.event.publish',
  suspend: 'review.event.suspend',
  expire: 'review.event.expire',
  repeal: 'review.event.repeal',
  'repeal-request': 'review.event.repealRequest',
  'repeal-reject': 'review.event.repealReject',
};

export function eventLabel(e: Pick<ReviewEvent, 'action' | 'actorName'>): string {
  return t(EVENT[e.action], { actor: e.actorName });
}
