import * as core from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ZodType } from 'zod';
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

/**
 * Routes still answering with a schema of the server's own, waiting to move to core/src/api
 * (ADR 0042, "what remains"). Shrink this list; never grow it: a new route uses a core schema.
 */
const NOT_YET_SHARED = new Set<string>([
  'GET /api/v1/admin/api-tokens',
  'POST /api/v1/admin/api-tokens',
  'GET /api/v1/admin/audit',
  'GET /api/v1/admin/blocked-numbers',
  'POST /api/v1/admin/blocked-numbers',
  'GET /api/v1/admin/calendar',
  'PUT /api/v1/admin/calendar/:year',
  'GET /api/v1/admin/calendar/:year/package',
  'POST /api/v1/admin/call-records/import',
  'GET /api/v1/admin/categories/:id/attributes',
  'PUT /api/v1/admin/categories/:id/attributes',
  'GET /api/v1/admin/cold-lines',
  'GET /api/v1/admin/cti-tokens',
  'POST /api/v1/admin/cti-tokens',
  'GET /api/v1/admin/deadline-policy',
  'PUT /api/v1/admin/deadline-policy',
  'GET /api/v1/admin/lines/:id/callback-settings',
  'PUT /api/v1/admin/lines/:id/callback-settings',
  'DELETE /api/v1/admin/lines/:id/cold-thresholds',
  'PUT /api/v1/admin/lines/:id/cold-thresholds',
  'GET /api/v1/admin/open311/keys',
  'POST /api/v1/admin/open311/keys',
  'GET /api/v1/admin/outbox',
  'GET /api/v1/admin/public-intake',
  'GET /api/v1/admin/rate-limits',
  'PUT /api/v1/admin/rate-limits',
  'GET /api/v1/admin/routing/keywords',
  'PUT /api/v1/admin/routing/keywords',
  'GET /api/v1/admin/routing/models',
  'POST /api/v1/admin/routing/train',
  'GET /api/v1/admin/urgency-lexicon',
  'PUT /api/v1/admin/urgency-lexicon',
  'GET /api/v1/callbacks',
  'GET /api/v1/callbacks/:id',
  'POST /api/v1/callbacks/:id/attempts',
  'POST /api/v1/callbacks/:id/case',
  'POST /api/v1/callbacks/:id/reveal',
  'GET /api/v1/caller-flags',
  'GET /api/v1/caller-flags/cases',
  'GET /api/v1/caller-flags/settings',
  'PUT /api/v1/caller-flags/settings',
  'PUT /api/v1/calls/:id/case',
  'POST /api/v1/cti/:token',
  'GET /api/v1/me/lines',
  'GET /api/v1/platform/jurisdictions',
  'POST /api/v1/platform/jurisdictions',
  'GET /api/v1/public/lines/answer-rates',
  'GET /api/v1/stats/line-calls',
]);

/** Answers that are not JSON shapes the console reads: files, streams, other standards' formats. */
const NOT_JSON = /^(GET \/api\/v1\/(cases\/export\.|stats\/[a-z-]+\.xlsx|public\/open-data\/cases\.(csv|json))|GET \/api\/v1\/live$)/;

/** A success with a body: 204 answers nothing to share. */
const isSuccess = (status: string): boolean => /^2\d\d$/.test(status) && status !== '204';

describeDb(`API answers are core's schemas (${dialect})`, () => {
  let t: TestContext;
  let fx: RouteFixture;
  beforeAll(async () => {
    t = await createTestContext({ smsWebhookSecret: 'contract-secret', smsGateways: TEST_SMS_GATEWAYS });
    fx = await seedRouteFixture(t);
  }, 120_000);
  afterAll(() => t.close());

  const apiRoutes = () => t.app.routeInventory.filter((r) => r.url.startsWith('/api/v1/') && !NOT_JSON.test(`${r.method} ${r.url}`));

  it('declares every console route’s success answer with a schema exported by core', () => {
    const strays = apiRoutes()
      .filter((r) => !NOT_YET_SHARED.has(`${r.method} ${r.url}`))
      .flatMap((r) => Object.entries(r.responses).filter(([status, schema]) => isSuccess(status) && !CORE_SCHEMAS.has(schema)).map(([status]) => `${r.method} ${r.url} ${status}`));
    expect(strays, 'declare these answers with a schema from packages/core/src/api (ADR 0042)').toEqual([]);
  });

  it('keeps the not-yet-shared list honest: every entry is a real route still waiting', () => {
    const routes = new Map(apiRoutes().map((r) => [`${r.method} ${r.url}`, r]));
    const stale = [...NOT_YET_SHARED].filter((key) => {
      const route = routes.get(key);
      return !route || Object.entries(route.responses).every(([status, schema]) => !isSuccess(status) || CORE_SCHEMAS.has(schema));
    });
    expect(stale, 'these routes answer with core schemas now (or are gone): remove them from NOT_YET_SHARED').toEqual([]);
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
    for (const route of apiRoutes().filter((r) => r.method === 'GET' && !NOT_YET_SHARED.has(`GET ${r.url}`))) {
      const schema = route.responses['200'];
      if (!CORE_SCHEMAS.has(schema)) continue;
      const url = (route.url.includes(':') ? fillPath(route.url, fx.ids) : route.url) + (QUERY[route.url] ?? '');
      let answered = false;
      for (const caller of READERS) {
        const res = await t.app.inject({ method: 'GET', url, headers: fx.headers(caller) });
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
    expect(checked).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/:id', '/api/v1/supervision/queues', '/api/v1/desk', '/api/v1/public/lines', '/api/v1/stats/figures', '/api/v1/me']));
  });
});
