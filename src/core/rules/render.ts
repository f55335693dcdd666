import { industryByCode } from '../codes/industry.ts';
import { regionByCode } from '../codes/region.ts';
import { toChineseNumber } from '../gazette/numerals.ts';
import { chineseDate } from './dates.ts';
import { describeOperand, isParam, parameterIndex, parameterValue, type OperandInfo } from './operands.ts';
import type {
  Citation,
  CmpOp,
  ItemCondition,
  Literal,
  ParameterDef,
  Rule,
  SinceUnit,
  Value,
} from './types.ts';
import type { Catalogue, FieldDef, Unit, VariableDef } from './variables.ts';

/**
 * Readable Chinese for rules and citations, as a policy guide would print them.
 *
 * @example
 * renderRule({ op: 'between', left: { var: 'person.age' }, min: 25, max: 60 }, { catalogue: BASE_CATALOGUE })
 * // '年龄在25周岁以上、不超过60周岁'  (以上 and 不超过 both include the number: 民法典 第一千二百五十九条)
 * renderCitation({ doc: '聊政字〔2023〕9号', article: 30, items: [1, 4] })
 * // '聊政字〔2023〕9号 第三十条（一）至（四）'
 */
export interface RenderOptions {
  catalogue: Catalogue;
  parameters?: readonly ParameterDef[];
  /** When given, parameters are shown with the value in force on this date. */
  asOf?: string;
}

/** 第三十条第二款（一）至（四）, after the 文号 unless `withDoc` is false. */
export function renderCitation(cite: Citation, { withDoc = true } = {}): string {
  if (cite.article === undefined) return withDoc ? `${cite.doc} ${cite.section ?? ''}` : (cite.section ?? '');
  let out = `第${toChineseNumber(cite.article)}条`;
  if (cite.paragraph !== undefined) out += `第${toChineseNumber(cite.paragraph)}款`;
  if (cite.items) {
    out += `（${toChineseNumber(cite.items[0])}）`;
    if (cite.items.length === 2) out += `至（${toChineseNumber(cite.items[1])}）`;
  }
  return withDoc ? `${cite.doc} ${out}` : out;
}

export function renderRule(rule: Rule, options: RenderOptions): string {
  return new Renderer(options).rule(rule);
}

/** The text of a numeric or date requirement, e.g. "≥20人", for near-miss messages. */
export function renderRequirement(cmp: CmpOp, value: string): string {
  const symbols: Record<CmpOp, string> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };
  return `${symbols[cmp]}${value}`;
}

/** A number or date with its unit: 20人, 2000万元, 2023年5月1日. */
function renderQuantity(value: Literal, info: Pick<OperandInfo, 'type' | 'unit'>): string {
  if (info.type === 'date' && typeof value === 'string') return chineseDate(value);
  return `${String(value)}${info.unit ?? ''}`;
}

/** Units counting people or things, which take 不少于 rather than 不低于. */
const COUNTED: ReadonlySet<Unit | undefined> = new Set<Unit | undefined>(['人', '个', '项', '次']);

type Phrases = Record<CmpOp, string>;
const AMOUNT: Phrases = { '>=': '不低于', '>': '高于', '<=': '不超过', '<': '低于', '=': '为', '!=': '不为' };
const COUNT: Phrases = { '>=': '不少于', '>': '多于', '<=': '不超过', '<': '少于', '=': '为', '!=': '不为' };
// 满 and 不满 as in 年满十八周岁, 驾驶经历满三年.
const DURATION: Phrases = { '>=': '满', '>': '超过', '<=': '不超过', '<': '不满', '=': '为', '!=': '不为' };
const DATE: Phrases = { '>=': '不早于', '>': '晚于', '<=': '不晚于', '<': '早于', '=': '为', '!=': '不为' };

export function phrasesFor(info: Pick<OperandInfo, 'type' | 'unit' | 'since' | 'def'>): Phrases {
  if (info.type === 'date') return DATE;
  if (info.since || info.def.derived?.kind === 'since' || info.unit === '周岁') return DURATION;
  return COUNTED.has(info.unit) ? COUNT : AMOUNT;
}

const WINDOW_UNITS: Record<SinceUnit, string> = { years: '年', months: '个月', days: '日' };

