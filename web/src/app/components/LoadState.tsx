import { Alert, Button, Skeleton } from 'antd';
import { ApiError } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';

/** A loading placeholder that screen readers announce once, politely. */
export function Loading({ label = t('common.loading'), rows = 4 }: { label?: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" className="load-state">
      <span className="visually-hidden">{label}</span>
      <Skeleton active paragraph={{ rows }} title />
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    return t('error.load', { detail: error.message });
  }
  return t('error.body');
}

/** An error with a retry button; the message comes from the server's problem details when there are any. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={t('error.title')}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button onClick={onRetry} danger>
            {t('error.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
