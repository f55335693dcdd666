import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { refreshSessionAfter } from '../../api/session.ts';
import { ButtonLink } from '../../app/components/ButtonLink.tsx';
import { LoadError } from '../../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../../app/page.tsx';
import { t } from '../../i18n/index.ts';
import { signInPath } from './access.ts';
import './session.css';

/**
 * What a refused call shows: 401, sign in first; 403, this account may not, sign in as another. Both link to
 * the sign-in page, which comes back here afterwards. `page` makes the title the page's h1 (a whole page
 * refused); otherwise it is a section's h2.
 */
export function AccessRefused({
  status,
  detail,
  page = false,
  title,
  body,
}: {
  status: 401 | 403;
  detail?: string;
  page?: boolean;
  title?: string;
  body?: string;
}) {
  const { pathname, search } = useLocation();
  const heading = title ?? t(status === 401 ? 'session.required.title' : 'session.forbidden.title');
  return (
    <div className="access-refused" role={page ? undefined : 'alert'}>
      {page ? <PageHeading>{heading}</PageHeading> : <h2>{heading}</h2>}
      <p>{body ?? t(status === 401 ? 'session.required.body' : 'session.forbidden.body')}</p>
      {detail && status === 403 ? <p className="muted">{t('session.forbidden.detail', { detail })}</p> : null}
      <p className="access-refused-actions">
        <ButtonLink primary to={signInPath(pathname + search)}>
          {t(status === 401 ? 'session.toSignIn' : 'session.switchAccount')}
        </ButtonLink>
        <ButtonLink to="/">{t('session.home')}</ButtonLink>
      </p>
    </div>
  );
}

/** A whole page refused (the console's shell): the refusal is the page, and its title. */
export function AccessRefusedPage(props: Omit<Parameters<typeof AccessRefused>[0], 'page'>) {
  usePageTitle(props.title ?? t(props.status === 401 ? 'session.required.title' : 'session.forbidden.title'));
  return <AccessRefused {...props} page />;
}

/**
 * A failed load: a refusal (401/403) as AccessRefused, with the session asked again after a 401 (it ended on
 * the server); anything else as the usual error with a retry button.
 */
export function ApiLoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const client = useQueryClient();
  useEffect(() => refreshSessionAfter(client, error), [client, error]);
  if (error instanceof ApiError && error.refused)
    return <AccessRefused status={error.status as 401 | 403} detail={error.problem?.detail} />;
  return <LoadError error={error} onRetry={onRetry} />;
}
