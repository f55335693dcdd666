/**
 * What an article asks of the applicant, for the 拆分为政策事项 suggestions: its conditions (the 项 after
 * 应当符合下列条件, the exclusions after 有下列情形之一的，不予…, or, with no list, the sentences that say what
 * an applicant must have) and its materials (the 项 after 提交下列材料, and the opinions that 第…项由…出具).
 *
 * @example
 * conditionsOf('聊政字〔2023〕9号', article30, piecesOf(article30), ctx).map((c) => c.cite.items);
 * // [[1], [2], [3], [4], [5], [6]]
 */
import { parseChineseNumber } from '../gazette/numerals.ts';
import type { Article } from '../gazette/types.ts';
import type { Citation } from '../rules/types.ts';
import { proposeRules, type PatternContext, type RuleSuggestion } from './suggest-patterns.ts';
import { namesDepartment } from './suggest-procedure.ts';
import {
  citationOf,
  idOf,
  sentencesOf,
  spanOf,
  type Piece,
  type Segment,
  type SourceSpan,
} from './suggest-text.ts';
import type { MaterialSource } from './types.ts';

export interface ConditionSuggestion {
  id: string;
  /** The 项, or the sentence, as printed. */
  text: string;
  span: SourceSpan;
  cite: Citation;
  /** 'excluded' for the items of 有下列情形之一的，不予支持. */
  polarity: 'required' | 'excluded';
  /** 'any' when the lead says 之一 (or for exclusions: any one of them excludes). */
  combinator: 'all' | 'any';
  /** The words that introduce the list: 取得校车驾驶资格应当符合下列条件. */
  lead: SourceSpan | null;
  rules: RuleSuggestion[];
  /** Clauses no rule covers: the editor writes their rule, or keeps them as text. */
  uncovered: SourceSpan[];
}

export interface MaterialSuggestion {
  id: string;
  name: string;
  /** What the text adds after the name: 包括行驶线路、开行时间和停靠站点等内容. */
  note?: string;
  span: SourceSpan;
  cite: Citation;
  source: MaterialSource;
  reason: string;
  /** Ids of the conditions it proves, where the text says so (前款第五项由…出示审核意见). */
  proves: string[];
}

export const CONDITION_LEAD =
  /(?<!不)(?:具备|符合|满足|具有)(?:以下|下列|如下)(?:基本)?(?:资格)?(?:条件|要求)(之一)?|(?:申请|申报|认定)条件(?:如下|为)?[：:]/;
const EXCLUSION_LEAD =
  /有(?:下列|以下)(?:情形|情况|行为)之一的[^，：:。]{0,8}[，,](?:不得|不予|不能|不再)[\u4e00-\u9fff]{0,2}?(?:申请|申报|受理|许可|批准|资助|支持|享受|认定|取得|办理|补助|补贴|奖励|奖补|推荐|发放)/;
/** A sentence that states what an applicant must have, when the article has no list. */
const APPLICANT =
  /^[^。；]{0,30}?(?:申请|申报|申领)[^。；]{0,30}?(?:应当|须|必须)(?:同时)?((?:具备|具有|符合|满足|年满|持有)[^。；]+)$/;
const ONLY_THEN = /^([^。；]{4,60}?)的[，,](?:方可|才能|才可以)(?:申请|申报|享受|领取|办理)/;

export function conditionsOf(
  doc: string,
  article: Article,
  pieces: Piece[],
  ctx: PatternContext,
): ConditionSuggestion[] {
  const out: ConditionSuggestion[] = [];
  const add = (
    piece: Piece,
    seg: Segment,
    lead: SourceSpan | null,
    polarity: ConditionSuggestion['polarity'],
    combinator: ConditionSuggestion['combinator'],
  ) => {
    const span = spanOf(piece, seg.start, seg.end);
    const cite = citationOf(doc, article, piece);
    const proposed =
      polarity === 'required' ? proposeRules(piece, seg, cite, ctx) : { rules: [], uncovered: [] };
    out.push({
      id: idOf('condition', span),
      text: seg.text,
      span,
      cite,
      polarity,
      combinator,
      lead,
      ...proposed,
    });
  };
  for (const p of article.paragraphs) {
    const own = pieces.find((x) => x.paragraph === p.number && x.item === undefined);
    const required = CONDITION_LEAD.exec(p.text);
    const excluded = required ? null : EXCLUSION_LEAD.exec(p.text);
    const m = required ?? excluded;
    if (!m || !own) continue;
    const lead = spanOf(own, leadStart(p.text, m.index), m.index + m[0].length);
    const combinator = excluded || required?.[1] ? 'any' : 'all';
    const polarity = excluded ? 'excluded' : 'required';
    for (const item of pieces.filter((x) => x.paragraph === p.number && x.item !== undefined))
      add(item, whole(item.text), lead, polarity, combinator);
    // "申请人应当具备以下条件：年满十八周岁；……" with the list in the paragraph itself.
    const colon = p.text.indexOf('：', m.index);
    if (p.items.length === 0 && colon !== -1)
      for (const s of sentencesOf(p.text.slice(colon + 1)))
        add(
          own,
          { start: colon + 1 + s.start, end: colon + 1 + s.end, text: s.text },
          lead,
          polarity,
          combinator,
        );
  }
  if (out.length > 0) return out;
  for (const piece of pieces) {
    for (const s of sentencesOf(piece.text)) {
      const m = APPLICANT.exec(s.text) ?? ONLY_THEN.exec(s.text);
      if (!m || /规定的条件|下列|以下/.test(m[1]!)) continue;
      const at = s.start + s.text.indexOf(m[1]!);
      add(piece, { start: at, end: at + m[1]!.length, text: m[1]! }, null, 'required', 'all');
    }
  }
  return out;
}

