/**
 * The patterns of suggest-patterns.ts that read values: a number with its unit and a comparison word
 * ("年龄在二十五周岁以上、不超过六十周岁"), the absence of records ("最近一年内无…记录"), and enum values
 * ("纳税信用级别为A级或B级") and set members ("被认定为高新技术企业"). Each returns a draft on a catalogue variable, or nothing when the words do not
 * map onto one without guessing.
 *
 * @example
 * quantities('年龄在二十五周岁以上、不超过六十周岁', BASE_VARIABLES)[0]?.rule;
 * // { op: 'between', left: { var: 'person.age' }, min: 25, max: 60 }
 */
import type { CmpOp, ItemCondition, Literal, Rule, SinceUnit } from '../rules/types.ts';
import type { Unit, VariableDef } from '../rules/variables.ts';
import type { Draft } from './suggest-patterns.ts';
import { NUMBER, toNumber } from './suggest-text.ts';

export function cmp(v: VariableDef, op: CmpOp, right: Literal): Rule {
  return { op: 'cmp', left: { var: v.id }, cmp: op, right };
}

const UNIT_WORDS: Record<string, Unit> = {
  周岁: '周岁',
  岁: '周岁',
  个月: '个月',
  年: '年',
  人: '人',
  万元: '万元',
  元: '元',
  平方米: '平方米',
  亩: '亩',
  吨: '吨',
  天: '天',
  日: '天',
  项: '项',
  次: '次',
  '%': '%',
  '％': '%',
};
const QUANTITY = new RegExp(
  `(${NUMBER})\\s*(周岁|岁|个月|万元|平方米|${'年人元亩吨天日项次%％'.split('').join('|')})`,
  'g',
);

/** 以上 and 以下 include the number itself (民法典 第一千二百五十九条); 超过, 低于, 不足, 未满 do not. */
const BEFORE: [RegExp, CmpOp][] = [
  [/(?:不超过|不高于|不多于|不大于)在?$/, '<='],
  [/(?:不低于|不少于|不小于|年满|已满|达到|(?<![不未])满)$/, '>='],
  [/(?<!不)(?:超过|高于|多于|大于)$/, '>'],
  [/(?:(?<!不)(?:低于|少于|小于)|不足|未满|不满)$/, '<'],
];
const AFTER: [RegExp, CmpOp][] = [
  [/^(?:（含）|\(含\))?(?:及|或)?以上/, '>='],
  [/^(?:（含）|\(含\))?(?:及|或)?以下/, '<='],
  [/^以内/, '<='],
];

interface Comparison {
  variable: VariableDef;
  cmp: CmpOp;
  value: number;
  words: string;
}

/**
 * "年龄在二十五周岁以上、不超过六十周岁", "具有三年以上驾驶经历", "注册资本100万元以上", "成立满两年": a number
 * with its unit, a comparison word before or after it, and the variable's label (or, for a count of years since
 * a date, the date's label without 日期: 成立) in the same clause. The unit must be the variable's.
 */
export function quantities(text: string, variables: readonly VariableDef[]): Draft[] {
  const found: Comparison[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    const value = toNumber(m[1]!);
    const unit = UNIT_WORDS[m[2]!];
    if (value === null || unit === undefined) continue;
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    const ops = [
      ...BEFORE.filter(([re]) => re.test(before)).map(([, op]) => op),
      ...AFTER.filter(([re]) => re.test(after)).map(([, op]) => op),
    ];
    if (ops.length !== 1 && !(ops.length === 2 && ops[0] === ops[1])) continue;
    const variable = variableFor(text, m.index, unit, variables);
    if (variable) found.push({ variable, cmp: ops[0]!, value, words: m[0] });
  }
  const byVariable = new Map<VariableDef, Comparison[]>();
  for (const c of found) byVariable.set(c.variable, [...(byVariable.get(c.variable) ?? []), c]);
  const drafts: Draft[] = [];
  for (const [v, cs] of byVariable) {
    const reason = `“${cs.map((c) => c.words).join('”“')}”与变量“${v.label}”（${v.unit}）对应；以上、以下、不超过均含本数`;
    if (cs.length === 1) {
      drafts.push({
        pattern: 'quantity',
        variable: v,
        label: v.label,
        reason,
        rule: cmp(v, cs[0]!.cmp, cs[0]!.value),
      });
      continue;
    }
    const low = cs.find((c) => c.cmp === '>=');
    const high = cs.find((c) => c.cmp === '<=');
    if (cs.length === 2 && low && high && low.value <= high.value)
      drafts.push({
        pattern: 'quantity',
        variable: v,
        label: v.label,
        reason,
        rule: { op: 'between', left: { var: v.id }, min: low.value, max: high.value },
      });
  }
  return drafts;
}

