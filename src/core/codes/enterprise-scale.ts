import { industriesWithin, industryByCode } from './industry.ts';

/**
 * 大中小微型企业划分 by 《统计上大中小微型企业划分办法（2017）》 (国统字〔2017〕213号), with its 附表 and notes.
 * Employees (从业人员, X) are counted in 人; revenue (营业收入, Y) and total assets (资产总额, Z) in 万元.
 *
 * The first note under the 附表: 大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足
 * 所列指标中的一项即可. So the scale is the lowest of the scales the indicators reach one by one, and one
 * indicator below the 小型 floor already makes a 微型 enterprise, whatever the others are.
 *
 * A missing indicator is never taken as 0: the result is `ok: false` with the indicator in `missing`,
 * unless the indicators present already settle the scale as 微型.
 *
 * @example
 * classifyScale({ industry: 'C3451', employees: 300, revenue: 2500 })
 * // { ok: true, scale: '中型', category: '工业', basis: '工业：从业人员300人≥300人且营业收入2500万元≥2000万元，为中型' }
 */
export type EnterpriseScale = '大型' | '中型' | '小型' | '微型';

export type ScaleIndicator = 'employees' | 'revenue' | 'totalAssets';

export type ScaleResult =
  | { ok: true; scale: EnterpriseScale; category: string; basis: string }
  | {
      ok: false;
      missing: Array<'industry' | ScaleIndicator>;
      category: string | null;
      error: string;
    };

export interface ScaleInput {
  /** GB/T 4754-2017 code, with or without the section letter ("C3451" or "3451"). */
  industry: string;
  employees?: number;
  revenue?: number;
  totalAssets?: number;
}

const SCALES: EnterpriseScale[] = ['大型', '中型', '小型', '微型'];

/** Lower bounds of 大型, 中型 and 小型 for one indicator; below the last is 微型. */
type Bounds = readonly [large: number, medium: number, small: number];

/** 附表 统计上大中小微型企业划分标准, row by row. */
const CATEGORIES: Record<string, Partial<Record<ScaleIndicator, Bounds>>> = {
  '农、林、牧、渔业': { revenue: [20000, 500, 50] },
  工业: { employees: [1000, 300, 20], revenue: [40000, 2000, 300] },
  建筑业: { revenue: [80000, 6000, 300], totalAssets: [80000, 5000, 300] },
  批发业: { employees: [200, 20, 5], revenue: [40000, 5000, 1000] },
  零售业: { employees: [300, 50, 10], revenue: [20000, 500, 100] },
  交通运输业: { employees: [1000, 300, 20], revenue: [30000, 3000, 200] },
  仓储业: { employees: [200, 100, 20], revenue: [30000, 1000, 100] },
  邮政业: { employees: [1000, 300, 20], revenue: [30000, 2000, 100] },
  住宿业: { employees: [300, 100, 10], revenue: [10000, 2000, 100] },
  餐饮业: { employees: [300, 100, 10], revenue: [10000, 2000, 100] },
  信息传输业: { employees: [2000, 100, 10], revenue: [100000, 1000, 100] },
  软件和信息技术服务业: { employees: [300, 100, 10], revenue: [10000, 1000, 50] },
  房地产开发经营: { revenue: [200000, 1000, 100], totalAssets: [10000, 5000, 2000] },
  物业管理: { employees: [1000, 300, 100], revenue: [5000, 1000, 500] },
  租赁和商务服务业: { employees: [300, 100, 10], totalAssets: [120000, 8000, 100] },
  其他未列明行业: { employees: [300, 100, 10] },
};

