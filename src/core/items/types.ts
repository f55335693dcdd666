/**
 * A policy item (政策事项): the smallest unit a person or enterprise can use or apply for (聊政办字〔2023〕13号:
 * 将政策细化拆分为最小颗粒度的政策事项, 明确办理条件和承诺时限). Its conditions are a rule in the eligibility
 * language of src/core/rules; everything else is what the service guide (办事指南) says.
 *
 * @example
 * const item: PolicyItemDefinition = { code: 'LC-JY-0001', name: '校车驾驶资格许可', kind: '行政许可', … };
 */
import type { Citation, IsoDate, Outcome, ParameterDef, Profile, Rule } from '../rules/types.ts';
import type { VariableDef } from '../rules/variables.ts';

/** 减免/奖补/权益/资质 as the province platforms group benefits, plus 行政许可 and 公共服务. */
export const ITEM_KINDS = ['减免', '奖补', '权益', '资质', '行政许可', '公共服务'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_TARGETS = ['enterprise', 'person', 'both'] as const;
export type ItemTarget = (typeof ITEM_TARGETS)[number];

/** 依申请 (on application), 即申即享 (granted on applying), 免申即享 (granted from shared data, no application). */
export const ITEM_MODES = ['依申请', '即申即享', '免申即享'] as const;
export type ItemMode = (typeof ITEM_MODES)[number];

export const ITEM_STATUSES = ['draft', 'published', 'suspended', 'expired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Where a material can come from: an upload, an electronic licence (电子证照), shared data, or 告知承诺. */
export const MATERIAL_SOURCES = ['upload', 'licence', 'shared', 'commitment'] as const;
export type MaterialSource = (typeof MATERIAL_SOURCES)[number];

/**
 * A citation of a document's text: an article (条/款/项) as in rules, or for a plan-style document without
 * articles (方案, 意见), a section of its outline such as "四、（三）".
 */
export type Basis = Citation | { doc: string; section: string };

export interface Material {
  id: string;
  name: string;
  required: boolean;
  sources: MaterialSource[];
  /** The condition ids (in `rule`) this material proves. */
  proves: string[];
  cite?: Basis;
  note?: string;
}

export interface ProcessStep {
  name: string;
  department: string;
  /** Working days (工作日) the step may take, where the text sets a limit. */
  workingDays?: number;
  cite?: Basis;
}

export type Benefit =
  | { kind: 'none'; description: string }
  /** The text names a benefit but no amount: say so, never invent one. */
  | { kind: 'unspecified'; description: string; note: string }
  | { kind: 'fixed'; description: string; amount: number; unit: '元' | '万元' }
  /** 按投资额的X%，最高Y万元: `rate` percent of a variable, capped. */
  | { kind: 'rate'; description: string; ratePercent: number; of: string; cap?: number; unit: '元' | '万元' };

/** A test case, OpenFisca style: this profile on this day gives this outcome (and, optionally, these conditions). */
export interface ItemExample {
  name: string;
  asOf: IsoDate;
  profile: Profile;
  expected: Outcome;
  /** Outcomes of named conditions (by id) that the explanation must show. */
  conditions?: Record<string, Outcome>;
  /** Substrings of near-miss messages the explanation must give. */
  nearMisses?: string[];
}

export interface PolicyItemDefinition {
  /** Stable id of the item on this platform. */
  code: string;
  /** The national 实施编码, where one has been assigned. */
  implementationCode?: string;
  name: string;
  kind: ItemKind;
  target: ItemTarget;
  mode: ItemMode;
  summary: string;
  /** The articles (or outline sections) the item comes from. */
  basis: Basis[];
  /** The conditions as written in the text (办理条件). */
  conditionsText: string;
  /** The conditions as a rule; every condition cites its article. */
  rule: Rule;
  /** Variables only this item uses (the base catalogue has the common ones). */
  variables?: VariableDef[];
  parameters?: ParameterDef[];
  materials: Material[];
  process: ProcessStep[];
  limits: {
    /** 法定时限 in working days, as the text sets it. */
    statutoryDays?: number;
    /** 承诺时限 in working days. */
    promisedDays?: number;
    note?: string;
    cite?: Basis;
  };
  fees: { free: boolean; text: string };
  departments: { lead: string; co: string[] };
  contacts: { consult?: string; complaint?: string; note?: string };
  /** When applications are accepted; absent ends are open. */
  window?: { opensOn?: IsoDate; closesOn?: IsoDate };
  benefit: Benefit;
  /** Items in the same group are not paid together: the higher one is taken (就高不重复). */
  stackingGroup?: string;
  /** Narrows the document's validity; absent means the document's. */
  validity?: { from?: IsoDate; until?: IsoDate };
  examples: ItemExample[];
}