class Renderer {
  private readonly params: Map<string, ParameterDef>;
  constructor(private readonly options: RenderOptions) {
    this.params = parameterIndex(options.parameters ?? []);
  }

  rule(rule: Rule): string {
    switch (rule.op) {
      case 'all':
      case 'any':
      case 'none':
        return this.group(rule.op, rule.of);
      case 'cmp': {
        const info = this.operand(rule.left);
        return this.comparison(info, rule.cmp, rule.right);
      }
      case 'between': {
        const info = this.operand(rule.left);
        const [min, max] = [this.value(rule.min, info), this.value(rule.max, info)];
        if (info.type === 'date') return `${info.label}在${min}至${max}期间`;
        return `${info.label}在${min}以上、不超过${max}`;
      }
      case 'in':
      case 'notIn': {
        const info = this.operand(rule.left);
        const values = rule.values.map((v) => this.literal(v, info));
        if (rule.op === 'in') return `${info.label}为${orList(values)}`;
        return values.length === 1
          ? `${info.label}不为${values[0]!}`
          : `${info.label}不属于${values.join('、')}`;
      }
      case 'within': {
        const info = this.operand(rule.left);
        if (info.type === 'industry') return `${info.label}属于${industryName(rule.code)}`;
        return `${info.label}在${regionName(rule.code)}范围内`;
      }
      case 'has': {
        const info = this.operand(rule.left);
        return `${info.label}包括${String(rule.value)}`;
      }
      case 'count':
        return this.count(rule.list, rule.where, rule.cmp, rule.right);
    }
  }

  private group(op: 'all' | 'any' | 'none', children: Rule[]): string {
    const parts = children.map((c) => {
      const text = this.rule(c);
      return (c.op === 'all' || c.op === 'any' || c.op === 'none') && c.of.length > 1 ? `（${text}）` : text;
    });
    if (parts.length === 0) return op === 'any' ? '（无可满足的条件）' : '（无条件）';
    if (op === 'none')
      return parts.length === 1 ? `不存在以下情形：${parts[0]!}` : `不存在以下任一情形：${parts.join('；')}`;
    if (parts.length === 1) return parts[0]!;
    const joiner = op === 'all' ? '，且' : '，或';
    return `${parts.slice(0, -1).join('，')}${joiner}${parts[parts.length - 1]!}`;
  }

  private comparison(info: OperandInfo, cmp: CmpOp, right: Value): string {
    if (info.type === 'boolean' && typeof right === 'boolean') {
      const truth = cmp === '=' ? right : !right;
      const phrases = info.def.phrases;
      if (phrases) return truth ? phrases.true : phrases.false;
      return `${info.label}为${truth ? '是' : '否'}`;
    }
    if (info.type === 'number' || info.type === 'integer' || info.type === 'date')
      return `${info.label}${phrasesFor(info)[cmp]}${this.value(right, info)}`;
    // Ordering a text or a code is an error the checker reports; show it as written.
    const phrase = cmp === '=' ? '为' : cmp === '!=' ? '不为' : renderRequirement(cmp, '');
    return `${info.label}${phrase}${this.value(right, info)}`;
  }

  private count(list: string, where: ItemCondition | undefined, cmp: CmpOp, right: Value): string {
    const def = this.options.catalogue.get(list);
    const label = def?.label ?? list;
    const noun = def?.itemNoun ?? '项';
    const measure = noun === '记录' ? '条' : '个';
    const amount = this.value(right, { type: 'integer', unit: undefined });
    const fields = def?.fields ?? {};
    const simple = where ? kindsAndWindow(where, fields) : { kinds: [], window: undefined };
    if (simple) {
      const window = simple.window ? `最近${simple.window.amount}${WINDOW_UNITS[simple.window.unit]}内` : '';
      const none =
        (cmp === '=' && right === 0) || (cmp === '<=' && right === 0) || (cmp === '<' && right === 1);
      if (none) {
        if (simple.kinds.length === 0) return `${window}无${label}`;
        if (simple.kinds.length === 1) return `${window}无${simple.kinds[0]!}${noun}`;
        return `${window}无以下任一${noun}：${simple.kinds.join('、')}`;
      }
      const what = simple.kinds.length > 0 ? `${orList(simple.kinds)}${noun}` : label;
      return `${window}${what}${COUNT[cmp]}${amount}${measure}`;
    }
    return `${label}中${this.item(where!, fields)}的${noun}${COUNT[cmp]}${amount}${measure}`;
  }

