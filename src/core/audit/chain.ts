/**
 * The tamper-evident audit trail as a hash chain. Every record's hash covers its own fields and the hash of the
 * record before it, so that editing, removing, swapping or slipping in a record breaks the chain from that point;
 * `verifyChain` walks the records in seq order and names the first one that is wrong.
 *
 * A record's seq is its position: 1, 2, 3 … with no gaps (the appender assigns it under a lock, so that a rolled-back
 * append leaves no hole). The seq is part of the hash, so a record cannot be moved without its hash giving it away.
 *
 * @example
 * const first = { seq: 1, at: '2024-05-01T02:00:00.000Z', actorKind: 'staff', …, detail: null };
 * const hash = hashEntry(GENESIS_HASH, first);
 * verifyChain([{ ...first, prevHash: GENESIS_HASH, hash }], { count: 1, lastHash: hash }); // { ok: true, checked: 1 }
 */
import { createHash } from 'node:crypto';

/** The prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The version of the canonical form below, hashed into every record. Every stored hash depends on that form: a new
 * one needs a new number, and records written before it must still be verified with this one.
 */
export const CHAIN_FORMAT = 1;

export const SUBJECT_KINDS = ['person', 'enterprise'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** Everything a record says, except its place in the chain (prevHash) and its hash. */
export interface AuditEntry {
  seq: number;
  /** ISO instant in UTC with milliseconds: 2024-05-01T02:00:00.000Z. */
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string;
  /** `<area>.<verb>`: item.update, profile.read, session.signIn … */
  action: string;
  targetKind: string | null;
  targetId: string | null;
  subjectKind: SubjectKind | null;
  /** The USCC of an enterprise; for a person a keyed pseudonym, never the citizen id (see AuditService). */
  subjectId: string | null;
  purpose: string | null;
  legalBasis: string | null;
  ip: string | null;
  /** Canonical JSON text (see canonicalJson), exactly as stored: the hash covers the text, not a re-parse of it. */
  detail: string | null;
}

/** A record as stored: the entry with the hash of its predecessor and its own. */
export interface ChainedEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

/**
 * The anchor: how many records the chain has and the hash of the last one, written in the same transaction as
 * every append. A chain cut short is still a valid chain, so without it removing the newest records would go
 * unnoticed. What it cannot catch: someone with write access who removes or rewrites the tail and then sets the
 * anchor to match (or rewrites the whole chain from some record on). Only a copy of the anchor kept outside the
 * database (the hash `zct audit verify` prints, written down or sent elsewhere from time to time) reveals that.
 */
export interface ChainHead {
  count: number;
  lastHash: string;
}

export type ChainProblem = 'edited' | 'removed' | 'reordered' | 'inserted';

export interface BadRecord {
  /** The record where the chain first goes wrong (for a removal, the seq of the first missing record). */
  seq: number;
  problem: ChainProblem;
  /** In Chinese, naming the record, for the auditor. */
  message: string;
}

export type ChainResult = { ok: true; checked: number } | { ok: false; checked: number; firstBad: BadRecord };

/** JSON with object keys sorted at every level, so that equal details always give the same text (and hash). */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .filter((k) => o[k] !== undefined)
        .map((k) => [k, sort(o[k])]),
    );
  };
  const text = JSON.stringify(sort(value));
  if (text === undefined) throw new TypeError('审计详情必须能表示为 JSON');
  return text;
}

/**
 * The text that is hashed: a JSON object whose keys are always the same, in the same order, with null written out
 * for every absent value (so that "absent" and "empty" can never be confused, and a backend returning undefined for
 * NULL changes nothing). The order is part of the format: change it only with CHAIN_FORMAT.
 */
export function canonicalEntry(prevHash: string, e: AuditEntry): string {
  if (!Number.isSafeInteger(e.seq) || e.seq < 1) throw new RangeError(`审计记录序号无效：${String(e.seq)}`);
  return JSON.stringify({
    format: CHAIN_FORMAT,
    seq: e.seq,
    at: e.at,
    actorKind: e.actorKind,
    actorId: e.actorId ?? null,
    actorName: e.actorName,
    action: e.action,
    targetKind: e.targetKind ?? null,
    targetId: e.targetId ?? null,
    subjectKind: e.subjectKind ?? null,
    subjectId: e.subjectId ?? null,
    purpose: e.purpose ?? null,
    legalBasis: e.legalBasis ?? null,
    ip: e.ip ?? null,
    detail: e.detail ?? null,
    prevHash,
  });
}

