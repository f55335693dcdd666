import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { SignInError, useSession, useSignIn } from '../api/session.ts';
import { ButtonLink } from '../app/components/ButtonLink.tsx';
import { PageHeading, usePageTitle } from '../app/page.tsx';
import { homeOf, safeReturnTo } from '../features/session/access.ts';
import { principalLabel } from '../features/session/AccountMenu.tsx';
import { PasswordReset } from '../features/session/PasswordReset.tsx';
import { oidcStartUrl, providersQuery } from '../features/session/providers.ts';
import { t } from '../i18n/index.ts';
import '../features/session/session.css';

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function waitText(seconds: number): string {
  return seconds < 60
    ? t('signin.waitSeconds', { seconds })
    : t('signin.waitMinutes', { minutes: Math.ceil(seconds / 60) });
}

/** A refused sign-in in words: wrong password, locked (with when to try again), or no connection. */
function SignInFailure({ error }: { error: unknown }) {
  if (!(error instanceof SignInError) || error.status === 0)
    return (
      <Alert
        type="error"
        role="alert"
        showIcon
        title={t('signin.failed')}
        description={t('signin.network')}
      />
    );
  if (error.status === 429 && error.retryAt && error.retryAfterSeconds) {
    return (
      <Alert
        type="error"
        role="alert"
        showIcon
        title={t('signin.locked')}
        description={t('signin.lockedUntil', {
          time: clock.format(error.retryAt),
          wait: waitText(error.retryAfterSeconds),
        })}
      />
    );
  }
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={t('signin.failed')}
      description={
        <>
          <p className="signin-error-detail">
            {error.status === 401 ? (error.problem?.detail ?? t('signin.wrong')) : error.message}
          </p>
          {error.status === 401 ? <p className="signin-error-hint">{t('signin.wrongHint')}</p> : null}
        </>
      }
    />
  );
}

const OIDC_ERRORS = [
  'oidc_disabled',
  'invalid_return_to',
  'oidc_unavailable',
  'oidc_state',
  'oidc_denied',
  'oidc_failed',
  'oidc_identity',
  'account_disabled',
] as const;

/**
 * Why the unified identity sent the visitor back (`?error=<code>`, src/features/accounts/oidc.routes.ts). Only
 * a known code is explained: the page never shows text that came in the link.
 */
function oidcErrorText(code: string | null): string | null {
  if (code === null) return null;
  const known = OIDC_ERRORS.find((c) => c === code) ?? 'oidc_failed';
  return t(`signin.oidcError.${known}`);
}

/**
 * 登录: username and password, 忘记密码, and 统一身份认证 when the server offers it. Afterwards the visitor goes
 * back to the page that sent them here (`returnTo`, same-site paths only), else staff to the console and
 * everyone else home.
 */
export function SignInPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const signIn = useSignIn();
  const providers = useQuery(providersQuery);
  const [mode, setMode] = useState<'signin' | 'reset' | 'resetDone'>('signin');
  const [form] = Form.useForm<{ username: string; password: string }>();
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const oidcError = oidcErrorText(params.get('error'));
  usePageTitle(t('signin.title'));

  const submit = ({ username, password }: { username: string; password: string }) =>
    !signIn.isPending &&
    signIn.mutate(
      { username: username.trim(), password },
      {
        onSuccess: (state) => void navigate(returnTo ?? homeOf(state.principal), { replace: true }),
        onError: () => form.setFieldValue('password', ''),
      },
    );

  const oidc = providers.data?.oidc;
  const already = session.principal && !signIn.isSuccess ? session.principal : null;

  return (
    <div className="signin-page">
      <PageHeading>{t('signin.title')}</PageHeading>
      {already ? (
        <section className="signin-panel" aria-label={t('signin.already', { name: already.displayName })}>
          <p>{t('signin.already', { name: principalLabel(already) })}</p>
          <p className="muted">{t('signin.signOutFirst')}</p>
          <ButtonLink primary to={returnTo ?? homeOf(already)}>
            {t('signin.continue')}
          </ButtonLink>
        </section>
      ) : mode === 'reset' ? (
        <PasswordReset onDone={() => setMode('resetDone')} onCancel={() => setMode('signin')} />
      ) : (
        <section className="signin-panel" aria-labelledby="signin-form-title">
          <h2 id="signin-form-title" className="visually-hidden">
            {t('signin.title')}
          </h2>
          <p className="muted">{t('signin.lead')}</p>
          {signedOut && !signIn.isError && mode === 'signin' ? (
            <Alert type="success" role="status" showIcon title={t('session.signedOut')} />
          ) : null}
          {mode === 'resetDone' ? (
            <Alert type="success" role="status" showIcon title={t('signin.reset.done')} />
          ) : null}
          {oidcError && signIn.isIdle ? (
            <Alert
              type="error"
              role="alert"
              showIcon
              title={t('signin.oidcFailed')}
              description={oidcError}
            />
          ) : null}
          {signIn.isError ? <SignInFailure error={signIn.error} /> : null}
          <Form form={form} name="signin" layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('signin.username')}
              rules={[{ required: true, whitespace: true, message: t('signin.usernameRequired') }]}
            >
              <Input autoComplete="username" autoCapitalize="none" spellCheck={false} />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('signin.password')}
              rules={[{ required: true, message: t('signin.passwordRequired') }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <div className="signin-actions">
              <Button type="primary" htmlType="submit" aria-disabled={signIn.isPending} block>
                {signIn.isPending ? t('signin.submitting') : t('signin.submit')}
              </Button>
              <Button type="link" onClick={() => setMode('reset')}>
                {t('signin.forgot')}
              </Button>
            </div>
          </Form>
          {oidc?.enabled ? (
            <div className="signin-oidc">
              <p className="signin-or" aria-hidden="true">
                {t('signin.or')}
              </p>
              <a className="button-link" href={oidcStartUrl(returnTo)}>
                {t('signin.oidc')}
              </a>
              {oidc.name ? <p className="muted">{t('signin.oidcHint', { name: oidc.name })}</p> : null}
            </div>
          ) : null}
        </section>
      )}
    </div>
  );
}
