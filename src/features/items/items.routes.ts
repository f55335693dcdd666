import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ITEM_KINDS, ITEM_MODES, ITEM_STATUSES } from '../../core/items/types.ts';
import { HttpProblem, notFound } from '../../http/problem.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import type { MatchingService } from '../matching/matching.service.ts';
import {
  isoDate,
  itemDiff,
  itemHistory,
  itemReviewStep,
  publicChanges,
  queuedItem,
  worklistItem,
} from './items.schema.ts';
import { ItemValidationError, type ItemsService } from './items.service.ts';
import type { ItemReviewService } from './review.service.ts';

const tags = ['政策事项'];
const codeParams = z.object({ code: z.string().regex(/^[A-Z][A-Z0-9-]{2,39}$/, '事项编码格式不正确') });

/** Validation problems as problem+json, each naming its field (rule path, material, example …). */
export function invalidItem(e: ItemValidationError): HttpProblem {
  return new HttpProblem(400, '政策事项未通过校验', e.message, { errors: e.problems });
}

const itemSummary = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  target: z.string(),
  mode: z.string(),
  status: z.string(),
  leadDepartment: z.string(),
  currentVersion: z.number().int(),
  updatedAt: z.string(),
});

export function itemsRoutes(items: ItemsService, matching: MatchingService, review: ItemReviewService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();
    const pub = { access: 'public' as const };
    const staffRead = { access: 'staff.read' as const };
    const edit = { access: 'content.edit' as const };
    const rethrow = (e: unknown): never => {
      if (e instanceof ItemValidationError) throw invalidItem(e);
      throw e;
    };

    r.get(
      '/items',
      {
        config: pub,
        schema: {
          tags,
          summary: '已发布的政策事项',
          querystring: z.object({
            target: z.enum(['enterprise', 'person']).optional(),
            kind: z.enum(ITEM_KINDS).optional(),
            mode: z.enum(ITEM_MODES).optional(),
          }),
          response: { 200: z.array(itemSummary) },
        },
      },
      async (req) =>
        (await items.list({ ...req.query, status: 'published' })).map(
          ({ id: _id, ownerDepartmentId: _o, publishedVersion, ...i }) => ({
            ...i,
            currentVersion: publishedVersion ?? i.currentVersion,
          }),
        ),
    );

    r.get(
      '/items/citing',
      {
        config: pub,
        schema: {
          tags,
          summary: '引用某文件（某条）的政策事项',
          querystring: z.object({
            doc: z.string().min(3).max(40),
            article: z.coerce.number().int().positive().optional(),
          }),
          response: {
            200: z.array(
              z.object({ code: z.string(), name: z.string(), article: z.number().int().nullable() }),
            ),
          },
        },
      },
      (req) => items.itemsCiting(req.query.doc, req.query.article),
    );

    r.get(
      '/items/:code',
      {
        config: pub,
        schema: {
          tags,
          summary: '政策事项详情：条件（逐条引用原文）、材料、流程、时限、部门和联系方式',
          params: codeParams,
        },
      },
      async (req) =>
        (await items.get(req.params.code, { publishedOnly: true })) ?? Promise.reject(notFound('该政策事项')),
    );

    r.get(
      '/items/:code/versions',
      {
        config: pub,
        schema: {
          tags,
          summary: '政策事项已发布过的版本（草稿和审核中的版本不公开）',
          params: codeParams,
          response: {
            200: z.array(
              z.object({
                version: z.number().int(),
                status: z.enum(ITEM_STATUSES),
                note: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
          },
        },
      },
      async (req) => {
        const v = await items.versions(req.params.code);
        if (!v) throw notFound('该政策事项');
        return v
          .filter((x) => x.status !== 'draft')
          .map((x) => ({ version: x.version, status: x.status, note: x.note, createdAt: x.createdAt }));
      },
    );

    r.get(
      '/items/:code/versions/:version',
      {
        config: staffRead,
        schema: {
          tags,
          summary: '政策事项的某一版本（工作人员）',
          params: codeParams.extend({ version: z.coerce.number().int().positive() }),
          security: [{ adminToken: [] }],
        },
      },
      async (req) =>
        (await items.get(req.params.code, { version: req.params.version })) ??
        Promise.reject(notFound('该版本')),
    );

    r.post(
      '/items/check',
      {
        config: edit,
        schema: {
          tags,
          summary: '校验政策事项（不保存）：规则、材料与样例',
          body: z.unknown(),
          security: [{ adminToken: [] }],
        },
      },
      (req) => {
        try {
          const d = items.prepare(req.body);
          return { ok: true, code: d.code, rule: d.rule };
        } catch (e) {
          return rethrow(e);
        }
      },
    );

    r.post(
      '/items',
      {
        config: edit,
        schema: {
          tags,
          summary:
            '保存政策事项为新版本：编辑人员保存为草稿（须经审核发布）；自动化令牌可直接以指定状态保存（示例与批量导入）',
          querystring: z.object({
            status: z.enum(ITEM_STATUSES).default('draft'),
            note: z.string().max(200).optional(),
          }),
          body: z.unknown(),
          security: [{ adminToken: [] }],
        },
      },
      async (req, reply) => {
        const saved = await review
          .save(req.principal!, req.body, req.query.status, req.query.note ?? null)
          .catch(rethrow);
        return reply.code(saved.changed && saved.version === 1 ? 201 : 200).send(saved);
      },
    );

    r.put(
      '/items/:code/status',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: '变更政策事项状态（暂停、失效；平台管理员）',
          params: codeParams,
          body: z.object({ status: z.enum(ITEM_STATUSES), note: z.string().max(200).optional() }),
          security: [{ adminToken: [] }],
        },
      },
      async (req) =>
        (await items.setStatus(req.params.code, req.body.status, req.body.note ?? null)) ??
        Promise.reject(notFound('该政策事项')),
    );

    r.get(
      '/items/:code/reach',
      {
        config: staffRead,
        schema: {
          tags,
          summary: '事项可惠及的画像：符合人数、可能符合人数和符合者名单（工作人员）',
          params: codeParams,
          querystring: z.object({
            asOf: isoDate.optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
            offset: z.coerce.number().int().min(0).default(0),
            purpose: z
              .string()
              .max(200)
              .optional()
              .describe(
                'why the names of real people and enterprises are read (PIPL 第六条); without it they are counted only',
              ),
          }),
          security: [{ adminToken: [] }],
        },
      },
      async (req) =>
        (await matching.reach(
          req.params.code,
          req.query.asOf ?? todayInChina(),
          req.query.limit,
          req.query.offset,
          req.query.purpose === undefined
            ? undefined
            : { by: req.principal!, purpose: req.query.purpose, ip: req.ip },
        )) ?? Promise.reject(notFound('该政策事项（或尚未发布）')),
    );

    r.post(
      '/items/:code/submit',
      {
        config: edit,
        schema: {
          tags,
          summary: '提交审核（最新版本须为草稿，且样例全部通过）',
          params: codeParams,
          body: z.object({ comment: z.string().max(500).optional() }),
          response: { 200: itemReviewStep },
        },
      },
      (req) => review.submit(req.principal!, req.params.code, req.body.comment ?? null).catch(rethrow),
    );

    r.post(
      '/items/:code/review',
      {
        config: { access: 'content.review' },
        schema: {
          tags,
          summary: '审核：通过即发布；退回须填写意见。不能审核自己编写的版本',
          params: codeParams,
          body: z.object({
            version: z.number().int().positive(),
            decision: z.enum(['approve', 'reject']),
            comment: z.string().max(1000).optional(),
          }),
          response: { 200: itemReviewStep },
        },
      },
      (req) =>
        review.decide(
          req.principal!,
          req.params.code,
          req.body.version,
          req.body.decision,
          req.body.comment ?? null,
        ),
    );

    r.get(
      '/items/:code/history',
      {
        config: staffRead,
        schema: {
          tags,
          summary: '全部版本及其审核记录（工作人员）',
          params: codeParams,
          response: { 200: itemHistory },
        },
      },
      (req) => review.history(req.params.code),
    );

    r.get(
      '/items/:code/diff',
      {
        config: staffRead,
        schema: {
          tags,
          summary: '两个版本的对照（工作人员）',
          params: codeParams,
          querystring: z.object({
            from: z.coerce.number().int().positive(),
            to: z.coerce.number().int().positive(),
          }),
          response: { 200: itemDiff },
        },
      },
      (req) => review.diff(req.params.code, req.query.from, req.query.to),
    );

    r.get(
      '/review/queue',
      {
        config: { access: 'content.review' },
        schema: { tags, summary: '本部门待审核的政策事项', response: { 200: z.array(queuedItem) } },
      },
      (req) => review.queue(req.principal!),
    );

    r.get(
      '/staff/items',
      {
        config: staffRead,
        schema: { tags, summary: '本部门维护的政策事项及审核状态', response: { 200: z.array(worklistItem) } },
      },
      (req) => review.worklist(req.principal!),
    );

    r.get(
      '/changes',
      {
        config: pub,
        schema: {
          tags,
          summary: '公示：已发布、暂停、失效或废止的政策事项，最新在前',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(100).default(20),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: publicChanges },
        },
      },
      async (req) => {
        const r = await review.publications(req.query.limit, req.query.offset);
        return {
          total: r.total,
          changes: r.events.map((e) => ({
            code: e.targetKey,
            kind: e.targetKind,
            version: e.version,
            action: e.action,
            comment: e.action === 'approve' ? null : e.comment,
            at: e.at,
          })),
        };
      },
    );
  };
}
