import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as s from './audit.schema.ts';
import { actorOf, type AuditService } from './audit.service.ts';

const tags = ['审计'];

/**
 * The audit trail for auditors (search, export), and for data subjects: who used my data, when and why
 * (个人信息保护法 第四十四条、第四十五条).
 */
export function auditRoutes(audit: AuditService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags,
          summary: '检索审计记录（审计员），最新在前',
          querystring: s.auditSearchQuery,
          response: { 200: s.auditSearchResult },
        },
      },
      (req) => {
        const { page, pageSize, ...filters } = req.query;
        return audit.searchAs(actorOf(req.principal!), req.ip, filters, { page, pageSize });
      },
    );

    r.get(
      '/audit/export',
      {
        config: { access: 'audit.read' },
        schema: { tags, summary: '导出审计记录为 Excel（审计员）', querystring: s.auditFilters },
      },
      async (req, reply) => {
        const body = new PassThrough();
        const { done } = await audit.exportAs(actorOf(req.principal!), req.ip, req.query, body);
        done.catch((e: unknown) => body.destroy(e as Error));
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.xlsx"`,
          )
          .send(body);
      },
    );

    r.get(
      '/me/data-use',
      {
        config: { access: 'subject' },
        schema: {
          tags,
          summary: '谁在何时、为何使用了我的（本企业的）数据',
          querystring: s.pageQuery,
          response: { 200: s.subjectAccessResult },
        },
      },
      (req) => {
        const p = req.principal!;
        return p.kind === 'person'
          ? audit.forSubject('person', p.citizenId!, req.query)
          : audit.forSubject('enterprise', p.uscc!, req.query);
      },
    );
  };
}
