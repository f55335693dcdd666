import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { ingest, parseCheck, type Source } from './documents-api.ts';
import { ParseCheckView } from './ParseCheckView.tsx';

/**
 * Ingest (导入): paste a document's text or choose a gazette or document file (text or PDF), check the parse,
 * then store it. What an editor ingests belongs to their department and waits for review before the public sees
 * it (上线审查).
 */
export function IngestForm() {
  const client = useQueryClient();
  const id = useId();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const source: Source | null = file ? { kind: 'file', file } : text.trim() ? { kind: 'text', text } : null;
  const check = useMutation({ mutationFn: parseCheck });
  const store = useMutation({
    mutationFn: ingest,
    onSuccess: async () => {
      // Stored: the form empties, so that the same file is not ingested twice by a second click.
      setText('');
      setFile(null);
      check.reset();
      await client.invalidateQueries({ queryKey: ['staff', 'documents'] });
    },
  });
  const reset = () => {
    check.reset();
    store.reset();
  };
  const failure = check.error ?? store.error;

  return (
    <section className="staff-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('docsConsole.ingest.title')}</h2>
      <p className="muted">{t('docsConsole.ingest.lead')}</p>
      <form
        className="docs-console-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (source) check.mutate(source);
        }}
      >
        <label htmlFor={`${id}-text`}>{t('docsConsole.ingest.text')}</label>
        <Input.TextArea
          id={`${id}-text`}
          className="docs-console-text"
          value={text}
          disabled={file !== null}
          rows={6}
          onChange={(e) => {
            setText(e.target.value);
            reset();
          }}
        />
        <label htmlFor={`${id}-file`}>{t('docsConsole.ingest.file')}</label>
        <input
          key={file ? 'chosen' : 'empty'}
          id={`${id}-file`}
          type="file"
          accept=".txt,.pdf,text/plain,application/pdf"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            reset();
          }}
        />
        <p className="staff-toolbar">
          <Button htmlType="submit" disabled={!source} loading={check.isPending}>
            {t('docsConsole.ingest.check')}
          </Button>
          <Button
            type="primary"
            disabled={!source || !check.isSuccess}
            loading={store.isPending}
            onClick={() => source && store.mutate(source)}
          >
            {t('docsConsole.ingest.store')}
          </Button>
        </p>
      </form>
      {failure ? (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('docsConsole.failed')}
          description={failure instanceof ApiError ? failure.message : t('error.body')}
        />
      ) : null}
      {check.data ? <ParseCheckView check={check.data} /> : null}
      {store.data ? (
        <Alert
          type="success"
          role="status"
          showIcon
          title={t('docsConsole.ingest.stored', { count: store.data.documents.length })}
          description={
            <ul>
              {store.data.documents.map((d) => (
                <li key={d.id}>
                  {t(`docsConsole.outcome.${d.outcome}`, { title: d.title, version: d.version })}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </section>
  );
}
