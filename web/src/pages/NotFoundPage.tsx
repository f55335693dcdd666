import { useChannel } from '../app/channel.tsx';
import { ButtonLink } from '../app/components/ButtonLink.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { t } from '../i18n/index.ts';

/** The not-found message, also used by pages whose document or issue does not exist. */
export function NotFoundContent({ title = t('notFound.title') }: { title?: string }) {
  const { to } = useChannel();
  usePageTitle(title);
  return (
    <div className="plain-page">
      <p className="plain-page-code" aria-hidden="true">
        404
      </p>
      <PageHeading>{title}</PageHeading>
      <p>{t('notFound.body')}</p>
      <div className="plain-page-actions">
        <ButtonLink primary to={to('/')}>
          {t('error.home')}
        </ButtonLink>
        <ButtonLink to={to('/search')}>{t('search.title')}</ButtonLink>
      </div>
    </div>
  );
}

export function NotFoundPage() {
  return <NotFoundContent />;
}
