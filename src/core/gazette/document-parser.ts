import { findCitations, normaliseTitle } from './citations.ts';
import { DATE_PATTERN, parseDateLine } from './dates.ts';
import { parseDocNumberLine } from './doc-number.ts';
import { GazetteParseError } from './errors.ts';
import {
  ARTICLE_RE,
  CHAPTER_RE,
  OUTLINE_CN_RE,
  OUTLINE_PAREN_CN_RE,
  endsSentence,
  reflow,
  splitTopLevel,
  squeezeCjkSpaces,
  type Line,
  type Para,
  type ReflowMode,
} from './lines.ts';
import { inferRegion } from '../codes/region.ts';
import { parseArticles, parseOutline } from './structure.ts';
import type { DocumentKind, ParsedDocument } from './types.ts';
import { readValidity } from './validity.ts';

export interface DocumentContext {
  /** First page in the gazette issue. */
  page?: number | null;
  tocTitle?: string | null;
  /** GB/T 2260 code of the gazette's publisher, to place bodies such as "市政府" or an ambiguous 开发区. */
  region?: string | null;
}

const ORG_SUFFIX =
  '(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|管委会|管理委员会|政府|局|厅|部|委|署|院|中心|办|公司|协会|联合会|分局|支队)';
const ORG_RE = new RegExp(`^[\\u3400-\\u9fff（）()]{2,30}${ORG_SUFFIX}$`);
const SIGNER_RE = /^(市长|省长|县长|区长|主任|局长|厅长|部长|总理)[\s\u3000]+[\u3400-\u9fff]{2,4}$/;
const PUBLICATION_NOTE_RE = /^[（(]此件[^）)]*[）)]$/;

const KIND_BY_SUFFIX: [RegExp, DocumentKind][] = [
  [/任免[^，。]*$|职务的通知$/, '任免'],
  [/大事记(?:[（(].*[）)])?$/, '大事记'],
  [/细则$/, '细则'],
  [/办法(?:（试行）|\(试行\))?$/, '办法'],
  [/规定(?:（试行）|\(试行\))?$/, '规定'],
  [/条例$/, '条例'],
  [/规则$/, '规则'],
  [/方案(?:（[^）]*）)?$/, '方案'],
  [/计划$/, '计划'],
  [/规划$/, '规划'],
  [/意见$/, '意见'],
  [/通知$/, '通知'],
  [/通告$/, '通告'],
  [/公告$/, '公告'],
  [/决定$/, '决定'],
  [/令$/, '命令'],
  [/批复$/, '批复'],
  [/函$/, '函'],
  [/报告$/, '报告'],
  [/纪要$/, '纪要'],
];
const TITLE_END_RE =
  /(细则|办法|规定|条例|规则|方案|计划|规划|意见|通知|通告|公告|决定|批复|函|报告|纪要|大事记)(?:[（(][^）)]*[）)])?$/;

export function kindOfTitle(title: string): DocumentKind | null {
  for (const [re, kind] of KIND_BY_SUFFIX) if (re.test(title)) return kind;
  return null;
}

