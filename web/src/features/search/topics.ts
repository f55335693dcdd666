import type { MessageKey } from '../../i18n/index.ts';

/**
 * Entry points by topic. The library has no topic field yet (policy items will bring one), so a topic is a
 * curated search; the words are chosen to find the sample gazette's documents.
 */
export const TOPICS: { label: MessageKey; q: string }[] = [
  { label: 'topics.service', q: '政策通' },
  { label: 'topics.digital', q: '数字化转型' },
  { label: 'topics.urban', q: '城市更新' },
  { label: 'topics.education', q: '校车' },
  { label: 'topics.grain', q: '储备粮' },
  { label: 'topics.archives', q: '城建档案' },
];

/** Suggested searches, shown on the home page and when a search finds nothing. */
export const HOT_SEARCHES = ['校车', '储备粮', '免申即享', '城市更新', '数字化转型', '城建档案'];