/** SHA-256 (hex) of the canonical form of an entry chained after prevHash. */
export function hashEntry(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(canonicalEntry(prevHash, entry), 'utf8').digest('hex');
}

/** Chains entries (seq 1…n in order) from the genesis hash: what an honest appender would have written. */
export function buildChain(entries: readonly AuditEntry[]): ChainedEntry[] {
  let prevHash = GENESIS_HASH;
  return entries.map((e) => {
    const hash = hashEntry(prevHash, e);
    const row = { ...e, prevHash, hash };
    prevHash = hash;
    return row;
  });
}

const label = (seq: number) => `第 ${seq} 条审计记录（序号 ${seq}）`;
const span = (from: number, to: number) =>
  from === to ? label(from) : `第 ${from} 至 ${to} 条审计记录（序号 ${from}–${to}）`;

/**
 * Checks records pushed in seq order, one at a time, so that a log too large to hold in memory can be streamed
 * through it. How a break is classified, for the first record where something is wrong:
 *
 * - seq jumps ahead (…, 4, 6): 5 was **removed** (unless the record at 6 is exactly 5's, renumbered: **edited**);
 * - its hash does not match its own fields but it links to its predecessor: **edited**;
 * - it matches its own fields but not its predecessor's hash: the predecessor was edited and its hash recomputed
 *   (**edited**, reported at the predecessor), or, when both claim the same predecessor, the predecessor was
 *   **inserted**;
 * - neither matches: edited, or another record moved here. To tell which, the verifier reads on: if a later record
 *   (or the anchor) names this record's hash as its predecessor's, the record is genuine but out of place, and is
 *   **reordered** when its hash checks out at that original seq;
 * - after the last record, the anchor: fewer records than it counts were **removed** at the end, more were
 *   **inserted**, and a different last hash means the last record (or the anchor) was **edited**.
 */
export class ChainVerifier {
  #checked = 0;
  #prev: ChainedEntry | null = null;
  #firstBad: BadRecord | null = null;
  /** A record judged edited that may yet turn out to be a genuine record from another place. */
  #suspect: ChainedEntry | null = null;

  get checked(): number {
    return this.#checked;
  }

  /** True once the outcome cannot change: the first bad record is known for certain. */
  get settled(): boolean {
    return this.#firstBad !== null && this.#suspect === null;
  }

