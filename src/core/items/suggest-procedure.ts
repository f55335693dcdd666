/**
 * The procedure an article and its neighbours describe, for the 拆分为政策事项 suggestions: time limits
 * (三个工作日内, 自收到申请材料之日起…), the departments named and what each does, and fees.
 *
 * @example
 * limitsIn(piecesOf(article23)).map((l) => [l.amount, l.unit, l.department]);
 * // [[3, 'workingDays', '教育行政部门或行政审批部门']]
 */
import {
  NUMBER,
  idOf,
  sentencesOf,
  spanOf,
  toNumber,
  type Piece,
  type Segment,
  type SourceSpan,
} from './suggest-text.ts';

export interface LimitSuggestion {
  id: string;
  /** The words of the limit: 自收到申请材料之日起三个工作日内. */
  span: SourceSpan;
  /** The sentence it limits. */
  clause: SourceSpan;
  amount: number;
  unit: 'workingDays' | 'days' | 'months';
  workingDays: boolean;
  /** What starts the clock: 收到申请材料, 批准决定作出. */
  trigger: string | null;
  /** What must be done in time: 将申请材料分别送公安机关交通管理部门、交通运输部门征求意见. */
  action: string | null;
  /** The department that must act, as printed, when the sentence names one as its subject. */
  department: string | null;
}

export type DepartmentRole = '受理' | '审查' | '会签' | '批准' | '发放';

export interface DepartmentSuggestion {
  id: string;
  /** As first printed: 县级以上教育行政部门. */
  name: string;
  /** The same department printed with another level: 教育行政部门. */
  variants: string[];
  /** The first mention. */
  span: SourceSpan;
  roles: { role: DepartmentRole; span: SourceSpan; reason: string }[];
}

export interface FeeSuggestion {
  id: string;
  free: boolean;
  text: string;
  span: SourceSpan;
}

const LEVEL =
  '(?:县级以上|县级|市级|省级|各级|本级|同级|上级|所在地|市、县（市、区）|各县（市、区）|县（市、区）|区（市）|各区县|区县|市|县|区|省)';
/** Lines of work as department names print them; longest first, so that the alternation takes the whole name. */
const FIELDS = [
  '人力资源和社会保障',
  '人力资源社会保障',
  '住房和城乡建设',
  '住房城乡建设',
  '自然资源和规划',
  '工业和信息化',
  '市场监督管理',
  '退役军人事务',
  '综合行政执法',
  '地方金融监管',
  '粮食和储备',
  '文化和旅游',
  '发展和改革',
  '交通运输',
  '行政审批',
  '市场监管',
  '卫生健康',
  '自然资源',
  '生态环境',
  '农业农村',
  '发展改革',
  '应急管理',
  '城市管理',
  '司法行政',
  '医疗保障',
  '中小企业',
  '城建档案',
  '大数据',
  '教育',
  '财政',
  '民政',
  '商务',
  '科技',
  '税务',
  '水利',
  '审计',
  '统计',
  '体育',
].join('|');
const SUFFIX = '(?:行政管理部门|行政主管部门|主管部门|管理部门|行政部门|管理机构|部门|局|厅|委员会)';
const LEVEL_PREFIX = new RegExp(`^${LEVEL}(?=(?:人民政府)?(?:${FIELDS})|公安机关|人民政府)`);
const DEPARTMENT = new RegExp(
  [
    `${LEVEL}?(?:人民政府)?(?:${FIELDS})${SUFFIX}`,
    `${LEVEL}?公安机关交通管理部门`,
    `${LEVEL}?公安机关`,
    `${LEVEL}?人民政府(?:（含[^）]{1,20}）)?`,
    '(?:市属)?开发区管委会',
    '农业发展银行',
  ].join('|'),
  'g',
);

/** Whether the words name a government department (not a hospital or a company): 县级公安机关. */
export function namesDepartment(text: string): boolean {
  return new RegExp(DEPARTMENT.source).test(text);
}

interface Mention {
  name: string;
  start: number;
  end: number;
}

/** Departments in a sentence, with runs joined by 、和或及 ("公安机关交通管理部门、交通运输部门") kept together. */
function groupsIn(text: string): Mention[][] {
  const groups: Mention[][] = [];
  for (const m of text.matchAll(DEPARTMENT)) {
    const mention = { name: m[0], start: m.index, end: m.index + m[0].length };
    const last = groups.at(-1)?.at(-1);
    if (last && /^(?:、|和|或|及|与|以及|或者)$/.test(text.slice(last.end, mention.start)))
      groups.at(-1)!.push(mention);
    else groups.push([mention]);
  }
  return groups;
}

