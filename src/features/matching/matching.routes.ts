import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Profile } from '../../core/rules/types.ts';
import { HttpProblem, notFound } from '../../http/problem.ts';
import { isoDate, profile as profileSchema } from '../items/items.schema.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import { ProfileValidationError, type ProfilesService } from '../profiles/profiles.service.ts';
import { AnswerError, type MatchingService } from './matching.service.ts';

const tags = ['匹配与计算器'];

/**
 * Matching over HTTP. Nothing a caller sends is stored: a profile typed in is evaluated and forgotten (the
 * calculator and "which policies fit me" are anonymous until a person consents to keep a profile).
 */
export function matchingRoutes(matching: MatchingService, profiles: ProfilesService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();
    const pub = { access: 'public' as const };

    r.post(
      '/match',
      {
        config: pub,
        schema: {
          tags,
          summary: '哪些政策适合我：按画像匹配已发布的政策事项（不保存任何输入）',
          body: z
            .object({
              sampleId: z.number().int().positive().optional().describe('示例画像编号'),
              profile: profileSchema.optional().describe('带来源的画像'),
              record: z
                .object({ kind: z.enum(['enterprise', 'person']), fields: z.record(z.string(), z.unknown()) })
                .optional()
                .describe('平铺的画像记录（统一社会信用代码或身份证号必填）'),
              asOf: isoDate.optional(),
            })
            .refine((b) => [b.sampleId, b.profile, b.record].filter((x) => x !== undefined).length === 1, {
              message: 'sampleId、profile、record 三者须且只须给出一个',
              path: ['profile'],
            }),
        },
      },
      async (req) => {
        const { sampleId, record, asOf } = req.body;
        let p: Profile;
        if (sampleId !== undefined) {
          const s = await profiles.getSample(sampleId);
          if (!s) throw notFound('该示例画像');
          p = s.profile;
        } else if (record) {
          try {
            // Typed by the visitor: 本人申报, never a department's data.
            p = profiles.fromRecord(
              record.kind,
              { asOf: todayInChina(), ...record.fields },
              null,
              'declared',
            );
          } catch (e) {
            if (e instanceof ProfileValidationError) {
              throw new HttpProblem(400, '画像有误', e.message, {
                errors: e.problems.map((x) => ({ field: `record.fields.${x.field}`, message: x.message })),
              });
            }
            throw e;
          }
        } else {
          p = req.body.profile!;
        }
        return matching.match(p, asOf ?? todayInChina());
      },
    );

    r.post(
      '/calculator',
      {
        config: pub,
        schema: {
          tags,
          summary:
            '政策计算器：按已回答的问题给出符合、可能符合、不符合的事项，以及接下来最值得回答的问题（不保存任何输入）',
          body: z.object({
            kind: z.enum(['enterprise', 'person']),
            answers: z.record(z.string(), z.unknown()).default({}),
            none: z.array(z.string()).max(50).optional().describe('申请人表示“没有”的信息，如没有驾驶证'),
            items: z.array(z.string()).max(100).optional().describe('只计算这些事项（编码）'),
            asOf: isoDate.optional(),
          }),
        },
      },
      async (req) => {
        try {
          return await matching.calculate(req.body);
        } catch (e) {
          if (e instanceof AnswerError) {
            throw new HttpProblem(400, '回答有误', e.message, { errors: e.problems });
          }
          throw e;
        }
      },
    );

    r.get(
      '/variables',
      {
        config: pub,
        schema: {
          tags,
          summary: '画像变量：名称、类型、单位、取值和提问方式（供表单使用）',
          querystring: z.object({ kind: z.enum(['enterprise', 'person']) }),
        },
      },
      async (req) =>
        (await matching.variables(req.query.kind)).map((v) => ({
          id: v.id,
          label: v.label,
          type: v.type,
          unit: v.unit ?? null,
          values: v.values ?? null,
          fields: v.fields ?? null,
          question: v.question ?? null,
          derived: v.derived !== undefined,
        })),
    );
  };
}
