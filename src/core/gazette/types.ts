import type { IsoDate } from './dates.ts';

/** 国家/省/市/县: the four levels of 13号's 统一政策清单. A district (区) or county-level city counts as 县. */
export type Level = '国家' | '省' | '市' | '县';

export type DocumentKind =
  | '办法'
  | '规定'
  | '细则'
  | '条例'
  | '规则'
  | '方案'
  | '计划'
  | '规划'
  | '意见'
  | '通知'
  | '通告'
  | '公告'
  | '决定'
  | '命令'
  | '批复'
  | '函'
  | '报告'
  | '纪要'
  | '任免'
  | '大事记'
  | '其他';

/** Where a line came from, for error messages and for linking back to the print. */
export interface SourceRef {
  /** 1-based line in the input text. */
  line: number;
  /** 1-based page, where known (PDF input, or the issue's table of contents). */
  page: number | null;
}

export interface TocEntry {
  /** The section heading in the table of contents, e.g. 市政府文件. */
  section: string | null;
  title: string;
  docNumber: string | null;
  page: number;
}

export interface GazetteIssue {
  /** e.g. 聊城市人民政府公报 */
  title: string;
  publisher: string | null;
  year: number;
  number: number;
  /** 总第N期 */
  totalNumber: number | null;
  toc: TocEntry[];
}

/** 项: （一）（二）…, with 目 (1. 2. …) under it. */
export interface Item {
  number: number;
  /** As normalised for display: （一） */
  label: string;
  text: string;
  subitems: { number: number; label: string; text: string }[];
}

/** 款: a paragraph of an article. */
export interface Paragraph {
  number: number;
  text: string;
  items: Item[];
}

export interface Article {
  number: number;
  /** 第三十条 */
  label: string;
  /** The chapter's number, or null for a regulation without chapters. */
  chapter: number | null;
  section: number | null;
  /** Full text without the 第N条 heading; paragraphs joined by "\n". */
  text: string;
  paragraphs: Paragraph[];
  source: SourceRef;
}

export interface Chapter {
  number: number;
  /** 第五章 */
  label: string;
  /** Without the print's odd spacing: "动用", not "动 用". */
  title: string;
  sections: { number: number; label: string; title: string }[];
  source: SourceRef;
}

/** One node of a plan-style outline: 一、 → （一） → 1. → （1）. */
export interface OutlineNode {
  level: number;
  /** As printed, normalised to full-width brackets: 一、 （一） 1. （1） */
  label: string;
  number: number;
  /** The short heading: "完善数字基础设施" in "（一）完善数字基础设施。建设…" */
  heading: string | null;
  text: string;
  /** 牵头单位 / 牵头部门 */
  leadDepartments: string[];
  /** 责任单位 / 责任部门 / 配合单位 */
  responsibleDepartments: string[];
  children: OutlineNode[];
  source: SourceRef;
}

export interface Citation {
  /** The title inside 《》, or null when only a 文号 is cited. */
  title: string | null;
  docNumber: string | null;
}

export interface Validity {
  effectiveFrom: IsoDate | null;
  effectiveUntil: IsoDate | null;
  /** The clause as printed, e.g. 本办法自2023年6月10日起施行，有效期至2028年6月9日。 */
  clause: string | null;
  /** How effectiveFrom was found: from the clause, or taken from the issue date because the text says none. */
  basis: 'clause' | 'issue-date' | 'none';
}

export interface ParsedDocument {
  docNumber: string | null;
  title: string;
  /** The title as printed in the issue's table of contents, where it differs. */
  tocTitle: string | null;
  issuers: string[];
  addressees: string[];
  kind: DocumentKind;
  issuedOn: IsoDate | null;
  effectiveFrom: IsoDate | null;
  effectiveUntil: IsoDate | null;
  validity: Validity;
  level: Level | null;
  regionCode: string | null;
  /** First page in the gazette issue, from its table of contents. */
  page: number | null;
  /** Titles of the texts it issues or attaches: 《聊城市地方储备粮管理办法》, 附件 lists. */
  attachments: string[];
  citations: Citation[];
  /** The covering notice (印发通知) paragraphs, before the attached text. */
  preamble: string[];
  /** Text of the issued document before its first article or outline heading (a plan's introduction). */
  preface: string[];
  chapters: Chapter[];
  articles: Article[];
  outline: OutlineNode[];
  /** The body as reflowed paragraphs, one per line. */
  body: string;
  source: SourceRef;
  warnings: string[];
}

export interface ParseResult {
  /** Null for a single document. */
  issue: GazetteIssue | null;
  documents: ParsedDocument[];
  warnings: string[];
}
