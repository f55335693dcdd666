import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { formatDateTime } from '../../app/format.ts';
import { Loading } from '../../app/components/LoadState.tsx';
import { FormField } from '../../app/components/FormField.tsx';
import { t } from '../../i18n/index.ts';
import { MatchResults } from '../matching/MatchResults.tsx';
import { VisitorProfile } from './VisitorProfile.tsx';
import { useEndVisit, windowQueries, type Visit } from './window-queries.ts';

export function visitorLabel(v: Visit): string {
  return t(v.visitor.kind === 'person' ? 'window.visit.person' : 'window.visit.enterprise', {
    id: v.visitor.id,
  });
}

/** A refused or failed read, in the server's words (an ended or expired visit says so, in Chinese). */
function ReadError({ error }: { error: unknown }) {
  const detail = error instanceof ApiError ? (error.problem?.detail ?? error.message) : t('error.body');
  return <Alert type="error" showIcon role="alert" title={detail} />;
}

/**
 * One visit in progress: the visitor's profile and matched items, each fetched only when the officer asks (each
 * fetch is recorded with its purpose), and ending the visit.
 */
export function VisitPanel({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const [purpose, setPurpose] = useState('');
  const [asked, setAsked] = useState<{ profile?: string; match?: string }>({});
  const profile = useQuery({
    ...windowQueries.profile(visit.id, asked.profile ?? ''),
    enabled: asked.profile !== undefined,
  });
  const match = useQuery({
    ...windowQueries.match(visit.id, asked.match ?? ''),
    enabled: asked.match !== undefined,
  });
  const end = useEndVisit();
  const ended = end.isSuccess;

  return (
    <section className="panel wv-visit" aria-labelledby="wv-visit-title">
      <h2 id="wv-visit-title">{t('window.visit.title', { visitor: visitorLabel(visit) })}</h2>
      <ul className="wv-visit-facts">
        <li>
          {visit.purpose
            ? t('window.visit.purpose', { purpose: visit.purpose })
            : t('window.visit.noPurpose')}
        </li>
        <li>{t('window.visit.consent', { method: visit.consentMethodLabel })}</li>
        <li>{t('window.visit.until', { time: formatDateTime(visit.expiresAt) })}</li>
      </ul>
      {ended ? (
        <>
          <Alert type="success" showIcon role="status" title={t('window.visit.ended')} />
          <p className="wv-actions">
            <Button size="large" className="wv-big" onClick={onClose} autoFocus>
              {t('window.visit.back')}
            </Button>
          </p>
        </>
      ) : (
        <>
          <FormField
            id="wv-read-purpose"
            label={t('window.visit.readPurpose')}
            hint={t('window.visit.readPurposeHint')}
          >
            <Input
              id="wv-read-purpose"
              size="large"
              maxLength={200}
              value={purpose}
              aria-describedby="wv-read-purpose-hint"
              onChange={(e) => setPurpose(e.target.value)}
            />
          </FormField>
          <p className="wv-actions">
            <Button
              size="large"
              type="primary"
              className="wv-big"
              loading={profile.isFetching}
              onClick={() => setAsked((a) => ({ ...a, profile: purpose.trim() }))}
            >
              {t('window.visit.profile')}
            </Button>
            <Button
              size="large"
              type="primary"
              className="wv-big"
              loading={match.isFetching}
              onClick={() => setAsked((a) => ({ ...a, match: purpose.trim() }))}
            >
              {t('window.visit.match')}
            </Button>
            <Button
              size="large"
              danger
              className="wv-big"
              loading={end.isPending}
              onClick={() => end.mutate(visit.id)}
            >
              {end.isPending ? t('window.visit.ending') : t('window.visit.end')}
            </Button>
          </p>
          {end.isError ? <ReadError error={end.error} /> : null}
          <div>
            {asked.profile === undefined ? null : profile.isPending ? (
              <Loading rows={4} />
            ) : profile.isError ? (
              <ReadError error={profile.error} />
            ) : (
              <>
                <p className="muted" role="status">
                  {t('window.visit.recorded', {
                    time: formatDateTime(new Date(profile.dataUpdatedAt).toISOString()),
                  })}
                </p>
                <VisitorProfile data={profile.data} />
              </>
            )}
          </div>
          <div>
            {asked.match === undefined ? null : match.isPending ? (
              <Loading rows={6} />
            ) : match.isError ? (
              <ReadError error={match.error} />
            ) : (
              <MatchResults result={match.data} kind={visit.visitor.kind} title={t('window.match.title')} />
            )}
          </div>
        </>
      )}
    </section>
  );
}
