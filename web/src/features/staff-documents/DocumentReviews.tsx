import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { Loading } from '../../app/components/LoadState.tsx';
import { formatDateTime } from '../../app/format.ts';
import { t } from '../../i18n/index.ts';
import { ApiLoadError } from '../session/AccessRefused.tsx';
import { SideBySideDiff } from '../staff/SideBySideDiff.tsx';
import { decide, decideRepeal, documentsQueries, type QueuedDocument, type Repeal } from './documents-api.ts';

type Decision = 'approve' | 'reject';

/** Approve or reject, with a comment that rejecting requires (checked here, and by the server). */
function Decide({
  label,
  own,
  onDecide,
  pending,
  error,
}: {
  label: string;
  own: boolean;
  onDecide: (decision: Decision, comment: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const id = useId();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <form className="docs-console-form" onSubmit={(e) => e.preventDefault()} aria-label={label}>
      {own ? <Alert type="warning" showIcon title={t('docsConsole.review.own')} /> : null}
      <label htmlFor={`${id}-comment`}>{t('docsConsole.review.comment')}</label>
      <Input.TextArea
        id={`${id}-comment`}
        value={comment}
        maxLength={1000}
        rows={2}
        aria-invalid={missing ? true : undefined}
        aria-describedby={missing ? `${id}-error` : undefined}
        onChange={(e) => {
          setComment(e.target.value);
          setMissing(false);
        }}
      />
      {missing ? (
        <p id={`${id}-error`} className="field-error">
          {t('docsConsole.review.commentRequired')}
        </p>
      ) : null}
      <p className="staff-toolbar">
        <Button type="primary" disabled={own} loading={pending} onClick={() => onDecide('approve', comment)}>
          {t('docsConsole.review.approve')}
        </Button>
        <Button
          danger
          disabled={own}
          loading={pending}
          onClick={() => (comment.trim() ? onDecide('reject', comment) : setMissing(true))}
        >
          {t('docsConsole.review.reject')}
        </Button>
      </p>
      {error ? (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('docsConsole.failed')}
          description={error instanceof ApiError ? error.message : t('error.body')}
        />
      ) : null}
    </form>
  );
}

function QueuedVersion({ doc, onDone }: { doc: QueuedDocument; onDone: (m: string) => void }) {
  const client = useQueryClient();
  const { principal } = useSession();
  const id = useId();
  // A correction is compared with what the public reads; a new document with nothing yet.
  const diff = useQuery({
    ...documentsQueries.diff(doc.id, doc.currentVersion, doc.version),
    enabled: doc.published,
  });
  const text = useQuery({ ...documentsQueries.text(doc.id, doc.version), enabled: !doc.published });
  const mutation = useMutation({
    mutationFn: ({ decision, comment }: { decision: Decision; comment: string }) =>
      decide(doc.id, doc.version, decision, comment),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: ['staff', 'documents'] });
      onDone(
        t(`docsConsole.review.${r.reviewState === 'approved' ? 'approved' : 'rejected'}`, {
          title: doc.title,
          version: doc.version,
        }),
      );
    },
  });
  return (
    <li className="staff-card">
      <h3 id={`${id}-title`} className="staff-card-title">
        {doc.title}
      </h3>
      <p className="staff-card-meta">
        <span>{doc.docNumber ?? t('docsConsole.none')}</span>
        <span>{t('docsConsole.version', { version: doc.version })}</span>
        <span>{doc.published ? t('docsConsole.review.correction') : t('docsConsole.review.new')}</span>
        {doc.note ? <span>{t('docsConsole.review.note', { note: doc.note })}</span> : null}
        <span className="muted">{formatDateTime(doc.createdAt)}</span>
      </p>
      {doc.published ? (
        diff.isPending ? (
          <Loading rows={4} />
        ) : diff.isError ? (
          <ApiLoadError error={diff.error} onRetry={() => void diff.refetch()} />
        ) : (
          <SideBySideDiff
            parts={diff.data.parts}
            caption={t('docsConsole.diff.caption', {
              old: t('docsConsole.review.public', { version: doc.currentVersion }),
              new: t('docsConsole.version', { version: doc.version }),
            })}
            oldLabel={t('docsConsole.review.public', { version: doc.currentVersion })}
            newLabel={t('docsConsole.version', { version: doc.version })}
            same={t('docsConsole.diff.same')}
          />
        )
      ) : text.data ? (
        <details>
          <summary>{t('docsConsole.review.fullText')}</summary>
          <pre className="docs-console-pre">{text.data.text}</pre>
        </details>
      ) : null}
      <Decide
        label={t('docsConsole.review.decideOn', { title: doc.title })}
        own={principal?.accountId === doc.authorId}
        pending={mutation.isPending}
        error={mutation.error}
        onDecide={(decision, comment) => mutation.mutate({ decision, comment })}
      />
    </li>
  );
}

function QueuedRepeal({ repeal, onDone }: { repeal: Repeal; onDone: (m: string) => void }) {
  const client = useQueryClient();
  const { principal } = useSession();
  const mutation = useMutation({
    mutationFn: ({ decision, comment }: { decision: Decision; comment: string }) =>
      decideRepeal(repeal.id, decision, comment),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: ['staff'] });
      onDone(
        t(
          r.repeal.state === 'approved'
            ? 'docsConsole.review.repealApproved'
            : 'docsConsole.review.repealRejected',
          {
            target: repeal.targetLabel,
          },
        ),
      );
    },
  });
  const what = t(`docsConsole.review.repeal.${repeal.targetKind}`, { target: repeal.targetLabel });
  return (
    <li className="staff-card">
      <h3 className="staff-card-title">{what}</h3>
      <dl className="docs-console-facts">
        <dt>{t('docsConsole.repeal.reason')}</dt>
        <dd>{repeal.reason}</dd>
        <dt>{t('docsConsole.repeal.docNumber')}</dt>
        <dd>{repeal.repealedBy}</dd>
        <dt>{t('docsConsole.repeal.repealedOn')}</dt>
        <dd>{repeal.repealedOn}</dd>
        <dt>{t('docsConsole.review.requestedBy')}</dt>
        <dd>{repeal.requestedByName}</dd>
      </dl>
      <Decide
        label={t('docsConsole.review.decideOn', { title: what })}
        own={principal?.accountId === repeal.requestedBy}
        pending={mutation.isPending}
        error={mutation.error}
        onDecide={(decision, comment) => mutation.mutate({ decision, comment })}
      />
    </li>
  );
}

/**
 * What waits for this department's reviewers (上线审查): new documents and corrections, each with its diff
 * against what the public reads, and repeals with their reason and repealing document.
 */
export function DocumentReviews({ onDone }: { onDone: (message: string) => void }) {
  const id = useId();
  const queue = useQuery(documentsQueries.queue());
  const repeals = useQuery(documentsQueries.repeals());
  if (queue.isPending || repeals.isPending) return <Loading rows={4} />;
  if (queue.isError) return <ApiLoadError error={queue.error} onRetry={() => void queue.refetch()} />;
  if (repeals.isError) return <ApiLoadError error={repeals.error} onRetry={() => void repeals.refetch()} />;
  return (
    <section className="staff-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('docsConsole.review.title')}</h2>
      {queue.data.length + repeals.data.length === 0 ? (
        <p className="empty-state">{t('docsConsole.review.empty')}</p>
      ) : (
        <ul className="staff-list">
          {queue.data.map((d) => (
            <QueuedVersion key={`v${d.id}-${d.version}`} doc={d} onDone={onDone} />
          ))}
          {repeals.data.map((r) => (
            <QueuedRepeal key={`r${r.id}`} repeal={r} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}
