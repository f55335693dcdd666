import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  decodeFlow,
  encodeFlow,
  OidcSignInError,
  type OidcErrorCode,
  type OidcService,
} from './oidc.service.ts';
import {
  clearOidcFlowCookie,
  clearSessionCookie,
  readOidcFlowCookie,
  setOidcFlowCookie,
  setSessionCookie,
} from './session-cookie.ts';

const tags = ['账号与登录'];

/** The portal's sign-in page, which explains `?error=<code>` (OIDC_ERROR_MESSAGES). */
export const SIGN_IN_PAGE = '/signin';

const providers = z.object({
  oidc: z.object({
    enabled: z.boolean(),
    name: z.string().nullable().meta({ description: '登录按钮上显示的名称，如“山东省统一身份认证”' }),
  }),
});

const optional = z.string().optional();

/**
 * The unified identity's routes. Start and callback are browser navigations, not API calls: their answers are
 * redirects, and a failure sends the browser back to the sign-in page with `?error=<code>` rather than to a page
 * of JSON it cannot act on. The code is one of a fixed list, never text from the request, so a crafted link cannot
 * make the page say something of its choosing.
 */
export function oidcRoutes(oidc: OidcService) {
  return async (app: FastifyInstance) => {
    await Promise.resolve();
    const r = app.withTypeProvider<ZodTypeProvider>();

    const toSignInPage = (req: FastifyRequest, reply: FastifyReply, e: unknown) => {
      let code: OidcErrorCode = 'oidc_failed';
      if (e instanceof OidcSignInError) {
        code = e.code;
        // The cause's message only: some carry the provider's response, and with it personal claims.
        const cause = e.cause instanceof Error ? `${e.cause.name}: ${e.cause.message}` : e.cause;
        req.log.info({ code, cause }, 'OIDC sign-in refused');
      } else req.log.error({ err: e }, 'OIDC sign-in failed');
      return reply.redirect(`${SIGN_IN_PAGE}?error=${code}`, 302);
    };

    r.get(
      '/session/providers',
      {
        config: { access: 'public' },
        schema: { tags, summary: '可用的登录方式（统一身份认证是否启用）', response: { 200: providers } },
      },
      () => oidc.providers(),
    );

    r.get(
      '/session/oidc/start',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '经统一身份认证登录：转到认证页面（302）',
          description: `登录后返回 returnTo（本站路径，默认 /）；出错时转到 ${SIGN_IN_PAGE}?error=代码。`,
          querystring: z.object({ returnTo: optional }),
        },
      },
      async (req, reply) => {
        try {
          const { location, flow } = await oidc.start(req.query.returnTo);
          // Only a same-site navigation carries the (Strict) session cookie, so a link on another site cannot
          // sign anyone out here.
          if (req.session) {
            await oidc.endCurrentSession(req.session.token, req.ip);
            clearSessionCookie(reply);
          }
          setOidcFlowCookie(req, reply, encodeFlow(flow));
          return reply.redirect(location.href, 302);
        } catch (e) {
          return toSignInPage(req, reply, e);
        }
      },
    );

    r.get(
      '/session/oidc/callback',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '统一身份认证回调：登录并返回原页面（302）',
          description: `成功时设置会话 Cookie 并转到 returnTo；出错时转到 ${SIGN_IN_PAGE}?error=代码。`,
          querystring: z.object({
            code: optional,
            state: optional,
            iss: optional,
            error: optional,
            error_description: optional,
          }),
        },
      },
      async (req, reply) => {
        // Read before anything can fail: a flow is used once, whatever the outcome.
        const flow = decodeFlow(readOidcFlowCookie(req));
        clearOidcFlowCookie(req, reply);
        try {
          const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
          const { signedIn, returnTo } = await oidc.finish(query, flow, req.ip);
          setSessionCookie(req, reply, signedIn.token, signedIn.expiresAt);
          return reply.redirect(returnTo, 302);
        } catch (e) {
          return toSignInPage(req, reply, e);
        }
      },
    );
  };
}
