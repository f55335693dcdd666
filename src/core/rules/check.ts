import { normalizeIndustryCode } from '../codes/industry.ts';
import { regionByCode } from '../codes/region.ts';
import { findContradictions, impossibleAlone } from './intervals.ts';
import { describeOperand, isParam, PARAMETER_ID, parameterIndex, type OperandInfo } from './operands.ts';
import { renderRule } from './render.ts';
import type { Citation, CmpOp, ItemCondition, Literal, ParameterDef, Rule, Value } from './types.ts';
import { isIsoDate } from './dates.ts';
import type { Catalogue, FieldDef, VariableType } from './variables.ts';

/**
 * The checker that a rule must pass before an item goes online (上线审查): every variable exists and is
 * compared with a value of its type, ranges are possible, every condition cites its article.
 *
 * @example
 * const result = checkRule({ op: 'cmp', left: { var: 'enterprise.employes' }, cmp: '>=', right: 20,
 *   cite: { doc: '聊政字〔2023〕6号', article: 3 } }, BASE_CATALOGUE);
 * // result.ok === false; result.errors[0].message === '条件“enterprise.employes不少于20”引用了未定义的变量 enterprise.employes'
 */
export type RuleErrorCode =
  | 'unknownVariable'
  | 'unknownField'
  | 'unknownParameter'
  | 'typeMismatch'
  | 'badValue'
  | 'emptyGroup'
  | 'emptyList'
  | 'impossible'
  | 'outOfRange'
  | 'contradiction'
  | 'missingCitation'
  | 'badCitation'
  | 'badId'
  | 'duplicateId'
  | 'badParameter';

export interface RuleError {
  code: RuleErrorCode;
  /** Where the condition sits: "" for the root, "all[2].any[0]" for the first child of the root's third child. */
  path: string;
  id?: string;
  label?: string;
  /** The condition in Chinese. */
  text: string;
  message: string;
}

export interface RuleWarning {
  code: 'parameterWithoutValues';
  path: string;
  message: string;
}

export type CheckResult =
  { ok: true; warnings: RuleWarning[] } | { ok: false; errors: RuleError[]; warnings: RuleWarning[] };

/** An outline section as printed in a plan: 三、 / 三、（三） / 三、（三）1. */
const SECTION = /^[一二三四五六七八九十百]+、(?:（[一二三四五六七八九十百]+）(?:\d+[.．])?)?$/;

const ID_PATTERN = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u;

export function checkRule(
  rule: Rule,
  catalogue: Catalogue,
  parameters: readonly ParameterDef[] = [],
): CheckResult {
  const checker = new Checker(catalogue, parameters);
  checker.walk(rule, '', undefined);
  const { errors, warnings } = checker;
  return errors.length === 0 ? { ok: true, warnings } : { ok: false, errors, warnings };
}

/** Path of the i-th child of a group at `path`. */
export function childPath(path: string, op: string, index: number): string {
  return `${path === '' ? '' : `${path}.`}${op}[${index}]`;
}

const TYPE_NAMES: Record<VariableType, string> = {
  number: '数值',
  integer: '整数',
  boolean: '是/否',
  date: '日期',
  string: '文本',
  enum: '枚举',
  set: '集合',
  region: '行政区划',
  industry: '行业',
  list: '列表',
};
const ORDERED: ReadonlySet<VariableType> = new Set(['number', 'integer', 'date']);
const ORDERING: ReadonlySet<CmpOp> = new Set(['<', '<=', '>', '>=']);

type Scalar = Pick<OperandInfo, 'type' | 'label' | 'unit' | 'min' | 'max'> & {
  values?: string[] | undefined;
};

class Checker {
  readonly errors: RuleError[] = [];
  readonly warnings: RuleWarning[] = [];
  private readonly params: Map<string, ParameterDef>;
  private readonly ids = new Set<string>();
  private readonly warnedParams = new Set<string>();
  private node!: Rule;
  private path = '';

  constructor(
    private readonly catalogue: Catalogue,
    parameters: readonly ParameterDef[],
  ) {
    this.params = parameterIndex(parameters);
  }

