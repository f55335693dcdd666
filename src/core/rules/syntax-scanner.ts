import type { CmpOp } from './types.ts';

/**
 * The character-level half of the rule syntax (syntax.ts has the grammar): spaces and comments, words,
 * strings, brackets that let newlines through, and errors that name the line and column in Chinese.
 *
 * @example
 * class Parser extends Scanner { … } // this.space(); this.word('between'); this.fail('数值')
 */
export interface RuleSyntaxError {
  line: number;
  column: number;
  message: string;
}

/** Thrown inside the parser, caught by `parseRule`. */
export class ParseFailure extends Error {
  constructor(readonly error: RuleSyntaxError) {
    super(error.message);
  }
}

const CMP_TOKENS: Array<[string, CmpOp]> = [
  ['>=', '>='],
  ['<=', '<='],
  ['!=', '!='],
  ['==', '='],
  ['≥', '>='],
  ['≤', '<='],
  ['≠', '!='],
  ['=', '='],
  ['<', '<'],
  ['>', '>'],
];
/** Variable, list and field names: enterprise.employees. */
const NAME = /[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*/y;
/** A condition's id, as the checker allows it. */
export const ID = /[\p{L}\p{N}_][\p{L}\p{N}_.-]*/uy;
/** JSON's number syntax, not followed by a letter or dot ("18abc" is no number). */
export const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/y;

export class Scanner {
  protected pos = 0;
  /** Open brackets: newlines inside them are plain space. */
  protected depth = 0;

  constructor(protected readonly src: string) {}

  protected string(): string {
    const start = this.pos;
    if (this.src[this.pos] === '“') {
      const end = this.src.indexOf('”', this.pos + 1);
      if (end === -1 || this.src.slice(this.pos, end).includes('\n')) this.fail('与“配对的”');
      this.pos = end + 1;
      return this.src.slice(start + 1, end);
    }
    let i = this.pos + 1;
    while (i < this.src.length && this.src[i] !== '"' && this.src[i] !== '\n')
      i += this.src[i] === '\\' ? 2 : 1;
    if (this.src[i] !== '"') this.fail('与 " 配对的 "');
    try {
      const value = JSON.parse(this.src.slice(start, i + 1)) as string;
      this.pos = i + 1;
      return value;
    } catch {
      return this.fail('合法的文本（反斜杠转义有误）');
    }
  }

  protected name(what: string): string {
    this.space();
    return this.match(NAME) ?? this.fail(what);
  }

  protected cmpOp(): CmpOp | undefined {
    for (const [token, op] of CMP_TOKENS)
      if (this.src.startsWith(token, this.pos)) {
        this.pos += token.length;
        return op;
      }
    return undefined;
  }

  protected word(word: string): void {
    this.space();
    if (this.peekWord() !== word) this.fail(`“${word}”`);
    this.pos += word.length;
  }

  protected open(bracket: '(' | '['): void {
    this.space();
    this.expect(bracket, `“${bracket}”`);
    this.depth++;
  }

  protected close(bracket: ')' | ']'): void {
    this.space();
    this.expect(bracket, `“${bracket}”`);
    this.depth--;
  }

  protected expect(ch: string, what: string): void {
    if (this.src[this.pos] !== ch) this.fail(what);
    this.pos++;
  }

  protected peek(): string | undefined {
    return this.src[this.pos];
  }

  protected peekWord(): string | null {
    const m = /[A-Za-z]+/y;
    m.lastIndex = this.pos;
    return m.exec(this.src)?.[0] ?? null;
  }

  protected match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }

  protected isQuote(): boolean {
    return this.peek() === '"' || this.peek() === '“';
  }

  protected isColon(): boolean {
    return this.peek() === ':' || this.peek() === '：';
  }

  /** Spaces and comments; newlines too inside brackets. */
  protected space(): void {
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\u3000' || (this.depth > 0 && (ch === '\n' || ch === '\r')))
        this.pos++;
      else if (ch === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  protected endOfLine(): void {
    this.space();
    if (this.pos >= this.src.length) return;
    if (this.src[this.pos] === '\r') this.pos++;
    if (this.src[this.pos] !== '\n') this.fail('行尾（每行只写一个条件）');
    this.pos++;
  }

  protected blankLines(): void {
    for (;;) {
      const start = this.pos;
      this.space();
      if (this.src[this.pos] === '\r') this.pos++;
      if (this.src[this.pos] === '\n') this.pos++;
      else {
        if (this.pos >= this.src.length) return;
        this.pos = start;
        this.space();
        return;
      }
    }
  }

  protected fail(expected: string): never {
    const before = this.src.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - (before.lastIndexOf('\n') + 1) + 1;
    const rest = this.src.slice(this.pos).split('\n')[0]!.trim();
    const found =
      this.pos >= this.src.length
        ? '文件末尾'
        : rest === ''
          ? '行尾'
          : `“${[...rest].slice(0, 12).join('')}”`;
    throw new ParseFailure({
      line,
      column,
      message: `第${line}行第${column}列：应为${expected}，实际为${found}`,
    });
  }
}
