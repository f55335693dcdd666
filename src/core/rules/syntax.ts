import { parseChineseNumber } from '../gazette/numerals.ts';
import type { Citation, ItemCondition, Literal, NodeMeta, Operand, Rule, SinceUnit, Value } from './types.ts';

import { PARAMETER_ID } from './operands.ts';
import { ID, NUMBER, ParseFailure, Scanner, type RuleSyntaxError } from './syntax-scanner.ts';

export { printRule } from './syntax-print.ts';
export type { RuleSyntaxError };

/**
 * The text syntax that editors write rules in. One condition per line; a group opens with `{` at the end of
 * its line and closes with `}` on a line of its own. `id "标签":` in front names a condition, `@` at the end
 * cites its article; a citation without a 文号 takes the document of the enclosing group.
 *
 * ```
 * # 聊城市校车安全管理办法 第三十条
 * driver "校车驾驶人条件": all @聊政字〔2023〕9号 第三十条 {
 *   licence "准驾车型": person.licenceClass in ["A1", "A3", "B1"] @第三十条（一）
 *   age "年龄": person.age between 25 and 60 @第三十条（一）
 *   points: count(person.records where kind = "记满分" and on within 36 months) = 0 @第三十条（二）
 *   person.healthy = true @第三十条（六）
 * }
 * ```
 *
 * Conditions: `x = v` (also !=, <, <=, >, >=, and ≥ ≤ ≠), `x between a and b`, `x in [...]`,
 * `x not in [...]`, `x within "371500"`, `x has "高新技术企业"`, `count(list where …) = 0`. Operands are
 * variables or yearsSince(…), monthsSince(…), daysSince(…); values are numbers, "strings" (dates as
 * "2023-05-01"), true, false or param(id). Inside `where`: field comparisons, `in`, `not in`,
 * `field within 3 years` (or months, days), joined by `and` or by `or` (mixing them needs parentheses).
 * `#` starts a comment. Lists and parentheses may span lines.
 *
 * `parseRule(printRule(rule))` gives back `rule` exactly.
 *
 * @example
 * const result = parseRule('person.age >= 18 @聊政字〔2023〕9号 第三十条');
 * if (result.ok) result.rule; // { op: 'cmp', left: { var: 'person.age' }, cmp: '>=', right: 18, cite: {...} }
 * else result.error.message; // '第1行第12列：应为…，实际为…'
 */

export type ParseResult = { ok: true; rule: Rule } | { ok: false; error: RuleSyntaxError };

