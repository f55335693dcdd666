import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as s from './subjects.schema.ts';
import type { SubjectsService } from './subjects.service.ts';

const tags = ['本人数据'];

/**
 * A data subject's own settings (个人信息保护法 第二十四条: personalised push can be refused). Who used their data
 * is `GET /api/me/data-use` (audit.routes.ts).
 */
export function subjectsRoutes(subjects: SubjectsService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/me/preferences',
      {
        config: { access: 'subject' },
        schema: {
          tags,
          summary: '本人（本企业）的个性化推送设置',
          response: { 200: s.preferencesView },
        },
      },
      (req) => subjects.preferences(req.principal!),
    );

    r.put(
      '/me/preferences',
      {
        config: { access: 'subject' },
        schema: {
          tags,
          summary: '开启或关闭个性化推送（修改记入审计，本人可在“谁使用了我的数据”中看到）',
          body: s.preferencesBody,
          response: { 200: s.preferencesView },
        },
      },
      (req) => subjects.setPreferences(req.principal!, req.body, req.ip),
    );
  };
}
