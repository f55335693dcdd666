/**
 * 拆分为政策事项: what the staff console can read in an article when an editor splits it into a policy item —
 * a name, the conditions (with rules where a known pattern maps onto the catalogue), the materials, the time
 * limits, the departments and the fees. Each suggestion quotes its words (条, 款, 项 and offsets) so the console
 * can highlight them, and has an id that stays the same for the same text, so the editor can confirm or discard
 * it. It is conservative: a wrong suggestion costs the editor more than a missing one, so where the words do
 * not say it plainly, nothing is suggested.
 *
 * @example
 * const doc = parsed.documents.find((d) => d.docNumber === '聊政字〔2023〕9号')!;
 * const article = doc.articles[29]!; // 第三十条
 * const s = suggestItem({
 *   document: { docNumber: doc.docNumber!, title: doc.title },
 *   article,
 *   neighbours: sameChapter(doc.articles, article),
 *   catalogue: BASE_CATALOGUE,
 * });
 * s.conditions[0]!.rules.map((r) => r.ruleText);
 * // ['drivingYears "驾驶经历": person.drivingYears >= 3 @聊政字〔2023〕9号 第三十条（一）\n', 'age "年龄": …']
 */
import type { Article } from '../gazette/types.ts';
import type { IsoDate } from '../rules/types.ts';
import type { Catalogue } from '../rules/variables.ts';
import {
  CONDITION_LEAD,
  MATERIAL_LEAD,
  conditionsOf,
  materialsOf,
  type ConditionSuggestion,
  type MaterialSuggestion,
} from './suggest-conditions.ts';
import type { PatternContext } from './suggest-patterns.ts';
import {
  departmentsIn,
  feesIn,
  limitsIn,
  type DepartmentSuggestion,
  type FeeSuggestion,
  type LimitSuggestion,
} from './suggest-procedure.ts';
import { piecesOf, sentencesOf, spanOf, type Piece, type Segment, type SourceSpan } from './suggest-text.ts';
import type { ItemKind, ItemTarget } from './types.ts';

export type {
  DepartmentRole,
  DepartmentSuggestion,
  FeeSuggestion,
  LimitSuggestion,
} from './suggest-procedure.ts';
export type { RulePattern, RuleSuggestion } from './suggest-patterns.ts';
export type { SourceSpan } from './suggest-text.ts';
export type { ConditionSuggestion, MaterialSuggestion } from './suggest-conditions.ts';

export interface SuggestInput {
  /** The 文号 goes into every citation; title, issuer and date identify the document for the console. */
  document: { docNumber: string; title: string; issuer?: string | null; issuedOn?: IsoDate | null };
  /** The article the editor picked, as the gazette parser gives it (款 and 项). */
  article: Article;
  /**
   * Other articles of the same chapter. A procedure is often spread over several (聊政字〔2023〕9号 第二十二至
   * 二十五条): their limits and departments are read too, never their conditions or materials.
   */
  neighbours?: readonly Article[];
  catalogue: Catalogue;
}

/** A guess with the words it rests on. */
export interface Guess<T> {
  id: string;
  value: T;
  reason: string;
  span: SourceSpan;
}

export interface ItemSuggestion {
  name: Guess<string> | null;
  kind: Guess<ItemKind> | null;
  target: Guess<ItemTarget> | null;
  conditions: ConditionSuggestion[];
  materials: MaterialSuggestion[];
  limits: LimitSuggestion[];
  departments: DepartmentSuggestion[];
  fees: FeeSuggestion[];
}

/** The other articles of the article's chapter, in order (none for a regulation without chapters). */
export function sameChapter(articles: readonly Article[], article: Article): Article[] {
  if (article.chapter === null) return [];
  return articles.filter((a) => a.chapter === article.chapter && a.number !== article.number);
}

export function suggestItem(input: SuggestInput): ItemSuggestion {
  const { article, catalogue } = input;
  const doc = input.document.docNumber;
  const pieces = piecesOf(article);
  const name = nameOf(pieces);
  const target = targetOf(name?.sentence ?? leadSentence(pieces));
  const ctx: PatternContext = { catalogue, target: target?.value ?? null, ids: new Map() };
  const conditions = conditionsOf(doc, article, pieces, ctx);
  const procedure = [...(input.neighbours ?? []), article]
    .sort((a, b) => a.number - b.number)
    .flatMap((a) => piecesOf(a));
  return {
    name: name?.guess ?? null,
    kind: name ? kindOf(name.guess) : null,
    target,
    conditions,
    materials: materialsOf(doc, article, pieces, conditions),
    limits: limitsIn(procedure),
    departments: departmentsIn(procedure),
    fees: feesIn(pieces),
  };
}

