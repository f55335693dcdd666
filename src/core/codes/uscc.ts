/**
 * 统一社会信用代码 (USCC), GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》: 18 characters,
 *   1      登记管理部门代码
 *   2      机构类别代码
 *   3–8    登记管理机关行政区划码 (GB/T 2260)
 *   9–17   主体标识码, the 组织机构代码 of GB 11714 with its own check character at position 17
 *   18     校验码
 *
 * `parseUscc` checks both check characters and says in Chinese exactly what is wrong.
 *
 * @example
 * usccCheckChar('91350100M000100Y4') // '3'
 * parseUscc('91350100m000100y43') // { ok: true, code: '91350100M000100Y43', registrationAuthority: '工商', … }
 */
export type UsccResult =
  | {
      ok: true;
      code: string;
      /** 登记管理部门 named by position 1, e.g. 工商 for 9; "未列明（X）" for a code not in 表1. */
      registrationAuthority: string;
      /** 机构类别 named by position 2 under its authority, e.g. 企业 for 91; "未列明（X）" likewise. */
      entityType: string;
      regionCode: string;
      /** Positions 9–17. */
      organizationCode: string;
    }
  | { ok: false; error: string };

/** GB 32100-2015 代码字符集: the digits and the capital letters but I, O, Z, S, V; a character's value is its index. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 校验码 weights: W_i = 3^(i−1) mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 11714-1997 校验码 weights of the eight characters of the 本体代码. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * 登记管理部门代码 and 机构类别代码 of GB 32100-2015 表1. Registration departments added since (律师事务所,
 * 宗教活动场所, 农村集体经济组织, …) have codes of their own; copies of that later list disagree, so we name
 * none of them and report them as 未列明.
 */
const AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': {
    name: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  Y: { name: '其他', types: {} },
};

const q = (s: string) => `“${s}”`;

/** The 18th character for the first 17 (GB 32100-2015 校验码): C18 = 31 − (Σ Ci·Wi mod 31), with 31 written 0. */
export function usccCheckChar(first17: string): string {
  const s = first17.toUpperCase();
  if (s.length !== 17) throw new RangeError(`统一社会信用代码前17位应为17个字符，当前为${s.length}个`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(s[i]!);
    if (value < 0) throw new RangeError(`第${i + 1}位字符${q(s[i]!)}不是合法字符`);
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * The check character of an 8-character 组织机构代码 本体 (GB 11714-1997 校验码): C9 = 11 − (Σ Ci·Wi mod 11),
 * written X for 10 and 0 for 11. Digits count as themselves and letters A–Z as 10–35.
 */
export function organizationCodeCheckChar(first8: string): string {
  const s = first8.toUpperCase();
  if (!/^[0-9A-Z]{8}$/.test(s))
    throw new RangeError(`组织机构代码本体应为8位数字或大写字母，当前为${q(first8)}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(s[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Validates and takes apart a USCC. Spaces around it are ignored and lower case is read as upper case. */
export function parseUscc(input: string): UsccResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, error: `统一社会信用代码应为18位，当前为${code.length}位` };
  for (let i = 0; i < 18; i++) {
    if (!USCC_CHARSET.includes(code[i]!))
      return { ok: false, error: `第${i + 1}位字符${q(code[i]!)}不是合法字符` };
  }
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode))
    return { ok: false, error: `第3至8位登记管理机关行政区划码应为6位数字，实际为${q(regionCode)}` };
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return { ok: false, error: `校验位应为${q(expected)}，实际为${q(code[17]!)}` };
  // A single wrong character is always caught above (31 is prime and no weight is a multiple of it), so
  // this second check only catches codes built with a wrong 组织机构代码.
  const organizationCode = code.slice(8, 17);
  const orgExpected = organizationCodeCheckChar(organizationCode.slice(0, 8));
  if (organizationCode[8] !== orgExpected)
    return {
      ok: false,
      error: `第17位组织机构代码校验位应为${q(orgExpected)}，实际为${q(organizationCode[8]!)}`,
    };
  const authority = AUTHORITIES[code[0]!];
  return {
    ok: true,
    code,
    registrationAuthority: authority?.name ?? `未列明（${code[0]}）`,
    entityType: authority?.types[code[1]!] ?? `未列明（${code[1]}）`,
    regionCode,
    organizationCode,
  };
}
