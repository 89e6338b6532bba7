import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from './client';

function respond(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const init = { status, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } };
  return new Response(body === undefined ? null : JSON.stringify(body), init);
}

function stubFetch(response: Response | Error) {
  const fetch = vi.fn<typeof globalThis.fetch>(() =>
    response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('request', () => {
  it('sends writes as JSON with the session cookie (the server CSRF check needs both)', async () => {
    const fetch = stubFetch(respond(201, { ok: true }));
    await request('POST', '/api/v1/x', { body: { a: 1 } });
    const [, init] = fetch.mock.calls[0] ?? [];
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(init?.body).toBe('{"a":1}');
  });

  it('sends {} when a write has no body', async () => {
    const fetch = stubFetch(respond(204));
    await expect(request('POST', '/api/v1/auth/logout')).resolves.toBeUndefined();
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{}');
  });

  it('sends no body and no content type on reads', async () => {
    const fetch = stubFetch(respond(200, { items: [] }));
    await expect(request('GET', '/api/v1/cases')).resolves.toEqual({ items: [] });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.body).toBeUndefined();
    expect(init?.headers).not.toHaveProperty('content-type');
  });

  it('turns the error envelope into an ApiError with code and details', async () => {
    stubFetch(
      respond(400, {
        error: { code: 'VALIDATION_FAILED', message: 'bad', details: [{ path: 'phone', message: 'invalid' }, { junk: 1 }] },
      }),
    );
    const error = await request('POST', '/api/v1/public/appeals', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [{ path: 'phone', message: 'invalid' }] });
  });

  it('reads Retry-After on 429', async () => {
    stubFetch(respond(429, { error: { code: 'TOO_MANY_ATTEMPTS', message: 'wait' } }, { 'retry-after': '120' }));
    await expect(request('POST', '/api/v1/auth/login', { body: {} })).rejects.toMatchObject({ retryAfterSeconds: 120 });
  });

  it('keeps the status when a proxy answers with HTML', async () => {
    stubFetch(new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    await expect(request('GET', '/api/v1/me')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('reports a network failure with a stable code', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    await expect(request('GET', '/api/v1/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('lets an abort through untouched so callers can ignore it', async () => {
    stubFetch(new DOMException('aborted', 'AbortError'));
    await expect(request('GET', '/api/v1/me')).rejects.toBeInstanceOf(DOMException);
  });
});
