import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { Target } from '../api/items.ts';
import { itemQueries, type MatchRequest } from '../api/item-queries.ts';
import { useChannel } from '../app/channel.tsx';
import { Breadcrumbs } from '../app/components/Breadcrumbs.tsx';
import { Loading, LoadError } from '../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { MatchResults } from '../features/matching/MatchResults.tsx';
import { ProfileForm } from '../features/matching/ProfileForm.tsx';
import { t } from '../i18n/index.ts';
import '../features/items/items.css';

const RECORD_FIELD = /^record\.fields\.(\w+)$/;

/** The server's field errors (`record.fields.uscc`) by the form's field names; the rest for a general alert. */
export function splitProblems(error: unknown): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  if (!(error instanceof ApiError) || error.status !== 400) return { fields, general };
  for (const p of error.problem?.errors ?? []) {
    const m = RECORD_FIELD.exec(p.field);
    if (m && m[1] !== 'extra') fields[m[1]!] = p.message;
    else general.push(p.message);
  }
  if (Object.keys(fields).length === 0 && general.length === 0) general.push(error.message);
  return { fields, general };
}

interface Asked {
  request: MatchRequest;
  kind: Target;
  /** The sample's name, or null for what the visitor typed. */
  label: string | null;
}

/**
 * 哪些政策适合我 (`/match`): a fictional sample profile or a typed id and a few facts, matched against every
 * published item. Nothing is stored; the request lives in this page's state.
 */
export function MatchPage() {
  const { to } = useChannel();
  const [asked, setAsked] = useState<Asked | null>(null);
  const match = useQuery(itemQueries.match(asked?.request ?? null));
  usePageTitle(t('match.title'));
  const problems = splitProblems(match.error);
  const invalid = Object.keys(problems.fields).length > 0 || problems.general.length > 0;

  return (
    <div className="match-page">
      <Breadcrumbs items={[{ label: t('nav.home'), to: to('/') }, { label: t('match.title') }]} />
      <PageHeading>{t('match.title')}</PageHeading>
      <p className="page-lead">{t('match.lead')}</p>
      <Alert className="privacy-note" type="info" showIcon title={t('privacy.notice')} />
      <div className="match-layout">
        <ProfileForm
          serverErrors={problems.fields}
          busy={match.isFetching}
          onSubmit={(request, label, kind) => setAsked({ request, label, kind })}
        />
        <p className="visually-hidden" role="status">
          {match.isFetching
            ? t('match.running')
            : match.data
              ? t('results.summary', {
                  met: match.data.met.length,
                  maybe: match.data.maybe.length,
                  notMet: match.data.notMet.length,
                })
              : ''}
        </p>
        <div className="match-output" aria-busy={match.isFetching}>
          {asked === null ? null : match.isPending ? (
            <Loading rows={6} />
          ) : match.isError ? (
            invalid ? (
              problems.general.length > 0 ? (
                <Alert
                  type="error"
                  showIcon
                  title={t('error.title')}
                  description={problems.general.join('；')}
                />
              ) : null
            ) : (
              <LoadError error={match.error} onRetry={() => void match.refetch()} />
            )
          ) : (
            <MatchResults
              result={match.data}
              kind={asked.kind}
              title={asked.label ? t('match.resultsFor', { name: asked.label }) : t('match.resultsForTyped')}
            />
          )}
        </div>
      </div>
    </div>
  );
}
