import { DomainError } from '../errors.ts';
import type { IsoDate } from '../rules/types.ts';

/**
 * The official working-day calendar is the ordinary week (Monday to Friday at work) corrected by each year's
 * notice of the State Council's General Office (国务院办公厅关于X年部分节假日安排的通知): days off (放假, including
 * the weekend days inside a holiday run) and weekend days worked instead (调休上班).
 *
 * @example
 * const days: SpecialDay[] = [
 *   { day: '2023-10-06', kind: 'holiday', name: '国庆节' },
 *   { day: '2023-10-07', kind: 'workday', name: '国庆节' }, // a Saturday worked in exchange
 * ];
 */
export const SPECIAL_DAY_KINDS = ['holiday', 'workday'] as const;
export type SpecialDayKind = (typeof SPECIAL_DAY_KINDS)[number];

export interface SpecialDay {
  day: IsoDate;
  /** `holiday`: no work that day; `workday`: a Saturday or Sunday worked in exchange (调休上班). */
  kind: SpecialDayKind;
  /** The festival it belongs to (春节, 国庆节 …); for a `workday`, the festival it makes up for. */
  name?: string;
}

/** Where a year's arrangement comes from: the chinese-days package at install time, or an administrator. */
export const CALENDAR_SOURCES = ['chinese-days', 'manual'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

/** A problem with an arrangement an administrator entered, naming the field and the day it concerns. */
export interface CalendarProblem {
  field: string;
  day: IsoDate | null;
  message: string;
}

/**
 * Deadline maths reached a year whose arrangement has not been entered. Working days there are unknown (the
 * notice for a year comes out in the autumn before it), so guessing "every weekday works" would put deadlines on
 * holidays; refusing is the only honest answer.
 */
export class CalendarGapError extends DomainError {
  constructor(readonly year: number) {
    super('conflict', `${year}年的节假日安排尚未录入，无法计算工作日期限`);
    this.name = 'CalendarGapError';
  }
}