/**
 * GB/T 4754-2017 codes → row of the 附表; the longest matching prefix wins. The second note under the 附表
 * defines the rows marked * (行业组合类别):
 * - 工业: 采矿业 (B), 制造业 (C), 电力、热力、燃气及水生产和供应业 (D).
 * - 交通运输业: 道路运输业 (54), 水上运输业 (55), 航空运输业 (56), 管道运输业 (57), 多式联运和运输代理业 (58),
 *   装卸搬运 (591); not 铁路运输业 (53).
 * - 仓储业: 通用仓储 (592), 低温仓储 (593), 危险品仓储 (594), 谷物、棉花等农产品仓储 (595), 中药材仓储 (596),
 *   其他仓储业 (599). 邮政业 (60) is a row of its own.
 * - 信息传输业: 电信、广播电视和卫星传输服务 (63), 互联网和相关服务 (64).
 * - 其他未列明行业: 科学研究和技术服务业 (M), 水利、环境和公共设施管理业 (N), 居民服务、修理和其他服务业 (O),
 *   社会工作 (85), 文化、体育和娱乐业 (R), 房地产中介服务 (703) and 其他房地产业 (709); the note excludes
 *   自有房地产经营活动, which GB/T 4754-2017 calls 房地产租赁经营 (704).
 * Not in the 办法 at all: 铁路运输业 (53), 金融业 (J, which has its own 金融业企业划型标准), 房地产租赁经营 (704),
 * 教育 (P), 卫生 (84), 公共管理、社会保障和社会组织 (S) and 国际组织 (T). The "等" of the note could be read to
 * take in 教育 and 卫生; we do not guess, and report them as not covered.
 */
const CATEGORY_BY_PREFIX: [prefix: string, category: string][] = [
  ['A', '农、林、牧、渔业'],
  ['B', '工业'],
  ['C', '工业'],
  ['D', '工业'],
  ['E', '建筑业'],
  ['F51', '批发业'],
  ['F52', '零售业'],
  ...['G54', 'G55', 'G56', 'G57', 'G58', 'G591'].map((p): [string, string] => [p, '交通运输业']),
  ...['G592', 'G593', 'G594', 'G595', 'G596', 'G599'].map((p): [string, string] => [p, '仓储业']),
  ['G60', '邮政业'],
  ['H61', '住宿业'],
  ['H62', '餐饮业'],
  ['I63', '信息传输业'],
  ['I64', '信息传输业'],
  ['I65', '软件和信息技术服务业'],
  ['K701', '房地产开发经营'],
  ['K702', '物业管理'],
  ['L', '租赁和商务服务业'],
  ...['M', 'N', 'O', 'Q85', 'R', 'K703', 'K709'].map((p): [string, string] => [p, '其他未列明行业']),
];

const LABEL: Record<ScaleIndicator, string> = {
  employees: '从业人员',
  revenue: '营业收入',
  totalAssets: '资产总额',
};
const UNIT: Record<ScaleIndicator, string> = { employees: '人', revenue: '万元', totalAssets: '万元' };
const MEASURES = '《统计上大中小微型企业划分办法（2017）》';

