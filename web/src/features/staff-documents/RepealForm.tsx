import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { fieldErrors, requestRepeal, type RepealRequest, type StaffDocument } from './documents-api.ts';

const FIELDS = ['reason', 'docNumber', 'repealedOn'] as const;

/**
 * Asking for a repeal (申请废止): the reason, the repealing document's 文号 and the date it takes effect, all
 * required. A reviewer of the department decides; until then the document stays in force.
 */
export function RepealForm({ doc, onDone }: { doc: StaffDocument; onDone: (message: string) => void }) {
  const client = useQueryClient();
  const id = useId();
  const [values, setValues] = useState<RepealRequest>({ reason: '', docNumber: '', repealedOn: '' });
  const [missing, setMissing] = useState<Partial<Record<keyof RepealRequest, string>>>({});
  const mutation = useMutation({
    mutationFn: () => requestRepeal(doc.id, values),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['staff', 'documents'] });
      onDone(t('docsConsole.repeal.requested', { title: doc.title }));
    },
  });
  const errors = { ...fieldErrors(mutation.error), ...missing } as Partial<Record<string, string>>;
  const named = FIELDS.some((f) => errors[f]);
  const set = (k: keyof RepealRequest) => (v: string) => setValues({ ...values, [k]: v });

  const field = (k: keyof RepealRequest, input: (props: object) => React.ReactNode) => (
    <div className="docs-console-field">
      <label htmlFor={`${id}-${k}`}>{t(`docsConsole.repeal.${k}`)}</label>
      {input({
        id: `${id}-${k}`,
        'aria-required': true,
        'aria-invalid': errors[k] ? true : undefined,
        'aria-describedby': errors[k] ? `${id}-${k}-error` : undefined,
      })}
      {errors[k] ? (
        <p id={`${id}-${k}-error`} className="field-error">
          {errors[k]}
        </p>
      ) : null}
    </div>
  );

  return (
    <section className="staff-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('docsConsole.repeal.title', { title: doc.title })}</h2>
      <form
        className="docs-console-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const empty = Object.fromEntries(
            FIELDS.filter((k) => !values[k].trim()).map((k) => [k, t('docsConsole.repeal.required')]),
          );
          setMissing(empty);
          if (Object.keys(empty).length === 0) mutation.mutate();
        }}
      >
        {field('reason', (p) => (
          <Input.TextArea
            {...p}
            value={values.reason}
            maxLength={1000}
            rows={2}
            onChange={(e) => set('reason')(e.target.value)}
          />
        ))}
        {field('docNumber', (p) => (
          <Input
            {...p}
            value={values.docNumber}
            placeholder={t('docsConsole.repeal.docNumberHint')}
            onChange={(e) => set('docNumber')(e.target.value)}
          />
        ))}
        {field('repealedOn', (p) => (
          <Input
            {...p}
            type="date"
            value={values.repealedOn}
            onChange={(e) => set('repealedOn')(e.target.value)}
          />
        ))}
        <p className="staff-toolbar">
          <Button type="primary" danger htmlType="submit" loading={mutation.isPending}>
            {t('docsConsole.repeal.submit')}
          </Button>
        </p>
      </form>
      {mutation.error && !named ? (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('docsConsole.failed')}
          description={mutation.error instanceof ApiError ? mutation.error.message : t('error.body')}
        />
      ) : null}
    </section>
  );
}