  walk(rule: Rule, path: string, inherited: Citation | undefined): void {
    this.node = rule;
    this.path = path;
    if (rule.id !== undefined) {
      if (!ID_PATTERN.test(rule.id))
        this.error('badId', `标识“${rule.id}”只能由文字、数字、下划线、点和连字符组成`);
      else if (this.ids.has(rule.id)) this.error('duplicateId', `标识“${rule.id}”重复，同一事项内标识须唯一`);
      this.ids.add(rule.id);
    }
    if (rule.cite) this.citation(rule.cite);
    const cite = rule.cite ?? inherited;
    if (rule.op === 'all' || rule.op === 'any' || rule.op === 'none') {
      if (rule.of.length === 0) this.error('emptyGroup', '条件组不能为空');
      if (rule.op === 'all') this.contradictions(rule.of, path);
      rule.of.forEach((child, i) => this.walk(child, childPath(path, rule.op, i), cite));
      return;
    }
    if (!cite)
      this.error('missingCitation', '未注明依据：每个条件都须注明文件文号和条款（可由上级条件继承）');
    this.leaf(rule);
  }

  private leaf(rule: Exclude<Rule, { op: 'all' | 'any' | 'none' }>): void {
    if (rule.op === 'count') return this.count(rule.list, rule.where, rule.cmp, rule.right);
    const described = describeOperand(rule.left, this.catalogue);
    if (!described)
      return this.error('unknownVariable', `引用了未定义的变量 ${Object.values(rule.left)[0] as string}`);
    if (described.since && described.def.type !== 'date')
      return this.error('typeMismatch', `${described.def.label}不是日期，不能计算距今的年、月、日数`);
    const since = described.since !== undefined;
    const info: Scalar = { ...described, values: described.since ? undefined : described.def.values };
    switch (rule.op) {
      case 'cmp':
        return this.comparison(info, rule.cmp, rule.right);
      case 'between':
        if (!ORDERED.has(info.type))
          return this.mismatch(`${info.label}是${TYPE_NAMES[info.type]}，不能用“介于”比较大小`);
        this.value(info, rule.min);
        this.value(info, rule.max);
        if (
          !isParam(rule.min) &&
          !isParam(rule.max) &&
          typeof rule.min === typeof rule.max &&
          rule.min > rule.max
        )
          this.error('impossible', `下限 ${String(rule.min)} 大于上限 ${String(rule.max)}，条件不可能满足`);
        else if (this.range(info, '>=', rule.min)) this.range(info, '<=', rule.max);
        return;
      case 'in':
      case 'notIn':
        if (since) return this.mismatch('距今年、月、日数只能用于比较（=、<、>、介于等）');
        if (info.type === 'set' || info.type === 'list')
          return this.mismatch(
            `${info.label}是${TYPE_NAMES[info.type]}，请使用 ${info.type === 'set' ? 'has' : 'count'}`,
          );
        if (rule.values.length === 0) return this.error('emptyList', '取值列表不能为空');
        for (const v of rule.values) if (this.literal(info, v)) this.outOfRange(info, v);
        return;
      case 'within':
        if (since || (info.type !== 'region' && info.type !== 'industry'))
          return this.mismatch(`${info.label}不是行政区划或行业，不能判断“在…范围内”`);
        this.literal(info, rule.code);
        return;
      case 'has':
        if (since || info.type !== 'set') return this.mismatch(`${info.label}不是集合，不能判断“包括”`);
        this.literal({ ...info, type: 'enum' }, rule.value);
        return;
    }
  }

  private comparison(info: Scalar, cmp: CmpOp, right: Value): void {
    if (info.type === 'set') return this.mismatch(`${info.label}是集合，请使用 has 判断是否包括某项`);
    if (info.type === 'list') return this.mismatch(`${info.label}是列表，请使用 count 计数`);
    if (ORDERING.has(cmp) && !ORDERED.has(info.type))
      return this.mismatch(`${info.label}是${TYPE_NAMES[info.type]}，不能用 ${cmp} 比较大小`);
    if (this.value(info, right)) this.range(info, cmp, right);
  }

