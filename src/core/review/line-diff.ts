import { diffLines } from 'diff';

/** One run of a line diff: lines both versions share, or lines only the old (removed) or new (added) one has. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/**
 * Two texts cut into runs of equal, removed and added lines (jsdiff's diffLines), so that a reviewer sees the old
 * version on the left and the new one on the right.
 *
 * @example lineDiff('a\nb\n', 'a\nc\n'); // [{ kind: 'same', text: 'a\n' }, { kind: 'removed', text: 'b\n' },
 *                                        //  { kind: 'added', text: 'c\n' }]
 */
export function lineDiff(before: string, after: string): DiffPart[] {
  return diffLines(before, after).map((p) => ({
    kind: p.added ? 'added' : p.removed ? 'removed' : 'same',
    text: p.value,
  }));
}
