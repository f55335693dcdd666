import { useQuery } from '@tanstack/react-query';
import { Alert, Switch } from 'antd';
import { formatDateTime } from '../../app/format.ts';
import { Loading } from '../../app/components/LoadState.tsx';
import { t } from '../../i18n/index.ts';
import { ApiLoadError } from '../session/AccessRefused.tsx';
import { myDataQueries, useSetPreferences } from './my-data-queries.ts';

/** Personalised push on or off (个人信息保护法 第二十四条): one switch, saved at once, its state said in words. */
export function PushSwitch() {
  const prefs = useQuery(myDataQueries.preferences());
  const save = useSetPreferences();
  const on = save.isPending ? save.variables.personalisedPush : prefs.data?.personalisedPush;

  return (
    <section className="panel md-push" aria-labelledby="md-push-title">
      <h2 id="md-push-title">{t('myData.push.title')}</h2>
      {prefs.isPending ? (
        <Loading rows={1} />
      ) : prefs.isError ? (
        <ApiLoadError error={prefs.error} onRetry={() => void prefs.refetch()} />
      ) : (
        <>
          <div className="md-push-row">
            <Switch
              id="md-push"
              checked={on}
              loading={save.isPending}
              aria-labelledby="md-push-label"
              aria-describedby="md-push-hint"
              onChange={(checked) => save.mutate({ personalisedPush: checked })}
            />
            <label id="md-push-label" htmlFor="md-push" className="md-push-label">
              {t('myData.push.label')}
            </label>
            <span className={on ? 'tag md-state md-state-on' : 'tag md-state'}>
              {t(on ? 'myData.push.on' : 'myData.push.off')}
            </span>
          </div>
          <p id="md-push-hint" className="muted">
            {t('myData.push.hint')}
          </p>
          {prefs.data.updatedAt ? (
            <p className="muted">{t('myData.push.since', { time: formatDateTime(prefs.data.updatedAt) })}</p>
          ) : null}
          <p className="visually-hidden" role="status">
            {save.isPending
              ? t('myData.push.saving')
              : save.isSuccess
                ? t('myData.push.saved', { state: t(on ? 'myData.push.on' : 'myData.push.off') })
                : ''}
          </p>
          {save.isError ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('myData.push.failed', { detail: save.error.message })}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
