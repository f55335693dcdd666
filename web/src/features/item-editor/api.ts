import { queryOptions } from '@tanstack/react-query';
import type { Article } from '../../../../src/core/gazette/types.ts';
import type { ItemSuggestion } from '../../../../src/core/items/suggest.ts';
import type { PolicyItemDefinition } from '../../../../src/core/items/types.ts';
import { api, unwrap } from '../../api/client.ts';

/** GET /api/documents/{id}/articles/{number}/suggestion, typed by core's own shapes (the route's schema mirrors them). */
export interface ArticleSuggestion {
  document: { id: number; docNumber: string; title: string };
  article: Article;
  suggestion: ItemSuggestion;
}

export interface ArticleOption {
  number: number;
  label: string;
  text: string;
}

/** What the editor reads from the server: the document to split, its articles, the suggestions, an item to revise. */
export const editorQueries = {
  documentByNumber: (docNumber: string) =>
    queryOptions({
      queryKey: ['editor', 'document', docNumber],
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/documents/by-number/{docNumber}', { params: { path: { docNumber } }, signal })),
      enabled: docNumber.trim().length > 0,
      retry: false,
    }),
  document: (id: number) =>
    queryOptions({
      queryKey: ['editor', 'document', id],
      queryFn: async ({ signal }) => {
        const doc = await unwrap(api.GET('/api/documents/{id}', { params: { path: { id } }, signal }));
        return {
          id: doc.id,
          docNumber: doc.docNumber,
          title: doc.title,
          articles: doc.articles.map((a): ArticleOption => ({
            number: a.number,
            label: a.label,
            text: a.text,
          })),
        };
      },
    }),
  suggestion: (id: number, article: number) =>
    queryOptions({
      queryKey: ['editor', 'suggestion', id, article],
      queryFn: async ({ signal }) =>
        (await unwrap(
          api.GET('/api/documents/{id}/articles/{number}/suggestion', {
            params: { path: { id, number: String(article) } },
            signal,
          }),
        )) as unknown as ArticleSuggestion,
      staleTime: Infinity,
    }),
  /** The item's latest version (a draft, or what is under review), as its definition. */
  latest: (code: string) =>
    queryOptions({
      queryKey: ['editor', 'item', code],
      queryFn: async ({ signal }) => {
        const history = await unwrap(
          api.GET('/api/items/{code}/history', { params: { path: { code } }, signal }),
        );
        const { currentVersion } = history as unknown as { currentVersion: number };
        const item = await unwrap(
          api.GET('/api/items/{code}/versions/{version}', {
            params: { path: { code, version: currentVersion } },
            signal,
          }),
        );
        return {
          version: currentVersion,
          definition: (item as unknown as { definition: PolicyItemDefinition }).definition,
        };
      },
      staleTime: Infinity,
    }),
};

export interface SaveAnswer {
  code: string;
  version: number;
  changed: boolean;
}

/** Saves a new version as a draft (the server checks everything again, examples included). */
export async function saveDraft(definition: PolicyItemDefinition, note?: string): Promise<SaveAnswer> {
  const saved = await unwrap(
    api.POST('/api/items', {
      params: { query: { status: 'draft', ...(note && { note }) } },
      body: definition as never,
    }),
  );
  return saved as unknown as SaveAnswer;
}

/** Submits the latest version for review; the server runs the examples once more. */
export async function submitForReview(code: string, comment?: string): Promise<{ version: number }> {
  const answer = await unwrap(
    api.POST('/api/items/{code}/submit', {
      params: { path: { code } },
      body: comment ? { comment } : {},
    }),
  );
  return answer;
}