/** A group is the subject of what follows when it opens a clause (or follows 由). */
function isSubject(text: string, group: Mention[]): boolean {
  const before = text.slice(0, group[0]!.start);
  return before === '' || /(?:[，,：:]|由[^，。；]{0,16})$/.test(before);
}

const TRIGGER = /自([^，。；]{1,40}?)之日起|收到([^，。；]{1,30}?)后|在([^，。；]{1,20}?)后/g;
/** What starts a department's clock says what it is doing: it received the application, or the request for its opinion. */
const TRIGGER_ROLES: [DepartmentRole, RegExp, string][] = [
  ['受理', /收到申请材料|受理(?:申请|之日)/, '收到申请材料或受理申请'],
  ['会签', /收到征求意见材料/, '收到征求意见材料'],
];
const ROLE_RULES: [DepartmentRole, RegExp, string][] = [
  ['受理', /^受理/, '受理申请'],
  ['会签', /回复意见|会签/, '回复意见或会签'],
  ['审查', /审查|审核|初审|复审|查验|核查/, '审查、审核或查验'],
  ['批准', /^(?:决定|不予)?批准|作出(?:是否)?(?:批准|许可)的?决定|择优选定|予以认定/, '决定批准或认定'],
  // "签注准许驾驶校车的机动车驾驶证" names a licence; "在行驶证上签注校车类型" is the act.
  ['发放', /核发|发放|颁发|补发|换发|拨付|签注(?![^，。；]{0,12}的)/, '核发、拨付或签注'],
];

/** 法律责任: "…部门及其工作人员在审核工作中…依法追究责任" says what they must not do, not what they do. */
const PENALTY = /及其工作人员|追究|处分|责令改正|罚款/;

/** What each department does, read from the sentences where it is the subject, or the object of 送/向. */
export function departmentsIn(pieces: readonly Piece[]): DepartmentSuggestion[] {
  const found: DepartmentSuggestion[] = [];
  for (const piece of pieces) {
    for (const sentence of sentencesOf(piece.text)) {
      const groups = groupsIn(sentence.text);
      groups.forEach((group, g) => {
        const roles = rolesOf(sentence.text, groups, g);
        for (const m of group) {
          const span = spanOf(piece, sentence.start + m.start, sentence.start + m.end);
          let d = found.find((x) => sameDepartment(x.name, m.name));
          if (!d)
            found.push((d = { id: `department-${m.name}`, name: m.name, variants: [], span, roles: [] }));
          else if (m.name !== d.name && !d.variants.includes(m.name)) d.variants.push(m.name);
          for (const r of roles)
            if (!d.roles.some((x) => x.role === r.role))
              d.roles.push({ role: r.role, span, reason: r.reason });
        }
      });
    }
  }
  return found;
}

function rolesOf(text: string, groups: Mention[][], g: number): { role: DepartmentRole; reason: string }[] {
  const group = groups[g]!;
  const before = text.slice(0, group[0]!.start);
  const nextSubject = groups.slice(g + 1).find((next) => isSubject(text, next));
  const predicate = text.slice(group.at(-1)!.end, nextSubject?.[0]!.start ?? text.length);
  if (PENALTY.test(predicate)) return [];
  if (isSubject(text, group)) {
    const roles: { role: DepartmentRole; reason: string }[] = [];
    const triggers = [...predicate.matchAll(TRIGGER)].map((m) => m[0]).join('');
    const rest = predicate.replace(TRIGGER, '').replace(/^(?:应当|依照职责)/, '');
    const add = (role: DepartmentRole, why: string) => {
      if (!roles.some((r) => r.role === role)) roles.push({ role, reason: `${why}：“${predicate}”` });
    };
    for (const [role, re, why] of TRIGGER_ROLES) if (re.test(triggers)) add(role, why);
    for (const [role, re, why] of ROLE_RULES) if (re.test(rest)) add(role, why);
    return roles;
  }
  if (/(?:送|报送|转送)$/.test(before) && /^[^，。；]{0,6}征求意见/.test(predicate))
    return [{ role: '会签', reason: `征求其意见：“${text}”` }];
  if (/向$/.test(before) && /^(?:提交|提出|申请|报送)/.test(predicate))
    return [{ role: '受理', reason: `申请人向其提交申请：“${text}”` }];
  if (/向$/.test(before) && /^(?:领取|申领)/.test(predicate))
    return [{ role: '发放', reason: `申请人向其领取：“${text}”` }];
  return [];
}