function whole(text: string): Segment {
  const end = text.replace(/[；;。，,\s]+$/, '').length;
  return { start: 0, end, text: text.slice(0, end) };
}

/** The lead is its sentence: "取得校车驾驶资格应当符合下列条件", not the sentence before it. */
function leadStart(text: string, at: number): number {
  const before = text.slice(0, at);
  return Math.max(before.lastIndexOf('。'), before.lastIndexOf('；')) + 1;
}

export const MATERIAL_LEAD =
  /(?:提交|提供|报送|附送|携带|上传)(?:以下|下列|如下)(?:申请|证明)?(?:材料|资料|文件)|申请材料(?:包括|如下)?[：:]/;
const PROOF =
  /(前款)?第([一二三四五六七八九十、和及至]+)项由([^，。；]{2,40}?)(出具|出示|提供)([^，。；]{1,20}?(?:意见|证明|报告))/g;

export function materialsOf(
  doc: string,
  article: Article,
  pieces: Piece[],
  conditions: readonly ConditionSuggestion[],
): MaterialSuggestion[] {
  const out: MaterialSuggestion[] = [];
  for (const p of article.paragraphs) {
    if (!MATERIAL_LEAD.test(p.text)) continue;
    for (const item of pieces.filter((x) => x.paragraph === p.number && x.item !== undefined)) {
      const seg = whole(item.text);
      const cut = /[，,（(]包括/.exec(seg.text);
      const name = cut ? seg.text.slice(0, cut.index) : seg.text;
      const span = spanOf(item, 0, seg.end);
      const m: MaterialSuggestion = {
        id: idOf('material', span),
        name,
        span,
        cite: citationOf(doc, article, item),
        ...sourceOf(name),
        proves: [],
      };
      if (cut) m.note = seg.text.slice(cut.index + 1).replace(/[）)]$/, '');
      out.push(m);
    }
  }
  // 第三十条第二款: "前款第一、二、三、四项由公安机关交通管理部门出示审核意见，…第六项由…医疗机构提供诊断意见".
  for (const piece of pieces) {
    for (const m of piece.text.matchAll(PROOF)) {
      const items = itemNumbers(m[2]!);
      const issuer = m[3]!.replace(/^申请人/, '');
      const span = spanOf(piece, m.index, m.index + m[0].length);
      const proves = conditions
        .filter((c) => c.span.item !== undefined && items.includes(c.span.item))
        .filter((c) => !m[1] || c.span.paragraph === piece.paragraph - 1)
        .map((c) => c.id);
      const government = namesDepartment(issuer);
      out.push({
        id: idOf('material', span),
        name: issuer + m[5]!,
        span,
        cite: citationOf(doc, article, piece),
        source: government ? 'shared' : 'upload',
        reason: government
          ? `由${issuer}出具，可经部门间数据共享取得，申请人无需提交`
          : `由${issuer}出具，申请人取得后上传`,
        proves,
      });
    }
  }
  return out;
}

/** 一、二、三、四 → [1, 2, 3, 4]; 一至四 → [1, 2, 3, 4]. */
function itemNumbers(text: string): number[] {
  const range = /^(.+)至(.+)$/.exec(text);
  const [from, to] = range ? [parseChineseNumber(range[1]!), parseChineseNumber(range[2]!)] : [null, null];
  if (from !== null && to !== null) return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return text
    .split(/[、和及]/)
    .map((s) => parseChineseNumber(s) ?? 0)
    .filter((x) => x > 0);
}

/** Licences that the 电子证照 library holds; the rest are uploaded unless the text says otherwise. */
const LICENCE =
  /居民身份证|身份证明|身份证|驾驶证|行驶证|营业执照|户口簿|机动车登记证书|不动产权证书|结婚证|社会保障卡/;
const SHARED = /无犯罪记录证明|纳税证明|完税证明|社会保险缴费|社保缴费|信用报告/;

function sourceOf(name: string): { source: MaterialSource; reason: string } {
  if (/承诺书/.test(name)) return { source: 'commitment', reason: '承诺书：以告知承诺方式提交' };
  const licence = LICENCE.exec(name);
  // "劳动合同或营业执照": only when every alternative is a licence.
  if (licence && name.split(/或者|或/).every((part) => LICENCE.test(part)))
    return { source: 'licence', reason: `${licence[0]}可从电子证照库调取，免交原件和复印件` };
  const shared = SHARED.exec(name);
  if (shared) return { source: 'shared', reason: `${shared[0]}由有关部门的共享数据提供` };
  return { source: 'upload', reason: '原文未说明可由共享数据或电子证照取得，按申请人上传处理' };
}