  /** Checks a literal or parameter against the operand's type; true when it is acceptable. */
  private value(info: Scalar, value: Value): boolean {
    if (!isParam(value)) return this.literal(info, value);
    if (!PARAMETER_ID.test(value.param)) {
      this.error('badParameter', `参数名“${value.param}”只能由字母、数字、下划线、点和连字符组成`);
      return false;
    }
    const def = this.params.get(value.param);
    if (!def) {
      this.error('unknownParameter', `引用了未定义的参数 ${value.param}`);
      return false;
    }
    if (def.values.length === 0 && !this.warnedParams.has(def.id)) {
      this.warnedParams.add(def.id);
      this.warnings.push({
        code: 'parameterWithoutValues',
        path: this.path,
        message: `参数“${def.label}”（${def.id}）没有任何取值，引用它的条件将始终无法判断`,
      });
    }
    if (info.unit && def.unit && info.unit !== def.unit)
      this.error(
        'badParameter',
        `参数“${def.label}”的单位为${def.unit}，与${info.label}的单位${info.unit}不一致`,
      );
    const froms = new Set<string>();
    let ok = true;
    for (const entry of def.values) {
      if (!isIsoDate(entry.from)) {
        this.error('badParameter', `参数“${def.label}”的生效日期 ${JSON.stringify(entry.from)} 不是有效日期`);
        ok = false;
      } else if (froms.has(entry.from)) {
        this.error('badParameter', `参数“${def.label}”在${entry.from}有两个取值`);
        ok = false;
      }
      froms.add(entry.from);
      if (!acceptable(info, entry.value)) {
        this.error(
          'badParameter',
          `参数“${def.label}”的取值 ${JSON.stringify(entry.value)} 不是${TYPE_NAMES[info.type]}`,
        );
        ok = false;
      }
    }
    return ok;
  }

  private literal(info: Scalar, value: Literal): boolean {
    if (acceptable(info, value)) return true;
    const shown = JSON.stringify(value);
    if (info.type === 'enum' && typeof value === 'string')
      this.error('badValue', `“${value}”不是${info.label}的取值（可选：${info.values!.join('、')}）`);
    else if (info.type === 'date' && typeof value === 'string')
      this.error('badValue', `“${value}”不是有效日期，日期应写作 YYYY-MM-DD`);
    else if (info.type === 'region' && typeof value === 'string')
      this.error('badValue', `“${value}”不是有效的行政区划代码（GB/T 2260）`);
    else if (info.type === 'industry' && typeof value === 'string') {
      const canonical = normalizeIndustryCode(value);
      this.error(
        'badValue',
        canonical
          ? `行业代码应写作“${canonical}”`
          : `“${value}”不是有效的国民经济行业分类代码（GB/T 4754-2017）`,
      );
    } else if (typeof value === 'number' && !Number.isFinite(value))
      this.error('badValue', `${shown} 不是有限数值`);
    else this.mismatch(`${info.label}是${TYPE_NAMES[info.type]}，不能与${shown}比较`);
    return false;
  }

  /** A literal outside the variable's range, or a comparison no value in range can meet. */
  private range(info: Scalar, cmp: CmpOp, value: Value): boolean {
    if (typeof value !== 'number') return true;
    if (!this.outOfRange(info, value)) return false;
    if (impossibleAlone(info, cmp, value)) {
      this.error('impossible', `${info.label}的取值范围为${rangeText(info)}，此条件不可能满足`);
      return false;
    }
    return true;
  }

  private outOfRange(info: Scalar, value: Literal): boolean {
    if (typeof value !== 'number') return true;
    if ((info.min !== undefined && value < info.min) || (info.max !== undefined && value > info.max)) {
      this.error('outOfRange', `${value}超出${info.label}的取值范围（${rangeText(info)}）`);
      return false;
    }
    return true;
  }

  private count(list: string, where: ItemCondition | undefined, cmp: CmpOp, right: Value): void {
    const def = this.catalogue.get(list);
    if (!def) return this.error('unknownVariable', `引用了未定义的变量 ${list}`);
    if (def.type !== 'list') return this.mismatch(`${def.label}不是列表，不能计数`);
    if (where) this.item(where, def.fields!);
    const counted: Scalar = { type: 'integer', label: `${def.label}条数`, min: 0 };
    if (this.value(counted, right)) this.range(counted, cmp, right);
  }

