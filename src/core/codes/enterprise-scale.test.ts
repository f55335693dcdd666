import { describe, expect, it } from 'vitest';
import { classifyScale, scaleCategoryOf, type ScaleIndicator } from './enterprise-scale.ts';

/**
 * 国统字〔2017〕213号 附表, transcribed again here: for each row, an industry in it and the lower bounds of
 * 大型, 中型 and 小型 per indicator (人 or 万元).
 */
const TABLE: [category: string, industry: string, bounds: Partial<Record<ScaleIndicator, number[]>>][] = [
  ['农、林、牧、渔业', 'A0111', { revenue: [20000, 500, 50] }],
  ['工业', 'C3451', { employees: [1000, 300, 20], revenue: [40000, 2000, 300] }],
  ['建筑业', 'E4710', { revenue: [80000, 6000, 300], totalAssets: [80000, 5000, 300] }],
  ['批发业', 'F5121', { employees: [200, 20, 5], revenue: [40000, 5000, 1000] }],
  ['零售业', 'F5211', { employees: [300, 50, 10], revenue: [20000, 500, 100] }],
  ['交通运输业', 'G5431', { employees: [1000, 300, 20], revenue: [30000, 3000, 200] }],
  ['仓储业', 'G5951', { employees: [200, 100, 20], revenue: [30000, 1000, 100] }],
  ['邮政业', 'G6020', { employees: [1000, 300, 20], revenue: [30000, 2000, 100] }],
  ['住宿业', 'H6110', { employees: [300, 100, 10], revenue: [10000, 2000, 100] }],
  ['餐饮业', 'H6210', { employees: [300, 100, 10], revenue: [10000, 2000, 100] }],
  ['信息传输业', 'I6311', { employees: [2000, 100, 10], revenue: [100000, 1000, 100] }],
  ['软件和信息技术服务业', 'I6513', { employees: [300, 100, 10], revenue: [10000, 1000, 50] }],
  ['房地产开发经营', 'K7010', { revenue: [200000, 1000, 100], totalAssets: [10000, 5000, 2000] }],
  ['物业管理', 'K7020', { employees: [1000, 300, 100], revenue: [5000, 1000, 500] }],
  ['租赁和商务服务业', 'L7211', { employees: [300, 100, 10], totalAssets: [120000, 8000, 100] }],
  ['其他未列明行业', 'M7320', { employees: [300, 100, 10] }],
];

const SCALES = ['大型', '中型', '小型', '微型'];
const HUGE = 10_000_000;

/**
 * Every lower bound of every row, approached from below, met and passed, while the other indicators stand
 * far above every bound, so that the one under test decides.
 */
const boundaryCases = TABLE.flatMap(([category, industry, bounds]) =>
  (Object.entries(bounds) as [ScaleIndicator, number[]][]).flatMap(([indicator, lows]) =>
    lows.flatMap((low, tier) => {
      const below = indicator === 'employees' ? low - 1 : low - 0.01;
      return [
        [category, industry, indicator, below, SCALES[tier + 1]!],
        [category, industry, indicator, low, SCALES[tier]!],
        [category, industry, indicator, low + 1, SCALES[tier]!],
      ] as const;
    }),
  ),
);

