import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { useSession } from '../../api/session.ts';
import { formatDateTime } from '../../app/format.ts';
import { Loading } from '../../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../../app/page.tsx';
import { ApiLoadError } from '../../features/session/AccessRefused.tsx';
import { StartVisitForm } from '../../features/window/StartVisitForm.tsx';
import { VisitPanel, visitorLabel } from '../../features/window/VisitPanel.tsx';
import { windowQueries, type Visit } from '../../features/window/window-queries.ts';
import { t } from '../../i18n/index.ts';
import '../../features/window/window.css';

/**
 * The service window (/staff/window): start a visit with the visitor's consent, see their profile and matched
 * items while it lasts, and end it. The console's shell (StaffLayout) has already checked the account.
 */
export function WindowPage() {
  usePageTitle(t('window.title'));
  const { principal } = useSession();
  const open = useQuery(windowQueries.open());
  const [current, setCurrent] = useState<Visit | null>(null);

  return (
    <div className="wv-page">
      <PageHeading>{t('window.title')}</PageHeading>
      <p className="page-lead">{t('window.lead')}</p>
      {current ? (
        <VisitPanel key={current.id} visit={current} onClose={() => setCurrent(null)} />
      ) : (
        <div className="wv-layout">
          {principal ? <StartVisitForm officer={principal} onStarted={setCurrent} /> : null}
          <section className="panel wv-open" aria-labelledby="wv-open-title">
            <h2 id="wv-open-title">{t('window.open.title')}</h2>
            {open.isPending ? (
              <Loading rows={2} />
            ) : open.isError ? (
              <ApiLoadError error={open.error} onRetry={() => void open.refetch()} />
            ) : open.data.length === 0 ? (
              <p className="muted">{t('window.open.empty')}</p>
            ) : (
              <ul className="wv-open-list">
                {open.data.map((v) => (
                  <li key={v.id} className="wv-open-item">
                    <p className="wv-open-who">{visitorLabel(v)}</p>
                    <p className="muted">
                      {v.purpose
                        ? t('window.visit.purpose', { purpose: v.purpose })
                        : t('window.visit.noPurpose')}
                      {' · '}
                      {t('window.visit.until', { time: formatDateTime(v.expiresAt) })}
                    </p>
                    <Button size="large" className="wv-big" onClick={() => setCurrent(v)}>
                      {t('window.open.resume')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
