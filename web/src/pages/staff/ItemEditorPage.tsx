import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { itemCatalogue } from '../../../../src/core/items/validate.ts';
import { LoadError, Loading } from '../../app/components/LoadState.tsx';
import { PageHeading, usePageTitle } from '../../app/page.tsx';
import { editorQueries } from '../../features/item-editor/api.ts';
import { ArticlePicker } from '../../features/item-editor/ArticlePicker.tsx';
import { ArticleText } from '../../features/item-editor/ArticleText.tsx';
import { draftOf, emptyDraft, type EditorDraft } from '../../features/item-editor/draft.ts';
import { EditorWorkspace } from '../../features/item-editor/EditorWorkspace.tsx';
import { t } from '../../i18n/index.ts';
import '../../features/items/items.css';
import '../../features/item-editor/item-editor.css';

const positive = (s: string | null): number | null => {
  const n = Number(s);
  return s !== null && Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * The item editor (staff console): a new item (/staff/items/new), a revision of one (/staff/items/:code/edit),
 * or 拆分为政策事项 from an article (/staff/split?document=<id>&article=<n>), which shows the article beside the
 * form with what can be read in it, to accept or ignore one by one.
 */
export function ItemEditorPage() {
  const { code } = useParams();
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const split = pathname.replace(/\/$/, '').endsWith('/split');
  const documentId = positive(params.get('document'));
  const article = positive(params.get('article'));
  const title = code
    ? t('editor.title.edit', { code })
    : split
      ? t('editor.title.split')
      : t('editor.title.new');
  usePageTitle(title);

  const pick = useCallback(
    (id: number, n: number | null) =>
      setParams(n === null ? { document: String(id) } : { document: String(id), article: String(n) }),
    [setParams],
  );

  return (
    <div className="item-editor">
      <PageHeading>{title}</PageHeading>
      {split ? <ArticlePicker documentId={documentId} article={article} onPick={pick} /> : null}
      {code ? (
        <EditExisting code={code} />
      ) : split ? (
        documentId !== null && article !== null ? (
          <SplitArticle key={`${documentId}-${article}`} documentId={documentId} article={article} />
        ) : (
          <p className="ie-empty">{t('editor.pick.prompt')}</p>
        )
      ) : (
        <NewItem />
      )}
    </div>
  );
}

function NewItem() {
  const [draft] = useState<EditorDraft>(() => emptyDraft());
  return <EditorWorkspace initial={draft} codeLocked={false} catalogueOf={catalogueOf} />;
}

const catalogueOf = (d: EditorDraft) => itemCatalogue({ variables: d.kept.variables });

function EditExisting({ code }: { code: string }) {
  const latest = useQuery(editorQueries.latest(code));
  const initial = useMemo(() => (latest.data ? draftOf(latest.data.definition) : null), [latest.data]);
  if (latest.isPending) return <Loading rows={8} />;
  if (latest.error) return <LoadError error={latest.error} onRetry={() => void latest.refetch()} />;
  return (
    <>
      <p className="field-hint">{t('editor.revising', { version: latest.data.version })}</p>
      <EditorWorkspace initial={initial!} codeLocked catalogueOf={catalogueOf} />
    </>
  );
}

function SplitArticle({ documentId, article }: { documentId: number; article: number }) {
  const s = useQuery(editorQueries.suggestion(documentId, article));
  const initial = useMemo(
    () => (s.data ? emptyDraft({ doc: s.data.document.docNumber, article: s.data.article.number }) : null),
    [s.data],
  );
  if (s.isPending) return <Loading rows={8} />;
  if (s.error) return <LoadError error={s.error} onRetry={() => void s.refetch()} />;
  return (
    <>
      <p className="ie-source">
        {t('editor.splitFrom')}
        <Link to={`/documents/${s.data.document.id}#${s.data.article.label}`}>
          {s.data.document.docNumber} {s.data.article.label}
        </Link>
        《{s.data.document.title}》
      </p>
      <EditorWorkspace
        initial={initial!}
        codeLocked={false}
        catalogueOf={catalogueOf}
        split={{
          suggestion: s.data.suggestion,
          docNumber: s.data.document.docNumber,
          aside: <ArticleText article={s.data.article} />,
        }}
      />
    </>
  );
}
