import { z } from 'zod';

/** Request and response shapes of the policy library API; the OpenAPI document is generated from them. */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const validityStatus = z.enum(['in-force', 'not-yet', 'expired', 'repealed', 'unknown']);
export const level = z.enum(['国家', '省', '市', '县']);

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const documentFilterQuery = z.object({
  issuer: z.string().min(1).max(60).optional(),
  kind: z.string().min(1).max(10).optional(),
  level: level.optional(),
  region: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字（GB/T 2260）')
    .optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  validity: validityStatus.optional().describe('as of `asOf` (default: today, Beijing time)'),
  asOf: isoDate.optional(),
  issueId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchQuery = documentFilterQuery.extend({
  q: z.string().trim().min(1, '请输入检索词').max(100, '检索词不能超过100个字符'),
});

const citation = z.object({
  title: z.string().nullable(),
  docNumber: z.string().nullable(),
  documentId: z.number().int().nullable(),
});

const item = z.object({
  number: z.number().int(),
  label: z.string(),
  text: z.string(),
  subitems: z.array(z.object({ number: z.number().int(), label: z.string(), text: z.string() })),
});
const paragraph = z.object({ number: z.number().int(), text: z.string(), items: z.array(item) });
const sourceRef = z.object({ line: z.number().int(), page: z.number().int().nullable() });

export const article = z.object({
  number: z.number().int(),
  label: z.string().describe('第三十条'),
  chapter: z.number().int().nullable(),
  section: z.number().int().nullable(),
  text: z.string(),
  paragraphs: z.array(paragraph),
  source: sourceRef,
});

export const chapter = z.object({
  number: z.number().int(),
  label: z.string(),
  title: z.string(),
  sections: z.array(z.object({ number: z.number().int(), label: z.string(), title: z.string() })),
  source: sourceRef,
});

interface OutlineNodeShape {
  level: number;
  label: string;
  number: number;
  heading: string | null;
  text: string;
  leadDepartments: string[];
  responsibleDepartments: string[];
  children: OutlineNodeShape[];
  source: { line: number; page: number | null };
}
export const outlineNode: z.ZodType<OutlineNodeShape> = z.lazy(() =>
  z.object({
    level: z.number().int(),
    label: z.string(),
    number: z.number().int(),
    heading: z.string().nullable(),
    text: z.string(),
    leadDepartments: z.array(z.string()),
    responsibleDepartments: z.array(z.string()),
    children: z.array(outlineNode),
    source: sourceRef,
  }),
);

// A recursive schema needs a name in the OpenAPI document, or its $ref points nowhere.
z.globalRegistry.add(outlineNode, { id: 'OutlineNode' });

export const documentSummary = z.object({
  id: z.number().int(),
  docNumber: z.string().nullable(),
  title: z.string(),
  kind: z.string(),
  issuers: z.array(z.string()),
  issuedOn: isoDate.nullable(),
  effectiveFrom: isoDate.nullable(),
  effectiveUntil: isoDate.nullable(),
  repealedOn: isoDate.nullable(),
  validity: validityStatus,
  level: level.nullable(),
  regionCode: z.string().nullable(),
  issueId: z.number().int().nullable(),
  page: z.number().int().nullable(),
  version: z.number().int(),
});

export const documentDetail = documentSummary.extend({
  tocTitle: z.string().nullable(),
  /** 废止 (approved repeal): its date, reason and repealing document; null when not repealed. */
  repeal: z
    .object({
      on: isoDate,
      reason: z.string().nullable(),
      docNumber: z.string().nullable(),
      documentId: z.number().int().nullable(),
    })
    .nullable(),
  addressees: z.array(z.string()),
  validityClause: z.string().nullable(),
  validityBasis: z.enum(['clause', 'issue-date', 'none']),
  attachments: z.array(z.string()),
  preamble: z.array(z.string()),
  preface: z.array(z.string()),
  chapters: z.array(chapter),
  articles: z.array(article),
  outline: z.array(outlineNode),
  body: z.string(),
  citations: z.array(citation),
  citedBy: z.array(
    documentSummary.pick({ id: true, docNumber: true, title: true, kind: true, issuedOn: true }),
  ),
  versions: z.array(z.object({ version: z.number().int(), ingestedAt: z.string(), source: z.string() })),
});

export const documentList = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  asOf: isoDate,
  items: z.array(documentSummary),
});

export const tocEntry = z.object({
  section: z.string().nullable(),
  title: z.string(),
  docNumber: z.string().nullable(),
  page: z.number().int(),
  documentId: z.number().int().nullable(),
});

export const issueSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  publisher: z.string().nullable(),
  year: z.number().int(),
  number: z.number().int(),
  totalNumber: z.number().int().nullable(),
});
export const issueDetail = issueSummary.extend({ toc: z.array(tocEntry) });

const facet = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const searchResult = z.object({
  query: z.string(),
  terms: z.array(z.string()),
  asOf: isoDate,
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('matching passages'),
  totalDocuments: z.number().int(),
  hits: z.array(
    z.object({
      documentId: z.number().int(),
      docNumber: z.string().nullable(),
      title: z.string(),
      kind: z.string(),
      issuers: z.array(z.string()),
      issuedOn: isoDate.nullable(),
      level: z.string().nullable(),
      validity: validityStatus,
      ref: z.string().nullable().describe('第三十条, or 二、（一） in a plan'),
      articleNumber: z.number().int().nullable(),
      heading: z.string().nullable(),
      score: z.number(),
      snippet: z.object({
        text: z.string(),
        highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
        truncatedStart: z.boolean(),
        truncatedEnd: z.boolean(),
      }),
    }),
  ),
  facets: z.object({ issuer: facet, kind: facet, level: facet, year: facet, validity: facet }),
});

export const ingestQuery = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .default('upload')
    .describe('a name for the source, kept with each version'),
});

export const ingestReport = z.object({
  source: z.string(),
  issue: z
    .object({
      id: z.number().int(),
      title: z.string(),
      year: z.number().int(),
      number: z.number().int(),
      outcome: z.enum(['created', 'updated', 'unchanged']),
    })
    .nullable(),
  documents: z.array(
    z.object({
      id: z.number().int(),
      docNumber: z.string().nullable(),
      title: z.string(),
      version: z.number().int(),
      outcome: z.enum(['created', 'revised', 'unchanged']),
    }),
  ),
  citationsResolved: z.number().int(),
  warnings: z.array(z.string()),
});

export const articleParams = z.object({
  id: z.coerce.number().int().positive(),
  number: z.string().min(1).max(12).describe('3, 30, 三十 or 第三十条'),
});

export const versionParams = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
});