const NAME_SUFFIX = '(?:使用许可|许可证|许可|资格|资质|补贴|补助|奖励|奖补|资助|认定|备案)';
const NAMES: [RegExp, (m: RegExpExecArray) => string, string][] = [
  [
    new RegExp(`(?:申请|申领|申报|办理|取得|享受)(?:取得|办理)?([\\u4e00-\\u9fff]{2,16}?${NAME_SUFFIX})`),
    (m) => m[1]!,
    '原文所说申请或取得的对象',
  ],
  [/申请(认定|评定|备案)([\u4e00-\u9fff]{2,16}?)[，,的]/, (m) => m[2]! + m[1]!, '原文所说申请认定的对象'],
  [
    /^((?:(?!的|申请|申报)[\u4e00-\u9fff]){2,12}?(?:企业|单位|机构))(?:应当|须|必须)(?:同时)?(?:具备|符合|满足)/,
    (m) => `${m[1]!}资格`,
    '条件的主语',
  ],
];

/** A sentence and the paragraph it is in. */
interface Sentence {
  piece: Piece;
  seg: Segment;
}

function nameOf(pieces: Piece[]): { guess: Guess<string>; sentence: Sentence } | null {
  for (const piece of pieces.filter((p) => p.item === undefined)) {
    for (const s of sentencesOf(piece.text)) {
      // Only where someone applies or must hold it: not "本办法所称校车，是指依法取得使用许可…的载客汽车".
      if (!/申请|申报|申领|应当|须/.test(s.text) || /所称|是指/.test(s.text)) continue;
      for (const [re, name, why] of NAMES) {
        const m = re.exec(s.text);
        // "取得道路旅客运输经营许可的个体经营者" describes who holds it; it is not what this article grants.
        if (!m || (/^(?:取得|办理)/.test(m[0]) && s.text[m.index + m[0].length] === '的')) continue;
        const span = spanOf(piece, s.start + m.index, s.start + m.index + m[0].length);
        const value = name(m);
        return {
          guess: { id: 'name', value, reason: `${why}：“${m[0]}”`, span },
          sentence: { piece, seg: s },
        };
      }
    }
  }
  return null;
}

const KINDS: [RegExp, ItemKind][] = [
  [/许可/, '行政许可'],
  [/资格|资质|认定/, '资质'],
  [/补贴|补助|奖励|奖补|资助/, '奖补'],
  [/减免|免征|减征/, '减免'],
];

function kindOf(name: Guess<string>): Guess<ItemKind> | null {
  const hit = KINDS.find(([re]) => re.test(name.value));
  if (!hit) return null;
  const word = hit[0].exec(name.value)![0];
  return { id: 'kind', value: hit[1], reason: `名称含“${word}”`, span: name.span };
}

/** The sentence that introduces the article's list of conditions or materials. */
function leadSentence(pieces: Piece[]): Sentence | null {
  const own = pieces.filter((p) => p.item === undefined);
  for (const piece of own)
    for (const seg of sentencesOf(piece.text))
      if (CONDITION_LEAD.test(seg.text) || MATERIAL_LEAD.test(seg.text)) return { piece, seg };
  return null;
}

const PERSON =
  /驾驶人|驾驶员|人员|个人|居民|公民|毕业生|职工|劳动者|农民|学生|老年人|残疾人|退役军人|人才|自然人/;
const ENTERPRISE = /企业|单位|公司|法人|机构|组织|提供者|经营者|合作社|平台|商户/;

/** Who applies, from the subject of the sentence: 校车驾驶人 → person; 承储企业, 校车服务提供者 → enterprise. */
function targetOf(sentence: Sentence | null): Guess<ItemTarget> | null {
  if (!sentence) return null;
  const { piece, seg } = sentence;
  // Up to the verb: "校车服务提供者|申请取得…", "申请专项资金的企业|应当…".
  const end = seg.text.slice(1).search(/应当|须|必须|申请|申报|[，,]/) + 1;
  const subject = end === 0 ? seg.text : seg.text.slice(0, end);
  const person = PERSON.exec(subject);
  const enterprise = ENTERPRISE.exec(subject);
  if (!person === !enterprise) return null;
  const hit = (person ?? enterprise)!;
  const at = seg.start + hit.index;
  return {
    id: 'target',
    value: person ? 'person' : 'enterprise',
    reason: `申请主体为“${subject}”`,
    span: spanOf(piece, at, at + hit[0].length),
  };
}