/** Titles compare and display without the print's spacing, and with full-width brackets as 公文 prints them. */
function cleanTitle(text: string): string {
  return normaliseTitle(squeezeCjkSpaces(text))
    .replace(/[\s\u3000]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

function isHeaderish(text: string): boolean {
  return text.length <= 60 && !/[。；：，,;:]/.test(text);
}

interface Signature {
  start: number;
  end: number;
  issuers: string[];
  date: string;
}

/** Finds 落款: issuing bodies on the lines above a date line, and the 印发说明 such as （此件公开发布） below it. */
function findSignatures(lines: readonly Line[], from: number): Signature[] {
  const out: Signature[] = [];
  for (let j = from; j < lines.length; j++) {
    const inline = signatureLine(lines[j]!.text);
    let date = parseDateLine(lines[j]!.text);
    if (!date && inline) date = inline.date;
    if (!date) continue;
    const issuers: string[] = inline ? [...inline.issuers] : [];
    let k = j - 1;
    while (k >= from && j - k <= 4) {
      const t = lines[k]!.text;
      if (SIGNER_RE.test(t)) {
        k--;
        continue;
      }
      const orgs = t.split(/[\s\u3000]+/).filter(Boolean);
      if (!orgs.every((o) => ORG_RE.test(o))) break;
      issuers.unshift(...orgs);
      k--;
    }
    const isLast = lines.slice(j + 1).every((l) => PUBLICATION_NOTE_RE.test(l.text));
    if (issuers.length === 0 && !isLast && !SIGNER_RE.test(lines[j - 1]?.text ?? '')) continue;
    let end = j + 1;
    while (end < lines.length && PUBLICATION_NOTE_RE.test(lines[end]!.text)) end++;
    out.push({ start: k + 1, end, issuers, date });
    j = end - 1;
  }
  return out;
}

const INLINE_SIGNATURE_RE = new RegExp(`^(.+?)[\\s\\u3000]*(${DATE_PATTERN})$`);

/** 落款 and date run together on one line, as some layouts (and text taken from them) print it. */
function signatureLine(text: string): { issuers: string[]; date: string } | null {
  const m = INLINE_SIGNATURE_RE.exec(text);
  if (!m) return null;
  const orgs = m[1]!.split(/[\s\u3000]+/).filter(Boolean);
  const date = parseDateLine(m[2]!);
  return date && orgs.length > 0 && orgs.every((o) => ORG_RE.test(o)) ? { issuers: orgs, date } : null;
}

/** Reads 1 to 3 lines as a title ending in its kind (…的通知, …办法). Returns the number of lines used. */
function readTitle(lines: readonly Line[], at: number): { title: string; used: number } | null {
  let text = '';
  for (let n = 0; n < 3 && at + n < lines.length; n++) {
    const t = lines[at + n]!.text;
    if (!isHeaderish(t) || parseDateLine(t) || parseDocNumberLine(t)) break;
    text += (text ? ' ' : '') + t;
    if (TITLE_END_RE.test(cleanTitle(text))) return { title: text, used: n + 1 };
  }
  return null;
}

const TITLE_ISSUER_RE = new RegExp(
  `^((?:[\\u3400-\\u9fff（）]{2,30}?${ORG_SUFFIX}[\\s\\u3000]*)+?)[\\s\\u3000]*(关于.+)$`,
);
const ISSUER_PREFIX_RE = new RegExp(`^([\\u3400-\\u9fff]{2,20}?${ORG_SUFFIX})(?=大事记|令$)`);

/** "聊城市人民政府 关于印发…的通知" → issuers [聊城市人民政府], title 关于印发…的通知. */
function splitTitleIssuer(raw: string): { issuers: string[]; title: string } {
  const m = TITLE_ISSUER_RE.exec(raw.trim());
  if (m)
    return {
      issuers: m[1]!
        .trim()
        .split(/[\s\u3000]+/)
        .filter(Boolean),
      title: cleanTitle(m[2]!),
    };
  const title = cleanTitle(raw);
  const p = ISSUER_PREFIX_RE.exec(title);
  return { issuers: p ? [p[1]!] : [], title };
}

/**
 * Parses one official document (公文) laid out as GB/T 9704-2012 prescribes: 版头 (red head and 文号),
 * 标题, 主送机关, 正文, 落款 and 成文日期; and for a covering notice (印发通知), the text it issues after it.
 * Lines are those of one document, already cut out of a gazette issue where there was one.
 */
export function parseDocumentLines(lines: readonly Line[], ctx: DocumentContext = {}): ParsedDocument {
  if (lines.length === 0) throw new GazetteParseError('文档没有内容', null, ctx.page ?? null, 'empty');
  const warnings: string[] = [];
  let i = 0;
  let docNumber: string | null = null;
  let redHead: string[] = [];
  let rawTitle: string | null = null;

  // 版头: red head lines, then the 文号; an appointment notice prints its title above the 文号.
  for (let k = 0; k < Math.min(lines.length, 6); k++) {
    const t = lines[k]!.text;
    let dn = parseDocNumberLine(t);
    let used = 1;
    const next = lines[k + 1]?.text ?? '';
    if (!dn && /令$/.test(t) && /^第\s*\d+\s*号$/.test(next)) {
      dn = parseDocNumberLine(t + next);
      used = 2;
    }
    if (!dn) continue;
    if (!lines.slice(0, k).every((l) => isHeaderish(l.text))) break;
    docNumber = dn.text;
    for (const l of lines.slice(0, k)) {
      if (/关于/.test(l.text) || TITLE_END_RE.test(cleanTitle(l.text)))
        rawTitle = (rawTitle ? rawTitle + ' ' : '') + l.text;
      else
        redHead.push(
          ...l.text
            .replace(/文件$/, '')
            .split(/[\s\u3000]+/)
            .filter(Boolean),
        );
    }
    i = k + used;
    break;
  }
  redHead = redHead.filter((r) => r !== '');
  if (rawTitle === null) {
    const t = readTitle(lines, i);
    if (t) {
      rawTitle = t.title;
      i += t.used;
    }
  }
  // 大事记 and similar carry their period on the next line: "(2023年5月)".
  if (rawTitle && /^[（(]\d{4}年\d{1,2}月[）)]$/.test(lines[i]?.text ?? '')) {
    rawTitle += lines[i]!.text;
    i++;
  }

  // 主送机关: up to four lines ending with a colon.
  const addressees: string[] = [];
  for (let n = 0; n < 4 && i + n < lines.length; n++) {
    const t = lines[i + n]!.text;
    if (/[。；]/.test(t) || t.length > 80) break;
    if (/[：:]$/.test(t)) {
      const block = lines
        .slice(i, i + n + 1)
        .map((l) => l.text)
        .join('');
      if (/^各|人民政府|部门|机构|单位|委员会|局/.test(block)) {
        addressees.push(...splitTopLevel(block.replace(/[：:]$/, '')));
        i += n + 1;
      }
      break;
    }
  }

  const signatures = findSignatures(lines, i);
  let preambleLines: readonly Line[] = [];
  let mainLines: readonly Line[];
  let attachedTitle: string | null = null;
  const first = signatures[0];
  const afterFirst = first ? lines.slice(first.end) : [];
  const issued = first && afterFirst.length > 0 ? readTitle(lines, first.end) : null;
  if (first && issued && lines.length > first.end + issued.used) {
    // A covering notice: its own text, its 落款, then the text it issues under its own title.
    preambleLines = lines.slice(i, first.start);
    attachedTitle = cleanTitle(issued.title);
    let start = first.end + issued.used;
    while (start < lines.length && /^[（(].*(公布|通过|发布|施行)[^）)]*[）)]$/.test(lines[start]!.text))
      start++;
    const closing = signatures.find((s) => s.start >= start);
    mainLines = lines.slice(start, closing?.start ?? lines.length);
  } else if (first) {
    const last = signatures.at(-1)!;
    mainLines = [...lines.slice(i, last.start), ...lines.slice(last.end)];
  } else {
    mainLines = lines.slice(i);
  }

  const mode: ReflowMode = mainLines.some((l) => /^第[一1]条/.test(l.text))
    ? 'articles'
    : mainLines.some((l) => OUTLINE_CN_RE.test(l.text) || OUTLINE_PAREN_CN_RE.test(l.text))
      ? 'outline'
      : 'plain';
  const preamble = repairDanglingPreamble(reflow(preambleLines, 'plain'), warnings);
  const paras = reflow(mainLines, mode);

  const titleParts = rawTitle ? splitTitleIssuer(rawTitle) : { issuers: [], title: attachedTitle ?? '' };
  // A decree (青岛市人民政府令第280号) is signed by a person; its issuer is in its number.
  const decreeIssuer = /^(.+)令第\d+号$/.exec(docNumber ?? '')?.[1];
  const issuers = first?.issuers.length
    ? first.issuers
    : redHead.length
      ? redHead
      : titleParts.issuers.length
        ? titleParts.issuers
        : decreeIssuer
          ? [decreeIssuer]
          : [];
  const title = titleParts.title;
  const issuedOn = first?.date ?? null;

  let chapters: ParsedDocument['chapters'] = [];
  let articles: ParsedDocument['articles'] = [];
  let outline: ParsedDocument['outline'] = [];
  let trailing: Para[] = [];
  let preface: Para[] = [];
  if (mode === 'articles') {
    const s = parseArticles(paras);
    ({ chapters, articles, trailing, preface } = s);
    warnings.push(...s.warnings);
  } else if (mode === 'outline') {
    ({ outline, preface } = parseOutline(paras));
  }

  const attachments = collectAttachments(preamble, attachedTitle, [...paras, ...trailing]);
  const kind = kindOf(title, attachedTitle ?? attachments[0] ?? null);
  const allText = [...preamble, ...paras].map((p) => p.text);
  const validity = readValidity(paras.map((p) => p.text).concat(preamble.map((p) => p.text)), issuedOn);
  const noValidity = kind === '大事记';
  const region = issuers[0] ? inferRegion(issuers[0], ctx.region) : null;

  checkComplete(lines, preamble, paras, chapters.length > 0 && articles.length === 0, attachedTitle, ctx);

  return {
    docNumber,
    title,
    tocTitle: ctx.tocTitle && cleanTitle(ctx.tocTitle) !== title ? cleanTitle(ctx.tocTitle) : null,
    issuers,
    addressees,
    kind,
    issuedOn,
    effectiveFrom: noValidity ? null : validity.effectiveFrom,
    effectiveUntil: noValidity ? null : validity.effectiveUntil,
    validity: noValidity
      ? { effectiveFrom: null, effectiveUntil: null, clause: null, basis: 'none' }
      : validity,
    level: region?.level ?? null,
    regionCode: region?.regionCode ?? null,
    page: ctx.page ?? lines[0]!.page,
    attachments,
    citations: kind === '大事记' ? [] : findCitations(allText.join('\n'), [title, ...attachments]),
    preamble: preamble.map((p) => p.text),
    preface: preface.map((p) => p.text),
    chapters,
    articles,
    outline,
    body: paras.map((p) => p.text).join('\n'),
    source: { line: lines[0]!.line, page: ctx.page ?? lines[0]!.page },
    warnings,
  };
}

function kindOf(title: string, attached: string | null): DocumentKind {
  const own = kindOfTitle(title);
  if (own === '任免' || own === '大事记') return own;
  // 关于印发《…办法》的通知: the notice issues a 办法, and the 办法 is what users look for.
  const issued = attached ?? /印发(?:《)?(.+?)(?:》)?的通知$/.exec(title)?.[1] ?? null;
  return (issued ? kindOfTitle(issued) : null) ?? own ?? '其他';
}

/**
 * Columns printed out of order leave the covering notice's first words dangling at its end, as in
 * 聊政办字〔2023〕13号: "印发给你们，请认真贯彻执行。" / "《…实施方案》已经市政府同意，现". A last paragraph
 * that stops mid-sentence is the start of the notice; it is moved back to the front and joined.
 */
function repairDanglingPreamble(paras: Para[], warnings: string[]): Para[] {
  const last = paras.at(-1);
  if (paras.length < 2 || !last || endsSentence(last.text)) return paras;
  const head = paras[0]!;
  warnings.push(`第${last.line}行：印发说明的首句印在末尾（排版错位），已移回段首`);
  return [{ ...last, text: last.text + head.text }, ...paras.slice(1, -1)];
}

function collectAttachments(
  preamble: readonly Para[],
  attachedTitle: string | null,
  paras: readonly Para[],
): string[] {
  const out: string[] = [];
  const add = (t: string) => {
    const c = cleanTitle(t.replace(/[（(]略[）)]$/, '').replace(/[；;。]$/, ''));
    if (c && !out.includes(c)) out.push(c);
  };
  for (const p of preamble) {
    if (!/印发|转发|公布|发布/.test(p.text)) continue;
    for (const m of p.text.matchAll(/《([^《》]+)》/g)) add(m[1]!);
  }
  if (attachedTitle) add(attachedTitle);
  let inList = false;
  for (const p of paras) {
    const head = /^附件\s*[:：]?\s*(?:[0-9０-９]+\s*[.．、]\s*)?(.*)$/.exec(p.text);
    if (head && /^附件/.test(p.text)) {
      if (head[1]) add(head[1].replace(/^《|》$/g, ''));
      inList = true;
      continue;
    }
    const item = /^[0-9０-９]+\s*[.．、]\s*(.+)$/.exec(p.text);
    if (inList && item && !/[。；]$/.test(item[1]!)) add(item[1]!.replace(/^《|》$/g, ''));
    else inList = false;
  }
  return out;
}

/** A document that stops mid-sentence, or announces a text that is not there, was cut off. */
function checkComplete(
  lines: readonly Line[],
  preamble: readonly Para[],
  paras: readonly Para[],
  emptyChapters: boolean,
  attachedTitle: string | null,
  ctx: DocumentContext,
): void {
  const last = paras.at(-1) ?? preamble.at(-1);
  const page = last?.page ?? ctx.page ?? null;
  if (emptyChapters) {
    throw new GazetteParseError('文档不完整：有章标题但没有任何条文', lines.at(-1)!.line, page, 'truncated');
  }
  if (!last) {
    if (preamble.length === 0) return;
    throw new GazetteParseError(
      '文档不完整：只有标题和主送机关，没有正文',
      lines.at(-1)!.line,
      page,
      'truncated',
    );
  }
  const announces = preamble.some((p) => /现将《[^》]+》印发/.test(p.text));
  if (announces && paras.length === 0 && !attachedTitle) {
    throw new GazetteParseError('文档不完整：印发通知所附的正文缺失', lines.at(-1)!.line, page, 'truncated');
  }
  const t = last.text;
  const heading = CHAPTER_RE.test(t) || /^[一二三四五六七八九十]+、[^，。；：,;:]{0,20}$/.test(t);
  if (heading || (!endsSentence(t) && !ARTICLE_RE.test(t) && !/^附件|^[0-9]+[.．、]|（略）$/.test(t))) {
    throw new GazetteParseError(
      `文档不完整：正文在"${t.slice(-12)}"处中断，缺少结尾`,
      lines.at(-1)!.line,
      page,
      'truncated',
    );
  }
}
