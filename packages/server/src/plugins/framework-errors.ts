import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors.js';
import { renderErrors } from '../modules/open311/render.js';

const MESSAGE = 'The address is not valid';

/** A resident who followed a broken link (a tracking page cut mid-character) reads a page, not JSON. */
const PAGE = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>网址无效</title><p>网址无效，请检查链接后重试。The address is not valid.</p><p><a href="/">返回首页 · Home</a></p></html>';

/**
 * Errors Fastify raises before any route is found (a URL whose percent-encoding is not UTF-8,
 * FST_ERR_BAD_URL): answered 400 in the format the caller's family of routes speaks, which the
 * routes' own error handlers never see. Fastify's default was its raw JSON, to residents too.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  request.log.info({ code: error.code }, 'request refused before routing');
  const path = request.raw.url ?? '';
  if (path.startsWith('/open311/')) {
    const format = /\.xml(?:\?|$)/.test(path) ? 'xml' : 'json';
    const out = renderErrors(format, 400, [MESSAGE]);
    void reply.status(400).header('content-type', out.contentType).send(out.body);
  } else if (path.startsWith('/api/v1/cti/')) {
    // The Zammad-compatible webhook's own shape (issue 10 §1).
    void reply.status(400).send({ error: MESSAGE });
  } else if (path.startsWith('/api/') || path === '/metrics' || path.startsWith('/healthz')) {
    void reply.status(400).send(errorBody('BAD_REQUEST', MESSAGE));
  } else {
    void reply.status(400).header('content-type', 'text/html; charset=utf-8').send(PAGE);
  }
}
