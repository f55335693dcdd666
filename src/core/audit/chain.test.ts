import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  buildChain,
  canonicalEntry,
  canonicalJson,
  hashEntry,
  verifyChain,
  type AuditEntry,
  type ChainHead,
  type ChainedEntry,
} from './chain.ts';

const entry = (seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  at: new Date(Date.UTC(2024, 4, 1, 2, 0, seq)).toISOString(),
  actorKind: 'staff',
  actorId: 'u-7',
  actorName: '王敏',
  action: 'profile.read',
  targetKind: 'profile',
  targetId: String(seq),
  subjectKind: 'enterprise',
  subjectId: '91371500MA3C5XXXXA',
  purpose: '审核技术改造奖补申请',
  legalBasis: null,
  ip: '10.0.0.8',
  detail: canonicalJson({ department: '市工业和信息化局' }),
  ...overrides,
});

const chainOf = (n: number) => buildChain(Array.from({ length: n }, (_, i) => entry(i + 1)));
const headOf = (rows: readonly ChainedEntry[]): ChainHead => ({
  count: rows.length,
  lastHash: rows.at(-1)?.hash ?? GENESIS_HASH,
});

/** Exchanges everything but the seq of two records, as `UPDATE … SET` of every other column would. */
function swapContents(rows: ChainedEntry[], a: number, b: number): ChainedEntry[] {
  const out = rows.slice();
  out[a] = { ...rows[b]!, seq: rows[a]!.seq };
  out[b] = { ...rows[a]!, seq: rows[b]!.seq };
  return out;
}

describe('canonical form and hash', () => {
  it('writes every field in a fixed order, with explicit nulls', () => {
    const text = canonicalEntry(
      GENESIS_HASH,
      entry(1, { actorId: null, targetKind: null, targetId: null, detail: null }),
    );
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'format',
      'seq',
      'at',
      'actorKind',
      'actorId',
      'actorName',
      'action',
      'targetKind',
      'targetId',
      'subjectKind',
      'subjectId',
      'purpose',
      'legalBasis',
      'ip',
      'detail',
      'prevHash',
    ]);
    expect(parsed.actorId).toBeNull();
    expect(parsed.legalBasis).toBeNull();
    expect(parsed.detail).toBeNull();
  });

  it('does not depend on the order in which an entry’s properties were set', () => {
    const e = entry(3);
    const reversed = Object.fromEntries(Object.entries(e).reverse()) as unknown as AuditEntry;
    expect(hashEntry(GENESIS_HASH, reversed)).toBe(hashEntry(GENESIS_HASH, e));
  });

  it('is pinned: a change of the canonical form must come with a new CHAIN_FORMAT', () => {
    expect(hashEntry(GENESIS_HASH, entry(1))).toMatchInlineSnapshot(
      `"b0538a272ae65d1f186b045ece1d8fef21f0e09569391579e8828b218248564c"`,
    );
  });

  it('sorts detail keys at every level and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: null }], c: '中' } })).toBe(
      '{"a":{"c":"中","d":[2,{"x":null,"z":1}]},"b":1}',
    );
  });

  it('depends on the predecessor, so the same entry after another record has another hash', () => {
    expect(hashEntry(GENESIS_HASH, entry(2))).not.toBe(hashEntry('f'.repeat(64), entry(2)));
  });
});

