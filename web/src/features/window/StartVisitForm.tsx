import { Alert, Button, Checkbox, Input, Radio } from 'antd';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Principal } from '../../api/session.ts';
import { FormField } from '../../app/components/FormField.tsx';
import { t } from '../../i18n/index.ts';
import { CONSENT_METHODS, useStartVisit, type ConsentMethod, type Visit } from './window-queries.ts';

type VisitorKind = 'person' | 'enterprise';
type Field = 'id' | 'purpose' | 'consentText' | 'consentMethod' | 'agreed';

/** The server's field names (src/features/window/window.service.ts) on this form's fields. */
const SERVER_FIELDS: Record<string, Field> = {
  citizenId: 'id',
  uscc: 'id',
  'body.citizenId': 'id',
  'body.uscc': 'id',
  purpose: 'purpose',
  'body.purpose': 'purpose',
  consentText: 'consentText',
  'body.consentText': 'consentText',
  'body.consentMethod': 'consentMethod',
};

/** The consent wording, with who asks and for what: the visitor hears it, and the server keeps these words. */
export function consentWording(officer: Principal, purpose: string): string {
  return t('window.start.consentText', {
    department: officer.department?.name ?? '',
    officer: officer.displayName,
    purpose: purpose.trim() || t('window.start.defaultPurpose'),
  });
}

/**
 * Starting a visit at the window: who the visitor is, what they come for, the consent wording read to them, how
 * they agreed, and the officer's confirmation that they did. Errors the server names are shown at their field.
 */
export function StartVisitForm({
  officer,
  onStarted,
}: {
  officer: Principal;
  onStarted: (v: Visit) => void;
}) {
  const start = useStartVisit();
  const [kind, setKind] = useState<VisitorKind>('person');
  const [id, setId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [method, setMethod] = useState<ConsentMethod>('signature');
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const consentText = consentWording(officer, purpose);
  const idLabel = t(kind === 'person' ? 'window.start.citizenId' : 'window.start.uscc');

  const clear = (f: Field) => setErrors(({ [f]: _dropped, ...rest }) => rest);
  const describedBy = (base: string, f: Field, hint = false) =>
    [hint ? `${base}-hint` : '', errors[f] ? `${base}-error` : ''].filter(Boolean).join(' ') || undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!id.trim()) local.id = t('window.start.idRequired', { label: idLabel });
    if (!agreed) local.agreed = t('window.start.agreedRequired');
    setErrors(local);
    setGeneral(null);
    if (Object.keys(local).length > 0) {
      document.getElementById(local.id ? 'wv-id' : 'wv-agreed')?.focus();
      return;
    }
    const trimmed = id.trim().toUpperCase();
    start.mutate(
      {
        visitorKind: kind,
        ...(kind === 'person' ? { citizenId: trimmed } : { uscc: trimmed }),
        purpose: purpose.trim() || undefined,
        consentText,
        consentMethod: method,
      },
      {
        onSuccess: (visit) => {
          setId('');
          setPurpose('');
          setAgreed(false);
          onStarted(visit);
        },
        onError: (error) => {
          const fields: Partial<Record<Field, string>> = {};
          const rest: string[] = [];
          if (error instanceof ApiError && error.status === 400) {
            for (const p of error.problem?.errors ?? []) {
              const f = SERVER_FIELDS[p.field];
              if (f) fields[f] = p.message;
              else rest.push(p.message);
            }
          }
          setErrors(fields);
          if (Object.keys(fields).length === 0 || rest.length > 0)
            setGeneral(t('window.start.failed', { detail: rest.join('；') || error.message }));
          if (fields.id) document.getElementById('wv-id')?.focus();
        },
      },
    );
  };

  return (
    <form className="panel wv-start" onSubmit={submit} noValidate aria-labelledby="wv-start-title">
      <h2 id="wv-start-title">{t('window.start.title')}</h2>
      <fieldset className="form-field wv-fieldset">
        <legend>{t('window.start.visitorKind')}</legend>
        <Radio.Group
          size="large"
          optionType="button"
          buttonStyle="solid"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as VisitorKind);
            clear('id');
          }}
          options={[
            { value: 'person', label: t('window.start.person') },
            { value: 'enterprise', label: t('window.start.enterprise') },
          ]}
        />
      </fieldset>
      <FormField id="wv-id" label={idLabel} hint={t('window.start.idHint')} error={errors.id}>
        <Input
          id="wv-id"
          size="large"
          value={id}
          maxLength={18}
          autoComplete="off"
          spellCheck={false}
          className="wv-id-input"
          aria-invalid={errors.id ? true : undefined}
          aria-describedby={describedBy('wv-id', 'id', true)}
          onChange={(e) => {
            setId(e.target.value);
            clear('id');
          }}
        />
      </FormField>
      <FormField
        id="wv-purpose"
        label={t('window.start.purpose')}
        hint={t('window.start.purposeHint')}
        error={errors.purpose}
      >
        <Input
          id="wv-purpose"
          size="large"
          value={purpose}
          maxLength={200}
          aria-invalid={errors.purpose ? true : undefined}
          aria-describedby={describedBy('wv-purpose', 'purpose', true)}
          onChange={(e) => {
            setPurpose(e.target.value);
            clear('purpose');
            clear('consentText');
          }}
        />
      </FormField>
      <section className="wv-consent" aria-labelledby="wv-consent-title">
        <h3 id="wv-consent-title">{t('window.start.consent')}</h3>
        <blockquote id="wv-consent-text" className="wv-consent-text">
          {consentText}
        </blockquote>
        {errors.consentText ? (
          <p className="field-error" role="alert">
            {errors.consentText}
          </p>
        ) : null}
      </section>
      <fieldset
        className={
          errors.consentMethod ? 'form-field wv-fieldset form-field-error' : 'form-field wv-fieldset'
        }
      >
        <legend>{t('window.start.method')}</legend>
        <Radio.Group
          size="large"
          value={method}
          onChange={(e) => {
            setMethod(e.target.value as ConsentMethod);
            clear('consentMethod');
          }}
          options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`window.start.method.${m}`) }))}
        />
        {errors.consentMethod ? (
          <p className="field-error" role="alert">
            {errors.consentMethod}
          </p>
        ) : null}
      </fieldset>
      <div className={errors.agreed ? 'form-field form-field-error' : 'form-field'}>
        <Checkbox
          id="wv-agreed"
          className="wv-agreed"
          checked={agreed}
          aria-describedby={['wv-consent-text', errors.agreed ? 'wv-agreed-error' : '']
            .filter(Boolean)
            .join(' ')}
          aria-invalid={errors.agreed ? true : undefined}
          onChange={(e) => {
            setAgreed(e.target.checked);
            clear('agreed');
          }}
        >
          {t('window.start.agreed')}
        </Checkbox>
        {errors.agreed ? (
          <p id="wv-agreed-error" className="field-error" role="alert">
            {errors.agreed}
          </p>
        ) : null}
      </div>
      {general ? <Alert type="error" showIcon role="alert" title={general} /> : null}
      <p className="wv-actions">
        <Button type="primary" htmlType="submit" size="large" className="wv-big" loading={start.isPending}>
          {start.isPending ? t('window.start.starting') : t('window.start.submit')}
        </Button>
      </p>
    </form>
  );
}
