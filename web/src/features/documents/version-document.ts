import type { BodyDocument } from './DocumentBody.tsx';

export type VersionDocument = BodyDocument & { title: string };

const ARRAYS = [
  'addressees',
  'preamble',
  'attachments',
  'preface',
  'chapters',
  'articles',
  'outline',
] as const;

/**
 * `GET /api/documents/{id}/versions/{version}` declares no response schema (it returns the parse as stored),
 * so its shape is checked here before it is rendered; anything else is treated as a failed load.
 */
export function asVersionDocument(data: unknown): VersionDocument | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.title !== 'string' || typeof d.body !== 'string') return null;
  if (!ARRAYS.every((k) => Array.isArray(d[k]))) return null;
  return d as unknown as VersionDocument;
}
