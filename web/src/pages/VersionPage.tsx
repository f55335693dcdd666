import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { queries } from '../api/queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { DocumentBody } from '../features/documents/DocumentBody.tsx';
import { asVersionDocument } from '../features/documents/version-document.ts';
import { t } from '../i18n/index.ts';
import { parseId } from './DocumentPage.tsx';
import { NotFoundContent } from './NotFoundPage.tsx';

/** A stored version of a document, as it was parsed then. */
export function VersionPage() {
  const params = useParams();
  const id = parseId(params.id);
  const version = parseId(params.version);
  const { to } = useChannel();
  const query = useQuery({
    ...queries.documentVersion(id ?? 0, version ?? 0),
    enabled: id !== null && version !== null,
  });
  const doc = asVersionDocument(query.data);
  usePageTitle(
    doc ? t('document.versionTitle', { title: doc.title, version: version ?? 0 }) : t('document.title'),
  );

  if (id === null || version === null || (query.error instanceof ApiError && query.error.notFound)) {
    return <NotFoundContent title={t('document.notFound')} />;
  }
  if (query.isPending) return <Loading label={t('document.loading')} rows={10} />;
  if (query.isError || !doc) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <div className="document-page">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: to('/') },
          { label: doc.title, to: to(`/documents/${id}`) },
          { label: t('document.versionLabel', { version }) },
        ]}
      />
      <header className="document-header">
        <PageHeading>{doc.title}</PageHeading>
        <Alert
          type="info"
          showIcon
          title={t('document.historic', { version })}
          action={<Link to={to(`/documents/${id}`)}>{t('document.backToCurrent')}</Link>}
        />
      </header>
      <div className="document-layout">
        <div className="document-main">
          <DocumentBody doc={doc} canCopy={false} />
        </div>
      </div>
    </div>
  );
}
