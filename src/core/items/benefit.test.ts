import { describe, expect, it } from 'vitest';
import { estimateBenefit, resolveStacking, windowStatus } from './benefit.ts';

const rate = {
  kind: 'rate' as const,
  description: '按设备投资额的10%给予奖补，最高200万元',
  ratePercent: 10,
  of: 'enterprise.investment',
  cap: 200,
  unit: '万元' as const,
};

describe('benefit estimates', () => {
  it('applies the rate below the cap and the cap above it', () => {
    expect(estimateBenefit(rate, { 'enterprise.investment': 1500 })).toEqual({
      amount: 150,
      unit: '万元',
      capped: false,
      text: '1500万元 × 10% = 150万元',
    });
    expect(estimateBenefit(rate, { 'enterprise.investment': 3500 })).toMatchObject({
      amount: 200,
      capped: true,
    });
    expect(estimateBenefit(rate, { 'enterprise.investment': 2000 })).toMatchObject({
      amount: 200,
      capped: false,
    });
  });

  it('does not estimate without the base value, or when the text gives no amount', () => {
    expect(estimateBenefit(rate, {})).toBeNull();
    expect(
      estimateBenefit({ kind: 'unspecified', description: '奖补', note: '原文未规定金额' }, {}),
    ).toBeNull();
  });

  it('pays only the highest of a stacking group (就高不重复), comparing 元 with 万元', () => {
    const covered = resolveStacking([
      { code: 'A', stackingGroup: 'g', estimate: { amount: 30, unit: '万元', capped: false, text: '' } },
      { code: 'B', stackingGroup: 'g', estimate: { amount: 50_000, unit: '元', capped: false, text: '' } },
      { code: 'C', estimate: { amount: 1, unit: '元', capped: false, text: '' } },
    ]);
    expect([...covered]).toEqual([['B', 'A']]);
  });

  it('keeps every member of a group whose amounts cannot be compared', () => {
    expect(
      resolveStacking([
        { code: 'A', stackingGroup: 'g', estimate: null },
        { code: 'B', stackingGroup: 'g', estimate: { amount: 1, unit: '元', capped: false, text: '' } },
      ]).size,
    ).toBe(0);
  });

  it('tells whether applications are open', () => {
    const w = { opensOn: '2026-03-01', closesOn: '2026-04-30' };
    expect(windowStatus(w, '2026-02-28')).toBe('notYet');
    expect(windowStatus(w, '2026-03-01')).toBe('open');
    expect(windowStatus(w, '2026-04-30')).toBe('open');
    expect(windowStatus(w, '2026-05-01')).toBe('closed');
    expect(windowStatus(undefined, '2026-05-01')).toBe('always');
  });
});