function categoryOfClass(code: string): string | null {
  let best: [string, string] | undefined;
  for (const rule of CATEGORY_BY_PREFIX)
    if (code.startsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  return best?.[1] ?? null;
}

/**
 * The 附表 row for an industry code, or why there is none. A code above the class level is accepted when
 * all its classes fall in one row (C34 → 工业) and refused as too coarse when they do not (G59 → 交通运输业
 * and 仓储业).
 */
export function scaleCategoryOf(
  industry: string,
):
  | { ok: true; category: string }
  | { ok: false; reason: 'unknown' | 'too-coarse' | 'not-covered'; error: string } {
  const entry = industryByCode(industry);
  if (!entry) {
    const code = industry.trim();
    return {
      ok: false,
      reason: 'unknown',
      error: code
        ? `行业代码“${code}”不在国民经济行业分类（GB/T 4754-2017）中`
        : '缺少行业代码，无法确定划型标准',
    };
  }
  const classes =
    entry.level === 'class' ? [entry.code] : industriesWithin(entry.code, 'class').map((i) => i.code);
  const found = new Set(classes.map(categoryOfClass));
  const [only] = found;
  if (found.size === 1 && only) return { ok: true, category: only };
  if (found.size === 1)
    return {
      ok: false,
      reason: 'not-covered',
      error: `${entry.code} ${entry.name}不在${MEASURES}的划分范围内`,
    };
  const names = [...found].map((c) => c ?? '不适用本办法的行业').join('、');
  return {
    ok: false,
    reason: 'too-coarse',
    error: `行业代码${entry.code}（${entry.name}）包含${names}，划型标准不同，须用更细的行业代码`,
  };
}

/** Classifies an enterprise by the 办法. See the module comment for the rules. */
export function classifyScale(input: ScaleInput): ScaleResult {
  const found = scaleCategoryOf(input.industry);
  // An industry the 办法 does not cover needs no more data; an unknown or too coarse code needs a better one.
  if (!found.ok)
    return {
      ok: false,
      missing: found.reason === 'not-covered' ? [] : ['industry'],
      category: null,
      error: found.error,
    };
  const { category } = found;
  const table = CATEGORIES[category]!;
  const indicators = Object.keys(table) as ScaleIndicator[];

  const known: { indicator: ScaleIndicator; value: number; bounds: Bounds; tier: number }[] = [];
  const missing: ScaleIndicator[] = [];
  const invalid: string[] = [];
  for (const indicator of indicators) {
    const value = input[indicator];
    const bounds = table[indicator]!;
    if (value === undefined || value === null) missing.push(indicator);
    else if (!Number.isFinite(value) || value < 0) {
      missing.push(indicator);
      invalid.push(`${LABEL[indicator]}应为非负数，当前为${value}`);
    } else known.push({ indicator, value, bounds, tier: tierOf(value, bounds) });
  }
  const show = (k: (typeof known)[number]) => `${LABEL[k.indicator]}${k.value}${UNIT[k.indicator]}`;
  const bound = (k: (typeof known)[number], tier: number) => `${k.bounds[tier]}${UNIT[k.indicator]}`;

  // 微型企业只须满足所列指标中的一项即可: one indicator under the 小型 floor settles it, known or not the rest.
  const micro = known.filter((k) => k.tier === 3);
  if (micro.length > 0) {
    const unknown = missing.length
      ? `（${missing.map((m) => LABEL[m]).join('、')}未知，不影响结果：微型企业只须满足一项指标）`
      : '';
    return {
      ok: true,
      scale: '微型',
      category,
      basis: `${category}：${micro.map((k) => `${show(k)}<${bound(k, 2)}`).join('、')}，为微型${unknown}`,
    };
  }
  if (missing.length > 0) {
    const needs = indicators.map((i) => LABEL[i]).join('和');
    const absent = missing.filter((m) => input[m] === undefined || input[m] === null).map((m) => LABEL[m]);
    const problems = [...invalid, ...(absent.length ? [`缺少${absent.join('、')}`] : [])];
    return { ok: false, missing, category, error: `${category}须有${needs}才能划型，${problems.join('；')}` };
  }

  // 大型、中型和小型企业须同时满足所列指标的下限，否则下划一档.
  const tier = Math.max(...known.map((k) => k.tier));
  const best = Math.min(...known.map((k) => k.tier));
  const scale = SCALES[tier]!;
  let basis = `${category}：${known.map((k) => `${show(k)}≥${bound(k, tier)}`).join('且')}，为${scale}`;
  if (best < tier) {
    const limiting = known.filter((k) => k.tier === tier).map((k) => `${show(k)}<${bound(k, tier - 1)}`);
    const skipped = SCALES.slice(best, tier).join('、');
    basis += `；${limiting.join('、')}，未同时满足${skipped}下限，下划${tier - best === 1 ? '一档' : `为${scale}`}`;
  }
  return { ok: true, scale, category, basis };
}

/** 0 大型, 1 中型, 2 小型, 3 微型: the highest tier whose lower bound the value reaches. */
function tierOf(value: number, bounds: Bounds): number {
  const i = bounds.findIndex((b) => value >= b);
  return i < 0 ? 3 : i;
}