  push(row: ChainedEntry): void {
    this.#checked++;
    if (this.#firstBad) this.#resolveSuspect(row);
    else this.#firstBad = this.#judge(row);
    this.#prev = row;
  }

  /** The result, checking the anchor when given one; with `null` (an anchor that should exist but does not) it fails. */
  finish(head?: ChainHead | null): ChainResult {
    if (this.#suspect && head && head.lastHash === this.#suspect.hash)
      this.#confirmMove(this.#suspect, head.count);
    this.#suspect = null;
    const checked = this.#checked;
    if (this.#firstBad) return { ok: false, checked, firstBad: this.#firstBad };
    const lastSeq = this.#prev?.seq ?? 0;
    const lastHash = this.#prev?.hash ?? GENESIS_HASH;
    if (head === null) {
      return checked === 0
        ? { ok: true, checked }
        : bad(checked, {
            seq: lastSeq,
            problem: 'removed',
            message: `审计链头记录缺失：无法确认${label(lastSeq)}之后没有记录被删除`,
          });
    }
    if (head === undefined) return { ok: true, checked };
    if (head.count > lastSeq) {
      return bad(checked, {
        seq: lastSeq + 1,
        problem: 'removed',
        message: `${span(lastSeq + 1, head.count)}已被删除：链头记录共 ${head.count} 条，实际只有 ${lastSeq} 条`,
      });
    }
    if (head.count < lastSeq) {
      return bad(checked, {
        seq: head.count + 1,
        problem: 'inserted',
        message: `${label(head.count + 1)}是多出的记录：链头记录只有 ${head.count} 条`,
      });
    }
    if (head.lastHash !== lastHash) {
      return bad(checked, {
        seq: lastSeq,
        problem: 'edited',
        message: `${label(lastSeq)}与链头记录不符：末条哈希不同（该记录被修改后重新计算了哈希，或链头被修改）`,
      });
    }
    return { ok: true, checked };
  }

  #judge(row: ChainedEntry): BadRecord | null {
    const prev = this.#prev;
    const expectedSeq = (prev?.seq ?? 0) + 1;
    const expectedPrevHash = prev?.hash ?? GENESIS_HASH;
    const linked = row.prevHash === expectedPrevHash;

    if (row.seq < expectedSeq) {
      return {
        seq: row.seq,
        problem: 'reordered',
        message: `审计记录顺序错乱：序号 ${row.seq} 出现在序号 ${prev?.seq ?? 0} 之后`,
      };
    }
    if (row.seq > expectedSeq) {
      if (linked && hashEntry(row.prevHash, { ...row, seq: expectedSeq }) === row.hash) {
        return {
          seq: expectedSeq,
          problem: 'edited',
          message: `${label(expectedSeq)}序号被修改：现为 ${row.seq}`,
        };
      }
      return {
        seq: expectedSeq,
        problem: 'removed',
        message: `${span(expectedSeq, row.seq - 1)}已被删除：${prev ? `序号从 ${prev.seq} 跳到 ${row.seq}` : `首条记录的序号是 ${row.seq}`}`,
      };
    }

    const selfConsistent = hashEntry(row.prevHash, row) === row.hash;
    if (selfConsistent && linked) return null;
    if (!linked && prev && row.prevHash === prev.prevHash) {
      return {
        seq: prev.seq,
        problem: 'inserted',
        message: `${label(prev.seq)}是插入的记录：它与第 ${row.seq} 条记录接在同一条记录之后`,
      };
    }
    if (selfConsistent) {
      return prev
        ? {
            seq: prev.seq,
            problem: 'edited',
            message: `${label(prev.seq)}内容被修改：哈希被重新计算，与第 ${row.seq} 条记录保存的前序哈希不符`,
          }
        : { seq: row.seq, problem: 'edited', message: `${label(row.seq)}内容被修改：前序哈希不是链的起点` };
    }
    if (linked) return { seq: row.seq, problem: 'edited', message: `${label(row.seq)}内容被修改：哈希不符` };
    this.#suspect = row;
    return {
      seq: row.seq,
      problem: 'edited',
      message: `${label(row.seq)}内容被修改：哈希不符，且与前一条记录不衔接（记录被改动、替换或重新编号）`,
    };
  }

  /** A later record whose predecessor is the suspect's hash says where the suspect really belongs. */
  #resolveSuspect(row: ChainedEntry): void {
    const suspect = this.#suspect;
    if (!suspect || row.prevHash !== suspect.hash) return;
    this.#confirmMove(suspect, row.seq - 1);
    this.#suspect = null;
  }

  #confirmMove(suspect: ChainedEntry, originalSeq: number): void {
    if (originalSeq === suspect.seq || originalSeq < 1) return;
    if (hashEntry(suspect.prevHash, { ...suspect, seq: originalSeq }) !== suspect.hash) return;
    this.#firstBad = {
      seq: suspect.seq,
      problem: 'reordered',
      message: `${label(suspect.seq)}位置被调换：此处是原第 ${originalSeq} 条记录`,
    };
  }
}

function bad(checked: number, firstBad: BadRecord): ChainResult {
  return { ok: false, checked, firstBad };
}

/**
 * Verifies records given in seq order. Pass the anchor to detect removal of the newest records; without it a
 * chain cut short verifies (see ChainHead).
 */
export function verifyChain(rows: Iterable<ChainedEntry>, head?: ChainHead | null): ChainResult {
  const verifier = new ChainVerifier();
  for (const row of rows) verifier.push(row);
  return verifier.finish(head);
}
