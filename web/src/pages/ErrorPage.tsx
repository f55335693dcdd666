import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useChannel } from '../app/channel.tsx';
import { ButtonLink } from '../app/components/ButtonLink.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { t } from '../i18n/index.ts';
import { NotFoundContent } from './NotFoundPage.tsx';

/**
 * What a visitor sees when a page fails to render or its code fails to load: never a blank screen. Plain
 * markup, no antd: it must work even when the component library is what failed to load.
 */
export function ErrorContent() {
  const { to } = useChannel();
  usePageTitle(t('error.title'));
  return (
    <div className="plain-page" role="alert">
      <PageHeading>{t('error.title')}</PageHeading>
      <p>{t('error.body')}</p>
      <div className="plain-page-actions">
        <button
          type="button"
          className="button-link button-link-primary"
          onClick={() => window.location.reload()}
        >
          {t('error.retry')}
        </button>
        <ButtonLink to={to('/')}>{t('error.home')}</ButtonLink>
      </div>
    </div>
  );
}

/** The router's error boundary, inside the layout, so header and navigation stay usable. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundContent />;
  console.error(error);
  return <ErrorContent />;
}
