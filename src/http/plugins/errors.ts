import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DOMAIN_ERROR_STATUS, DOMAIN_ERROR_TITLE, DomainError } from '../../core/errors.ts';
import { GazetteParseError } from '../../core/gazette/errors.ts';
import { HttpProblem, type Problem } from '../problem.ts';

interface ZodLikeIssue {
  path?: (string | number)[];
  instancePath?: string;
  message: string;
  params?: { issue?: { path?: (string | number)[]; message?: string } };
}

/** Turns every error into application/problem+json; a 5xx never shows its internals to the caller. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  await Promise.resolve();
  app.setNotFoundHandler((req, reply) => {
    const body: Problem = {
      type: 'about:blank',
      title: '未找到',
      status: 404,
      detail: `没有这个接口：${req.method} ${req.url.split('?')[0]}`,
      instance: req.url,
    };
    return reply.code(404).type('application/problem+json').send(body);
  });

  app.setErrorHandler((error: FastifyError | HttpProblem | GazetteParseError | DomainError, req, reply) => {
    let body: Problem;
    if (error instanceof HttpProblem) {
      body = {
        type: 'about:blank',
        title: error.title,
        status: error.status,
        detail: error.detail ?? error.title,
        ...error.extra,
      };
    } else if (error instanceof DomainError) {
      const status = DOMAIN_ERROR_STATUS[error.kind];
      body = {
        type: `urn:zct:${error.kind}`,
        title: DOMAIN_ERROR_TITLE[error.kind],
        status,
        detail: error.message,
        ...(error.problems
          ? { errors: error.problems.map((p) => ({ field: p.field, message: p.message })) }
          : error.field !== undefined && { errors: [{ field: error.field, message: error.message }] }),
      };
      if (error.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(error.retryAfterSeconds));
    } else if (error instanceof GazetteParseError) {
      body = {
        type: `urn:zct:gazette:${error.code}`,
        title: '无法解析的文件',
        status: 422,
        detail: error.message,
        line: error.line,
        page: error.page,
      };
    } else if ('validation' in error && error.validation) {
      const where = error.validationContext ?? 'request';
      const errors = (error.validation as unknown as ZodLikeIssue[]).map((v) => {
        const path =
          v.params?.issue?.path ??
          v.path ??
          (v.instancePath ? v.instancePath.split('/').filter(Boolean) : []);
        return {
          field: [where, ...path.map(String)].join('.'),
          message: v.params?.issue?.message ?? v.message,
        };
      });
      body = {
        type: 'urn:zct:validation',
        title: '请求参数有误',
        status: 400,
        detail: errors.map((e) => `${e.field}：${e.message}`).join('；'),
        errors,
      };
    } else if (typeof error.statusCode === 'number' && error.statusCode < 500) {
      body = { type: 'about:blank', title: '请求有误', status: error.statusCode, detail: error.message };
    } else {
      req.log.error({ err: error }, 'unhandled error');
      body = {
        type: 'about:blank',
        title: '服务器内部错误',
        status: 500,
        detail: '服务器内部错误，请稍后再试',
      };
    }
    body.instance = req.url;
    return reply.code(body.status).type('application/problem+json').send(body);
  });
});
