/**
 * The eligibility-rule language: a typed AST, stored as JSON, that states the conditions (办理条件) of a policy
 * item (政策事项) with the article each condition comes from.
 *
 * The shape follows rules-as-code practice (OpenFisca, Catala): every condition cites its article, every
 * criterion is met, not met or unknown (a missing value is never taken as zero or false), and parameters
 * change by date.
 *
 * @example
 * const rule: Rule = {
 *   op: 'all',
 *   cite: { doc: '聊政字〔2023〕9号', article: 30 },
 *   of: [
 *     { op: 'cmp', left: { yearsSince: 'person.licensedOn' }, cmp: '>=', right: 3, cite: { doc: '聊政字〔2023〕9号', article: 30, items: [1] } },
 *     { op: 'between', left: { var: 'person.age' }, min: 25, max: 60 },
 *   ],
 * };
 */

/** An ISO calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

/**
 * Where a condition comes from: 文号 and 条, optionally 款 and 项. 第三十条（一）至（四） is
 * `{ doc, article: 30, items: [1, 4] }`; 第三十条第二款 is `{ doc, article: 30, paragraph: 2 }`. A plan-style
 * document without articles (方案, 意见) is cited by its outline section instead: `{ doc, section: '三、（三）' }`.
 * Exactly one of `article` and `section` is given (the checker holds a rule to that).
 */
export interface Citation {
  /** 文号, e.g. "聊政字〔2023〕9号". */
  doc: string;
  /** 条, 1-based. */
  article?: number;
  /** An outline section of a document without articles, labels as printed: "三、（三）". */
  section?: string;
  /** 款, 1-based. */
  paragraph?: number;
  /** 项: one item, or an inclusive range. */
  items?: [number, number] | [number];
}

/** What every node may carry. A node without `cite` inherits its parent's. */
export interface NodeMeta {
  /** Stable within a policy item: materials name the condition ids they prove. */
  id?: string;
  /** A short Chinese name, e.g. "准驾车型". */
  label?: string;
  cite?: Citation;
}

export type Literal = number | string | boolean;
/** A literal, or a parameter whose value depends on the evaluation date. */
export type Value = Literal | { param: string };

/**
 * A variable, or whole years / months / days from a date variable to the evaluation date, counted as
 * completed periods (周岁: yearsSince(person.birthDate)).
 */
export type Operand =
  { var: string } | { yearsSince: string } | { monthsSince: string } | { daysSince: string };

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type GroupOp = 'all' | 'any' | 'none';
export type SinceUnit = 'years' | 'months' | 'days';

interface Group<Op extends GroupOp> extends NodeMeta {
  op: Op;
  of: Rule[];
}
/** all: every child is met; any: at least one; none: no child is met. */
export type GroupRule = Group<'all'> | Group<'any'> | Group<'none'>;

export interface CmpRule extends NodeMeta {
  op: 'cmp';
  left: Operand;
  cmp: CmpOp;
  right: Value;
}

/** min ≤ left ≤ max: both ends included, as 以上 and 以下 include the number itself (民法典 第一千二百五十九条). */
export interface BetweenRule extends NodeMeta {
  op: 'between';
  left: Operand;
  min: Value;
  max: Value;
}

interface Membership<Op extends 'in' | 'notIn'> extends NodeMeta {
  op: Op;
  left: Operand;
  values: Literal[];
}
export type InRule = Membership<'in'> | Membership<'notIn'>;

/** A region (GB/T 2260) or industry (GB/T 4754) at or beneath `code`: 371581 within 371500, C3451 within C34. */
export interface WithinRule extends NodeMeta {
  op: 'within';
  left: Operand;
  code: string;
}

/** A set-valued variable contains `value`: enterprise.qualifications has "高新技术企业". */
export interface HasRule extends NodeMeta {
  op: 'has';
  left: Operand;
  value: Literal;
}

/** The number of elements of a list variable that satisfy `where` (all elements when absent), compared. */
export interface CountRule extends NodeMeta {
  op: 'count';
  list: string;
  where?: ItemCondition;
  cmp: CmpOp;
  right: Value;
}

export type Rule = GroupRule | CmpRule | BetweenRule | InRule | WithinRule | HasRule | CountRule;
export type LeafRule = Exclude<Rule, GroupRule>;

/** A condition on one element of a list, by its fields. */
export type ItemCondition =
  | { op: 'and'; of: ItemCondition[] }
  | { op: 'or'; of: ItemCondition[] }
  | { op: 'cmp'; field: string; cmp: CmpOp; right: Literal }
  | { op: 'in'; field: string; values: Literal[] }
  | { op: 'notIn'; field: string; values: Literal[] }
  /** The date field lies within the last `amount` units up to the evaluation date, both ends included. */
  | { op: 'withinLast'; field: string; amount: number; unit: SinceUnit };

/** A value that changes by date, as OpenFisca's parameters do. The value in force is the latest `from` ≤ date. */
export interface ParameterDef {
  id: string;
  label: string;
  unit?: string;
  values: Array<{ from: IsoDate; value: number | string; cite?: Citation }>;
}

/** Where a fact comes from: shared data of a department, the applicant's declaration, a document, or derivation. */
export type Source =
  | { kind: 'shared'; department: string; system?: string }
  | { kind: 'declared' }
  | { kind: 'document'; name: string; ref?: string }
  | { kind: 'derived'; from: string[] };

export type ListRecord = Record<string, string | number | boolean>;
/** number, string (dates as "YYYY-MM-DD", codes), boolean, a set of strings, or a list of records. */
export type FactValue = number | string | boolean | string[] | ListRecord[];

export interface Fact {
  value: FactValue;
  source: Source;
  /** When the value was true or observed, "YYYY-MM-DD". */
  asOf: IsoDate;
}

/** A person's or enterprise's facts (电子画像). A missing key is unknown, never zero or false. */
export interface Profile {
  kind: 'enterprise' | 'person';
  id?: string;
  facts: Record<string, Fact>;
}

export type Outcome = 'met' | 'notMet' | 'unknown';
