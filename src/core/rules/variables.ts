import { computeCitizenBirthDate, computeCitizenSex, computeEnterpriseScale } from './derivations.ts';
import type { FactValue, SinceUnit } from './types.ts';

/**
 * The typed variable catalogue that rules refer to. A policy item may declare variables of its own on top of
 * the base catalogue: `createCatalogue([...BASE_VARIABLES, ...itemVariables])`.
 *
 * @example
 * const catalogue = createCatalogue([
 *   ...BASE_VARIABLES,
 *   { id: 'item.patents', label: '有效发明专利', entity: 'enterprise', type: 'integer', unit: '项', min: 0 },
 * ]);
 * catalogue.get('enterprise.employees')?.unit === '人';
 */
export type VariableType =
  'number' | 'integer' | 'boolean' | 'date' | 'string' | 'enum' | 'set' | 'region' | 'industry' | 'list';

export type FieldType = 'number' | 'integer' | 'boolean' | 'date' | 'string' | 'enum';

export type Unit =
  '人' | '万元' | '元' | '年' | '周岁' | '个月' | '天' | '个' | '项' | '次' | '%' | '平方米' | '亩' | '吨';

/** One field of a list element: person.records has { kind, on }. */
export interface FieldDef {
  label: string;
  type: FieldType;
  unit?: Unit;
  values?: string[];
}

/**
 * How a variable follows from others. `since` counts whole periods from a date variable to the evaluation
 * date (person.age from person.birthDate), so it changes with the date and the compiler turns it into a date
 * comparison. `compute` does not depend on the date; it runs only when every `requires` input is known.
 */
export type Derivation =
  | { kind: 'since'; unit: SinceUnit; from: string }
  | {
      kind: 'compute';
      from: string[];
      requires: string[];
      /** Receives the known inputs (already validated); returns undefined when it cannot tell. */
      compute: (inputs: Readonly<Record<string, FactValue>>) => FactValue | undefined;
    };

export interface VariableDef {
  id: string;
  /** Chinese name, used in renderings and explanations. */
  label: string;
  entity: 'enterprise' | 'person';
  type: VariableType;
  unit?: Unit;
  min?: number;
  max?: number;
  /** Members of an enum or a set. */
  values?: string[];
  /** Fields of a list's elements. */
  fields?: Record<string, FieldDef>;
  derived?: Derivation;
  /** How a calculator asks for the value. */
  question?: string;
  /** How a boolean reads when true and when false ("未被列为失信主体"). */
  phrases?: { true: string; false: string };
  /** What one element of a list is called ("记录"). */
  itemNoun?: string;
}

export interface Catalogue {
  readonly variables: readonly VariableDef[];
  get(id: string): VariableDef | undefined;
  /** Derived variables, inputs before outputs. */
  readonly derivedOrder: readonly VariableDef[];
  /** The variable defined as whole `unit`s since `from` (person.age for years since person.birthDate). */
  sinceAlias(unit: SinceUnit, from: string): VariableDef | undefined;
}

const VARIABLE_ID = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Builds a catalogue, rejecting malformed definitions: a bad catalogue would make every rule on it suspect. */
export function createCatalogue(defs: readonly VariableDef[]): Catalogue {
  const byId = new Map<string, VariableDef>();
  for (const def of defs) {
    if (!VARIABLE_ID.test(def.id))
      throw new Error(`变量标识“${def.id}”格式不正确，应形如 enterprise.employees`);
    if (byId.has(def.id)) throw new Error(`变量 ${def.id} 重复定义`);
    if ((def.type === 'enum' || def.type === 'set') && !def.values?.length)
      throw new Error(`变量 ${def.id} 为枚举或集合，须列出取值`);
    if (def.type === 'list') {
      if (!def.fields || Object.keys(def.fields).length === 0)
        throw new Error(`列表变量 ${def.id} 须定义字段`);
      for (const [name, field] of Object.entries(def.fields)) {
        if (!FIELD_NAME.test(name)) throw new Error(`列表变量 ${def.id} 的字段名“${name}”格式不正确`);
        if (field.type === 'enum' && !field.values?.length)
          throw new Error(`列表变量 ${def.id} 的字段 ${name} 为枚举，须列出取值`);
      }
    }
    if (def.min !== undefined && def.max !== undefined && def.min > def.max)
      throw new Error(`变量 ${def.id} 的下限大于上限`);
    byId.set(def.id, def);
  }
  for (const def of defs) {
    const d = def.derived;
    if (!d) continue;
    const inputs = d.kind === 'since' ? [d.from] : d.from;
    for (const input of inputs)
      if (!byId.has(input)) throw new Error(`变量 ${def.id} 由未定义的变量 ${input} 推导`);
    if (d.kind === 'since' && (byId.get(d.from)!.type !== 'date' || def.type !== 'integer'))
      throw new Error(`变量 ${def.id} 按日期推导整年、整月或整日数，应为整数，且 ${d.from} 应为日期`);
    // Computed values are fixed once per profile (flatten), so they cannot rest on the evaluation date.
    if (d.kind === 'compute' && d.from.some((input) => byId.get(input)!.derived?.kind === 'since'))
      throw new Error(`变量 ${def.id} 不能由随评估日期变化的变量推导`);
  }
  const derivedOrder = orderDerivations(defs, byId);
  const aliases = new Map<string, VariableDef>();
  for (const def of defs)
    if (def.derived?.kind === 'since') aliases.set(`${def.derived.unit}:${def.derived.from}`, def);
  return {
    variables: defs,
    get: (id) => byId.get(id),
    derivedOrder,
    sinceAlias: (unit, from) => aliases.get(`${unit}:${from}`),
  };
}

