import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The typed client: every path, parameter and response shape comes from schema.d.ts, which is generated from
 * the server's OpenAPI document (`npm run gen:api`) and checked against it by a test. Same origin: the portal is
 * served by the API server.
 */
export const api = createClient<paths>({ baseUrl: '' });

/**
 * The signed-in session's CSRF token (synchronizer token pattern, docs/access.md): set by api/session.ts from
 * the sign-in reply and from `GET /api/session`, null when nobody is signed in.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Methods that change nothing (RFC 9110 §9.2.1) need no token; every other one carries it. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Headers for a state-changing request made outside the typed client (fetch, a form), when signed in. */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

api.use({
  onRequest({ request }) {
    if (csrfToken && !SAFE_METHODS.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
});

type Json<P extends keyof paths, M extends 'get'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type SearchResult = Json<'/api/search', 'get'>;
export type SearchHit = SearchResult['hits'][number];
export type DocumentDetail = Json<'/api/documents/{id}', 'get'>;
export type DocumentList = Json<'/api/documents', 'get'>;
export type DocumentSummary = DocumentList['items'][number];
export type Article = DocumentDetail['articles'][number];
export type Chapter = DocumentDetail['chapters'][number];
export type OutlineNode = components['schemas']['OutlineNode'];
export type Citation = DocumentDetail['citations'][number];
export type IssueSummary = Json<'/api/issues', 'get'>[number];
export type IssueDetail = Json<'/api/issues/{id}', 'get'>;
export type TocEntry = IssueDetail['toc'][number];
export type ValidityStatus = DocumentSummary['validity'];
export type ItemSummary = Json<'/api/items', 'get'>[number];
export type ItemVersion = Json<'/api/items/{code}/versions', 'get'>[number];
export type SampleProfile = Json<'/api/profiles/samples', 'get'>[number];
export type SampleProfileDetail = Json<'/api/profiles/samples/{id}', 'get'>;
export type Fact = SampleProfileDetail['profile']['facts'][string];
export type FactSource = Fact['source'];
export type FactValue = Fact['value'];

/** RFC 9457 problem details, as the server sends for every error (src/http/problem.ts). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** A failed call: `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  /** Not signed in (401), or signed in without the right (403): the page offers to sign in. */
  get refused(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

function asProblem(error: unknown): Problem | null {
  if (!error || typeof error !== 'object') return null;
  const { type, title, status, detail, errors } = error as Record<string, unknown>;
  return {
    type: typeof type === 'string' ? type : undefined,
    title: typeof title === 'string' ? title : undefined,
    status: typeof status === 'number' ? status : undefined,
    detail: typeof detail === 'string' ? detail : undefined,
    errors: Array.isArray(errors) ? (errors as Problem['errors']) : undefined,
  };
}

/**
 * Turns openapi-fetch's `{ data, error, response }` into data or a thrown ApiError, the shape TanStack Query
 * expects.
 *
 * @example const doc = await unwrap(api.GET('/api/documents/{id}', { params: { path: { id: 5 } } }));
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, null);
  }
  if (result.response.ok && result.data !== undefined) return result.data;
  throw new ApiError(result.response.status, asProblem(result.error));
}

// The review workflow (src/features/items/review.service.ts) and the rule AST (src/features/items/items.schema.ts).
export type Rule = components['schemas']['Rule'];
export type ItemHistory = Json<'/api/items/{code}/history', 'get'>;
export type ItemDiff = Json<'/api/items/{code}/diff', 'get'>;
export type QueuedItem = Json<'/api/review/queue', 'get'>[number];
export type WorklistItem = Json<'/api/staff/items', 'get'>[number];
export type PublicChanges = Json<'/api/changes', 'get'>;
export type OverdueList = Json<'/api/staff/overdue', 'get'>;
export type ExpiringList = Json<'/api/staff/expiring', 'get'>;