describe('verifyChain', () => {
  it('accepts an empty chain and a valid one', () => {
    expect(verifyChain([], { count: 0, lastHash: GENESIS_HASH })).toEqual({ ok: true, checked: 0 });
    const rows = chainOf(20);
    expect(verifyChain(rows, headOf(rows))).toEqual({ ok: true, checked: 20 });
  });

  it('names an edited record', () => {
    const rows = chainOf(20);
    rows[16] = { ...rows[16]!, purpose: '随便看看' };
    const r = verifyChain(rows, headOf(chainOf(20)));
    expect(r).toMatchObject({
      ok: false,
      firstBad: { seq: 17, problem: 'edited', message: '第 17 条审计记录（序号 17）内容被修改：哈希不符' },
    });
  });

  it('names a record whose hash was recomputed after the edit, through its successor', () => {
    const rows = chainOf(10);
    const edited = { ...rows[4]!, actorName: '李四' };
    rows[4] = { ...edited, hash: hashEntry(edited.prevHash, edited) };
    const r = verifyChain(rows, headOf(chainOf(10)));
    expect(r).toMatchObject({ ok: false, firstBad: { seq: 5, problem: 'edited' } });
    expect(!r.ok && r.firstBad.message).toMatch(/第 5 条.*哈希被重新计算.*第 6 条/);
  });

  it('names a removed record in the middle and at the start', () => {
    const rows = chainOf(10);
    const head = headOf(rows);
    expect(verifyChain([...rows.slice(0, 6), ...rows.slice(7)], head)).toMatchObject({
      ok: false,
      firstBad: { seq: 7, problem: 'removed', message: '第 7 条审计记录（序号 7）已被删除：序号从 6 跳到 8' },
    });
    expect(verifyChain([...rows.slice(0, 3), ...rows.slice(6)], head)).toMatchObject({
      firstBad: { seq: 4, problem: 'removed', message: expect.stringMatching(/第 4 至 6 条/) as unknown },
    });
    expect(verifyChain(rows.slice(1), head)).toMatchObject({ firstBad: { seq: 1, problem: 'removed' } });
  });

  it('detects removal of the newest records only through the anchor', () => {
    const rows = chainOf(10);
    const cut = rows.slice(0, 8);
    expect(verifyChain(cut)).toEqual({ ok: true, checked: 8 });
    expect(verifyChain(cut, headOf(rows))).toMatchObject({
      ok: false,
      firstBad: {
        seq: 9,
        problem: 'removed',
        message: '第 9 至 10 条审计记录（序号 9–10）已被删除：链头记录共 10 条，实际只有 8 条',
      },
    });
    expect(verifyChain([], headOf(rows))).toMatchObject({ firstBad: { seq: 1, problem: 'removed' } });
  });

  it('fails when the anchor that should exist is missing', () => {
    expect(verifyChain(chainOf(3), null)).toMatchObject({ ok: false, firstBad: { problem: 'removed' } });
    expect(verifyChain([], null)).toEqual({ ok: true, checked: 0 });
  });

  it('calls swapped records reordered, at the first of them', () => {
    const rows = chainOf(12);
    const head = headOf(rows);
    expect(verifyChain(swapContents(rows, 3, 8), head)).toMatchObject({
      ok: false,
      firstBad: {
        seq: 4,
        problem: 'reordered',
        message: '第 4 条审计记录（序号 4）位置被调换：此处是原第 9 条记录',
      },
    });
    // neighbours, and a swap with the last record (which has no successor: the anchor tells)
    expect(verifyChain(swapContents(rows, 5, 6), head)).toMatchObject({
      firstBad: { seq: 6, problem: 'reordered' },
    });
    expect(verifyChain(swapContents(rows, 0, 11), head)).toMatchObject({
      firstBad: { seq: 1, problem: 'reordered' },
    });
  });

  it('reports rows given out of seq order', () => {
    const rows = chainOf(5);
    expect(verifyChain([rows[0]!, rows[2]!, rows[1]!])).toMatchObject({
      firstBad: { seq: 2, problem: 'removed' },
    });
    expect(verifyChain([rows[0]!, rows[1]!, rows[1]!])).toMatchObject({
      firstBad: { seq: 2, problem: 'reordered' },
    });
  });

  it('names a record slipped in with a valid hash, and records beyond the anchor', () => {
    const rows = chainOf(6);
    // A forged record 4, properly hashed after record 3; the old 4…6 renumbered to 5…7.
    const forgedEntry = entry(4, { actorName: '伪造者', purpose: '补录' });
    const forged = { ...forgedEntry, prevHash: rows[2]!.hash, hash: hashEntry(rows[2]!.hash, forgedEntry) };
    const tampered = [...rows.slice(0, 3), forged, ...rows.slice(3).map((r) => ({ ...r, seq: r.seq + 1 }))];
    expect(verifyChain(tampered, headOf(rows))).toMatchObject({
      ok: false,
      firstBad: { seq: 4, problem: 'inserted' },
    });
    // An honest-looking append that did not go through the anchor.
    const longer = chainOf(7);
    expect(verifyChain(longer, headOf(rows))).toMatchObject({
      firstBad: {
        seq: 7,
        problem: 'inserted',
        message: '第 7 条审计记录（序号 7）是多出的记录：链头记录只有 6 条',
      },
    });
  });

  it('names a renumbered record and a rehashed last record', () => {
    const rows = chainOf(5);
    const head = headOf(rows);
    const renumbered = [...rows.slice(0, 4), { ...rows[4]!, seq: 9 }];
    expect(verifyChain(renumbered, head)).toMatchObject({ firstBad: { seq: 5, problem: 'edited' } });
    const last = { ...rows[4]!, purpose: '改过' };
    const rehashed = [...rows.slice(0, 4), { ...last, hash: hashEntry(last.prevHash, last) }];
    expect(verifyChain(rehashed, head)).toMatchObject({
      firstBad: { seq: 5, problem: 'edited', message: expect.stringMatching(/链头/) as unknown },
    });
  });
});

