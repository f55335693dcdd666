import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DocumentReviewService } from './document-review.service.ts';
import { idParams } from './library.schema.ts';
import type { RepealService } from './lifecycle-repeal.service.ts';
import * as s from './lifecycle.schema.ts';

const tags = ['文件维护与废止'];
const codeParams = z.object({ code: z.string().regex(/^[A-Z][A-Z0-9-]{2,39}$/, '事项编码格式不正确') });

/**
 * Documents through review (上线审查) and repeal of documents and items, over HTTP: thin routes that validate,
 * call one service method and shape the reply. Editors correct and ask; reviewers of the owning department
 * decide; staff read history, text and diffs. See docs/access.md, "文件的维护、更正与废止".
 */
export function lifecycleRoutes(documents: DocumentReviewService, repeals: RepealService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();
    const edit = { access: 'content.edit' as const };
    const review = { access: 'content.review' as const };
    const staffRead = { access: 'staff.read' as const };

    r.post(
      '/documents/:id/corrections',
      {
        config: edit,
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags,
          summary: '更正文件：提交更正后的全文，重新解析后保存为新版本（编辑人员为草稿，须经审核后公开）',
          params: idParams,
          body: s.correctionBody,
          response: { 200: s.correctionResult },
        },
      },
      (req) => documents.correct(req.principal!, req.params.id, req.body.text, req.body.note ?? null),
    );

    r.post(
      '/documents/:id/submit',
      {
        config: edit,
        schema: {
          tags,
          summary: '提交审核（最新版本须为草稿）',
          params: idParams,
          body: s.submitBody,
          response: { 200: s.stepResult },
        },
      },
      (req) => documents.submit(req.principal!, req.params.id, req.body.comment ?? null),
    );

    r.post(
      '/documents/:id/review',
      {
        config: review,
        schema: {
          tags,
          summary: '审核文件版本：通过即公开；退回须填写意见。不能审核自己编写的版本',
          params: idParams,
          body: s.decisionBody,
          response: { 200: s.stepResult },
        },
      },
      (req) =>
        documents.decide(
          req.principal!,
          req.params.id,
          req.body.version,
          req.body.decision,
          req.body.comment ?? null,
        ),
    );

    r.get(
      '/documents/:id/history',
      {
        config: staffRead,
        schema: {
          tags,
          summary: '文件的全部版本、审核记录和废止申请（工作人员）',
          params: idParams,
          response: { 200: s.documentHistory },
        },
      },
      (req) => documents.history(req.params.id),
    );

    r.get(
      '/documents/:id/text',
      {
        config: staffRead,
        schema: {
          tags,
          summary: '文件某一版本的全文（供更正；默认最新版本，工作人员）',
          params: idParams,
          querystring: s.versionQuery,
          response: { 200: s.documentText },
        },
      },
      (req) => documents.text(req.params.id, req.query.version),
    );

    r.get(
      '/documents/:id/diff',
      {
        config: staffRead,
        schema: {
          tags,
          summary: '两个版本的全文对照（工作人员）',
          params: idParams,
          querystring: s.diffQuery,
          response: { 200: s.diffResult },
        },
      },
      (req) => documents.diff(req.params.id, req.query.from, req.query.to),
    );

    r.get(
      '/documents/:id/based-items',
      {
        config: staffRead,
        schema: {
          tags,
          summary: '依据本文件的政策事项及其维护部门（废止文件时列出，工作人员）',
          params: idParams,
          response: { 200: z.array(s.basedItem) },
        },
      },
      (req) => repeals.itemsBasedOn(req.params.id),
    );

    r.post(
      '/documents/:id/repeal',
      {
        config: edit,
        schema: {
          tags,
          summary: '申请废止文件：须填写理由、废止文件的文号和废止日期，经审核后生效',
          params: idParams,
          body: s.repealBody,
          response: { 200: s.repeal },
        },
      },
      (req) => repeals.request(req.principal!, { kind: 'document', id: req.params.id }, req.body),
    );

    r.post(
      '/items/:code/repeal',
      {
        config: edit,
        schema: {
          tags,
          summary: '申请废止政策事项：须填写理由、废止文件的文号和废止日期，经审核后生效',
          params: codeParams,
          body: s.repealBody,
          response: { 200: s.repeal },
        },
      },
      (req) => repeals.request(req.principal!, { kind: 'item', code: req.params.code }, req.body),
    );

    r.get(
      '/items/:code/repeal',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '政策事项的废止信息（日期、理由和废止文件）',
          params: codeParams,
          response: { 200: s.publicRepeal },
        },
      },
      (req) => repeals.itemRepeal(req.params.code),
    );

    r.post(
      '/repeals/:id/review',
      {
        config: review,
        schema: {
          tags,
          summary: '审核废止申请：通过即生效；退回须填写意见。不能审核自己提出的申请',
          params: idParams,
          body: s.repealDecisionBody,
          response: { 200: s.repealDecision },
        },
      },
      (req) => repeals.decide(req.principal!, req.params.id, req.body.decision, req.body.comment ?? null),
    );

    r.get(
      '/staff/documents',
      {
        config: staffRead,
        schema: {
          tags,
          summary: '本部门维护的文件及审核状态',
          response: { 200: z.array(s.staffDocument) },
        },
      },
      (req) => documents.worklist(req.principal!),
    );

    r.get(
      '/review/documents',
      {
        config: review,
        schema: { tags, summary: '本部门待审核的文件版本', response: { 200: z.array(s.queuedDocument) } },
      },
      (req) => documents.queue(req.principal!),
    );

    r.get(
      '/review/repeals',
      {
        config: review,
        schema: {
          tags,
          summary: '本部门待审核的废止申请',
          response: { 200: z.array(s.repeal.extend({ targetLabel: z.string() })) },
        },
      },
      (req) => repeals.queue(req.principal!),
    );
  };
}
