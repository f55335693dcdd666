import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useMemo } from 'react';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { queries } from '../api/queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs, type Crumb } from '../app/components/Breadcrumbs.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { RepealNotice } from '../app/components/RepealNotice.tsx';
import { ValidityBadge } from '../app/components/ValidityBadge.tsx';
import { issueFullTitle } from '../app/format.ts';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { allAnchors, buildToc, decodeHash } from '../features/documents/anchors.ts';
import { DocumentBody } from '../features/documents/DocumentBody.tsx';
import { Citations, CitedBy, Versions } from '../features/documents/DocumentLinks.tsx';
import { DocumentMeta } from '../features/documents/DocumentMeta.tsx';
import { DocumentToc } from '../features/documents/DocumentToc.tsx';
import { useHashTarget } from '../features/documents/useHashTarget.ts';
import { t } from '../i18n/index.ts';
import { NotFoundContent } from './NotFoundPage.tsx';

export function parseId(raw: string | undefined): number | null {
  return raw && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

/**
 * One document: title, 文号, issuer, dates and validity; a table of contents by chapter and article; every
 * article with its own link (#第三十条) and a copy-link action; what it cites, what cites it, and its versions.
 */
export function DocumentPage() {
  const id = parseId(useParams().id);
  const { to, channel } = useChannel();
  const doc = useQuery({ ...queries.document(id ?? 0), enabled: id !== null });
  const issueId = doc.data?.issueId ?? null;
  const issue = useQuery({ ...queries.issue(issueId ?? 0), enabled: issueId !== null });
  const toc = useMemo(() => (doc.data ? buildToc(doc.data) : []), [doc.data]);
  const anchors = useMemo(() => (doc.data ? allAnchors(doc.data) : null), [doc.data]);
  const missing = useHashTarget(anchors);
  const current = decodeHash(useLocation().hash);
  usePageTitle(
    doc.data?.title ?? (id === null || doc.isError ? t('document.notFound') : t('document.title')),
  );

  if (id === null || (doc.error instanceof ApiError && doc.error.notFound)) {
    return <NotFoundContent title={t('document.notFound')} />;
  }
  if (doc.isPending) return <Loading label={t('document.loading')} rows={10} />;
  if (doc.isError) return <LoadError error={doc.error} onRetry={() => void doc.refetch()} />;

  const d = doc.data;
  const crumbs: Crumb[] = [{ label: t('nav.home'), to: to('/') }];
  if (issue.data) crumbs.push({ label: issueFullTitle(issue.data), to: to(`/issues/${issue.data.id}`) });
  else crumbs.push({ label: t('library.title'), to: to('/documents') });
  crumbs.push({ label: d.title });

  return (
    <div className="document-page">
      <Breadcrumbs items={crumbs} />
      <header className="document-header">
        <p className="document-kicker">
          <ValidityBadge status={d.validity} size="large" />
          <span className="document-kind">{d.kind}</span>
          {d.docNumber ? <span className="document-number">{d.docNumber}</span> : null}
        </p>
        <PageHeading>{d.title}</PageHeading>
        {d.attachments[0] && (d.articles.length > 0 || d.outline.length > 0) ? (
          <p className="document-subtitle">{t('document.attachment', { title: d.attachments[0] })}</p>
        ) : null}
        <DocumentMeta doc={d} issue={issue.data} />
        {d.repeal ? <RepealNotice subject="document" repeal={d.repeal} /> : null}
      </header>
      {missing ? (
        <Alert type="warning" showIcon title={t('document.articleNotFound', { label: missing })} />
      ) : null}
      <div className={toc.length > 0 ? 'document-layout has-toc' : 'document-layout'}>
        <DocumentToc entries={toc} current={current} />
        <div className="document-main">
          <section aria-label={t('document.body')}>
            <DocumentBody doc={d} canCopy={channel !== 'kiosk'} />
          </section>
          <Citations doc={d} />
          <CitedBy doc={d} />
          <Versions doc={d} current={d.version} />
        </div>
      </div>
    </div>
  );
}
