import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseArticleNumber } from '../../core/gazette/numerals.ts';
import { RATE_LIMITS } from '../../http/plugins/security.ts';
import { HttpProblem, notFound } from '../../http/problem.ts';
import type { DocumentReviewService } from './document-review.service.ts';
import * as s from './library.schema.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import { type LibraryService } from './library.service.ts';

const tags = ['政策文件库'];

function articleNumber(raw: string): number {
  const n = parseArticleNumber(raw);
  if (n === null) {
    throw new HttpProblem(400, '请求参数有误', `条号"${raw}"无法识别，应为 30、三十 或 第三十条`, {
      errors: [{ field: 'params.number', message: '条号无法识别' }],
    });
  }
  return n;
}

/** The policy library over HTTP: thin routes that validate, call one service method and shape the reply. */
export function libraryRoutes(library: LibraryService, documents: Pick<DocumentReviewService, 'ingest'>) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();
    const pub = { access: 'public' as const };

    r.get(
      '/issues',
      { config: pub, schema: { tags, summary: '公报列表', response: { 200: z.array(s.issueSummary) } } },
      () => library.listIssues(),
    );

    r.get(
      '/issues/:id',
      {
        config: pub,
        schema: { tags, summary: '一期公报及其目录', params: s.idParams, response: { 200: s.issueDetail } },
      },
      async (req) => (await library.getIssue(req.params.id)) ?? Promise.reject(notFound('该期公报')),
    );

    r.get(
      '/documents',
      {
        config: pub,
        schema: {
          tags,
          summary: '文件列表（可筛选）',
          querystring: s.documentFilterQuery,
          response: { 200: s.documentList },
        },
      },
      (req) => {
        const { page, pageSize, asOf, ...filter } = req.query;
        return library.listDocuments(filter, asOf ?? todayInChina(), page, pageSize);
      },
    );

    r.get(
      '/documents/by-number/:docNumber',
      {
        config: pub,
        schema: {
          tags,
          summary: '按文号查找文件',
          params: z.object({ docNumber: z.string().min(3).max(40) }),
          querystring: z.object({ asOf: s.documentFilterQuery.shape.asOf }),
          response: { 200: s.documentDetail },
        },
      },
      async (req) => {
        const id = await library.findDocumentIdByNumber(req.params.docNumber);
        const doc = id === null ? null : await library.getDocument(id, req.query.asOf ?? todayInChina());
        return doc ?? Promise.reject(notFound(`文号为 ${req.params.docNumber} 的文件`));
      },
    );

    r.get(
      '/documents/:id',
      {
        config: pub,
        schema: {
          tags,
          summary: '文件全文与结构',
          params: s.idParams,
          querystring: z.object({ asOf: s.documentFilterQuery.shape.asOf }),
          response: { 200: s.documentDetail },
        },
      },
      async (req) =>
        (await library.getDocument(req.params.id, req.query.asOf ?? todayInChina())) ??
        Promise.reject(notFound('该文件')),
    );

    r.get(
      '/documents/:id/articles',
      {
        config: pub,
        schema: {
          tags,
          summary: '文件的全部条文',
          params: s.idParams,
          response: { 200: z.array(s.article) },
        },
      },
      async (req) => (await library.listArticles(req.params.id)) ?? Promise.reject(notFound('该文件')),
    );

    r.get(
      '/documents/:id/articles/:number',
      {
        config: pub,
        schema: { tags, summary: '按条号取条文', params: s.articleParams, response: { 200: s.article } },
      },
      async (req) => {
        const n = articleNumber(req.params.number);
        return (
          (await library.getArticle(req.params.id, n)) ?? Promise.reject(notFound(`第${req.params.number}条`))
        );
      },
    );

    r.get(
      '/documents/:id/versions',
      {
        config: pub,
        schema: {
          tags,
          summary: '文件的历次版本',
          params: s.idParams,
          response: {
            200: z.array(
              z.object({
                version: z.number().int(),
                ingestedAt: z.string(),
                source: z.string(),
                contentHash: z.string(),
              }),
            ),
          },
        },
      },
      async (req) => {
        const versions = await library.listVersions(req.params.id);
        return versions.length > 0 ? versions : Promise.reject(notFound('该文件'));
      },
    );

    r.get(
      '/documents/:id/versions/:version',
      { config: pub, schema: { tags, summary: '文件的某一版本（解析结果）', params: s.versionParams } },
      async (req) =>
        (await library.getVersionDocument(req.params.id, req.params.version)) ??
        Promise.reject(notFound('该版本')),
    );

    r.get(
      '/documents/:id/citations',
      {
        config: pub,
        schema: {
          tags,
          summary: '本文件引用的文件',
          params: s.idParams,
          response: { 200: z.array(s.documentDetail.shape.citations.element) },
        },
      },
      (req) => library.citations(req.params.id),
    );

    r.get(
      '/documents/:id/cited-by',
      {
        config: pub,
        schema: {
          tags,
          summary: '引用本文件的文件',
          params: s.idParams,
          response: { 200: s.documentDetail.shape.citedBy },
        },
      },
      (req) => library.citedBy(req.params.id),
    );

    r.get(
      '/search',
      {
        config: { ...pub, rateLimit: RATE_LIMITS.search },
        schema: {
          tags,
          summary: '中文全文检索（条文级），含高亮与分面',
          querystring: s.searchQuery,
          response: { 200: s.searchResult },
        },
      },
      (req) => library.search(req.query),
    );

    // Staff only: ingest and parse take a file as the raw request body (text/plain, application/pdf or octet-stream).
    r.post(
      '/ingest',
      {
        config: { access: 'content.edit' },
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags,
          summary:
            '导入公报或单份文件：编辑人员导入的文件归本部门维护，须经审核后公开；自动化令牌的批量导入直接公开',
          querystring: s.ingestQuery,
          response: { 200: s.ingestReport },
        },
      },
      (req) => documents.ingest(req.principal!, rawBody(req.body), req.query.name),
    );

    r.post(
      '/parse',
      {
        config: { access: 'content.edit' },
        bodyLimit: 50 * 1024 * 1024,
        schema: { tags, summary: '只解析、不入库（工作人员）' },
      },
      (req) => library.parse(rawBody(req.body)),
    );
  };
}

function rawBody(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  throw new HttpProblem(
    415,
    '不支持的内容类型',
    '请以 text/plain、application/pdf 或 application/octet-stream 上传文件原文',
  );
}
