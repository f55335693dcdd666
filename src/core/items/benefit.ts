/**
 * What an item is worth to a profile, and which items cannot be paid together.
 *
 * - A fixed amount is that amount; "按投资额的X%，最高Y万元" is X% of the variable, capped at Y. An amount the text
 *   does not give is not estimated (the item says so instead).
 * - 就高不重复: of the items that fit and share a stacking group, only the highest is paid; the others are
 *   marked as covered by it. Items whose amounts are unknown cannot be ranked and are all kept, flagged.
 *
 * @example
 * estimateBenefit({ kind: 'rate', description: '', ratePercent: 10, of: 'enterprise.investment', cap: 200, unit: '万元' },
 *   { 'enterprise.investment': 1500 }); // { amount: 150, unit: '万元', capped: false, text: '1500万元 × 10% = 150万元' }
 */
import type { FactValue } from '../rules/types.ts';
import type { Benefit } from './types.ts';

export interface BenefitEstimate {
  amount: number;
  unit: '元' | '万元';
  capped: boolean;
  /** How it was worked out, in Chinese. */
  text: string;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

export function estimateBenefit(
  benefit: Benefit,
  values: Readonly<Record<string, FactValue | undefined>>,
): BenefitEstimate | null {
  if (benefit.kind === 'fixed') {
    return {
      amount: benefit.amount,
      unit: benefit.unit,
      capped: false,
      text: `定额${fmt(benefit.amount)}${benefit.unit}`,
    };
  }
  if (benefit.kind !== 'rate') return null;
  const base = values[benefit.of];
  if (typeof base !== 'number' || !Number.isFinite(base) || base < 0) return null;
  const raw = (base * benefit.ratePercent) / 100;
  const capped = benefit.cap !== undefined && raw > benefit.cap;
  const amount = capped ? benefit.cap! : raw;
  const text = `${fmt(base)}${benefit.unit} × ${fmt(benefit.ratePercent)}% = ${fmt(raw)}${benefit.unit}${
    capped ? `，超过上限，按${fmt(benefit.cap!)}${benefit.unit}` : ''
  }`;
  return { amount, unit: benefit.unit, capped, text };
}

/** In 元, to compare amounts given in 元 and 万元. */
const inYuan = (e: BenefitEstimate) => (e.unit === '万元' ? e.amount * 10_000 : e.amount);

export interface Stackable {
  code: string;
  stackingGroup?: string;
  estimate: BenefitEstimate | null;
}

/**
 * For items that fit: per stacking group, the one to pay (highest estimate; ties by code) and the others it
 * covers. Returns code → the code of the item that covers it, for the items not paid.
 */
export function resolveStacking(items: readonly Stackable[]): Map<string, string> {
  const covered = new Map<string, string>();
  const groups = new Map<string, Stackable[]>();
  for (const i of items) {
    if (!i.stackingGroup) continue;
    groups.set(i.stackingGroup, [...(groups.get(i.stackingGroup) ?? []), i]);
  }
  for (const members of groups.values()) {
    if (members.length < 2 || members.some((m) => m.estimate === null)) continue;
    const best = [...members].sort(
      (a, b) => inYuan(b.estimate!) - inYuan(a.estimate!) || a.code.localeCompare(b.code),
    )[0]!;
    for (const m of members) if (m !== best) covered.set(m.code, best.code);
  }
  return covered;
}

/** Whether applications are open on a day. */
export function windowStatus(
  window: { opensOn?: string; closesOn?: string } | undefined,
  asOf: string,
): 'open' | 'notYet' | 'closed' | 'always' {
  if (!window || (!window.opensOn && !window.closesOn)) return 'always';
  if (window.opensOn && asOf < window.opensOn) return 'notYet';
  if (window.closesOn && asOf > window.closesOn) return 'closed';
  return 'open';
}
