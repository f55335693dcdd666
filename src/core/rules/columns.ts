import type { FlatProfile } from './flatten.ts';

/**
 * Flat profiles as columns, for evaluating one rule over many profiles at once (`compileBatch` in batch.ts):
 * one typed array per variable, so that a condition is one loop over a column that serves every rule.
 *
 * - numbers and dates (day numbers): a Float64Array, NaN where the value is missing or not a number, as
 *   the compiled rule's `typeof v !== "number"` reads it. `flatten` admits finite numbers only, so NaN never
 *   stands for a value;
 * - strings, enums, booleans, regions, industries: an Int32Array of codes interned per column, -1 where the
 *   value is undefined. Any other value is interned as it is, so that `=` and `in` compare exactly as the
 *   compiled rule's `===` does;
 * - sets: a bit matrix of the members present in the batch, and which rows have a set at all;
 * - lists: offsets into the batch's elements, which are themselves a `ColumnBatch` (one column per field).
 *
 * Columns are built on first use and kept, as are the outcome tables of code conditions (`CodeColumn.table`):
 * a condition such as "registered within 371500" is worked out once per distinct code of the batch, whatever
 * the number of rows and rules that use it. A batch is therefore built once and used for many rules; building
 * costs one read per profile and variable used.
 *
 * Columns follow what a rule asks for, not a catalogue: `matchMany` receives flat profiles without their
 * catalogue, and items may declare variables of their own. A variable no profile has reads as all missing.
 *
 * @example
 * const batch = toColumns(profiles.map((p) => flatten(p, BASE_CATALOGUE)));
 * batch.numbers('enterprise.employees')[0]; // NaN when the first profile has no head count
 */
export function toColumns(profiles: readonly FlatProfile[]): ColumnBatch {
  return new ColumnBatch(profiles);
}

/** The values of one variable as interned codes. */
export interface CodeColumn {
  /** Per row, an index into `values`, or -1 when the value is undefined. */
  readonly codes: Int32Array;
  /** The distinct values present, in order of first appearance. */
  readonly values: readonly unknown[];
  /**
   * A condition's outcome for each code, as a table indexed by code + 1 (entry 0, missing, is 2 = unknown),
   * built once per `key` with `outcome(value)` for each distinct value. The key must determine the outcome.
   */
  readonly table: (key: string, outcome: (value: unknown) => 0 | 1 | 2) => Uint8Array;
}

/** A set-valued variable: row r contains member m when bit m of row r's words is set. */
export interface SetColumn {
  /** 1 when the row's value is an array, 0 when it is missing. */
  readonly known: Uint8Array;
  /** Words per row: the distinct members present, 32 to a word. */
  readonly words: number;
  readonly bits: Int32Array;
  /** The member's index, or -1 when no profile of the batch has it (SameValueZero, as `includes` compares). */
  readonly member: (value: unknown) => number;
}

/** A list variable: the elements of row r are elements r at offsets[r] up to offsets[r + 1]. */
export interface ListColumn {
  /** 1 when the row's value is an array, 0 when it is missing. */
  readonly known: Uint8Array;
  readonly offsets: Int32Array;
  /** Every element of every row, in row order, as a batch of its own (fields as variables). */
  readonly elements: ColumnBatch;
}

type Row = Readonly<Record<string, unknown>>;

/** Scratch space for one level of a rule's tree: a list of rows and an outcome per row. */
interface Scratch {
  rows: Int32Array;
  out: Uint8Array;
}

export class ColumnBatch {
  readonly size: number;
  private readonly numberColumns = new Map<string, Float64Array>();
  private readonly codeColumns = new Map<string, CodeColumn>();
  private readonly setColumns = new Map<string, SetColumn>();
  private readonly listColumns = new Map<string, ListColumn>();
  private readonly scratchByDepth: Scratch[] = [];
  private everyRow: Int32Array | undefined;

  constructor(private readonly rows: readonly Row[]) {
    this.size = rows.length;
  }

