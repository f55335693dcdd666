import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, notFound } from '../../http/problem.ts';
import { profile as profileSchema } from '../items/items.schema.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import { ProfileValidationError, type ProfilesService } from './profiles.service.ts';

const tags = ['画像'];
const summary = z.object({
  id: z.number().int(),
  kind: z.enum(['enterprise', 'person']),
  name: z.string(),
  subject: z.string(),
  region: z.string().nullable(),
  isSample: z.boolean(),
});

/** Sample profiles (fictional) and profile validation. Real profiles need accounts and an audit trail (issue 5). */
export function profilesRoutes(profiles: ProfilesService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();
    const pub = { access: 'public' as const };

    r.get(
      '/profiles/samples',
      {
        config: pub,
        schema: {
          tags,
          summary: '示例画像（虚构数据）',
          querystring: z.object({ kind: z.enum(['enterprise', 'person']).optional() }),
          response: { 200: z.array(summary) },
        },
      },
      (req) => profiles.listSamples(req.query.kind),
    );

    r.get(
      '/profiles/samples/:id',
      {
        config: pub,
        schema: {
          tags,
          summary: '一个示例画像及其每项数据的来源',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: summary.extend({ profile: profileSchema }) },
        },
      },
      async (req) => (await profiles.getSample(req.params.id)) ?? Promise.reject(notFound('该示例画像')),
    );

    r.post(
      '/profiles/validate',
      {
        config: pub,
        schema: {
          tags,
          summary: '校验画像记录（统一社会信用代码、身份证号校验位等），不保存',
          body: z.object({
            kind: z.enum(['enterprise', 'person']),
            fields: z.record(z.string(), z.unknown()),
          }),
          response: { 200: z.object({ ok: z.literal(true), profile: profileSchema }) },
        },
      },
      (req) => {
        try {
          return {
            ok: true as const,
            profile: profiles.fromRecord(
              req.body.kind,
              { asOf: todayInChina(), ...req.body.fields },
              null,
              'declared',
            ),
          };
        } catch (e) {
          if (e instanceof ProfileValidationError) {
            throw new HttpProblem(400, '画像有误', e.message, {
              errors: e.problems.map((x) => ({ field: `fields.${x.field}`, message: x.message })),
            });
          }
          throw e;
        }
      },
    );
  };
}
