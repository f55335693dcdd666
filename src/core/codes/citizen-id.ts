/**
 * 公民身份号码, GB 11643-1999 《公民身份号码》: 18 characters,
 *   1–6    地址码, the GB/T 2260 code of the county where the number was first issued
 *   7–14   出生日期码, YYYYMMDD
 *   15–17  顺序码, odd for men and even for women
 *   18     校验码 (ISO 7064:1983 MOD 11-2)
 *
 * The address code is returned but not looked up: numbers keep the code of the county that issued them,
 * and many such codes have since been abolished (茌平县 371523 became 茌平区 371503 in 2019).
 *
 * @example
 * citizenIdCheckChar('11010519491231002') // 'X'
 * parseCitizenId('11010519491231002x') // { ok: true, id: '11010519491231002X', birthDate: '1949-12-31', sex: '女', … }
 * maskCitizenId('11010519491231002X') // '110105********002X'
 */
export type CitizenIdResult =
  | { ok: true; id: string; regionCode: string; birthDate: string; sex: '男' | '女' }
  | { ok: false; error: string };

/** GB 11643-1999 校验码 weights: W_i = 2^(18−i) mod 11 for i = 1…17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for Σ mod 11 = 0, 1, …, 10: the a₁ with (Σ + a₁) ≡ 1 (mod 11), X standing for 10. */
const CHECK_CHARS = '10X98765432';

const q = (s: string) => `“${s}”`;

/** The 18th character for the first 17 digits (GB 11643-1999 校验码, ISO 7064:1983 MOD 11-2). */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`公民身份号码前17位应为17位数字，当前为${q(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/**
 * Validates and takes apart a citizen id. Spaces around it are ignored; a lower-case x is read as X.
 * `today` (YYYY-MM-DD) rejects birth dates after it; without it only the calendar is checked, so that
 * the function never reads the clock.
 */
export function parseCitizenId(input: string, today?: string): CitizenIdResult {
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today))
    throw new RangeError(`today 应为 YYYY-MM-DD 格式的日期，当前为${q(today)}`);
  const id = input.trim().toUpperCase();
  if (id.length !== 18) return { ok: false, error: `公民身份号码应为18位，当前为${id.length}位` };
  for (let i = 0; i < 17; i++) {
    if (!/\d/.test(id[i]!))
      return { ok: false, error: `公民身份号码第${i + 1}位应为数字，实际为${q(id[i]!)}` };
  }
  if (!/[\dX]/.test(id[17]!))
    return { ok: false, error: `公民身份号码第18位应为数字或X，实际为${q(id[17]!)}` };
  const birth = id.slice(6, 14);
  const [y, m, d] = [birth.slice(0, 4), birth.slice(4, 6), birth.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  if (!isCalendarDate(y, m, d)) return { ok: false, error: `出生日期${q(birth)}不是有效日期` };
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (today !== undefined && birthDate > today)
    return { ok: false, error: `出生日期${q(birth)}晚于今天（${today}）` };
  const expected = citizenIdCheckChar(id.slice(0, 17));
  if (id[17] !== expected)
    return { ok: false, error: `公民身份号码校验位应为${q(expected)}，实际为${q(id[17]!)}` };
  return {
    ok: true,
    id,
    regionCode: id.slice(0, 6),
    birthDate,
    // GB 11643-1999 顺序码: odd for men and even for women; its last digit decides.
    sex: Number(id[16]) % 2 === 1 ? '男' : '女',
  };
}

/**
 * A citizen id fit for screens and logs: the address code and the last four characters stay, the rest
 * (birth date and most of the sequence) becomes asterisks. Anything too short to keep both is fully masked.
 */
export function maskCitizenId(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}