  private item(cond: ItemCondition, fields: Record<string, FieldDef>): string {
    switch (cond.op) {
      case 'and':
      case 'or':
        return cond.of
          .map((c) => {
            const text = this.item(c, fields);
            return c.op === 'and' || c.op === 'or' ? `（${text}）` : text;
          })
          .join(cond.op === 'and' ? '且' : '或');
      case 'withinLast':
        return `${fields[cond.field]?.label ?? cond.field}在最近${cond.amount}${WINDOW_UNITS[cond.unit]}内`;
      case 'cmp':
      case 'in':
      case 'notIn': {
        const field = fields[cond.field];
        const info = fieldInfo(cond.field, field);
        if (cond.op === 'in')
          return `${info.label}为${orList(cond.values.map((v) => this.literal(v, info)))}`;
        if (cond.op === 'notIn')
          return `${info.label}不属于${cond.values.map((v) => this.literal(v, info)).join('、')}`;
        return this.comparison(info, cond.cmp, cond.right);
      }
    }
  }

  private operand(operand: Parameters<typeof describeOperand>[0]): OperandInfo {
    const info = describeOperand(operand, this.options.catalogue);
    if (info) return info;
    // Unknown variables are the checker's to report; render them by id rather than fail.
    const variable = Object.values(operand)[0] as string;
    const def: VariableDef = { id: variable, label: variable, entity: 'person', type: 'number' };
    return { variable, def, type: 'number', label: variable };
  }

  private value(value: Value, info: Pick<OperandInfo, 'type' | 'unit'>): string {
    if (!isParam(value)) return this.literal(value, info);
    const def = this.params.get(value.param);
    if (!def) return `参数${value.param}`;
    const inForce = this.options.asOf ? parameterValue(def, this.options.asOf) : undefined;
    return inForce === undefined ? `“${def.label}”` : renderQuantity(inForce, info);
  }

  private literal(value: Literal, info: Pick<OperandInfo, 'type' | 'unit'>): string {
    if (info.type === 'region' && typeof value === 'string') return regionName(value);
    if (info.type === 'industry' && typeof value === 'string') return industryName(value);
    if (typeof value === 'boolean') return value ? '是' : '否';
    return renderQuantity(value, info);
  }
}

function fieldInfo(name: string, field: FieldDef | undefined): OperandInfo {
  const def: VariableDef = {
    id: name,
    label: field?.label ?? name,
    entity: 'person',
    type: field?.type ?? 'string',
  };
  return { variable: name, def, type: def.type, label: def.label, unit: field?.unit };
}

/** Matches `kind in [...]`, a date window, or both joined by and, which read as "最近3年内无记满分记录". */
function kindsAndWindow(
  where: ItemCondition,
  fields: Record<string, FieldDef>,
): { kinds: string[]; window: { amount: number; unit: SinceUnit } | undefined } | null {
  const parts = where.op === 'and' ? where.of : [where];
  let kinds: string[] | undefined;
  let window: { amount: number; unit: SinceUnit } | undefined;
  for (const p of parts) {
    if (p.op === 'withinLast' && !window) window = { amount: p.amount, unit: p.unit };
    else if (p.op === 'in' && !kinds && fields[p.field]?.type === 'enum') kinds = p.values.map(String);
    else if (p.op === 'cmp' && p.cmp === '=' && !kinds && fields[p.field]?.type === 'enum')
      kinds = [String(p.right)];
    else return null;
  }
  return { kinds: kinds ?? [], window };
}

function orList(values: string[]): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join('、')}或${values[values.length - 1]!}`;
}

function regionName(code: string): string {
  const region = regionByCode(code);
  return region ? `${region.name}（${code}）` : code;
}

function industryName(code: string): string {
  const industry = industryByCode(code);
  return industry ? `${industry.name}（${industry.code}）` : code;
}
