import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseArticleNumber } from '../../core/gazette/numerals.ts';
import { ITEM_KINDS, ITEM_TARGETS, MATERIAL_SOURCES } from '../../core/items/types.ts';
import { HttpProblem } from '../../http/problem.ts';
import { article } from '../library/library.schema.ts';
import { citation, rule } from './items.schema.ts';
import type { LibraryService } from '../library/library.service.ts';
import { ItemSuggestionService } from './suggest.service.ts';

const tags = ['政策事项'];

/** Where a suggestion's words are printed: 条, 款, 项 and the offsets in that paragraph's or item's text. */
const span = z.object({
  article: z.number().int(),
  paragraph: z.number().int(),
  item: z.number().int().optional(),
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
});
const guess = <T extends z.ZodType>(value: T) =>
  z.object({ id: z.string(), value, reason: z.string(), span }).nullable();

/** The shape of `ItemSuggestion` (src/core/items/suggest.ts), for the staff console's 拆分为政策事项. */
export const itemSuggestion = z.object({
  name: guess(z.string()),
  kind: guess(z.enum(ITEM_KINDS)),
  target: guess(z.enum(ITEM_TARGETS)),
  conditions: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      span,
      cite: citation,
      polarity: z.enum(['required', 'excluded']),
      combinator: z.enum(['all', 'any']),
      lead: span.nullable(),
      rules: z.array(
        z.object({
          id: z.string(),
          span,
          pattern: z.enum(['quantity', 'no-record', 'boolean', 'enum', 'set']),
          ruleText: z.string(),
          // The AST, typed by the named `Rule` component (items.schema.ts); ruleText carries the same rule.
          rule,
          reading: z.string().describe('规则的中文表述'),
          reason: z.string(),
          note: z.string().optional(),
        }),
      ),
      uncovered: z.array(span).describe('没有规则覆盖的分句：由编辑人员编写规则或保留为文字'),
    }),
  ),
  materials: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      note: z.string().optional(),
      span,
      cite: citation,
      source: z.enum(MATERIAL_SOURCES),
      reason: z.string(),
      proves: z.array(z.string()),
    }),
  ),
  limits: z.array(
    z.object({
      id: z.string(),
      span,
      clause: span,
      amount: z.number(),
      unit: z.enum(['workingDays', 'days', 'months']),
      workingDays: z.boolean(),
      trigger: z.string().nullable(),
      action: z.string().nullable(),
      department: z.string().nullable(),
    }),
  ),
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      variants: z.array(z.string()),
      span,
      roles: z.array(
        z.object({ role: z.enum(['受理', '审查', '会签', '批准', '发放']), span, reason: z.string() }),
      ),
    }),
  ),
  fees: z.array(z.object({ id: z.string(), free: z.boolean(), text: z.string(), span })),
});

export const articleSuggestion = z.object({
  document: z.object({ id: z.number().int(), docNumber: z.string(), title: z.string() }),
  article,
  suggestion: itemSuggestion,
});

/** 拆分为政策事项 over HTTP: the article's text and what can be read in it, for an editor to confirm. */
export function suggestRoutes(library: LibraryService) {
  const suggestions = new ItemSuggestionService(library);
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/documents/:id/articles/:number/suggestion',
      {
        config: { access: 'content.edit' },
        schema: {
          tags,
          summary: '拆分为政策事项：条文原文及可从中读出的条件、材料、时限、部门和收费（供编辑人员逐项确认）',
          params: z.object({
            id: z.coerce.number().int().positive(),
            number: z.string().min(1).max(12).describe('30、三十 或 第三十条'),
          }),
          response: { 200: articleSuggestion },
          security: [{ adminToken: [] }],
        },
      },
      (req) => {
        const n = parseArticleNumber(req.params.number);
        if (n === null)
          throw new HttpProblem(
            400,
            '请求参数有误',
            `条号“${req.params.number}”无法识别，应为 30、三十 或 第三十条`,
            {
              errors: [{ field: 'number', message: '条号无法识别' }],
            },
          );
        return suggestions.forArticle(req.params.id, n);
      },
    );
  };
}
