import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../../app/components/LoadState.tsx';
import { t } from '../../i18n/index.ts';
import { ChoiceSelect } from '../calculator/ChoiceSelect.tsx';
import { editorQueries } from './api.ts';

/**
 * Which article to split: a document found by its 文号 (聊政字〔2023〕9号), then one of its articles. The choice goes
 * into the address (?document=&article=), so the split page can be bookmarked and reloaded.
 */
export function ArticlePicker({
  documentId,
  article,
  onPick,
}: {
  documentId: number | null;
  article: number | null;
  onPick: (documentId: number, article: number | null) => void;
}) {
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [asked, setAsked] = useState('');
  const [error, setError] = useState<unknown>(null);
  const doc = useQuery({ ...editorQueries.document(documentId ?? 0), enabled: documentId !== null });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const docNumber = typed.trim();
    if (!docNumber) return;
    setAsked(docNumber);
    setError(null);
    try {
      const found = await queryClient.fetchQuery(editorQueries.documentByNumber(docNumber));
      onPick(found.id, null);
    } catch (err) {
      setError(err);
    }
  };
  const notFound = error instanceof ApiError && error.notFound;
  return (
    <div className="ie-picker">
      <form
        className="ie-picker-row"
        onSubmit={(e) => void submit(e)}
        role="search"
        aria-label={t('editor.pick.label')}
      >
        <span className="rb-field">
          <label htmlFor="ie-doc-number">{t('editor.pick.docNumber')}</label>
          <Input
            id="ie-doc-number"
            value={typed}
            placeholder="聊政字〔2023〕9号"
            onChange={(e) => setTyped(e.target.value)}
            aria-describedby={error ? 'ie-doc-number-error' : undefined}
            aria-invalid={notFound || undefined}
          />
        </span>
        <Button htmlType="submit">{t('editor.pick.find')}</Button>
      </form>
      {error ? (
        <p id="ie-doc-number-error" className="field-error" role="alert">
          {notFound ? t('editor.pick.notFound', { docNumber: asked }) : errorMessage(error)}
        </p>
      ) : null}
      {doc.data ? (
        <div className="ie-picker-row">
          <p className="ie-picked">
            {doc.data.docNumber ?? ''} 《{doc.data.title}》
          </p>
          <span className="rb-field">
            <label htmlFor="ie-article">{t('editor.pick.article')}</label>
            <ChoiceSelect
              id="ie-article"
              value={article ?? undefined}
              options={doc.data.articles.map((a) => ({
                value: a.number,
                label: `${a.label} ${a.text.slice(0, 24)}…`,
              }))}
              onChange={(n) => n !== undefined && onPick(doc.data.id, n)}
            />
          </span>
        </div>
      ) : null}
    </div>
  );
}
