import { reviewStateLabel } from './labels.ts';
import type { ItemStatus, ReviewState } from './staff-queries.ts';

/** A version's review state as a tag; the state is also in its class, for colour (never the only cue). */
export function ReviewStateTag({ state, status }: { state: ReviewState | null; status: ItemStatus }) {
  return (
    <span className={`tag review-state review-state-${state ?? status}`}>
      {reviewStateLabel(state, status)}
    </span>
  );
}
