import { z } from 'zod';
import { CALENDAR_SOURCES, SPECIAL_DAY_KINDS } from '../../core/calendar/types.ts';
import { isIsoDate } from '../../core/rules/dates.ts';

/**
 * Request and reply shapes of the working-day calendar. Structure is checked here, with zod naming the field; the
 * meaning of a year's arrangement (dates in that year, no day twice, 调休上班 only on a weekend, the fixed
 * statutory holidays present) by checkYearDays in src/core/calendar, which the service runs for every edit.
 */

/** The years an administrator may enter: the platform's own era, with room for notices decades ahead. */
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isIsoDate, '不是有效日期');

export const calendarYearNumber = z.coerce
  .number()
  .int('年份应为整数')
  .min(MIN_CALENDAR_YEAR, `年份不能早于${MIN_CALENDAR_YEAR}年`)
  .max(MAX_CALENDAR_YEAR, `年份不能晚于${MAX_CALENDAR_YEAR}年`);

export const specialDayKind = z.enum(SPECIAL_DAY_KINDS);
/** A festival's name as the notices write it (春节, 中秋节, or the 2015 抗战胜利70周年纪念日 in full). */
export const festivalName = z.string().trim().min(1, '名称不能为空').max(60, '名称不能超过60个字');

export const specialDay = z.object({
  day: calendarDate,
  kind: specialDayKind,
  name: festivalName.optional(),
});

/** Path parameters of one year: `/calendar/:year`. */
export const calendarYearParams = z.object({ year: calendarYearNumber });
/** Path parameters of one day: `/calendar/days/:day`. */
export const calendarDayParams = z.object({ day: calendarDate });

/** An administrator's edit of one day: `kind: null` makes it an ordinary day again (weekday works, weekend off). */
export const setCalendarDayBody = z.object({
  kind: specialDayKind.nullable(),
  name: festivalName.nullable().optional(),
});

/** Adding a year when its notice comes out: every day off (weekend days in a run included) and every day worked. */
export const addCalendarYearBody = z.object({
  year: calendarYearNumber,
  days: z.array(specialDay).min(1, '至少应有一天').max(366),
  note: z.string().trim().max(200).optional(),
});

export const calendarSource = z.enum(CALENDAR_SOURCES);

export const calendarDayReply = specialDay.extend({
  source: calendarSource,
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

export const calendarYearSummaryReply = z.object({
  year: z.number().int(),
  source: calendarSource,
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

/** A year's special days and where they come from. */
export const calendarYearReply = calendarYearSummaryReply.extend({ days: z.array(calendarDayReply) });

export type SetCalendarDayBody = z.infer<typeof setCalendarDayBody>;
export type AddCalendarYearBody = z.infer<typeof addCalendarYearBody>;
