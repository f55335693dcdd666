import { z } from 'zod';
import {
  ITEM_KINDS,
  ITEM_MODES,
  ITEM_STATUSES,
  ITEM_TARGETS,
  MATERIAL_SOURCES,
  type PolicyItemDefinition,
} from '../../core/items/types.ts';
import { PUBLICATION_ACTIONS } from '../../core/review/review-rules.ts';
import type { Citation, ItemCondition, ParameterDef, Profile, Rule } from '../../core/rules/types.ts';
import { diffPart, reviewEvent, reviewState } from '../review/review.schema.ts';

/**
 * Shapes of policy items (as stored and as the API takes them) and of the items API. Structure is checked here,
 * with zod naming the field; meaning (known variables, types, ranges, citations) by checkRule in src/core/rules.
 */

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const literal = z.union([z.number(), z.string(), z.boolean()]);
const value = z.union([literal, z.object({ param: z.string().min(1) })]);
const cmpOp = z.enum(['=', '!=', '<', '<=', '>', '>=']);
const operand = z.union([
  z.object({ var: z.string().min(1) }).strict(),
  z.object({ yearsSince: z.string().min(1) }).strict(),
  z.object({ monthsSince: z.string().min(1) }).strict(),
  z.object({ daysSince: z.string().min(1) }).strict(),
]);

export const citation: z.ZodType<Citation> = z
  .object({
    doc: z.string().min(3).max(40),
    article: z.number().int().positive().optional(),
    section: z.string().min(2).max(40).optional(),
    paragraph: z.number().int().positive().optional(),
    items: z
      .union([
        z.tuple([z.number().int().positive()]),
        z.tuple([z.number().int().positive(), z.number().int().positive()]),
      ])
      .optional(),
  })
  .refine((c) => (c.article === undefined) !== (c.section === undefined), {
    message: '依据应注明条（article）或方案章节（section），二者取其一',
  });
export const basis = citation;

const meta = {
  id: z.string().min(1).max(60).optional(),
  label: z.string().min(1).max(60).optional(),
  cite: citation.optional(),
};

export const itemCondition: z.ZodType<ItemCondition> = z.lazy(() =>
  z.union([
    z.object({ op: z.enum(['and', 'or']), of: z.array(itemCondition).min(1) }),
    z.object({ op: z.literal('cmp'), field: z.string().min(1), cmp: cmpOp, right: literal }),
    z.object({ op: z.enum(['in', 'notIn']), field: z.string().min(1), values: z.array(literal).min(1) }),
    z.object({
      op: z.literal('withinLast'),
      field: z.string().min(1),
      amount: z.number().positive(),
      unit: z.enum(['years', 'months', 'days']),
    }),
  ]),
);

export const rule: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ ...meta, op: z.literal('all'), of: z.array(rule) }),
    z.object({ ...meta, op: z.literal('any'), of: z.array(rule) }),
    z.object({ ...meta, op: z.literal('none'), of: z.array(rule) }),
    z.object({ ...meta, op: z.literal('cmp'), left: operand, cmp: cmpOp, right: value }),
    z.object({ ...meta, op: z.literal('between'), left: operand, min: value, max: value }),
    z.object({ ...meta, op: z.literal('in'), left: operand, values: z.array(literal) }),
    z.object({ ...meta, op: z.literal('notIn'), left: operand, values: z.array(literal) }),
    z.object({ ...meta, op: z.literal('within'), left: operand, code: z.string().min(1) }),
    z.object({ ...meta, op: z.literal('has'), left: operand, value: literal }),
    z.object({
      ...meta,
      op: z.literal('count'),
      list: z.string().min(1),
      where: itemCondition.optional(),
      cmp: cmpOp,
      right: value,
    }),
  ]),
);

// A recursive schema needs a name in the OpenAPI document, or its $ref points nowhere (and clients see no type).
z.globalRegistry.add(itemCondition, { id: 'ItemCondition' });
z.globalRegistry.add(rule, { id: 'Rule' });

