import { describe, expect, it } from 'vitest';
import { sideBySide } from './side-by-side.ts';

const lines = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`).join('\n') + '\n';

describe('sideBySide', () => {
  it('pairs a removed run with the added run after it, row by row, numbering each side', () => {
    const r = sideBySide([
      { kind: 'same', text: 'a\n' },
      { kind: 'removed', text: 'old1\nold2\n' },
      { kind: 'added', text: 'new1\n' },
      { kind: 'same', text: 'z\n' },
    ]);
    expect(r.added).toBe(1);
    expect(r.removed).toBe(2);
    expect(r.blocks).toHaveLength(1);
    const rows = r.blocks[0]!.rows;
    expect(rows.map((x) => [x.left?.text ?? null, x.right?.text ?? null])).toEqual([
      ['a', 'a'],
      ['old1', 'new1'],
      ['old2', null],
      ['z', 'z'],
    ]);
    // The line after the change is line 4 on the left and line 3 on the right.
    expect([rows[3]!.left!.number, rows[3]!.right!.number]).toEqual([4, 3]);
    expect(rows[1]!.left!.changed && rows[1]!.right!.changed).toBe(true);
    expect(rows[0]!.left!.changed).toBe(false);
  });

  it('puts an added run with nothing removed on the right only', () => {
    const r = sideBySide([{ kind: 'added', text: 'x\n' }]);
    expect(r.blocks[0]!.rows).toEqual([{ left: null, right: { number: 1, text: 'x', changed: true } }]);
  });

  it('folds long unchanged runs down to the context around each change', () => {
    const r = sideBySide(
      [
        { kind: 'same', text: lines(10, 'h') },
        { kind: 'removed', text: 'old\n' },
        { kind: 'added', text: 'new\n' },
        { kind: 'same', text: lines(10, 't') },
      ],
      3,
    );
    expect(r.blocks.map((b) => [b.kind, b.rows.length])).toEqual([
      ['fold', 7],
      ['rows', 3 + 1 + 3],
      ['fold', 7],
    ]);
    expect(r.blocks[1]!.rows[0]!.left!.text).toBe('h8');
    expect(r.blocks[1]!.rows[0]!.left!.number).toBe(8);
  });

  it('does not fold a run that is barely longer than its context', () => {
    const r = sideBySide([
      { kind: 'removed', text: 'a\n' },
      { kind: 'same', text: lines(7, 's') },
      { kind: 'added', text: 'b\n' },
    ]);
    expect(r.blocks.map((b) => b.kind)).toEqual(['rows']);
    expect(r.blocks[0]!.rows).toHaveLength(9);
  });
});
