import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, type Problem } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';

interface Failure {
  status: number;
  problem: Problem | null;
}

async function send(call: Promise<{ error?: unknown; response: Response }>): Promise<Failure | null> {
  try {
    const { response, error } = await call;
    return response.ok ? null : { status: response.status, problem: (error as Problem | undefined) ?? null };
  } catch {
    return { status: 0, problem: null };
  }
}

const failureText = (f: Failure) =>
  f.status === 0 ? t('signin.network') : (f.problem?.detail ?? f.problem?.title ?? t('signin.reset.failed'));

/** The server names a body field as `body.password` (validation) or `password` (the service): the form's name. */
const fieldOf = (field: string) => field.replace(/^body\./, '');

/**
 * 忘记密码 (docs/access.md, "Password reset"): ask for a one-time code, sent through the message adapter, then
 * set a new password with it. The first step says the same whether or not the account exists.
 */
export function PasswordReset({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<'request' | 'reset'>('request');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [requestForm] = Form.useForm<{ username: string }>();
  const [resetForm] = Form.useForm<{ code: string; password: string; confirm: string }>();

  useEffect(() => heading.current?.focus(), []);

  const request = async ({ username }: { username: string }) => {
    if (busy) return;
    setBusy(true);
    const f = await send(api.POST('/api/password-reset/request', { body: { username: username.trim() } }));
    setBusy(false);
    setFailure(f);
    if (!f) setStep('reset');
  };

  const reset = async ({ code, password }: { code: string; password: string }) => {
    if (busy) return;
    setBusy(true);
    const f = await send(api.POST('/api/password-reset', { body: { code: code.trim(), password } }));
    setBusy(false);
    if (!f) return onDone();
    const fields = (f.problem?.errors ?? []).filter((e) => ['code', 'password'].includes(fieldOf(e.field)));
    if (fields.length > 0) {
      resetForm.setFields(
        fields.map((e) => ({ name: fieldOf(e.field) as 'code' | 'password', errors: [e.message] })),
      );
      setFailure(null);
    } else setFailure(f);
  };

  return (
    <section className="signin-panel" aria-labelledby="reset-title">
      <h2 id="reset-title" ref={heading} tabIndex={-1}>
        {t('signin.reset.title')}
      </h2>
      {failure ? (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('signin.reset.failed')}
          description={failureText(failure)}
        />
      ) : null}
      {step === 'request' ? (
        <Form form={requestForm} name="reset-request" layout="vertical" onFinish={(v) => void request(v)}>
          <p>{t('signin.reset.lead')}</p>
          <Form.Item
            name="username"
            label={t('signin.username')}
            rules={[{ required: true, whitespace: true, message: t('signin.usernameRequired') }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <div className="signin-actions">
            <Button type="primary" htmlType="submit" aria-disabled={busy}>
              {busy ? t('signin.reset.requesting') : t('signin.reset.request')}
            </Button>
            <Button onClick={onCancel}>{t('signin.reset.back')}</Button>
          </div>
        </Form>
      ) : (
        <Form form={resetForm} name="reset" layout="vertical" onFinish={(v) => void reset(v)}>
          <Alert type="success" role="status" showIcon title={t('signin.reset.sent')} />
          <Form.Item
            name="code"
            label={t('signin.reset.code')}
            rules={[{ required: true, whitespace: true, message: t('signin.reset.codeRequired') }]}
          >
            <Input autoComplete="one-time-code" spellCheck={false} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signin.reset.newPassword')}
            extra={t('signin.reset.passwordHint')}
            rules={[
              { required: true, message: t('signin.reset.passwordRequired') },
              { min: 10, message: t('signin.reset.passwordShort') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('signin.reset.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('signin.reset.passwordRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('password') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('signin.reset.confirmMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <div className="signin-actions">
            <Button type="primary" htmlType="submit" aria-disabled={busy}>
              {busy ? t('signin.reset.submitting') : t('signin.reset.submit')}
            </Button>
            <Button onClick={onCancel}>{t('signin.reset.back')}</Button>
          </div>
        </Form>
      )}
    </section>
  );
}