export const parameterDef: z.ZodType<ParameterDef> = z.object({
  id: z.string().min(1).max(80),
  label: z.string().min(1).max(60),
  unit: z.string().max(10).optional(),
  values: z.array(
    z.object({ from: isoDate, value: z.union([z.number(), z.string()]), cite: citation.optional() }),
  ),
});

const source = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shared'), department: z.string().min(1), system: z.string().optional() }),
  z.object({ kind: z.literal('declared') }),
  z.object({ kind: z.literal('document'), name: z.string().min(1), ref: z.string().optional() }),
  z.object({ kind: z.literal('derived'), from: z.array(z.string()) }),
]);
const factValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
]);
export const fact = z.object({ value: factValue, source, asOf: isoDate });
export const profile: z.ZodType<Profile> = z.object({
  kind: z.enum(['enterprise', 'person']),
  id: z.string().optional(),
  facts: z.record(z.string(), fact),
});

/**
 * An example's profile as data files write it: a fact may be a bare value, which means "declared by the
 * applicant, as of the example's date".
 */
const exampleProfile = z.object({
  kind: z.enum(['enterprise', 'person']),
  id: z.string().optional(),
  facts: z.record(z.string(), z.union([fact, factValue])),
});
const example = z
  .object({
    name: z.string().min(1).max(120),
    asOf: isoDate,
    profile: exampleProfile,
    expected: z.enum(['met', 'notMet', 'unknown']),
    conditions: z.record(z.string(), z.enum(['met', 'notMet', 'unknown'])).optional(),
    nearMisses: z.array(z.string()).optional(),
  })
  .transform((ex) => ({
    ...ex,
    profile: {
      ...ex.profile,
      facts: Object.fromEntries(
        Object.entries(ex.profile.facts).map(([k, v]) => [
          k,
          typeof v === 'object' && v !== null && !Array.isArray(v) && 'source' in v
            ? v
            : { value: v, source: { kind: 'declared' as const }, asOf: ex.asOf },
        ]),
      ),
    },
  }));

const fieldDef = z.object({
  label: z.string(),
  type: z.enum(['number', 'integer', 'boolean', 'date', 'string', 'enum']),
  unit: z.string().optional(),
  values: z.array(z.string()).optional(),
});
/** Item-specific variables: data only (derivations belong to the base catalogue, in code). */
export const itemVariable = z.object({
  id: z
    .string()
    .regex(/^(enterprise|person)\.[A-Za-z][A-Za-z0-9]*$/, '变量名应为 enterprise.xxx 或 person.xxx'),
  label: z.string().min(1).max(40),
  entity: z.enum(['enterprise', 'person']),
  type: z.enum([
    'number',
    'integer',
    'boolean',
    'date',
    'string',
    'enum',
    'set',
    'region',
    'industry',
    'list',
  ]),
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  values: z.array(z.string()).optional(),
  fields: z.record(z.string(), fieldDef).optional(),
  question: z.string().max(120).optional(),
  help: z.string().max(300).optional(),
});

const benefit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), description: z.string() }),
  z.object({ kind: z.literal('unspecified'), description: z.string(), note: z.string().min(1) }),
  z.object({
    kind: z.literal('fixed'),
    description: z.string(),
    amount: z.number().positive(),
    unit: z.enum(['元', '万元']),
  }),
  z.object({
    kind: z.literal('rate'),
    description: z.string(),
    ratePercent: z.number().positive().max(100),
    of: z.string().min(1),
    cap: z.number().positive().optional(),
    unit: z.enum(['元', '万元']),
  }),
]);

