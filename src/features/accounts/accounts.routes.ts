import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../core/access/policy.ts';
import { maskCitizenId } from '../../core/codes/citizen-id.ts';
import { RATE_LIMITS } from '../../http/plugins/security.ts';
import type { AccountRow } from './accounts.repository.ts';
import * as s from './accounts.schema.ts';
import type { AccountsService } from './accounts.service.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';

const tags = ['账号与登录'];

export const principalView = (p: Principal) => ({
  accountId: p.accountId,
  username: p.username,
  displayName: p.displayName,
  kind: p.kind,
  staffRoles: [...p.staffRoles],
  department: p.department,
  uscc: p.uscc,
  enterpriseRole: p.enterpriseRole,
  citizenId: p.citizenId ? maskCitizenId(p.citizenId) : null,
});

const accountView = (a: AccountRow) => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  kind: a.kind,
  staffRoles: a.staffRoles,
  departmentId: a.departmentId,
  uscc: a.uscc,
  enterpriseRole: a.enterpriseRole,
  disabled: a.disabled,
  createdAt: a.createdAt,
});

export function accountsRoutes(accounts: AccountsService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/session',
      {
        config: { access: 'public' },
        schema: { tags, summary: '当前登录状态与CSRF令牌', response: { 200: s.sessionState } },
      },
      (req) =>
        req.principal && req.session
          ? { signedIn: true, principal: principalView(req.principal), csrfToken: req.session.csrfToken }
          : { signedIn: false, principal: null, csrfToken: null },
    );

    r.post(
      '/session',
      {
        config: { access: 'public', rateLimit: RATE_LIMITS.signIn },
        schema: { tags, summary: '用户名密码登录', body: s.signInBody, response: { 200: s.sessionState } },
      },
      async (req, reply) => {
        const signed = await accounts.signIn(req.body.username, req.body.password, req.ip);
        setSessionCookie(req, reply, signed.token, signed.expiresAt);
        return { signedIn: true, principal: principalView(signed.principal), csrfToken: signed.csrfToken };
      },
    );

    r.delete(
      '/session',
      { config: { access: 'signedIn' }, schema: { tags, summary: '退出登录' } },
      async (req, reply) => {
        if (req.session) await accounts.signOut(req.session.token, req.ip);
        clearSessionCookie(reply);
        return reply.code(204).send();
      },
    );

    r.post(
      '/password-reset/request',
      {
        config: { access: 'public', rateLimit: RATE_LIMITS.passwordReset },
        schema: { tags, summary: '申请重设密码（重设码经短信或邮件发送）', body: s.resetRequestBody },
      },
      async (req, reply) => {
        await accounts.requestPasswordReset(req.body.username);
        return reply
          .code(202)
          .send({ message: '如该账号存在且已绑定手机或邮箱，重设码已发送，30分钟内有效' });
      },
    );

    r.post(
      '/password-reset',
      {
        config: { access: 'public', rateLimit: RATE_LIMITS.passwordReset },
        schema: { tags, summary: '用重设码设置新密码（所有已登录会话随之退出）', body: s.resetBody },
      },
      async (req, reply) => {
        await accounts.resetPassword(req.body.code, req.body.password);
        return reply.code(204).send();
      },
    );

    r.post(
      '/accounts/register',
      {
        config: { access: 'public', rateLimit: RATE_LIMITS.passwordReset },
        schema: { tags, summary: '注册自然人或企业（企业管理员）账号', body: s.registerBody },
      },
      async (req, reply) => reply.code(201).send(accountView(await accounts.register(req.body))),
    );

    r.get(
      '/departments',
      {
        config: { access: 'public' },
        schema: { tags, summary: '部门（国家、省、市、县四级）', response: { 200: z.array(s.department) } },
      },
      () => accounts.departments(),
    );

    r.get(
      '/enterprise/agents',
      {
        config: { access: 'enterprise.admin' },
        schema: { tags, summary: '本企业的经办人', response: { 200: z.array(s.accountView) } },
      },
      async (req) => (await accounts.agents(req.principal!.uscc!)).map(accountView),
    );

    r.post(
      '/enterprise/agents',
      {
        config: { access: 'enterprise.admin' },
        schema: { tags, summary: '添加经办人', body: s.agentBody, response: { 201: s.accountView } },
      },
      async (req, reply) =>
        reply.code(201).send(accountView(await accounts.addAgent(req.principal!, req.body))),
    );

    r.delete(
      '/enterprise/agents/:id',
      {
        config: { access: 'enterprise.admin' },
        schema: { tags, summary: '移除经办人', params: z.object({ id: z.coerce.number().int().positive() }) },
      },
      async (req, reply) => {
        await accounts.removeAgent(req.principal!, req.params.id);
        return reply.code(204).send();
      },
    );

    r.get(
      '/admin/accounts',
      {
        config: { access: 'admin' },
        schema: { tags, summary: '账号列表（平台管理员）', response: { 200: z.array(s.accountView) } },
      },
      async () => (await accounts.listAccounts({})).map(accountView),
    );

    r.post(
      '/admin/accounts',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: '创建部门、窗口、管理员或审计员账号',
          body: s.newAccountBody,
          response: { 201: s.accountView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(accountView(await accounts.createAccount(req.body, req.principal!))),
    );

    r.put(
      '/admin/accounts/:id/disabled',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: '停用或启用账号（停用即退出其所有会话）',
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z.object({ disabled: z.boolean() }),
        },
      },
      async (req, reply) => {
        await accounts.setDisabled(req.params.id, req.body.disabled, req.principal!);
        return reply.code(204).send();
      },
    );

    r.post(
      '/admin/departments',
      {
        config: { access: 'admin' },
        schema: { tags, summary: '新增部门', body: s.newDepartmentBody, response: { 201: s.department } },
      },
      async (req, reply) => reply.code(201).send(await accounts.createDepartment(req.body, req.principal!)),
    );
  };
}
