import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

describeDb(`tracking codes never reach the log (${dialect})`, () => {
  let t: TestContext;
  /** The same database behind an app that logs at info level into `lines`. */
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
    app = await buildApp({
      config: { logLevel: 'info', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false },
      database: t.database,
      pii: t.pii,
      logStream: { write: (line) => void lines.push(line) },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('hides the code in every request URL that carries one, typed any way', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: { name: '市民', phone: '13500002001', content: '小区门口垃圾桶满了没人清理。' } });
    expect(res.statusCode, res.body).toBe(201);
    const code = (res.json() as { trackingCode: string }).trackingCode;
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
    lines.length = 0;
    const urls = [`/api/v1/public/appeals/${code}`, `/api/v1/public/appeals/${typed}`, `/track/${code}`, `/track/${code}?from=sms`, `/api/v1/public/appeals/${code}/rating`];
    for (const url of urls) await app.inject({ method: url.endsWith('/rating') ? 'POST' : 'GET', url, payload: url.endsWith('/rating') ? {} : undefined });

    const logged = lines.join('\n');
    // Proves the requests were logged at all, with their URLs.
    expect(logged).toContain('/api/v1/public/appeals/[redacted]');
    expect(logged).toContain('/track/[redacted]');
    for (const secret of [code, typed, code.slice(0, 10), typed.slice(0, 10)]) expect(logged).not.toContain(secret);
  });

  it('hides a caller\'s number searched in the case list', async () => {
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/api/v1/cases?status=received&phone=%2B86%20139-5746-8219' });
    const logged = lines.join('\n');
    expect(logged).toContain('phone=[redacted]');
    // Fragments are checked only in the logged URLs: elsewhere in a line (a timestamp, the
    // response time) four digits such as 8219 turn up by chance.
    const urls = lines.flatMap((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url ?? []);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).not.toMatch(/5746|8219/);
    for (const whole of ['13957468219', '139-5746-8219', '5746-8219']) expect(logged).not.toContain(whole);
  });
});
