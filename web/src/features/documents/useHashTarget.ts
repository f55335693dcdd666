import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { decodeHash } from './anchors.ts';

/**
 * Once the document is on screen, brings the URL's target (#第三十条) into view and gives it focus, so a shared
 * link or a table-of-contents jump lands a keyboard or screen-reader user on the article itself. Returns the
 * target when it names nothing in this document (`anchors` is every id the body renders).
 */
export function useHashTarget(anchors: ReadonlySet<string> | null): string | null {
  const { hash } = useLocation();
  const id = decodeHash(hash);
  const ready = anchors !== null;
  const known = id !== null && anchors?.has(id) === true;
  useEffect(() => {
    if (!ready || !id || !known) return;
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    if (document.activeElement !== el) el.focus({ preventScroll: true });
  }, [ready, id, known]);
  return ready && id && !known ? id : null;
}
