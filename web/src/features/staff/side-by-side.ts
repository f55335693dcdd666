/** A run of the server's line diff (jsdiff): unchanged, removed or added lines, each ending in a newline. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** One line on one side of the diff, numbered in its own version. */
export interface DiffLine {
  number: number;
  text: string;
  /** Removed (on the left) or added (on the right). */
  changed: boolean;
}

/** A row of the side-by-side view: the old line on the left, the new one on the right; null is a gap. */
export interface DiffRow {
  left: DiffLine | null;
  right: DiffLine | null;
}

/** Rows shown, or a run of unchanged rows folded away (shown on request). */
export type DiffBlock = { kind: 'rows'; rows: DiffRow[] } | { kind: 'fold'; rows: DiffRow[] };

export interface SideBySide {
  blocks: DiffBlock[];
  added: number;
  removed: number;
}

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Lays out a line diff (the server's jsdiff runs of same, removed and added lines) as two columns: a removed run
 * followed by an added run is a change, its lines paired row by row; unchanged runs longer than twice `context`
 * fold down to `context` lines on each side of a change, as `diff -U` does.
 *
 * @example sideBySide([{ kind: 'removed', text: 'a\n' }, { kind: 'added', text: 'b\n' }])
 *   → one row: left a (changed), right b (changed)
 */
export function sideBySide(parts: readonly DiffPart[], context = 3): SideBySide {
  const rows: { row: DiffRow; same: boolean }[] = [];
  let left = 0;
  let right = 0;
  let added = 0;
  let removed = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.kind === 'same') {
      for (const text of linesOf(part.text))
        rows.push({
          row: {
            left: { number: ++left, text, changed: false },
            right: { number: ++right, text, changed: false },
          },
          same: true,
        });
      continue;
    }
    const next = parts[i + 1];
    const olds = part.kind === 'removed' ? linesOf(part.text) : [];
    const news =
      part.kind === 'added' ? linesOf(part.text) : next?.kind === 'added' ? linesOf(next.text) : [];
    if (part.kind === 'removed' && next?.kind === 'added') i++;
    removed += olds.length;
    added += news.length;
    for (let k = 0; k < Math.max(olds.length, news.length); k++)
      rows.push({
        row: {
          left: k < olds.length ? { number: ++left, text: olds[k]!, changed: true } : null,
          right: k < news.length ? { number: ++right, text: news[k]!, changed: true } : null,
        },
        same: false,
      });
  }

  // Fold each run of unchanged rows that keeps more than `context` lines away from every change.
  const blocks: DiffBlock[] = [];
  const push = (kind: DiffBlock['kind'], row: DiffRow) => {
    const last = blocks.at(-1);
    if (last?.kind === kind) last.rows.push(row);
    else blocks.push({ kind, rows: [row] });
  };
  let start = 0;
  while (start < rows.length) {
    if (!rows[start]!.same) {
      push('rows', rows[start]!.row);
      start++;
      continue;
    }
    let end = start;
    while (end < rows.length && rows[end]!.same) end++;
    const keepHead = start === 0 ? 0 : context;
    const keepTail = end === rows.length ? 0 : context;
    const run = rows.slice(start, end).map((r) => r.row);
    if (run.length > keepHead + keepTail + 1) {
      for (const row of run.slice(0, keepHead)) push('rows', row);
      blocks.push({ kind: 'fold', rows: run.slice(keepHead, run.length - keepTail) });
      for (const row of run.slice(run.length - keepTail)) push('rows', row);
    } else {
      for (const row of run) push('rows', row);
    }
    start = end;
  }
  return { blocks, added, removed };
}