describe('verifyChain, properties', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('审核申请', '核验身份', '免申即享名单'),
  );
  const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const entryFields = fc.record({
    at: fc
      .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
      .map((ms) => new Date(ms).toISOString()),
    actorKind: fc.constantFrom('staff', 'person', 'enterprise', 'system'),
    actorId: optional(text),
    actorName: text,
    action: fc.constantFrom('profile.read', 'profile.update', 'item.update', 'session.signIn'),
    targetKind: optional(text),
    targetId: optional(text),
    subjectKind: fc.constantFrom('person', 'enterprise', null),
    subjectId: optional(text),
    purpose: optional(text),
    legalBasis: optional(text),
    ip: optional(fc.ipV4()),
    detail: optional(fc.jsonValue({ maxDepth: 2 }).map(canonicalJson)),
  });
  const chains = fc
    .array(entryFields, { minLength: 1, maxLength: 25 })
    .map((fields) => buildChain(fields.map((f, i) => ({ ...f, seq: i + 1 }))));

  /** Every stored column but seq (the row's key) can be edited. */
  const EDITABLE = [
    'at',
    'actorKind',
    'actorId',
    'actorName',
    'action',
    'targetKind',
    'targetId',
    'subjectKind',
    'subjectId',
    'purpose',
    'legalBasis',
    'ip',
    'detail',
    'prevHash',
    'hash',
  ] as const;
  const altered = (field: (typeof EDITABLE)[number], v: string | null): string | null => {
    if (field === 'subjectKind') return v === 'person' ? 'enterprise' : 'person';
    if (field === 'prevHash' || field === 'hash') return (v![0] === 'a' ? 'b' : 'a') + v!.slice(1);
    return `${v ?? ''}改`;
  };

  it('accepts every honest chain', () => {
    fc.assert(
      fc.property(chains, (rows) => {
        expect(verifyChain(rows, headOf(rows))).toEqual({ ok: true, checked: rows.length });
      }),
    );
  });

  it('names the record of any single edit', () => {
    fc.assert(
      fc.property(chains, fc.nat(), fc.constantFrom(...EDITABLE), (rows, i, field) => {
        const k = i % rows.length;
        const tampered = rows.slice();
        tampered[k] = { ...rows[k]!, [field]: altered(field, rows[k]![field]) };
        const r = verifyChain(tampered, headOf(rows));
        expect(r).toMatchObject({ ok: false, firstBad: { seq: k + 1, problem: 'edited' } });
      }),
    );
  });

  it('names the record of any single removal, the last included', () => {
    fc.assert(
      fc.property(chains, fc.nat(), (rows, i) => {
        const k = i % rows.length;
        const r = verifyChain([...rows.slice(0, k), ...rows.slice(k + 1)], headOf(rows));
        expect(r).toMatchObject({ ok: false, firstBad: { seq: k + 1, problem: 'removed' } });
      }),
    );
  });

  it('names the first record of any swap', () => {
    fc.assert(
      fc.property(
        chains.filter((rows) => rows.length >= 2),
        fc.nat(),
        fc.nat(),
        (rows, i, j) => {
          const a = i % (rows.length - 1);
          const b = a + 1 + (j % (rows.length - 1 - a));
          const r = verifyChain(swapContents(rows, a, b), headOf(rows));
          expect(r).toMatchObject({ ok: false, firstBad: { seq: a + 1, problem: 'reordered' } });
        },
      ),
    );
  });
});
