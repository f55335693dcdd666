import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { markRouteChange } from './page.tsx';

/** Marks each change of path (not of query or hash) so that the next page heading takes focus. */
export function useRouteChangeFocus(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    markRouteChange();
    if (!window.location.hash) window.scrollTo({ top: 0 });
  }, [pathname]);
}
