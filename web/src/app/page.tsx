import { useEffect, useRef, type ReactNode } from 'react';
import { t } from '../i18n/index.ts';

/**
 * Focus after a route change: a screen-reader or keyboard user should land on the new page's heading, not stay
 * on a link that no longer exists. The layouts mark a change of path; the next heading to mount takes focus,
 * unless the user has already put focus somewhere, or the URL names a target (#第三十条) that the page focuses.
 */
let headingFocusPending = false;

export function markRouteChange(): void {
  headingFocusPending = true;
}

export function takeRouteChange(): boolean {
  const pending = headingFocusPending;
  headingFocusPending = false;
  return pending;
}

export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} - ${t('app.titleSuffix')}` : t('app.titleSuffix');
  }, [title]);
}

/** The page's one h1, which takes focus after navigation (see above). */
export function PageHeading({
  children,
  className,
  id,
}: {
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const idle = !document.activeElement || document.activeElement === document.body;
    if (takeRouteChange() && idle && !window.location.hash) ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className={['page-heading', className].filter(Boolean).join(' ')}>
      {children}
    </h1>
  );
}