/**
 * 教育行政部门 is 县级以上教育行政部门 printed again without its level, and 同级财政部门 is 财政部门; but
 * 区（市）中小企业主管部门 and 市中小企业主管部门 are two departments.
 */
function sameDepartment(a: string, b: string): boolean {
  if (a === b) return true;
  const level = (name: string) => LEVEL_PREFIX.exec(name)?.[0] ?? '';
  if (a.slice(level(a).length) !== b.slice(level(b).length)) return false;
  return [level(a), level(b)].some((l) => l === '' || /^(?:县级以上|各级|本级|同级|上级|所在地)$/.test(l));
}

const UNIT = '(工作日|日|天|个月|月)';
/** 自收到申请材料之日起三个工作日内 / 收到资金后15个工作日内 / 竣工验收后三个月内 / 在10个工作日内 / 五个工作日内. */
const LIMITS: RegExp[] = [
  new RegExp(`(?:自|从)([^，。；]{1,40}?)之日起的?(${NUMBER})个?${UNIT}内`, 'g'),
  new RegExp(`([^，。；自从在应当]{2,20}?)后(${NUMBER})个?${UNIT}内`, 'g'),
  new RegExp(`在()(${NUMBER})个?${UNIT}内`, 'g'),
  new RegExp(`()(?<![最近前在零〇一二两三四五六七八九十百千0-9０-９])(${NUMBER})个?(工作日)内`, 'g'),
];

/**
 * Time limits on the administration, not windows that look back ("最近一年内无…记录") or ahead of a deadline
 * ("有效期满前一个月内"): those belong to conditions and to the applicant.
 */
export function limitsIn(pieces: readonly Piece[]): LimitSuggestion[] {
  const out: LimitSuggestion[] = [];
  for (const piece of pieces) {
    for (const sentence of sentencesOf(piece.text)) {
      const taken: [number, number][] = [];
      for (const re of LIMITS) {
        for (const m of sentence.text.matchAll(re)) {
          const start = m.index + (m[0].startsWith('在') ? 1 : 0);
          const end = m.index + m[0].length;
          if (taken.some(([s, e]) => start < e && end > s)) continue;
          const amount = toNumber(m[2]!);
          if (amount === null || amount <= 0) continue;
          taken.push([start, end]);
          const unit = m[3] === '工作日' ? 'workingDays' : /月/.test(m[3]!) ? 'months' : 'days';
          const span = spanOf(piece, sentence.start + start, sentence.start + end);
          out.push({
            id: idOf('limit', span),
            span,
            clause: spanOf(piece, sentence.start, sentence.end),
            amount,
            unit,
            workingDays: unit === 'workingDays',
            trigger: m[1] ? m[1].trim() : null,
            action: sentence.text.slice(end).replace(/^[，,\s]+/, '') || null,
            department: actorOf(sentence, start),
          });
        }
      }
    }
  }
  return out.sort(
    (a, b) =>
      a.span.article - b.span.article || a.span.paragraph - b.span.paragraph || a.span.start - b.span.start,
  );
}

/** The department that is the subject of the clause holding position `at`. */
function actorOf(sentence: Segment, at: number): string | null {
  const subjects = groupsIn(sentence.text).filter((g) => g[0]!.start < at && isSubject(sentence.text, g));
  const group = subjects.at(-1);
  if (!group) return null;
  // "…决定批准的，教育行政部门…应当": the subject of the main clause, not of the condition before it.
  if (/的[，,]/.test(sentence.text.slice(group.at(-1)!.end, at))) return null;
  return sentence.text.slice(group[0]!.start, group.at(-1)!.end);
}

/** 不收费 / 不得收取任何费用 / 免费; 收取…费 (when not negated). */
export function feesIn(pieces: readonly Piece[]): FeeSuggestion[] {
  const out: FeeSuggestion[] = [];
  for (const piece of pieces) {
    for (const sentence of sentencesOf(piece.text)) {
      const free = /不收费|不(?:得|予)?收取(?:任何)?费用|免费办理|免收[^，。；]{0,10}费/.exec(sentence.text);
      const paid = /(?<!不|不得|不予)收取([^，。；]{1,20}?费)/.exec(sentence.text);
      const m = free ?? paid;
      if (!m) continue;
      const span = spanOf(piece, sentence.start + m.index, sentence.start + m.index + m[0].length);
      out.push({ id: idOf('fee', span), free: m === free, text: sentence.text, span });
    }
  }
  return out;
}
