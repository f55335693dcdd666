import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenIdCheckChar, maskCitizenId, parseCitizenId } from './citizen-id.ts';

/** A valid id from its first 17 digits. */
const withCheck = (first17: string) => first17 + citizenIdCheckChar(first17);

describe('公民身份号码 (GB 11643-1999)', () => {
  it('computes the check characters of the standard’s own examples', () => {
    // GB 11643-1999 附录: 北京市朝阳区 1949-12-31 女; 广东省汕头市潮阳县 1880-01-01 男.
    expect(citizenIdCheckChar('11010519491231002')).toBe('X');
    expect(citizenIdCheckChar('44052418800101001')).toBe('4');
    expect(parseCitizenId('440524188001010014')).toEqual({
      ok: true,
      id: '440524188001010014',
      regionCode: '440524',
      birthDate: '1880-01-01',
      sex: '男',
    });
  });

  it('reads lower-case x and ignores surrounding spaces', () => {
    expect(parseCitizenId(' 11010519491231002x ')).toEqual({
      ok: true,
      id: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: '女',
    });
  });

  it('covers every check character, 0–9 and X', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200 && seen.size < 11; seq++)
      seen.add(citizenIdCheckChar(`37150219850615${String(seq).padStart(3, '0')}`));
    expect([...seen].sort().join('')).toBe('0123456789X');
  });

  it('keeps an abolished address code (茌平县 371523, now 茌平区 371503)', () => {
    expect(parseCitizenId(withCheck('37152319780304123'))).toMatchObject({ ok: true, regionCode: '371523' });
  });

  it('reads the sex from the last digit of the sequence code', () => {
    expect(parseCitizenId(withCheck('37158119900101001'))).toMatchObject({ sex: '男' });
    expect(parseCitizenId(withCheck('37158119900101002'))).toMatchObject({ sex: '女' });
    expect(parseCitizenId(withCheck('37158119900101019'))).toMatchObject({ sex: '男' });
    expect(parseCitizenId(withCheck('37158119900101010'))).toMatchObject({ sex: '女' });
  });

  it('says exactly what is wrong', () => {
    expect(parseCitizenId('11010519491231002')).toEqual({
      ok: false,
      error: '公民身份号码应为18位，当前为17位',
    });
    expect(parseCitizenId('1101051949123100XX')).toEqual({
      ok: false,
      error: '公民身份号码第17位应为数字，实际为“X”',
    });
    expect(parseCitizenId('11010519491231002Y')).toEqual({
      ok: false,
      error: '公民身份号码第18位应为数字或X，实际为“Y”',
    });
    expect(parseCitizenId('110105194912310025')).toEqual({
      ok: false,
      error: '公民身份号码校验位应为“X”，实际为“5”',
    });
    expect(parseCitizenId(withCheck('37150219990230123'))).toEqual({
      ok: false,
      error: '出生日期“19990230”不是有效日期',
    });
    expect(parseCitizenId(withCheck('37150219991301123'))).toMatchObject({ ok: false });
    expect(parseCitizenId(withCheck('37150219990100123'))).toMatchObject({ ok: false });
  });

  it('follows the Gregorian leap years', () => {
    expect(parseCitizenId(withCheck('37150220000229123')).ok).toBe(true); // divisible by 400
    expect(parseCitizenId(withCheck('37150219000229123')).ok).toBe(false); // by 100, not 400
    expect(parseCitizenId(withCheck('37150219960229123')).ok).toBe(true);
    expect(parseCitizenId(withCheck('37150219970229123')).ok).toBe(false);
  });

  it('rejects a birth date after the given today, and only then', () => {
    const id = withCheck('37150220261129123');
    expect(parseCitizenId(id, '2026-11-28')).toEqual({
      ok: false,
      error: '出生日期“20261129”晚于今天（2026-11-28）',
    });
    expect(parseCitizenId(id, '2026-11-29')).toMatchObject({ ok: true, birthDate: '2026-11-29' });
    expect(parseCitizenId(id)).toMatchObject({ ok: true });
    expect(() => parseCitizenId(id, '20261128')).toThrow(RangeError);
  });

  it('catches every single-digit change and every swap of two different adjacent digits', () => {
    // ISO 7064 MOD 11-2 detects all single substitutions and all adjacent transpositions.
    const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
    const month = fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0'));
    const id = fc
      .tuple(
        fc.constantFrom('371502', '371503', '371521', '371522', '371524', '371525', '371526', '371581'),
        fc.integer({ min: 1930, max: 2010 }),
        month,
        day,
        fc.stringMatching(/^\d{3}$/),
      )
      .map(([region, y, m, d, seq]) => withCheck(`${region}${y}${m}${d}${seq}`));
    fc.assert(
      fc.property(id, fc.nat(17), fc.constantFrom(...'0123456789X'), (valid, i, c) => {
        expect(parseCitizenId(valid).ok).toBe(true);
        fc.pre(valid[i] !== c);
        expect(parseCitizenId(valid.slice(0, i) + c + valid.slice(i + 1)).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(id, fc.nat(16), (valid, i) => {
        fc.pre(valid[i] !== valid[i + 1]);
        const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
        expect(parseCitizenId(swapped).ok).toBe(false);
      }),
    );
  });

  it('masks the birth date and sequence for display', () => {
    expect(maskCitizenId('37150219850615123X')).toBe('371502********123X');
    expect(maskCitizenId('37150219850615123x')).toBe('371502********123X');
    expect(maskCitizenId('371502850615123')).toBe('371502*****5123'); // a 15-digit number of before 1999
    expect(maskCitizenId('12345')).toBe('*****');
  });
});
