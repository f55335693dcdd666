import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { t } from '../../i18n/index.ts';
import { ApiLoadError } from '../session/AccessRefused.tsx';
import { staffQueries } from './staff-queries.ts';

/**
 * What the department must act on besides reviews (issue 5, 有效期): its documents whose items are still not
 * online 7 working days after issue (the 四川 rule), and its documents and items whose validity ends within 30
 * days (有效期届满评估). Both lists come from the daily validity job's service (src/features/validity).
 */
export function ValidityPanel() {
  const overdue = useQuery(staffQueries.overdue());
  const expiring = useQuery(staffQueries.expiring());
  return (
    <>
      <section className="staff-section" aria-labelledby="validity-overdue-title">
        <h2 id="validity-overdue-title">{t('staff.validity.overdue.title')}</h2>
        <p className="muted">{t('staff.validity.overdue.lead')}</p>
        {overdue.isPending ? (
          <p role="status">{t('common.loading')}</p>
        ) : overdue.isError ? (
          <ApiLoadError error={overdue.error} onRetry={() => void overdue.refetch()} />
        ) : overdue.data.documents.length === 0 ? (
          <p className="empty-state">{t('staff.validity.overdue.none')}</p>
        ) : (
          <ul className="staff-list validity-list">
            {overdue.data.documents.map((d) => (
              <li key={d.documentId} className="validity-card" data-document={d.docNumber}>
                <h3 className="staff-card-title">
                  <Link to={`/documents/${d.documentId}`}>{d.title}</Link>
                </h3>
                <p className="staff-card-meta">
                  <span>{d.docNumber}</span>
                  <span>{t('staff.validity.overdue.issued', { date: formatDate(d.issuedOn) })}</span>
                  <span>{t('staff.validity.overdue.deadline', { date: formatDate(d.deadline) })}</span>
                  <strong className="validity-late">
                    {t('staff.validity.overdue.late', { days: d.workingDaysOverdue })}
                  </strong>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="staff-section" aria-labelledby="validity-expiring-title">
        <h2 id="validity-expiring-title">{t('staff.validity.expiring.title')}</h2>
        {expiring.isPending ? (
          <p role="status">{t('common.loading')}</p>
        ) : expiring.isError ? (
          <ApiLoadError error={expiring.error} onRetry={() => void expiring.refetch()} />
        ) : expiring.data.entries.length === 0 ? (
          <p className="empty-state">{t('staff.validity.expiring.none', { days: expiring.data.days })}</p>
        ) : (
          <ul className="staff-list validity-list">
            {expiring.data.entries.map((e) => (
              <li key={`${e.targetKind}:${e.targetKey}`} className="validity-card" data-target={e.targetKey}>
                <h3 className="staff-card-title">
                  {e.targetKind === 'item' ? (
                    <Link to={`/staff/items/${e.targetKey}`}>{e.title}</Link>
                  ) : (
                    e.title
                  )}
                </h3>
                <p className="staff-card-meta">
                  <span>
                    {e.targetKind === 'item'
                      ? t('staff.validity.expiring.item')
                      : t('staff.validity.expiring.document')}
                  </span>
                  <span>{t('staff.validity.expiring.ends', { date: formatDate(e.endsOn) })}</span>
                  <strong>{t('staff.validity.expiring.left', { days: e.daysLeft })}</strong>
                  <span className="muted">
                    {e.remindedAt
                      ? t('staff.validity.expiring.reminded', { at: formatDateTime(e.remindedAt) })
                      : t('staff.validity.expiring.notReminded')}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