export function parseRule(text: string): ParseResult {
  const parser = new Parser(text);
  try {
    return { ok: true, rule: parser.file() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

const CMP_EXPECTED = '比较运算符（=、!=、<、<=、>、>=）';
const PARAM_NAME = new RegExp(PARAMETER_ID.source.slice(1, -1), 'y');
const CN = '[零〇一二两三四五六七八九十百千0-9]+';
/** An outline section of a plan-style document: [文号] 三、（三）. */
const SECTION_CITATION =
  /^(?:(\S+)\s+)?([一二三四五六七八九十百]+、(?:[（(][一二三四五六七八九十百]+[）)](?:\d+[.．])?)?)$/;
const CITATION = new RegExp(
  `^(?:(\\S+)\\s+)?第(${CN})条(?:第(${CN})款)?(?:[（(](${CN})[）)](?:至[（(](${CN})[）)])?)?$`,
);
const UNITS: Record<string, SinceUnit> = {
  year: 'years',
  years: 'years',
  month: 'months',
  months: 'months',
  day: 'days',
  days: 'days',
};

class Parser extends Scanner {
  file(): Rule {
    this.blankLines();
    if (this.pos >= this.src.length) this.fail('一个条件');
    const rule = this.node(undefined);
    this.endOfLine();
    this.blankLines();
    if (this.pos < this.src.length)
      this.fail('文件结束（一段文本只能有一个顶层条件，多个条件请用 all { … } 组合）');
    return rule;
  }

  private node(inherited: Citation | undefined): Rule {
    const meta = this.meta();
    const word = this.peekWord();
    if (word === 'all' || word === 'any' || word === 'none') {
      const save = this.pos;
      this.pos += word.length;
      this.space();
      if (this.peek() === '{' || this.peek() === '@') {
        const cite = this.citation(inherited);
        this.space();
        this.expect('{', '“{”');
        this.endOfLine();
        const of: Rule[] = [];
        const effective = cite ?? inherited;
        for (;;) {
          this.blankLines();
          if (this.peek() === '}') break;
          if (this.pos >= this.src.length) this.fail(`“}”（${word} 组未闭合）`);
          of.push(this.node(effective));
          this.endOfLine();
        }
        this.pos++;
        return withMeta({ op: word, of }, meta, cite);
      }
      this.pos = save;
    }
    const leaf = this.leaf();
    this.space();
    return withMeta(leaf, meta, this.citation(inherited));
  }

  /** `id "label":`, `id:` or `"label":` before a condition; nothing when the line starts with the condition. */
  private meta(): NodeMeta {
    const start = this.pos;
    const meta: NodeMeta = {};
    const id = this.match(ID);
    if (id !== null) {
      this.space();
      if (!this.isQuote() && !this.isColon()) {
        this.pos = start;
        return {};
      }
      meta.id = id;
    }
    if (this.isQuote()) {
      meta.label = this.string();
      this.space();
      if (!this.isColon()) this.fail('“:”（标识和标签之后）');
    }
    if (meta.id === undefined && meta.label === undefined) return meta;
    if (!this.isColon()) this.fail('“:”');
    this.pos++;
    this.space();
    return meta;
  }

  private leaf(): Rule {
    if (this.peekWord() === 'count' && this.src[this.pos + 5] === '(') return this.count();
    const left = this.operand();
    this.space();
    const cmp = this.cmpOp();
    if (cmp) return { op: 'cmp', left, cmp, right: this.value() };
    const word = this.peekWord();
    switch (word) {
      case 'between': {
        this.word('between');
        const min = this.value();
        this.word('and');
        return { op: 'between', left, min, max: this.value() };
      }
      case 'in':
        this.word('in');
        return { op: 'in', left, values: this.list() };
      case 'not':
        this.word('not');
        this.word('in');
        return { op: 'notIn', left, values: this.list() };
      case 'within':
        this.word('within');
        this.space();
        if (!this.isQuote()) this.fail('带引号的行政区划或行业代码，如 "371500"、"C34"');
        return { op: 'within', left, code: this.string() };
      case 'has':
        this.word('has');
        return { op: 'has', left, value: this.literal() };
      default:
        return this.fail(`${CMP_EXPECTED}，或 between、in、not in、within、has`);
    }
  }

  private count(): Rule {
    this.word('count');
    this.open('(');
    const list = this.name('列表变量名');
    this.space();
    let where: ItemCondition | undefined;
    if (this.peekWord() === 'where') {
      this.word('where');
      where = this.condition();
    }
    this.close(')');
    this.space();
    const cmp = this.cmpOp() ?? this.fail(CMP_EXPECTED);
    const rule: Rule = { op: 'count', list, cmp, right: this.value() };
    if (where) rule.where = where;
    return rule;
  }

  /** Terms joined by one connective; a different one needs parentheses, so that precedence never surprises. */
  private condition(): ItemCondition {
    const first = this.term();
    this.space();
    const connective = this.peekWord();
    if (connective !== 'and' && connective !== 'or') return first;
    const of = [first];
    while (this.peekWord() === connective) {
      this.word(connective);
      of.push(this.term());
      this.space();
      const next = this.peekWord();
      if ((next === 'and' || next === 'or') && next !== connective)
        this.fail(`“${connective}”或“)”（and 与 or 混用时请加括号）`);
    }
    return { op: connective, of };
  }

  private term(): ItemCondition {
    this.space();
    if (this.peek() === '(') {
      this.open('(');
      const inner = this.condition();
      this.close(')');
      return inner;
    }
    const field = this.name('字段名');
    this.space();
    const cmp = this.cmpOp();
    if (cmp) return { op: 'cmp', field, cmp, right: this.literal() };
    const word = this.peekWord();
    if (word === 'in') {
      this.word('in');
      return { op: 'in', field, values: this.list() };
    }
    if (word === 'not') {
      this.word('not');
      this.word('in');
      return { op: 'notIn', field, values: this.list() };
    }
    if (word === 'within') {
      this.word('within');
      this.space();
      const amount = this.match(NUMBER);
      if (amount === null) this.fail('时间长度，如 3 years');
      this.space();
      const word = this.peekWord() ?? '';
      const unit = Object.hasOwn(UNITS, word) ? UNITS[word] : undefined;
      if (!unit) return this.fail('时间单位 years、months 或 days');
      this.pos += word.length;
      return { op: 'withinLast', field, amount: Number(amount), unit };
    }
    return this.fail(`${CMP_EXPECTED}，或 in、not in、within`);
  }

  private operand(): Operand {
    const word = this.peekWord();
    if (
      (word === 'yearsSince' || word === 'monthsSince' || word === 'daysSince') &&
      this.src[this.pos + word.length] === '('
    ) {
      this.word(word);
      this.open('(');
      const name = this.name('日期变量名');
      this.close(')');
      return word === 'yearsSince'
        ? { yearsSince: name }
        : word === 'monthsSince'
          ? { monthsSince: name }
          : { daysSince: name };
    }
    return { var: this.name('变量名，如 enterprise.employees') };
  }

  private value(): Value {
    this.space();
    if (this.peekWord() === 'param' && this.src[this.pos + 5] === '(') {
      this.word('param');
      this.open('(');
      const id = this.match(PARAM_NAME) ?? this.fail('参数名');
      this.close(')');
      return { param: id };
    }
    return this.literal();
  }

  private literal(): Literal {
    this.space();
    if (this.isQuote()) return this.string();
    const word = this.peekWord();
    if (word === 'true' || word === 'false') {
      this.pos += word.length;
      return word === 'true';
    }
    const number = this.match(NUMBER);
    if (number === null) return this.fail('数值、带引号的文本、true、false 或 param(…)');
    return Number(number);
  }

  private list(): Literal[] {
    this.open('[');
    const values: Literal[] = [];
    if (this.peek() !== ']') {
      for (;;) {
        values.push(this.literal());
        this.space();
        if (this.peek() !== ',') break;
        this.pos++;
      }
    }
    this.close(']');
    return values;
  }

  /** `@` to the end of the line (or to `{`): [文号] 第N条[第N款][（N）[至（N）]]. */
  private citation(inherited: Citation | undefined): Citation | undefined {
    if (this.peek() !== '@') return undefined;
    const start = ++this.pos;
    while (this.pos < this.src.length && !'{#\n\r'.includes(this.src[this.pos]!)) this.pos++;
    const text = this.src.slice(start, this.pos).trim();
    const sec = SECTION_CITATION.exec(text);
    if (sec) {
      const doc = sec[1] ?? inherited?.doc;
      if (doc === undefined) {
        this.pos = start;
        return this.fail('带文号的依据（上级条件没有依据可供继承），如 @聊政字〔2023〕6号 三、（三）');
      }
      return { doc, section: sec[2]!.replace(/\(/g, '（').replace(/\)/g, '）') };
    }
    const m = CITATION.exec(text);
    if (!m) {
      this.pos = start;
      return this.fail(
        '依据，写作“文号 第N条”，可加“第N款”“（N）”“（N）至（M）”，如 @聊政字〔2023〕9号 第三十条（一）；没有条的方案写章节，如 @聊政字〔2023〕6号 三、（三）',
      );
    }
    const doc = m[1] ?? inherited?.doc;
    if (doc === undefined) {
      this.pos = start;
      return this.fail('带文号的依据（上级条件没有依据可供继承），如 @聊政字〔2023〕9号 第三十条');
    }
    const num = (s: string | undefined) => (s === undefined ? undefined : parseChineseNumber(s)!);
    const cite: Citation = { doc, article: num(m[2])! };
    const paragraph = num(m[3]);
    if (paragraph !== undefined) cite.paragraph = paragraph;
    const [from, to] = [num(m[4]), num(m[5])];
    if (from !== undefined) cite.items = to === undefined ? [from] : [from, to];
    return cite;
  }
}

function withMeta(rule: Rule, meta: NodeMeta, cite: Citation | undefined): Rule {
  const out: Rule = { ...rule };
  if (meta.id !== undefined) out.id = meta.id;
  if (meta.label !== undefined) out.label = meta.label;
  if (cite) out.cite = cite;
  return out;
}
