import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from './window.schema.ts';
import type { WindowService } from './window.service.ts';

const tags = ['窗口代办'];
const access = { access: 'window' as const };

/**
 * Window visits over HTTP (窗口工作人员): start a visit with the visitor's consent, read the visitor's profile and
 * matched items while it lasts (each read recorded with its purpose), and end it.
 */
export function windowRoutes(window: WindowService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/window/visits',
      {
        config: access,
        schema: {
          tags,
          summary: '开始窗口代办：登记办事人、授权告知内容和取得同意的方式（有效期2小时）',
          body: s.startVisitBody,
          response: { 201: s.visitView },
        },
      },
      async (req, reply) => reply.code(201).send(await window.start(req.principal!, req.body, req.ip)),
    );

    r.get(
      '/window/visits',
      {
        config: access,
        schema: { tags, summary: '本人正在办理的窗口代办', response: { 200: z.array(s.visitView) } },
      },
      (req) => window.openVisits(req.principal!),
    );

    r.post(
      '/window/visits/:id/end',
      {
        config: access,
        schema: {
          tags,
          summary: '结束窗口代办（此后不能再查看办事人的数据）',
          params: s.visitParams,
          response: { 200: s.visitView },
        },
      },
      (req) => window.end(req.principal!, req.params.id, req.ip),
    );

    r.get(
      '/window/visits/:id/profile',
      {
        config: access,
        schema: {
          tags,
          summary: '代办期间查看办事人的画像（记录查看人、时间和目的）',
          params: s.visitParams,
          querystring: s.readQuery,
          response: { 200: s.visitorProfile },
        },
      },
      (req) => window.profile(req.principal!, req.params.id, req.query.purpose, req.ip),
    );

    r.get(
      '/window/visits/:id/match',
      {
        config: access,
        schema: {
          tags,
          summary: '代办期间按办事人的画像匹配已发布的政策事项（记录查看人、时间和目的）',
          params: s.visitParams,
          querystring: s.matchQuery,
        },
      },
      (req) => window.match(req.principal!, req.params.id, req.query.purpose, req.query.asOf, req.ip),
    );
  };
}
