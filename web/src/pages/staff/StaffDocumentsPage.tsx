import { useQuery } from '@tanstack/react-query';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../api/session.ts';
import { Loading } from '../../app/components/LoadState.tsx';
import { formatDateTime } from '../../app/format.ts';
import { PageHeading, usePageTitle } from '../../app/page.tsx';
import { isEditor, isReviewer } from '../../features/session/access.ts';
import { ApiLoadError } from '../../features/session/AccessRefused.tsx';
import { CorrectionForm } from '../../features/staff-documents/CorrectionForm.tsx';
import { DocumentReviews } from '../../features/staff-documents/DocumentReviews.tsx';
import { documentsQueries, type StaffDocument } from '../../features/staff-documents/documents-api.ts';
import { IngestForm } from '../../features/staff-documents/IngestForm.tsx';
import { RepealForm } from '../../features/staff-documents/RepealForm.tsx';
import '../../features/staff-documents/documents-console.css';
import { t } from '../../i18n/index.ts';

type Action = { kind: 'correct' | 'repeal'; doc: StaffDocument } | null;

/** Where a document stands: unpublished, in review, repealed, or public. */
function stateOf(doc: StaffDocument): string {
  if (doc.repealedOn) return t('docsConsole.state.repealed', { date: doc.repealedOn });
  if (doc.pendingRepealId !== null) return t('docsConsole.state.repealPending');
  if (doc.reviewState && doc.reviewState !== 'approved')
    return t(`docsConsole.review.state.${doc.reviewState}`);
  return doc.published ? t('docsConsole.state.public') : t('docsConsole.state.unpublished');
}

function Worklist({ onAction, editor }: { onAction: (a: Action) => void; editor: boolean }) {
  const list = useQuery(documentsQueries.worklist());
  if (list.isPending) return <Loading rows={6} />;
  if (list.isError) return <ApiLoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.length === 0) return <p className="empty-state">{t('docsConsole.list.empty')}</p>;
  return (
    <table className="docs-console-table">
      <caption>{t('docsConsole.list.caption', { total: list.data.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('docsConsole.field.title')}</th>
          <th scope="col">{t('docsConsole.field.docNumber')}</th>
          <th scope="col">{t('docsConsole.field.version')}</th>
          <th scope="col">{t('docsConsole.field.state')}</th>
          <th scope="col">{t('docsConsole.field.updated')}</th>
          {editor ? <th scope="col">{t('docsConsole.field.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {list.data.map((doc) => (
          <tr key={doc.id} data-document={doc.id}>
            <td>{doc.published ? <Link to={`/documents/${doc.id}`}>{doc.title}</Link> : doc.title}</td>
            <td>{doc.docNumber ?? t('docsConsole.none')}</td>
            <td>
              {doc.latestVersion === doc.currentVersion || !doc.published
                ? t('docsConsole.version', { version: doc.latestVersion })
                : t('docsConsole.list.versions', { current: doc.currentVersion, latest: doc.latestVersion })}
            </td>
            <td>{stateOf(doc)}</td>
            <td>{formatDateTime(doc.updatedAt)}</td>
            {editor ? (
              <td className="docs-console-actions">
                {doc.reviewState !== 'submitted' && !doc.repealedOn ? (
                  <Button
                    size="small"
                    onClick={() => onAction({ kind: 'correct', doc })}
                    aria-label={t('docsConsole.list.correctOne', { title: doc.title })}
                  >
                    {t('docsConsole.list.correct')}
                  </Button>
                ) : null}
                {doc.published && !doc.repealedOn && doc.pendingRepealId === null ? (
                  <Button
                    size="small"
                    danger
                    onClick={() => onAction({ kind: 'repeal', doc })}
                    aria-label={t('docsConsole.list.repealOne', { title: doc.title })}
                  >
                    {t('docsConsole.list.repeal')}
                  </Button>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 文件维护 (/staff/documents): the department's documents with where each stands (谁制定、谁更新); ingesting with a
 * parse check; correcting a text with a side-by-side diff before it is submitted; asking for a repeal; and for
 * reviewers, what waits for their decision (上线审查). The server checks every step again.
 */
export function StaffDocumentsPage() {
  const { principal } = useSession();
  const editor = isEditor(principal);
  const reviewer = isReviewer(principal);
  const [action, setAction] = useState<Action>(null);
  const [notice, setNotice] = useState('');
  const [tab, setTab] = useState(editor ? 'list' : 'review');
  usePageTitle(t('docsConsole.title'));
  const done = (message: string) => {
    setNotice(message);
    setAction(null);
  };

  const list = (
    <>
      <Worklist
        editor={editor}
        onAction={(a) => {
          setNotice('');
          setAction(a);
        }}
      />
      {action?.kind === 'correct' ? (
        <CorrectionForm key={action.doc.id} doc={action.doc} onDone={done} />
      ) : null}
      {action?.kind === 'repeal' ? <RepealForm key={action.doc.id} doc={action.doc} onDone={done} /> : null}
      {action ? (
        <p>
          <Button onClick={() => setAction(null)}>{t('docsConsole.cancel')}</Button>
        </p>
      ) : null}
    </>
  );

  return (
    <div className="staff-page">
      <PageHeading>{t('docsConsole.title')}</PageHeading>
      <p className="page-lead">{t('docsConsole.lead')}</p>
      <p className="results-summary" role="status" aria-live="polite">
        {notice}
      </p>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k);
          setAction(null);
        }}
        items={[
          { key: 'list', label: t('docsConsole.tab.list'), children: list },
          ...(editor
            ? [{ key: 'ingest', label: t('docsConsole.tab.ingest'), children: <IngestForm /> }]
            : []),
          ...(reviewer
            ? [
                {
                  key: 'review',
                  label: t('docsConsole.tab.review'),
                  children: <DocumentReviews onDone={done} />,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