  numbers(variable: string): Float64Array {
    let column = this.numberColumns.get(variable);
    if (!column) {
      column = new Float64Array(this.size);
      for (let i = 0; i < this.size; i++) {
        const v = this.rows[i]![variable];
        column[i] = typeof v === 'number' ? v : NaN;
      }
      this.numberColumns.set(variable, column);
    }
    return column;
  }

  codes(variable: string): CodeColumn {
    let column = this.codeColumns.get(variable);
    if (!column) {
      const codes = new Int32Array(this.size);
      const values: unknown[] = [];
      const index = new Map<unknown, number>();
      for (let i = 0; i < this.size; i++) {
        const v = this.rows[i]![variable];
        if (v === undefined) {
          codes[i] = -1;
          continue;
        }
        let code = index.get(v);
        if (code === undefined) index.set(v, (code = values.push(v) - 1));
        codes[i] = code;
      }
      column = codeColumn(codes, values);
      this.codeColumns.set(variable, column);
    }
    return column;
  }

  sets(variable: string): SetColumn {
    let column = this.setColumns.get(variable);
    if (!column) {
      const known = new Uint8Array(this.size);
      const index = new Map<unknown, number>();
      for (let i = 0; i < this.size; i++) {
        const v = this.rows[i]![variable];
        if (!Array.isArray(v)) continue;
        known[i] = 1;
        for (const m of v as readonly unknown[]) if (!index.has(m)) index.set(m, index.size);
      }
      const words = Math.max(1, Math.ceil(index.size / 32));
      const bits = new Int32Array(this.size * words);
      for (let i = 0; i < this.size; i++) {
        if (known[i] === 0) continue;
        for (const m of this.rows[i]![variable] as readonly unknown[]) {
          const b = index.get(m)!;
          bits[i * words + (b >> 5)]! |= 1 << (b & 31);
        }
      }
      column = { known, words, bits, member: (value) => index.get(value) ?? -1 };
      this.setColumns.set(variable, column);
    }
    return column;
  }

  list(variable: string): ListColumn {
    let column = this.listColumns.get(variable);
    if (!column) {
      const known = new Uint8Array(this.size);
      const offsets = new Int32Array(this.size + 1);
      const elements: Row[] = [];
      for (let i = 0; i < this.size; i++) {
        const v = this.rows[i]![variable];
        if (Array.isArray(v)) {
          known[i] = 1;
          for (const e of v as readonly Row[]) elements.push(e);
        }
        offsets[i + 1] = elements.length;
      }
      column = { known, offsets, elements: new ColumnBatch(elements) };
      this.listColumns.set(variable, column);
    }
    return column;
  }

  /** 0, 1, …, size − 1: the rows to evaluate when the caller names none. */
  allRows(): Int32Array {
    if (!this.everyRow) {
      this.everyRow = new Int32Array(this.size);
      for (let i = 0; i < this.size; i++) this.everyRow[i] = i;
    }
    return this.everyRow;
  }

  /**
   * Working space for the groups of a rule at `depth` in its tree, shared by every rule evaluated on this
   * batch: evaluation is synchronous, and a group uses only its own depth's space while its children run.
   */
  scratch(depth: number): Scratch {
    let s = this.scratchByDepth[depth];
    if (!s) {
      s = { rows: new Int32Array(this.size), out: new Uint8Array(this.size) };
      this.scratchByDepth[depth] = s;
    }
    return s;
  }
}

function codeColumn(codes: Int32Array, values: readonly unknown[]): CodeColumn {
  const tables = new Map<string, Uint8Array>();
  return {
    codes,
    values,
    table(key, outcome) {
      let t = tables.get(key);
      if (!t) {
        t = new Uint8Array(values.length + 1);
        t[0] = 2;
        for (let c = 0; c < values.length; c++) t[c + 1] = outcome(values[c]);
        tables.set(key, t);
      }
      return t;
    },
  };
}
