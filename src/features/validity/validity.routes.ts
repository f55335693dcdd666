import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ACCOUNT_KIND_NAMES } from '../../core/access/policy.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import * as s from './validity.schema.ts';
import type { ValidityService } from './validity.service.ts';

const tags = ['有效期'];

/**
 * The validity worklists of staff (documents late in going online, validity about to end) and the administrator's
 * way to run the daily job now. Staff see their own department's; administrators, auditors and the token all.
 */
export function validityRoutes(validity: ValidityService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/staff/overdue',
      {
        config: { access: 'staff.read' },
        schema: {
          tags,
          summary: '逾期未上线：印发满7个工作日仍无已发布政策事项的政策文件',
          querystring: s.overdueQuery,
          response: { 200: s.overdueReply },
        },
      },
      async (req) => {
        const asOf = req.query.asOf ?? todayInChina();
        return {
          asOf,
          workingDays: validity.overdueWorkingDays,
          since: validity.overdueSince,
          documents: await validity.overdue(req.principal ?? null, asOf),
        };
      },
    );

    r.get(
      '/staff/expiring',
      {
        config: { access: 'staff.read' },
        schema: {
          tags,
          summary: '有效期即将届满的政策文件和政策事项（有效期届满评估）',
          querystring: s.expiringQuery,
          response: { 200: s.expiringReply },
        },
      },
      async (req) => {
        const asOf = req.query.asOf ?? todayInChina();
        return {
          asOf,
          days: req.query.days,
          entries: await validity.expiring(req.principal ?? null, asOf, req.query.days),
        };
      },
    );

    r.post(
      '/admin/jobs/daily',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: '立即运行每日有效期任务（平台管理员）：标记届满、发送届满评估提醒、清理过期会话',
          response: { 200: s.dailyReport },
        },
      },
      (req) => {
        const p = req.principal!;
        const by = p.via === 'token' ? '自动化令牌' : `${ACCOUNT_KIND_NAMES[p.kind]} ${p.displayName}`;
        return validity.runDaily(todayInChina(), `${by}手动运行`);
      },
    );
  };
}
