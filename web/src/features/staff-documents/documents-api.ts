import { queryOptions } from '@tanstack/react-query';
import { api, ApiError, csrfHeaders, unwrap, type Problem } from '../../api/client.ts';
import type { paths } from '../../api/schema';

/**
 * The staff console's documents (src/features/library/lifecycle.routes.ts): the department's documents, their
 * text, history and diffs, the reviewer's queues, and the steps: ingest, correct, submit, decide, repeal. Every
 * query key starts with 'staff', so that signing out drops them (api/session.ts).
 */
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type StaffDocument = Ok<'/api/staff/documents', 'get'>[number];
export type QueuedDocument = Ok<'/api/review/documents', 'get'>[number];
export type Repeal = Ok<'/api/review/repeals', 'get'>[number];
export type DocumentHistory = Ok<'/api/documents/{id}/history', 'get'>;
export type DocumentText = Ok<'/api/documents/{id}/text', 'get'>;
export type IngestReport = Ok<'/api/ingest', 'post'>;
export type CorrectionResult = Ok<'/api/documents/{id}/corrections', 'post'>;
export type DocumentReviewState = NonNullable<StaffDocument['reviewState']>;

/** What the parse check shows of `POST /api/parse` (that route declares no response schema). */
export interface ParseCheck {
  issue: { title: string; year: number; number: number } | null;
  documents: { docNumber: string | null; title: string; articles: unknown[]; warnings: string[] }[];
  warnings: string[];
}

export const documentsQueries = {
  worklist: () =>
    queryOptions({
      queryKey: ['staff', 'documents'],
      queryFn: ({ signal }) => unwrap(api.GET('/api/staff/documents', { signal })),
      staleTime: 0,
    }),
  queue: () =>
    queryOptions({
      queryKey: ['staff', 'documents', 'queue'],
      queryFn: ({ signal }) => unwrap(api.GET('/api/review/documents', { signal })),
      staleTime: 0,
    }),
  repeals: () =>
    queryOptions({
      queryKey: ['staff', 'documents', 'repeals'],
      queryFn: ({ signal }) => unwrap(api.GET('/api/review/repeals', { signal })),
      staleTime: 0,
    }),
  history: (id: number) =>
    queryOptions({
      queryKey: ['staff', 'documents', id, 'history'],
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/documents/{id}/history', { params: { path: { id } }, signal })),
      staleTime: 0,
    }),
  text: (id: number, version?: number) =>
    queryOptions({
      queryKey: ['staff', 'documents', id, 'text', version ?? 'latest'],
      queryFn: ({ signal }) =>
        unwrap(
          api.GET('/api/documents/{id}/text', {
            params: { path: { id }, query: version ? { version } : {} },
            signal,
          }),
        ),
      staleTime: 0,
    }),
  diff: (id: number, from: number, to: number) =>
    queryOptions({
      queryKey: ['staff', 'documents', id, 'diff', from, to],
      queryFn: ({ signal }) =>
        unwrap(
          api.GET('/api/documents/{id}/diff', { params: { path: { id }, query: { from, to } }, signal }),
        ),
      // Versions never change once stored.
      staleTime: Infinity,
    }),
};

/** A file or pasted text as the raw body that /api/parse and /api/ingest take (text/plain or application/pdf). */
export type Source = { kind: 'text'; text: string } | { kind: 'file'; file: File };

async function postRaw<T>(url: string, source: Source): Promise<T> {
  const isPdf = source.kind === 'file' && /\.pdf$/i.test(source.file.name);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': isPdf
          ? 'application/pdf'
          : source.kind === 'file'
            ? 'application/octet-stream'
            : 'text/plain',
        ...csrfHeaders(),
      },
      body: source.kind === 'text' ? source.text : source.file,
    });
  } catch {
    throw new ApiError(0, null);
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw new ApiError(response.status, body as Problem | null);
  return body as T;
}

export const sourceName = (source: Source) => (source.kind === 'file' ? source.file.name : '粘贴的文本');

/** Parses without storing: the parse check before ingesting or correcting. */
export const parseCheck = (source: Source) => postRaw<ParseCheck>('/api/parse', source);

export const ingest = (source: Source) =>
  postRaw<IngestReport>(`/api/ingest?name=${encodeURIComponent(sourceName(source))}`, source);

export const correct = (id: number, text: string, note: string) =>
  unwrap(api.POST('/api/documents/{id}/corrections', { params: { path: { id } }, body: { text, note } }));

export const submit = (id: number) =>
  unwrap(api.POST('/api/documents/{id}/submit', { params: { path: { id } }, body: {} }));

export const decide = (id: number, version: number, decision: 'approve' | 'reject', comment: string) =>
  unwrap(
    api.POST('/api/documents/{id}/review', {
      params: { path: { id } },
      body: { version, decision, ...(comment.trim() && { comment }) },
    }),
  );

export interface RepealRequest {
  reason: string;
  docNumber: string;
  repealedOn: string;
}

export const requestRepeal = (id: number, body: RepealRequest) =>
  unwrap(api.POST('/api/documents/{id}/repeal', { params: { path: { id } }, body }));

export const decideRepeal = (id: number, decision: 'approve' | 'reject', comment: string) =>
  unwrap(
    api.POST('/api/repeals/{id}/review', {
      params: { path: { id } },
      body: { decision, ...(comment.trim() && { comment }) },
    }),
  );

/** The message of a failed call for a field (`body.reason` or `reason` → reason), if the server named one. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(
    (error.problem?.errors ?? []).map((e) => [e.field.replace(/^body\./, ''), e.message]),
  );
}