/** The variable a number at `at` measures: the label nearest before it in the clause, else nearest after. */
function variableFor(
  text: string,
  at: number,
  unit: Unit,
  variables: readonly VariableDef[],
): VariableDef | null {
  let best: VariableDef | null = null;
  let bestDistance = Infinity;
  for (const v of variables) {
    if (v.unit !== unit || (v.type !== 'integer' && v.type !== 'number')) continue;
    const before = text.lastIndexOf(v.label, at);
    const after = text.indexOf(v.label, at);
    let distance = before !== -1 ? at - before : after !== -1 ? 1000 + after - at : Infinity;
    // Years since a date: "成立满两年" reads enterprise.yearsSinceFounding through 成立日期.
    const d = v.derived;
    const stem =
      d?.kind === 'since' ? variables.find((f) => f.id === d.from)?.label.replace(/日期$/, '') : undefined;
    if (stem && stem.length >= 2 && new RegExp(`${escape(stem)}(?:已?满)?$`).test(text.slice(0, at)))
      distance = 0;
    if (distance < bestDistance) [best, bestDistance] = [v, distance];
  }
  if (best) return best;
  // 周岁 says "age" by itself: "年满十八周岁" names no label.
  const ages = variables.filter((v) => v.unit === '周岁');
  return unit === '周岁' && ages.length === 1 ? ages[0]! : null;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const RECORD = new RegExp(
  `^(?:(?:最近|近)(?:连续)?(${NUMBER})(?:个)?(年|个月|月|记分周期)内)?(?:无|没有|未有|不存在)被?(.+?)的?(?:行为)?记录$`,
);
/** 记分周期为12个月 (道路交通安全法实施条例 第二十三条). */
const PERIODS: Record<string, { months: number; note: string }> = {
  记分周期: {
    months: 12,
    note: '一个记分周期为12个月（道路交通安全法实施条例第二十三条），按最近月数计算，与自初次领证日起算的记分周期最多相差一年',
  },
};

/**
 * "无犯罪记录", "最近一年内无驾驶客运车辆超员、超速等严重交通违法行为记录": a list variable whose records have a
 * kind (an enum field) and a date. Every part of the words must be one of the kinds, else no proposal: a rule
 * that silently drops "严重违法" from "无犯罪或严重违法记录" would let people through that the text does not.
 */
export function noRecord(text: string, variables: readonly VariableDef[]): Draft | null {
  const m = RECORD.exec(text);
  if (!m) return null;
  const object = m[3]!;
  for (const v of variables) {
    if (v.type !== 'list' || !v.fields) continue;
    const kind = Object.entries(v.fields).find(([, f]) => f.type === 'enum' && f.values?.length);
    const date = Object.entries(v.fields).find(([, f]) => f.type === 'date');
    if (!kind) continue;
    const kinds = kind[1].values!.filter((k) => readsAs(k, object));
    const parts = object.split(/以及|或者|、|或|和|及/).filter((p) => p.length > 0);
    if (kinds.length === 0 || !parts.every((p) => kinds.some((k) => sharesRun(p, k)))) continue;
    // "无酗酒、吸毒等不良行为记录": 等 leaves the list open, unless a kind is itself so worded.
    if (object.includes('等') && !kinds.some((k) => k.includes('等'))) continue;
    const kindCond: ItemCondition =
      kinds.length === 1
        ? { op: 'cmp', field: kind[0], cmp: '=', right: kinds[0]! }
        : { op: 'in', field: kind[0], values: kinds };
    let where: ItemCondition = kindCond;
    let note: string | undefined;
    if (m[1] !== undefined) {
      const n = toNumber(m[1]);
      const period = PERIODS[m[2]!];
      if (n === null || !date) continue;
      const [amount, unit]: [number, SinceUnit] =
        m[2] === '年' ? [n, 'years'] : period ? [n * period.months, 'months'] : [n, 'months'];
      note = period?.note;
      where = { op: 'and', of: [kindCond, { op: 'withinLast', field: date[0], amount, unit }] };
    }
    const draft: Draft = {
      pattern: 'no-record',
      variable: v,
      label: `无${kinds.join('、')}记录`,
      reason: `“${object}”对应${v.label}中的记录类型：${kinds.join('、')}`,
      rule: { op: 'count', list: v.id, where, cmp: '=', right: 0 },
    };
    if (note) draft.note = note;
    return draft;
  }
  return null;
}

/**
 * A kind reads in the words when its characters appear in order, in runs of two or more:
 * "致人死亡或重伤事故责任" in "致人死亡或重伤的交通事故责任", "饮酒驾驶" in "饮酒后驾驶".
 */
function readsAs(kind: string, words: string): boolean {
  let from = 0;
  for (let rest = kind; rest.length > 0;) {
    let len = rest.length;
    while (len >= 2 && words.indexOf(rest.slice(0, len), from) === -1) len--;
    const at = words.indexOf(rest.slice(0, len), from);
    // Runs of one character would let almost any kind read in almost any words.
    if (at === -1 || (len < 2 && kind.length > 1)) return false;
    from = at + len;
    rest = rest.slice(len);
  }
  return true;
}

function sharesRun(a: string, b: string): boolean {
  for (let i = 0; i + 2 <= a.length; i++) if (b.includes(a.slice(i, i + 2))) return true;
  return false;
}

/** "纳税信用级别为A级或B级": the label, then nothing but values of its enum. */
export function enumeration(text: string, variables: readonly VariableDef[]): Draft | null {
  for (const v of variables) {
    if (v.type !== 'enum' || !v.values) continue;
    const at = text.indexOf(v.label);
    if (at === -1) continue;
    const rest = text.slice(at + v.label.length).replace(/^(?:为|是|属于)/, '');
    const tokens = rest.split(/或者|、|或|和|及/).map((t) => t.replace(/(?:级|类|型)$/, ''));
    if (tokens.length === 0 || !tokens.every((t) => v.values!.includes(t))) continue;
    const rule: Rule =
      tokens.length === 1 ? cmp(v, '=', tokens[0]!) : { op: 'in', left: { var: v.id }, values: tokens };
    return {
      pattern: 'enum',
      variable: v,
      label: v.label,
      reason: `原文列出的${v.label}均为已定义的取值`,
      rule,
    };
  }
  return null;
}

/** "被认定为高新技术企业": one member of a set variable, and nothing else in the clause. */
export function membership(text: string, variables: readonly VariableDef[]): Draft | null {
  for (const v of variables) {
    if (v.type !== 'set' || !v.values) continue;
    const value = v.values.find((x) =>
      new RegExp(`^(?:(?:已?被)?(?:认定|评定|评|列)为|属于)${escape(x)}$`).test(text),
    );
    if (value === undefined) continue;
    const rule: Rule = { op: 'has', left: { var: v.id }, value };
    return { pattern: 'set', variable: v, label: value, reason: `“${value}”是${v.label}的取值之一`, rule };
  }
  return null;
}
