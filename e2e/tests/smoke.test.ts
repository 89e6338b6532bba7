// The one built process serves the health check, the API description, the console and the API's
// error model, the way `npm start` runs it.
import { describe, expect, test } from 'vitest';
import { url } from '../support/browser.js';

describe('the running server', () => {
  test('/healthz reports the SQLite database', async () => {
    const res = await fetch(url('/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'sqlite' });
  });

  test('the console is served at / and on deep links', async () => {
    for (const path of ['/', '/login', '/cases', '/appeal']) {
      const res = await fetch(url(path));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type') ?? '', path).toMatch(/text\/html/);
      expect(await res.text(), path).toMatch(/<script[^>]+src=/);
    }
  });

  test('responses carry security headers', async () => {
    const res = await fetch(url('/'));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('/openapi.json describes the API', async () => {
    const res = await fetch(url('/openapi.json'));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi?: unknown; paths?: Record<string, unknown> };
    expect(String(doc.openapi)).toMatch(/^3\./);
    expect(Object.keys(doc.paths ?? {})).toContain('/api/v1/public/appeals');
  });

  test('the case list needs a session, and says so in the error model', async () => {
    const res = await fetch(url('/api/v1/cases'));
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code).toBe('string');
    expect(typeof body.error?.message).toBe('string');
  });

  test('a malformed appeal is a 400 with a stable error code', async () => {
    const res = await fetch(url('/api/v1/public/appeals'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '张三', phone: 'not a phone', content: '' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error?: { code?: unknown } };
    expect(typeof body.error?.code).toBe('string');
  });
});
