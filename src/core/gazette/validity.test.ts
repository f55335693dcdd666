import { describe, expect, it } from 'vitest';
import { findDate, parseDateLine, validityEnd } from './dates.ts';
import { readValidity } from './validity.ts';

describe('dates', () => {
  it('reads dates as printed', () => {
    expect(parseDateLine('2023年5月5日')).toBe('2023-05-05');
    expect(parseDateLine('2023 年 5 月 17 日')).toBe('2023-05-17');
    expect(parseDateLine('二〇二二年三月一日')).toBe('2022-03-01');
    expect(parseDateLine('二〇二二年十二月三十一日')).toBe('2022-12-31');
    expect(parseDateLine('（2023年5月）')).toBeNull();
    expect(parseDateLine('2023年2月30日')).toBeNull();
    expect(findDate('本办法自2023年7月1日起施行')).toBe('2023-07-01');
  });

  it('ends a validity of N years the day before the N-th anniversary', () => {
    expect(validityEnd('2023-07-01', 5)).toBe('2028-06-30');
    expect(validityEnd('2023-06-10', 5)).toBe('2028-06-09');
    expect(validityEnd('2024-01-01', 2)).toBe('2025-12-31');
    expect(validityEnd('2024-03-01', 1)).toBe('2025-02-28');
    expect(validityEnd('2024-02-29', 1)).toBe('2025-02-28');
  });
});

describe('validity clauses', () => {
  it('reads 自…起施行，有效期至…', () => {
    expect(
      readValidity(['第四十条 本办法自2023年6月10日起施行，有效期至2028年6月9日。'], '2023-05-05'),
    ).toEqual({
      effectiveFrom: '2023-06-10',
      effectiveUntil: '2028-06-09',
      clause: '本办法自2023年6月10日起施行，有效期至2028年6月9日。',
      basis: 'clause',
    });
  });

  it('reads 自印发之日起施行，有效期N年, counting from the issue date', () => {
    const v = readValidity(['本办法自印发之日起施行，有效期5年。'], '2022-03-01');
    expect([v.effectiveFrom, v.effectiveUntil]).toEqual(['2022-03-01', '2027-02-28']);
    expect(readValidity(['本通知自2024年3月1日起施行，有效期两年。'], null).effectiveUntil).toBe(
      '2026-02-28',
    );
    expect(readValidity(['本方案自发布之日起实施，有效期三年。'], '2023-01-10').effectiveUntil).toBe(
      '2026-01-09',
    );
  });

  it('reads 自…起实施 without an end', () => {
    expect(readValidity(['本方案自2024年1月1日起实施。'], '2023-12-20')).toMatchObject({
      effectiveFrom: '2024-01-01',
      effectiveUntil: null,
      basis: 'clause',
    });
  });

  it('takes the last clause, which is the closing article', () => {
    const v = readValidity(
      ['各单位自2023年1月1日起实施整改。', '本办法自2023年7月1日起施行，有效期至2028年6月30日。'],
      null,
    );
    expect(v.effectiveFrom).toBe('2023-07-01');
  });

  it('falls back to the issue date, and says so', () => {
    expect(readValidity(['各单位要认真贯彻执行。'], '2023-05-17')).toEqual({
      effectiveFrom: '2023-05-17',
      effectiveUntil: null,
      clause: null,
      basis: 'issue-date',
    });
    expect(readValidity(['各单位要认真贯彻执行。'], null).basis).toBe('none');
  });
});
