import { dayNumber, isoFromDay } from '../rules/dates.ts';
import type { SpecialDay } from './types.ts';

/**
 * Three years of arrangements typed in by hand from the State Council General Office's notices, independent of
 * the chinese-days package, so that tests check both the arithmetic and the seeded data against the source.
 * Test support only (imported by *.test.ts).
 */
interface Notice {
  year: number;
  title: string;
  number: string;
  /** [first day, last day, festival]: every day of the run is off, weekend days included. */
  off: [string, string, string][];
  /** [day, festival]: weekend days worked in exchange (调休上班). */
  worked: [string, string][];
}

export const NOTICES: Notice[] = [
  {
    year: 2023,
    title: '国务院办公厅关于2023年部分节假日安排的通知',
    number: '国办发明电〔2022〕16号',
    off: [
      // 元旦：2022年12月31日至2023年1月2日放假调休，共3天 (12-31 belongs to 2022).
      ['2023-01-01', '2023-01-02', '元旦'],
      ['2023-01-21', '2023-01-27', '春节'],
      ['2023-04-05', '2023-04-05', '清明节'],
      ['2023-04-29', '2023-05-03', '劳动节'],
      ['2023-06-22', '2023-06-24', '端午节'],
      ['2023-09-29', '2023-10-06', '国庆节'],
    ],
    worked: [
      ['2023-01-28', '春节'],
      ['2023-01-29', '春节'],
      ['2023-04-23', '劳动节'],
      ['2023-05-06', '劳动节'],
      ['2023-06-25', '端午节'],
      ['2023-10-07', '国庆节'],
      ['2023-10-08', '国庆节'],
    ],
  },
  {
    year: 2024,
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    number: '国办发明电〔2023〕7号',
    off: [
      ['2024-01-01', '2024-01-01', '元旦'],
      ['2024-02-10', '2024-02-17', '春节'],
      ['2024-04-04', '2024-04-06', '清明节'],
      ['2024-05-01', '2024-05-05', '劳动节'],
      ['2024-06-10', '2024-06-10', '端午节'],
      ['2024-09-15', '2024-09-17', '中秋节'],
      ['2024-10-01', '2024-10-07', '国庆节'],
    ],
    worked: [
      ['2024-02-04', '春节'],
      ['2024-02-18', '春节'],
      ['2024-04-07', '清明节'],
      ['2024-04-28', '劳动节'],
      ['2024-05-11', '劳动节'],
      ['2024-09-14', '中秋节'],
      ['2024-09-29', '国庆节'],
      ['2024-10-12', '国庆节'],
    ],
  },
  {
    year: 2025,
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    number: '国办发明电〔2024〕12号',
    off: [
      ['2025-01-01', '2025-01-01', '元旦'],
      ['2025-01-28', '2025-02-04', '春节'],
      ['2025-04-04', '2025-04-06', '清明节'],
      ['2025-05-01', '2025-05-05', '劳动节'],
      ['2025-05-31', '2025-06-02', '端午节'],
      ['2025-10-01', '2025-10-08', '国庆节'],
    ],
    worked: [
      ['2025-01-26', '春节'],
      ['2025-02-08', '春节'],
      ['2025-04-27', '劳动节'],
      ['2025-09-28', '国庆节'],
      ['2025-10-11', '国庆节'],
    ],
  },
];

/** The special days of a notice, one entry per day. */
export function noticeDays(n: Notice): SpecialDay[] {
  const out: SpecialDay[] = [];
  for (const [from, to, name] of n.off) {
    for (let d = dayNumber(from)!; d <= dayNumber(to)!; d++)
      out.push({ day: isoFromDay(d), kind: 'holiday', name });
  }
  for (const [day, name] of n.worked) out.push({ day, kind: 'workday', name });
  return out;
}

/** Every special day of the three notices. */
export const NOTICE_DAYS: SpecialDay[] = NOTICES.flatMap(noticeDays);
export const NOTICE_YEARS: number[] = NOTICES.map((n) => n.year);