  private item(cond: ItemCondition, fields: Record<string, FieldDef>): void {
    if (cond.op === 'and' || cond.op === 'or') {
      if (cond.of.length < 2) this.error('emptyGroup', `列表条件中的 ${cond.op} 至少需要两个条件`);
      for (const c of cond.of) this.item(c, fields);
      return;
    }
    const field = fields[cond.field];
    if (!field)
      return this.error(
        'unknownField',
        `列表元素没有字段 ${cond.field}（可用：${Object.keys(fields).join('、')}）`,
      );
    const info: Scalar = { type: field.type, label: field.label, unit: field.unit, values: field.values };
    if (cond.op === 'withinLast') {
      if (field.type !== 'date') return this.mismatch(`${field.label}不是日期，不能判断“最近…内”`);
      if (!Number.isInteger(cond.amount) || cond.amount < 1)
        this.error('badValue', `时间窗口应为正整数，当前为 ${cond.amount}`);
      return;
    }
    if (cond.op === 'cmp') return this.comparison(info, cond.cmp, cond.right);
    if (cond.values.length === 0) return this.error('emptyList', '取值列表不能为空');
    for (const v of cond.values) this.literal(info, v);
  }

  private contradictions(children: Rule[], path: string): void {
    for (const c of findContradictions(children, this.catalogue)) {
      const [a, b] = c.map((i) => renderRule(children[i]!, { catalogue: this.catalogue }));
      this.error('contradiction', `其中“${a!}”与“${b!}”不可能同时满足`, path);
    }
  }

  private citation(cite: Citation): void {
    const positive = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 9999;
    const problems: string[] = [];
    if (typeof cite.doc !== 'string' || cite.doc.trim() === '' || /\s/.test(cite.doc))
      problems.push('文号不能为空，也不能含空白');
    if ((cite.article === undefined) === (cite.section === undefined))
      problems.push('应注明条（第N条）或方案的章节（如“三、（三）”），二者取其一');
    else if (cite.article !== undefined && !positive(cite.article)) problems.push('条的序号应为正整数');
    else if (cite.section !== undefined && !SECTION.test(cite.section))
      problems.push(`章节“${cite.section}”应写作“三、”“三、（三）”或“三、（三）1.”`);
    if (cite.section !== undefined && (cite.paragraph !== undefined || cite.items !== undefined))
      problems.push('按章节引用时不能再注明款、项');
    if (cite.paragraph !== undefined && !positive(cite.paragraph)) problems.push('款的序号应为正整数');
    if (cite.items !== undefined) {
      const [from, to] = cite.items;
      if (
        !positive(from) ||
        (cite.items.length === 2 && (!positive(to) || to! < from)) ||
        cite.items.length > 2
      )
        problems.push('项的序号应为正整数，范围应从小到大');
    }
    if (problems.length > 0) this.error('badCitation', `依据格式不正确：${problems.join('；')}`);
  }

  private mismatch(message: string): void {
    this.error('typeMismatch', message);
  }

  private error(code: RuleErrorCode, detail: string, path = this.path): void {
    const rule = this.node;
    const text = renderRule(rule, { catalogue: this.catalogue, parameters: [...this.params.values()] });
    const error: RuleError = {
      code,
      path,
      text,
      message: `条件“${rule.label ?? text}”${joinDetail(detail)}`,
    };
    if (rule.id !== undefined) error.id = rule.id;
    if (rule.label !== undefined) error.label = rule.label;
    this.errors.push(error);
  }
}

/** "引用了…" reads on directly after the condition's name; other details follow a colon. */
function joinDetail(detail: string): string {
  return /^(引用了|未注明)/.test(detail) ? detail : `：${detail}`;
}

function acceptable(info: Scalar, value: unknown): boolean {
  switch (info.type) {
    case 'number':
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return isIsoDate(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'enum':
      return typeof value === 'string' && (info.values ?? []).includes(value);
    case 'region':
      return typeof value === 'string' && regionByCode(value) !== null;
    case 'industry':
      return typeof value === 'string' && normalizeIndustryCode(value) === value;
    case 'set':
    case 'list':
      return false;
  }
}

function rangeText(info: Scalar): string {
  const unit = info.unit ?? '';
  if (info.min !== undefined && info.max !== undefined) return `${info.min}${unit}至${info.max}${unit}`;
  if (info.min !== undefined) return `不小于${info.min}${unit}`;
  if (info.max !== undefined) return `不大于${info.max}${unit}`;
  return '不限';
}
