import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { DocumentDetail, IssueSummary } from '../../api/client.ts';
import { useChannel } from '../../app/channel.tsx';
import { formatDate, issueFullTitle } from '../../app/format.ts';
import { list, t } from '../../i18n/index.ts';

/** 文号, 发文机关, dates and source, as a description list. */
export function DocumentMeta({ doc, issue }: { doc: DocumentDetail; issue: IssueSummary | undefined }) {
  const { to } = useChannel();
  const rows: [string, ReactNode][] = [
    [t('document.docNumber'), doc.docNumber ?? t('common.none')],
    [t('document.issuers'), list(doc.issuers)],
    [t('document.issuedOn'), formatDate(doc.issuedOn)],
    [t('document.effectiveFrom'), formatDate(doc.effectiveFrom)],
  ];
  if (doc.effectiveUntil) rows.push([t('document.effectiveUntil'), formatDate(doc.effectiveUntil)]);
  if (doc.repealedOn) rows.push([t('document.repealedOn'), formatDate(doc.repealedOn)]);
  rows.push([t('document.kind'), doc.kind]);
  if (doc.validityClause) rows.push([t('document.validityClause'), doc.validityClause]);
  else if (doc.validityBasis === 'issue-date')
    rows.push([t('document.validityClause'), t('document.noValidityClause')]);
  if (issue && doc.issueId !== null) {
    rows.push([
      t('document.source'),
      <Link to={to(`/issues/${doc.issueId}`)}>
        {t('document.sourceValue', { issue: issueFullTitle(issue), page: doc.page ?? '—' })}
      </Link>,
    ]);
  }
  return (
    <dl className="document-meta" aria-label={t('document.meta')}>
      {rows.map(([term, value]) => (
        <div key={term} className="document-meta-row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
