import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_CHARSET, organizationCodeCheckChar, parseUscc, usccCheckChar } from './uscc.ts';

/** Published codes of well-known companies; each passes both check characters. */
const REAL = [
  '914403001922038216', // 华为技术有限公司
  '9144030071526726XG', // 腾讯科技（深圳）有限公司
  '91520000214434146R', // 贵州茅台酒股份有限公司
  '91440300192317458F', // 比亚迪股份有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91110000710926094P', // 中国石油化工股份有限公司
  '91350100M000100Y43', // a 主体标识码 with letters, as issued since 2015
];

/** A valid code from its parts: authority, type, region and the 8-character 本体 of the 组织机构代码. */
function build(head: string, region: string, orgBody: string): string {
  const first17 = head + region + orgBody + organizationCodeCheckChar(orgBody);
  return first17 + usccCheckChar(first17);
}

const charsetChar = fc.constantFrom(...USCC_CHARSET.split(''));
const validCode = fc
  .tuple(
    fc.constantFrom('11', '12', '51', '52', '53', '91', '92', '93', 'Y1'),
    fc.stringMatching(/^\d{6}$/),
    fc.array(charsetChar, { minLength: 8, maxLength: 8 }),
  )
  .map(([head, region, org]) => build(head, region, org.join('')));

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('computes the check character of published codes', () => {
    for (const code of REAL) expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('takes a valid code apart', () => {
    expect(parseUscc('914403001922038216')).toEqual({
      ok: true,
      code: '914403001922038216',
      registrationAuthority: '工商',
      entityType: '企业',
      regionCode: '440300',
      organizationCode: '192203821',
    });
    const fund = build('53', '371500', '50000001');
    expect(parseUscc(fund)).toMatchObject({ ok: true, registrationAuthority: '民政', entityType: '基金会' });
    // A first character assigned after 表1 is valid, but left unnamed.
    const lawFirm = build('31', '371500', '50000001');
    expect(parseUscc(lawFirm)).toMatchObject({
      ok: true,
      registrationAuthority: '未列明（3）',
      entityType: '未列明（1）',
    });
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(parseUscc('  9144030071526726xg ')).toMatchObject({ ok: true, code: '9144030071526726XG' });
    expect(parseUscc('91350100m000100y43')).toMatchObject({ ok: true, organizationCode: 'M000100Y4' });
  });

  it('says exactly what is wrong', () => {
    expect(parseUscc('91440300192203821')).toEqual({
      ok: false,
      error: '统一社会信用代码应为18位，当前为17位',
    });
    expect(parseUscc('')).toEqual({ ok: false, error: '统一社会信用代码应为18位，当前为0位' });
    expect(parseUscc('91440300I922038216')).toEqual({
      ok: false,
      error: '第9位字符“I”不是合法字符',
    });
    for (const bad of ['O', 'Z', 'S', 'V', '-'])
      expect(parseUscc(`9144030019220382${bad}6`)).toEqual({
        ok: false,
        error: `第17位字符“${bad}”不是合法字符`,
      });
    expect(parseUscc('914403001922038217')).toEqual({ ok: false, error: '校验位应为“6”，实际为“7”' });
    expect(parseUscc('91440A001922038216')).toEqual({
      ok: false,
      error: '第3至8位登记管理机关行政区划码应为6位数字，实际为“440A00”',
    });
    // Right 18th character over a wrong 组织机构代码: 19220382 has check character 1, not 2.
    const first17 = '91440300192203822';
    expect(parseUscc(first17 + usccCheckChar(first17))).toEqual({
      ok: false,
      error: '第17位组织机构代码校验位应为“1”，实际为“2”',
    });
  });

  it('computes GB 11714 check characters, including X and 0', () => {
    expect(organizationCodeCheckChar('19220382')).toBe('1');
    expect(organizationCodeCheckChar('71526726')).toBe('X');
    expect(organizationCodeCheckChar('M000100Y')).toBe('4');
    // Σ ≡ 0 (mod 11) gives 11, written 0.
    expect(organizationCodeCheckChar('00000000')).toBe('0');
    expect(() => organizationCodeCheckChar('1234567')).toThrow(RangeError);
  });

  it('catches every single-character change of a published code', () => {
    for (const code of REAL) {
      for (let i = 0; i < 18; i++) {
        for (const c of USCC_CHARSET) {
          if (c === code[i]) continue;
          const changed = code.slice(0, i) + c + code.slice(i + 1);
          expect(parseUscc(changed).ok, changed).toBe(false);
        }
      }
    }
  });

  it('accepts every code built by the rules and rejects any one-character change of it', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), charsetChar, (code, i, c) => {
        expect(parseUscc(code).ok).toBe(true);
        fc.pre(code[i] !== c);
        expect(parseUscc(code.slice(0, i) + c + code.slice(i + 1)).ok).toBe(false);
      }),
    );
  });
});
