import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { diffLines } from 'diff';
import { useId, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { Loading } from '../../app/components/LoadState.tsx';
import { t } from '../../i18n/index.ts';
import { ApiLoadError } from '../session/AccessRefused.tsx';
import { SideBySideDiff } from '../staff/SideBySideDiff.tsx';
import {
  correct,
  documentsQueries,
  fieldErrors,
  parseCheck,
  submit,
  type StaffDocument,
} from './documents-api.ts';
import { ParseCheckView } from './ParseCheckView.tsx';

/**
 * Correcting a document (更正): its newest text to edit, the parse check and a side-by-side diff against that
 * text before anything is saved; saving makes a new version (a draft), which the editor submits for review.
 */
export function CorrectionForm({ doc, onDone }: { doc: StaffDocument; onDone: (message: string) => void }) {
  const client = useQueryClient();
  const id = useId();
  const base = useQuery(documentsQueries.text(doc.id));
  const [edited, setEdited] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const text = edited ?? base.data?.text ?? '';
  const check = useMutation({ mutationFn: (s: string) => parseCheck({ kind: 'text', text: s }) });
  const save = useMutation({
    mutationFn: async (andSubmit: boolean) => {
      const saved = await correct(doc.id, text, note);
      if (andSubmit && saved.changed) await submit(doc.id);
      return { ...saved, submitted: andSubmit && saved.changed };
    },
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: ['staff', 'documents'] });
      onDone(
        !r.changed
          ? t('docsConsole.correct.unchanged')
          : t(r.submitted ? 'docsConsole.correct.submitted' : 'docsConsole.correct.saved', {
              title: doc.title,
              version: r.version,
            }),
      );
    },
  });
  const parts = useMemo(
    () =>
      base.data && edited !== null
        ? diffLines(base.data.text, edited).map((p) => ({
            kind: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const),
            text: p.value,
          }))
        : null,
    [base.data, edited],
  );
  const errors = fieldErrors(save.error);

  if (base.isPending) return <Loading rows={6} />;
  if (base.isError) return <ApiLoadError error={base.error} onRetry={() => void base.refetch()} />;
  const baseLabel = t('docsConsole.version', { version: base.data.version });

  return (
    <section className="staff-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('docsConsole.correct.title', { title: doc.title })}</h2>
      <p className="muted">{t('docsConsole.correct.lead', { version: base.data.version })}</p>
      <form
        className="docs-console-form"
        onSubmit={(e) => {
          e.preventDefault();
          check.mutate(text);
        }}
      >
        <label htmlFor={`${id}-text`}>{t('docsConsole.correct.text')}</label>
        <Input.TextArea
          id={`${id}-text`}
          className="docs-console-text"
          value={text}
          rows={10}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? `${id}-text-error` : undefined}
          onChange={(e) => {
            setEdited(e.target.value);
            check.reset();
          }}
        />
        {errors.text ? (
          <p id={`${id}-text-error`} className="field-error">
            {errors.text}
          </p>
        ) : null}
        <label htmlFor={`${id}-note`}>{t('docsConsole.correct.note')}</label>
        <Input id={`${id}-note`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        <p className="staff-toolbar">
          <Button htmlType="submit" loading={check.isPending}>
            {t('docsConsole.correct.check')}
          </Button>
          <Button
            disabled={!check.isSuccess || edited === null}
            loading={save.isPending && save.variables === false}
            onClick={() => save.mutate(false)}
          >
            {t('docsConsole.correct.save')}
          </Button>
          <Button
            type="primary"
            disabled={!check.isSuccess || edited === null}
            loading={save.isPending && save.variables === true}
            onClick={() => save.mutate(true)}
          >
            {t('docsConsole.correct.saveAndSubmit')}
          </Button>
        </p>
      </form>
      {check.error || (save.error && !errors.text) ? (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('docsConsole.failed')}
          description={
            (check.error ?? save.error) instanceof ApiError
              ? (check.error ?? save.error)!.message
              : t('error.body')
          }
        />
      ) : null}
      {check.data ? <ParseCheckView check={check.data} /> : null}
      {parts ? (
        <section className="staff-section" aria-labelledby={`${id}-diff`}>
          <h3 id={`${id}-diff`}>{t('docsConsole.correct.diff', { version: base.data.version })}</h3>
          <SideBySideDiff
            parts={parts}
            caption={t('docsConsole.diff.caption', { old: baseLabel, new: t('docsConsole.correct.edited') })}
            oldLabel={baseLabel}
            newLabel={t('docsConsole.correct.edited')}
            same={t('docsConsole.diff.same')}
          />
        </section>
      ) : null}
    </section>
  );
}
