import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/problem.ts';
import * as s from './calendar.schema.ts';
import type { CalendarService } from './calendar.service.ts';

const tags = ['工作日历'];

/** The official working-day calendar: readable by anyone, edited by platform administrators. */
export function calendarRoutes(calendar: CalendarService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/calendar/years',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '已录入节假日安排的年份（期限只能在这些年份内计算）',
          response: { 200: z.array(s.calendarYearSummaryReply) },
        },
      },
      () => calendar.years(),
    );

    r.get(
      '/calendar/years/:year',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '某年的法定节假日与调休上班日',
          params: s.calendarYearParams,
          response: { 200: s.calendarYearReply },
        },
      },
      async (req) =>
        (await calendar.year(req.params.year)) ?? Promise.reject(notFound(`${req.params.year}年的安排`)),
    );

    r.get(
      '/calendar/deadline',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '自某日起N个工作日的期限（行政许可法第八十二条：不含法定节假日）',
          querystring: z.object({ from: s.calendarDate, days: z.coerce.number().int().min(0).max(366) }),
          response: { 200: z.object({ from: z.string(), days: z.number(), deadline: z.string() }) },
        },
      },
      async (req) => ({
        from: req.query.from,
        days: req.query.days,
        deadline: await calendar.addWorkingDays(req.query.from, req.query.days),
      }),
    );

    r.put(
      '/calendar/days/:day',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: '修改某一天（平台管理员）：设为节假日、调休上班日，或恢复为普通日',
          params: s.calendarDayParams,
          body: s.setCalendarDayBody,
          response: { 200: s.calendarYearReply },
        },
      },
      (req) => calendar.setDay(req.params.day, req.body.kind, req.body.name ?? null, req.principal!),
    );

    r.post(
      '/calendar/years',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: '录入新一年的节假日安排（国务院办公厅通知发布后，平台管理员）',
          body: s.addCalendarYearBody,
          response: { 201: s.calendarYearReply },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await calendar.addYear(req.body.year, req.body.days, req.principal!, req.body.note)),
    );
  };
}
