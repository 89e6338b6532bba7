import * as core from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { createUser } from '../src/modules/org/service.js';
import { login, PASSWORD } from './support/fixtures.js';
import { fillPath, seedRouteFixture, type Caller, type RouteFixture } from './support/route-fixture.js';
import { TEST_SMS_GATEWAYS } from './support/sms-gateways.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/*
 * One source of truth for API shapes (ADR 0042). The console types its answers from core's
 * schemas, so they are only true if the server answers with exactly those schemas: a route that
 * declares an inline or server-only schema could drift from what the console believes.
 */

/** Every zod schema core exports: the shapes the console may import. */
const CORE_SCHEMAS = new Set<unknown>(Object.values(core).filter((v) => typeof v === 'object' && v !== null && '_zod' in v));

/** Answers that are not JSON shapes the console reads: files, streams, other standards' formats. */
const NOT_JSON = new RegExp(
  [
    String.raw`^GET /api/v1/(cases/export\.|stats/[a-z-]+\.xlsx|public/open-data/cases\.(csv|json))`,
    String.raw`^GET /api/v1/live$`,
    // Attachment bytes and their thumbnails: images and documents, not JSON.
    String.raw`^GET /api/v1/(cases/:id/attachments/:attachmentId|public/appeals/:trackingCode/files/:fileId)(/thumbnail)?$`,
    // Twilio's webhook answers TwiML (XML), the format Twilio reads.
    String.raw`^POST /api/v1/channels/sms/twilio$`,
  ].join('|'),
);

/** A success with a body: 204 answers nothing to share. */
const isSuccess = (status: string): boolean => /^2\d\d$/.test(status) && status !== '204';

describeDb(`API answers are core's schemas (${dialect})`, () => {
  let t: TestContext;
  let fx: RouteFixture;
  /** The platform's screens have no reader among the route fixture's callers: a platform admin reads them. */
  let platformCookie: string;
  beforeAll(async () => {
    t = await createTestContext({ smsWebhookSecret: 'contract-secret', smsGateways: TEST_SMS_GATEWAYS });
    fx = await seedRouteFixture(t);
    await createUser(t.ctx.db, { jurisdictionId: fx.f.jurisdiction.id, orgUnitId: fx.f.units.centre, username: 'platform', displayName: '平台管理员', password: PASSWORD, roles: ['platform_admin'] });
    platformCookie = await login(t.app, 'platform');
  }, 120_000);
  afterAll(() => t.close());

  const apiRoutes = () => t.app.routeInventory.filter((r) => r.url.startsWith('/api/v1/') && !NOT_JSON.test(`${r.method} ${r.url}`));

  it('declares every console route’s success answer with a schema exported by core', () => {
    const strays = apiRoutes()
      .flatMap((r) => Object.entries(r.responses).filter(([status, schema]) => isSuccess(status) && !CORE_SCHEMAS.has(schema)).map(([status]) => `${r.method} ${r.url} ${status}`));
    expect(strays, 'declare these answers with a schema from packages/core/src/api (ADR 0042)').toEqual([]);
  });

  it('declares a success answer on every console route, so none escapes the check above', () => {
    const undeclared = apiRoutes()
      .filter((r) => !Object.keys(r.responses).some((status) => /^2\d\d$/.test(status)))
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared, 'declare the success answer (a core schema, or 204) of these routes').toEqual([]);
  });

  // What the console reads, as it reads it: JSON over the wire, parsed by the same core schema
  // the console's types come from. This catches a schema whose wire form differs from its type
  // (dates, transforms) and proves each route still answers with the schema declared.
  const QUERY: Record<string, string> = {
    '/api/v1/public/stats': '?month=2026-03',
    '/api/v1/search/cases': '?q=杂物',
    '/api/v1/stats/units': '?from=2026-03-01&to=2026-03-31',
    '/api/v1/stats/line-calls': '?from=2026-03-01&to=2026-03-31&by=month',
    '/api/v1/stats/figures': '?from=2026-03-01&to=2026-03-31&by=unit&subtree=true',
    '/api/v1/stats/ranking': '?month=2026-03&kind=department',
    '/api/v1/stats/returns': '?from=2026-03-01&to=2026-03-31',
    '/api/v1/stats/fairness': '?month=2026-03',
    '/api/v1/callers/history': '?phone=13800001111',
  };
  const READERS: readonly Caller[] = ['admin', 'supervisor', 'operator', 'official', 'handler'];

  it('answers every shared GET route with JSON that its core schema parses', async () => {
    const checked: string[] = [];
    const unanswered: string[] = [];
    for (const route of apiRoutes().filter((r) => r.method === 'GET')) {
      const schema = route.responses['200'];
      if (!CORE_SCHEMAS.has(schema)) continue;
      const url = (route.url.includes(':') ? fillPath(route.url, fx.ids) : route.url) + (QUERY[route.url] ?? '');
      let answered = false;
      const readers: Array<[string, Record<string, string>]> = [...READERS.map((c): [string, Record<string, string>] => [c, fx.headers(c)]), ['platform', { cookie: platformCookie }]];
      for (const [caller, headers] of readers) {
        const res = await t.app.inject({ method: 'GET', url, headers });
        expect(res.statusCode, `${caller} GET ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode !== 200) continue;
        const parsed = (schema as ZodType).safeParse(res.json());
        expect(parsed.success ? [] : parsed.error.issues, `${caller} GET ${url}`).toEqual([]);
        answered = true;
        break;
      }
      (answered ? checked : unanswered).push(route.url);
    }
    expect(unanswered, 'no reader got a 200 from these: give them a query in QUERY').toEqual([]);
    // The console's main screens among them, so an emptied loop cannot pass unnoticed.
    expect(checked).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/:id', '/api/v1/supervision/queues', '/api/v1/desk', '/api/v1/public/lines', '/api/v1/stats/figures', '/api/v1/me', '/api/v1/platform/jurisdictions']));
  });
});