describe('统计上大中小微型企业划分 (国统字〔2017〕213号)', () => {
  it('has 3 cases for each of the 90 lower bounds of the table (30 indicators × 3)', () => {
    expect(boundaryCases).toHaveLength(3 * 90);
  });

  it.each(boundaryCases)('%s (%s): %s = %d → %s', (category, industry, indicator, value, scale) => {
    const input = { industry, employees: HUGE, revenue: HUGE, totalAssets: HUGE, [indicator]: value };
    expect(classifyScale(input)).toMatchObject({ ok: true, category, scale });
  });

  it('explains a classification', () => {
    expect(classifyScale({ industry: 'C3451', employees: 300, revenue: 2500 })).toEqual({
      ok: true,
      scale: '中型',
      category: '工业',
      basis: '工业：从业人员300人≥300人且营业收入2500万元≥2000万元，为中型',
    });
    expect(classifyScale({ industry: 'A0111', revenue: 600 })).toEqual({
      ok: true,
      scale: '中型',
      category: '农、林、牧、渔业',
      basis: '农、林、牧、渔业：营业收入600万元≥500万元，为中型',
    });
  });

  it('moves down one step when not every lower bound is met (下划一档)', () => {
    // 500 employees reach 中型, but 1000万元 only 小型.
    expect(classifyScale({ industry: 'C3451', employees: 500, revenue: 1000 })).toEqual({
      ok: true,
      scale: '小型',
      category: '工业',
      basis:
        '工业：从业人员500人≥20人且营业收入1000万元≥300万元，为小型；营业收入1000万元<2000万元，未同时满足中型下限，下划一档',
    });
    // 40000万元 reach 大型, 999 employees only 中型.
    expect(classifyScale({ industry: 'C3451', employees: 999, revenue: 40000 })).toMatchObject({
      scale: '中型',
    });
    // 1200 employees reach 大型, 500万元 only 小型: 大型 and 中型 both fail.
    expect(classifyScale({ industry: 'C3451', employees: 1200, revenue: 500 })).toMatchObject({
      scale: '小型',
      basis:
        '工业：从业人员1200人≥20人且营业收入500万元≥300万元，为小型；营业收入500万元<2000万元，未同时满足大型、中型下限，下划为小型',
    });
    // 建筑业 uses 营业收入 and 资产总额.
    expect(classifyScale({ industry: 'E4710', revenue: 90000, totalAssets: 4000 })).toMatchObject({
      scale: '小型',
    });
  });

  it('needs only one indicator below the 小型 floor for 微型', () => {
    expect(classifyScale({ industry: 'C3451', employees: 19, revenue: 50000 })).toEqual({
      ok: true,
      scale: '微型',
      category: '工业',
      basis: '工业：从业人员19人<20人，为微型',
    });
    expect(classifyScale({ industry: 'C3451', employees: 5000, revenue: 299 })).toMatchObject({
      scale: '微型',
    });
    expect(classifyScale({ industry: 'F5121', employees: 3, revenue: 800 })).toMatchObject({
      scale: '微型',
      basis: '批发业：从业人员3人<5人、营业收入800万元<1000万元，为微型',
    });
    // So a missing second indicator does not matter once one is below the floor.
    expect(classifyScale({ industry: 'C3451', employees: 12 })).toEqual({
      ok: true,
      scale: '微型',
      category: '工业',
      basis: '工业：从业人员12人<20人，为微型（营业收入未知，不影响结果：微型企业只须满足一项指标）',
    });
  });

  it('never takes a missing indicator as 0', () => {
    expect(classifyScale({ industry: 'C3451', employees: 500 })).toEqual({
      ok: false,
      missing: ['revenue'],
      category: '工业',
      error: '工业须有从业人员和营业收入才能划型，缺少营业收入',
    });
    expect(classifyScale({ industry: 'E4710' })).toMatchObject({
      ok: false,
      missing: ['revenue', 'totalAssets'],
      category: '建筑业',
    });
    expect(classifyScale({ industry: 'M7320', revenue: 10 })).toMatchObject({
      ok: false,
      missing: ['employees'],
    });
  });

  it('refuses values that are not counts or amounts', () => {
    expect(classifyScale({ industry: 'C3451', employees: -1, revenue: 500 })).toEqual({
      ok: false,
      missing: ['employees'],
      category: '工业',
      error: '工业须有从业人员和营业收入才能划型，从业人员应为非负数，当前为-1',
    });
    expect(classifyScale({ industry: 'C3451', employees: NaN })).toEqual({
      ok: false,
      missing: ['employees', 'revenue'],
      category: '工业',
      error: '工业须有从业人员和营业收入才能划型，从业人员应为非负数，当前为NaN；缺少营业收入',
    });
  });

  it('needs a known industry code', () => {
    expect(classifyScale({ industry: '', employees: 10, revenue: 10 })).toEqual({
      ok: false,
      missing: ['industry'],
      category: null,
      error: '缺少行业代码，无法确定划型标准',
    });
    expect(classifyScale({ industry: 'C3450', employees: 10 })).toEqual({
      ok: false,
      missing: ['industry'],
      category: null,
      error: '行业代码“C3450”不在国民经济行业分类（GB/T 4754-2017）中',
    });
  });

  it('places industries by the notes of the 附表', () => {
    const cases: [string, string | null][] = [
      ['3451', '工业'], // without the section letter
      ['B0610', '工业'],
      ['D4411', '工业'],
      ['C34', '工业'], // a division whose classes are all 工业
      ['C', '工业'],
      ['G5910', '交通运输业'], // 装卸搬运 goes with transport
      ['G5431', '交通运输业'],
      ['G5942', '仓储业'],
      ['G595', '仓储业'],
      ['G60', '邮政业'],
      ['I64', '信息传输业'],
      ['K7030', '其他未列明行业'], // 房地产中介服务
      ['K7090', '其他未列明行业'],
      ['Q8511', '其他未列明行业'], // 社会工作
      ['R8710', '其他未列明行业'],
      ['L7111', '租赁和商务服务业'],
    ];
    expect(cases.map(([code]) => ((s) => (s.ok ? s.category : null))(scaleCategoryOf(code)))).toEqual(
      cases.map(([, c]) => c),
    );
  });

  it('says which industries the 办法 does not cover', () => {
    for (const code of ['G5311', 'J6621', 'K7040', 'P8331', 'Q8411', 'S9221', 'T9700'])
      expect(classifyScale({ industry: code, employees: 10, revenue: 10, totalAssets: 10 })).toMatchObject({
        ok: false,
        missing: [],
        category: null,
      });
    expect(classifyScale({ industry: 'G5311', employees: 10 })).toMatchObject({
      error: 'G5311 高速铁路旅客运输不在《统计上大中小微型企业划分办法（2017）》的划分范围内',
    });
  });

  it('asks for a finer code when a coarse one spans several rows', () => {
    expect(classifyScale({ industry: 'G59', employees: 10, revenue: 10 })).toEqual({
      ok: false,
      missing: ['industry'],
      category: null,
      error: '行业代码G59（装卸搬运和仓储业）包含交通运输业、仓储业，划型标准不同，须用更细的行业代码',
    });
    expect(classifyScale({ industry: 'K70', employees: 10 })).toMatchObject({
      ok: false,
      error:
        '行业代码K70（房地产业）包含房地产开发经营、物业管理、其他未列明行业、不适用本办法的行业，划型标准不同，须用更细的行业代码',
    });
  });
});
