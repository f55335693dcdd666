import { DATE_PATTERN, findDate, validityEnd, type IsoDate } from './dates.ts';
import { parseChineseNumber } from './numerals.ts';
import type { Validity } from './types.ts';

const FROM_RE = new RegExp(
  `自\\s*(${DATE_PATTERN}|印发之日|发布之日|公布之日|颁布之日|下发之日|签发之日)\\s*起\\s*(?:施行|实施|执行|生效|试行)`,
);
const UNTIL_DATE_RE = new RegExp(`(?:有效期|试行期)?至\\s*(${DATE_PATTERN})\\s*(?:止|失效|废止)?`);
const YEARS_RE = /(?:有效期|试行期)\s*(?:为)?\s*([0-9一二三四五六七八九十两]+)\s*年/;
const CLAUSE_HINT_RE = /起\s*(?:施行|实施|执行|生效|试行)|有效期|试行期/;

/**
 * Reads a validity clause, checking the last clause in the text first (it is the closing article):
 * - "自2023年6月10日起施行，有效期至2028年6月9日"
 * - "自印发之日起施行，有效期5年": until is the day before the 5th anniversary of the start
 * - "自2024年1月1日起实施"
 * Where the text gives no start, the issue date stands in, and `basis` says so.
 */
export function readValidity(paragraphs: readonly string[], issuedOn: IsoDate | null): Validity {
  const sentences = paragraphs.flatMap((p) => p.split(/(?<=[。；])/));
  for (let i = sentences.length - 1; i >= 0; i--) {
    const clause = sentences[i]!.trim();
    if (!CLAUSE_HINT_RE.test(clause)) continue;
    const from = FROM_RE.exec(clause);
    if (!from) continue;
    const effectiveFrom = /^\d|^[〇零一二]/.test(from[1]!) ? findDate(from[1]!) : issuedOn;
    let effectiveUntil: IsoDate | null = null;
    const afterFrom = clause.slice(from.index + from[0].length);
    const untilDate = UNTIL_DATE_RE.exec(afterFrom);
    const years = YEARS_RE.exec(afterFrom);
    if (untilDate) effectiveUntil = findDate(untilDate[1]!);
    else if (years && effectiveFrom) {
      const n = parseChineseNumber(years[1]!);
      if (n !== null && n > 0) effectiveUntil = validityEnd(effectiveFrom, n);
    }
    return { effectiveFrom, effectiveUntil, clause: stripArticleHeading(clause), basis: 'clause' };
  }
  return {
    effectiveFrom: issuedOn,
    effectiveUntil: null,
    clause: null,
    basis: issuedOn ? 'issue-date' : 'none',
  };
}

function stripArticleHeading(clause: string): string {
  return clause.replace(/^第[零〇一二三四五六七八九十百]+条[\s\u3000]*/, '');
}
