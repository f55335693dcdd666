import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { queries } from '../api/queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { issueFullTitle } from '../app/format.ts';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { groupToc } from '../features/issues/toc.ts';
import { t } from '../i18n/index.ts';
import { parseId } from './DocumentPage.tsx';
import { NotFoundContent } from './NotFoundPage.tsx';

/** One gazette issue: its table of contents with page numbers, each entry linking to its document. */
export function IssuePage() {
  const id = parseId(useParams().id);
  const { to } = useChannel();
  const issue = useQuery({ ...queries.issue(id ?? 0), enabled: id !== null });
  usePageTitle(
    issue.data
      ? issueFullTitle(issue.data)
      : id === null || issue.isError
        ? t('notFound.title')
        : t('issue.listTitle'),
  );

  if (id === null || (issue.error instanceof ApiError && issue.error.notFound)) return <NotFoundContent />;
  if (issue.isPending) return <Loading rows={8} />;
  if (issue.isError) return <LoadError error={issue.error} onRetry={() => void issue.refetch()} />;
  const data = issue.data;

  return (
    <div className="issue-page">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: to('/') },
          { label: t('issue.listTitle'), to: to('/issues') },
          { label: issueFullTitle(data) },
        ]}
      />
      <header className="issue-header">
        <PageHeading>{issueFullTitle(data)}</PageHeading>
        <p className="muted">
          {data.publisher}
          {data.totalNumber ? `\u3000${t('issue.total', { total: data.totalNumber })}` : ''}
        </p>
      </header>
      <section className="panel issue-toc" aria-labelledby="issue-toc-title">
        <h2 id="issue-toc-title">{t('issue.toc')}</h2>
        {groupToc(data.toc).map((g, gi) => (
          <section key={gi} className="issue-toc-group" aria-labelledby={`toc-group-${gi}`}>
            <h3 id={`toc-group-${gi}`}>{g.section ?? t('issue.otherSection')}</h3>
            <ol className="issue-toc-list">
              {g.entries.map((e, i) => (
                <li key={i} className="issue-toc-entry">
                  <span className="issue-toc-text">
                    {e.documentId !== null ? (
                      <Link to={to(`/documents/${e.documentId}`)} data-nav-item="">
                        {e.title}
                      </Link>
                    ) : (
                      <>
                        {e.title}
                        <span className="muted">{t('issue.notInLibrary')}</span>
                      </>
                    )}
                    {e.docNumber ? <span className="issue-toc-number">{e.docNumber}</span> : null}
                  </span>
                  <span className="issue-toc-leader" aria-hidden="true" />
                  <span className="issue-toc-page">
                    <span className="visually-hidden">{t('issue.page', { page: e.page })}</span>
                    <span aria-hidden="true">{t('issue.pageShort', { page: e.page })}</span>
                  </span>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>
    </div>
  );
}
