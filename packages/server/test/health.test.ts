import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

describeDb(`health, OpenAPI and the error model (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('reports the database it runs on', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves an OpenAPI 3 document that lists the slice and a browsable UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/v1/public/appeals', '/api/v1/public/appeals/{trackingCode}', '/api/v1/auth/login', '/api/v1/me', '/api/v1/cases', '/healthz']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers unknown API routes with the error model', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('answers a URL that is not valid UTF-8 in the format of the routes it aimed at, never Fastify\'s raw error', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/public/appeals/%ff' });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'The address is not valid' } });
    const open311 = await t.app.inject({ method: 'GET', url: '/open311/v2/requests/%00%ff.json' });
    expect(open311.statusCode).toBe(400);
    expect(open311.json()).toEqual([{ code: 400, description: 'The address is not valid' }]);
    const cti = await t.app.inject({ method: 'POST', url: '/api/v1/cti/%ff', payload: {} });
    expect([cti.statusCode, cti.json()]).toEqual([400, { error: 'The address is not valid' }]);
    const page = await t.app.inject({ method: 'GET', url: '/track/%E4%B8' });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('网址无效');
  });

  it('refuses malformed JSON and wrong media types with stable codes', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/appeals',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_REQUEST');
    const media = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/appeals',
      headers: { 'content-type': 'application/xml' },
      payload: '<appeal/>',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describeDb(`internal errors do not leak (${dialect})`, () => {
  it('answers 500 INTERNAL_ERROR with a generic message when the database is gone, and /healthz says 503', async () => {
    const t = await createTestContext();
    await t.closeDatabase();
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/appeals/0123456789ABCDEFGHJK' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal server error' } });
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: 'unavailable', database: dialect });
    await t.close();
  });
});