/** Depth-first order so that person.birthDate (from person.citizenId) comes before person.age. */
function orderDerivations(defs: readonly VariableDef[], byId: Map<string, VariableDef>): VariableDef[] {
  const out: VariableDef[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (def: VariableDef) => {
    if (state.get(def.id) === 'done') return;
    if (state.get(def.id) === 'visiting') throw new Error(`变量 ${def.id} 的推导关系成环`);
    state.set(def.id, 'visiting');
    const d = def.derived!;
    for (const input of d.kind === 'since' ? [d.from] : d.from) {
      const inputDef = byId.get(input)!;
      if (inputDef.derived) visit(inputDef);
    }
    state.set(def.id, 'done');
    out.push(def);
  };
  for (const def of defs) if (def.derived) visit(def);
  return out;
}

const SCALES = ['大型', '中型', '小型', '微型'];

/** The variables every policy item can use. Labels follow the wording of the statistics and licence rules. */
export const BASE_VARIABLES: readonly VariableDef[] = [
  { id: 'enterprise.uscc', label: '统一社会信用代码', entity: 'enterprise', type: 'string' },
  { id: 'enterprise.name', label: '企业名称', entity: 'enterprise', type: 'string' },
  {
    id: 'enterprise.region',
    label: '注册地',
    entity: 'enterprise',
    type: 'region',
    question: '企业注册地在哪个区县？',
  },
  {
    id: 'enterprise.industry',
    label: '行业',
    entity: 'enterprise',
    type: 'industry',
    question: '企业所属行业（国民经济行业分类代码）是什么？',
  },
  {
    id: 'enterprise.foundedOn',
    label: '成立日期',
    entity: 'enterprise',
    type: 'date',
    question: '企业成立日期是哪一天？',
  },
  {
    id: 'enterprise.registeredCapital',
    label: '注册资本',
    entity: 'enterprise',
    type: 'number',
    unit: '万元',
    min: 0,
    question: '企业注册资本是多少万元？',
  },
  {
    id: 'enterprise.employees',
    label: '从业人员',
    entity: 'enterprise',
    type: 'integer',
    unit: '人',
    min: 0,
    question: '企业从业人员有多少人？',
  },
  {
    id: 'enterprise.revenue',
    label: '上年营业收入',
    entity: 'enterprise',
    type: 'number',
    unit: '万元',
    min: 0,
    question: '企业上年营业收入是多少万元？',
  },
  {
    id: 'enterprise.totalAssets',
    label: '资产总额',
    entity: 'enterprise',
    type: 'number',
    unit: '万元',
    min: 0,
    question: '企业资产总额是多少万元？',
  },
  {
    id: 'enterprise.taxCredit',
    label: '纳税信用级别',
    entity: 'enterprise',
    type: 'enum',
    // 纳税信用管理办法（试行）(国家税务总局公告2014年第40号) 第十七条, with M added by 国家税务总局公告2018年第8号.
    values: ['A', 'B', 'M', 'C', 'D'],
    question: '企业的纳税信用级别是什么？',
  },
  {
    id: 'enterprise.qualifications',
    label: '企业资质',
    entity: 'enterprise',
    type: 'set',
    values: [
      '高新技术企业',
      '专精特新中小企业',
      '专精特新“小巨人”企业',
      '规模以上工业企业',
      '科技型中小企业',
      '瞪羚企业',
    ],
    question: '企业已取得哪些认定？',
  },
  {
    id: 'enterprise.dishonest',
    label: '失信主体',
    entity: 'enterprise',
    type: 'boolean',
    phrases: { true: '被列为失信主体', false: '未被列为失信主体' },
    question: '企业是否被列为失信主体？',
  },
  {
    id: 'enterprise.scale',
    label: '企业规模',
    entity: 'enterprise',
    type: 'enum',
    values: SCALES,
    // 统计上大中小微型企业划分办法（2017）(国统字〔2017〕213号).
    derived: {
      kind: 'compute',
      from: ['enterprise.industry', 'enterprise.employees', 'enterprise.revenue', 'enterprise.totalAssets'],
      requires: ['enterprise.industry'],
      compute: computeEnterpriseScale,
    },
  },
  {
    id: 'enterprise.yearsSinceFounding',
    label: '成立年限',
    entity: 'enterprise',
    type: 'integer',
    unit: '年',
    min: 0,
    derived: { kind: 'since', unit: 'years', from: 'enterprise.foundedOn' },
  },
  { id: 'person.citizenId', label: '公民身份号码', entity: 'person', type: 'string' },
  { id: 'person.name', label: '姓名', entity: 'person', type: 'string' },
  {
    id: 'person.birthDate',
    label: '出生日期',
    entity: 'person',
    type: 'date',
    question: '您的出生日期是哪一天？',
    // GB 11643-1999: digits 7–14 of the citizen id are the birth date.
    derived: {
      kind: 'compute',
      from: ['person.citizenId'],
      requires: ['person.citizenId'],
      compute: computeCitizenBirthDate,
    },
  },
  {
    id: 'person.sex',
    label: '性别',
    entity: 'person',
    type: 'enum',
    values: ['男', '女'],
    // GB 11643-1999: the 17th digit is odd for men, even for women.
    derived: {
      kind: 'compute',
      from: ['person.citizenId'],
      requires: ['person.citizenId'],
      compute: computeCitizenSex,
    },
  },
  {
    id: 'person.householdRegion',
    label: '户籍地',
    entity: 'person',
    type: 'region',
    question: '您的户籍在哪个区县？',
  },
  {
    id: 'person.education',
    label: '学历',
    entity: 'person',
    type: 'enum',
    values: ['初中及以下', '高中/中专', '大专', '本科', '硕士研究生', '博士研究生'],
    question: '您的最高学历是什么？',
  },
  {
    id: 'person.employment',
    label: '就业状态',
    entity: 'person',
    type: 'enum',
    values: ['在职', '灵活就业', '失业', '退休', '在校学生'],
    question: '您目前的就业状态是什么？',
  },
  {
    id: 'person.licenceClass',
    label: '准驾车型',
    entity: 'person',
    type: 'enum',
    values: ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'],
    question: '您的机动车驾驶证准驾车型是什么？',
  },
  {
    id: 'person.licensedOn',
    label: '初次领证日期',
    entity: 'person',
    type: 'date',
    question: '您初次领取机动车驾驶证是哪一天？',
  },
  {
    id: 'person.records',
    label: '违法犯罪等记录',
    entity: 'person',
    type: 'list',
    itemNoun: '记录',
    question:
      '您是否有以下记录：记满分、致人死亡或重伤事故责任、饮酒或醉酒驾驶、客运超员超速等严重违法、犯罪、酗酒、吸毒？有的请逐条填写类型和日期，没有请选“没有”。',
    fields: {
      kind: {
        label: '记录类型',
        type: 'enum',
        values: [
          '记满分',
          '致人死亡或重伤事故责任',
          '饮酒驾驶',
          '醉酒驾驶',
          '客运超员超速等严重违法',
          '犯罪',
          '酗酒',
          '吸毒',
        ],
      },
      on: { label: '发生日期', type: 'date' },
    },
  },
  {
    id: 'person.healthy',
    label: '身心健康',
    entity: 'person',
    type: 'boolean',
    phrases: { true: '身心健康、无妨碍安全驾驶的疾病', false: '有妨碍安全驾驶的疾病' },
    question: '您是否身心健康，无传染性疾病，无癫痫、精神病等可能危及行车安全的疾病病史？',
  },
  {
    id: 'person.age',
    label: '年龄',
    entity: 'person',
    type: 'integer',
    unit: '周岁',
    min: 0,
    max: 150,
    question: '您今年多少周岁？',
    derived: { kind: 'since', unit: 'years', from: 'person.birthDate' },
  },
  {
    id: 'person.drivingYears',
    label: '驾驶经历',
    entity: 'person',
    type: 'integer',
    unit: '年',
    min: 0,
    question: '您有几年驾驶经历？',
    derived: { kind: 'since', unit: 'years', from: 'person.licensedOn' },
  },
];

export const BASE_CATALOGUE: Catalogue = createCatalogue(BASE_VARIABLES);