/** A policy item's definition, as data files and the staff API give it (the rule as AST or as text). */
export const itemDefinitionInput = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9-]{2,39}$/, '事项编码应为大写字母、数字和连字符，如 LC-JY-0001'),
    implementationCode: z.string().max(40).optional(),
    name: z.string().min(2).max(60),
    kind: z.enum(ITEM_KINDS),
    target: z.enum(ITEM_TARGETS),
    mode: z.enum(ITEM_MODES),
    summary: z.string().min(1).max(500),
    basis: z.array(basis).min(1, '至少引用一条政策依据'),
    conditionsText: z.string().min(1).max(4000),
    rule: rule.optional(),
    ruleText: z.string().min(1).max(8000).optional().describe('规则的文本写法，与 rule 二选一'),
    variables: z.array(itemVariable).optional(),
    parameters: z.array(parameterDef).optional(),
    materials: z.array(
      z.object({
        id: z.string().min(1).max(40),
        name: z.string().min(1).max(120),
        required: z.boolean(),
        sources: z.array(z.enum(MATERIAL_SOURCES)).min(1),
        proves: z.array(z.string()),
        cite: basis.optional(),
        note: z.string().max(300).optional(),
      }),
    ),
    process: z.array(
      z.object({
        name: z.string().min(1).max(120),
        department: z.string().min(1).max(60),
        workingDays: z.number().int().positive().optional(),
        cite: basis.optional(),
      }),
    ),
    limits: z.object({
      statutoryDays: z.number().int().positive().optional(),
      promisedDays: z.number().int().positive().optional(),
      note: z.string().max(300).optional(),
      cite: basis.optional(),
    }),
    fees: z.object({ free: z.boolean(), text: z.string().min(1).max(200) }),
    departments: z.object({ lead: z.string().min(1).max(60), co: z.array(z.string().min(1).max(60)) }),
    contacts: z.object({
      consult: z.string().max(40).optional(),
      complaint: z.string().max(40).optional(),
      note: z.string().max(200).optional(),
    }),
    window: z.object({ opensOn: isoDate.optional(), closesOn: isoDate.optional() }).optional(),
    benefit,
    stackingGroup: z.string().min(1).max(60).optional(),
    validity: z.object({ from: isoDate.optional(), until: isoDate.optional() }).optional(),
    examples: z.array(example),
  })
  .refine((d) => (d.rule === undefined) !== (d.ruleText === undefined), {
    message: '规则应以 rule（结构）或 ruleText（文本）之一给出',
    path: ['rule'],
  });
export type ItemDefinitionInput = z.infer<typeof itemDefinitionInput>;

/** What is stored: the rule as AST (the text form is rendered from it when needed). */
export type StoredDefinition = PolicyItemDefinition;

export const itemStatus = z.enum(ITEM_STATUSES);

// The review workflow's answers (review.service.ts), so that the console reads them typed (web/src/api/schema.d.ts).

/** The outcome of a submission or a decision. */
export const itemReviewStep = z.object({ code: z.string(), version: z.number().int(), reviewState });

export const itemHistory = z.object({
  code: z.string(),
  name: z.string(),
  status: itemStatus,
  currentVersion: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  ownerDepartmentId: z.number().int().nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: itemStatus,
      contentHash: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
      authorId: z.number().int().nullable(),
      reviewState: reviewState.nullable(),
      events: z.array(reviewEvent),
    }),
  ),
});

export const itemDiff = z.object({
  code: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  parts: z.array(diffPart),
});

/** An item whose newest version waits for a reviewer of the department. */
export const queuedItem = z.object({
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  authorId: z.number().int().nullable(),
  createdAt: z.string(),
});

/** The editor's worklist: the department's items and where each is in review. */
export const worklistItem = z.object({
  code: z.string(),
  name: z.string(),
  status: itemStatus,
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  reviewState: reviewState.nullable(),
  updatedAt: z.string(),
});

/** 公示: the public list of what was published, suspended, expired or repealed. */
export const publicChanges = z.object({
  total: z.number().int(),
  changes: z.array(
    z.object({
      code: z.string(),
      kind: z.enum(['item', 'document']),
      version: z.number().int(),
      action: z.enum(PUBLICATION_ACTIONS),
      comment: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
