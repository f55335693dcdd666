import { useSession } from '../api/session.ts';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { DataUseTable } from '../features/my-data/DataUseTable.tsx';
import { PushSwitch } from '../features/my-data/PushSwitch.tsx';
import { isDataSubject } from '../features/session/access.ts';
import { AccessRefused } from '../features/session/AccessRefused.tsx';
import { t } from '../i18n/index.ts';
import '../features/my-data/my-data.css';

/**
 * 我的数据 (/me/data): for a person or an enterprise, who used their data, when and why, and personalised push on
 * or off. Signed out, the visitor is offered the sign-in page; other accounts are told the page is not theirs.
 */
export function MyDataPage() {
  const session = useSession();
  const principal = session.principal;
  usePageTitle(t('myData.title'));

  if (session.isPending) return <Loading rows={6} />;
  if (session.error) return <LoadError error={session.error} />;
  if (!principal) return <AccessRefused status={401} page />;
  if (!isDataSubject(principal))
    return (
      <AccessRefused
        status={403}
        page
        title={t('myData.title')}
        body={t('myData.notSubject', { name: principal.displayName })}
      />
    );
  return (
    <div className="md-page">
      <PageHeading>{t('myData.title')}</PageHeading>
      <p className="page-lead">{t('myData.lead')}</p>
      <PushSwitch />
      <DataUseTable />
    </div>
  );
}
