import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { inboundSmsInput } from '../src/channels/sms/service.js';
import { SMS_INBOUND_PATH } from '../src/channels/sms/routes.js';
import { TWILIO_PATH } from '../src/channels/sms/gateways/routes.js';
import { twilioSignature } from '../src/channels/sms/gateways/twilio.js';
import { LIVE_PATH } from '../src/modules/live/routes.js';
import { METRICS_PATH } from '../src/modules/metrics/routes.js';
import { malformedBody, malformedParam, malformedQuery, malformedUpload, Rng, type BodyCase, type Schema } from './support/fuzz-input.js';
import { photo } from './support/uploads.js';
import { CALLERS, fillPath, seedRouteFixture, type Caller, type RouteFixture } from './support/route-fixture.js';
import { TEST_SMS_GATEWAYS, TEST_TWILIO_AUTH_TOKEN, TEST_TWILIO_BASE_URL } from './support/sms-gateways.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * Schema-driven fuzzing: every operation of the app's own OpenAPI document, as every caller,
 * with malformed bodies, queries and path parameters (support/fuzz-input.ts). Whatever comes
 * in, the answer must not be a 5xx. The seed is printed; replay with FUZZ_SEED=<seed>, and
 * scale with FUZZ_RUNS (requests per operation and caller; default 4 keeps CI short).
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SMS_SECRET = 'fuzz-sms-secret';
/** Fuzz traffic comes from its own address, so login throttling never locks out the fixture's sign-ins. */
const FUZZ_ADDRESS = '198.51.100.7';

interface Operation {
  method: string;
  path: string;
  body: Schema | undefined;
  query: Array<{ name: string; schema: Schema }>;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, {
    parameters?: Array<{ in: string; name: string; schema: Schema }>;
    requestBody?: { content?: Record<string, { schema?: Schema }> };
  }>>;
}

function operations(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      // The SMS webhook reads its raw body itself (to check the signature), so its schema is not in the document.
      body: path === SMS_INBOUND_PATH ? (z.toJSONSchema(inboundSmsInput, { io: 'input' }) as Schema) : op.requestBody?.content?.['application/json']?.schema,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
    })),
  );
}

describeDb(`fuzz: malformed requests never answer 5xx (${dialect})`, () => {
  let t: TestContext;
  let fx: RouteFixture;
  let ops: Operation[];
  beforeAll(async () => {
    t = await createTestContext({ smsWebhookSecret: SMS_SECRET, smsGateways: TEST_SMS_GATEWAYS });
    fx = await seedRouteFixture(t);
    ops = operations((await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDoc);
  }, 120_000);
  afterAll(() => t.close());

  it(`sends ${RUNS} malformed requests per operation and caller (seed ${SEED})`, async () => {
    console.log(`fuzz (${dialect}): FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
    expect(ops.length).toBeGreaterThan(50);
    const r = new Rng(SEED);
    const image = await photo({ width: 48, height: 32 });
    /** File uploads (ADR 0035) get malformed multipart instead of JSON. */
    const isUpload = (op: Operation): boolean => op.method === 'POST' && /\/(attachments|files)$/.test(op.path);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const op of ops) {
      // Signing out would end the caller's session for every later request: anonymous only.
      const callers: readonly Caller[] = op.path.endsWith('/logout') ? ['anonymous'] : CALLERS;
      for (const caller of callers) {
        for (let run = 0; run < RUNS; run++) {
          const url = fillPath(op.path, fx.ids, (_param, valid) => malformedParam(valid, r, fx.allIds)) + malformedQuery(op.query, r, fx.allIds);
          const body: BodyCase = op.method === 'GET' || op.method === 'HEAD' ? { kind: 'no body' } : isUpload(op) ? malformedUpload(image, r) : malformedBody(op.body, r, fx.allIds);
          const headers: Record<string, string> = { ...fx.headers(caller), ...(isUpload(op) && r.chance(0.8) ? { 'x-openline-upload': '1' } : {}) };
          if (body.contentType) headers['content-type'] = body.contentType;
          if (op.path === SMS_INBOUND_PATH && body.payload !== undefined && r.chance(0.7)) {
            headers['x-openline-signature'] = `sha256=${createHmac('sha256', SMS_SECRET).update(body.payload).digest('hex')}`;
          }
          // Twilio's webhook: most malformed forms signed, so they reach the parsing behind the signature.
          if (op.path === TWILIO_PATH && body.payload !== undefined && r.chance(0.7)) {
            const params = [...new URLSearchParams(body.payload.toString()).entries()];
            headers['x-twilio-signature'] = twilioSignature(TEST_TWILIO_AUTH_TOKEN, TEST_TWILIO_BASE_URL + url, params);
          }
          const res = await t.app.inject({
            method: op.method as 'GET',
            url,
            headers,
            // /metrics serves this host only (no METRICS_TOKEN here): from loopback, so the scrape itself runs.
            remoteAddress: op.path === METRICS_PATH ? '127.0.0.1' : FUZZ_ADDRESS,
            ...(body.payload !== undefined ? { payload: body.payload } : {}),
            // The live stream never ends by itself: take its status, then hang up.
            ...(op.path === LIVE_PATH ? { payloadAsStream: true } : {}),
          });
          if (op.path === LIVE_PATH) res.stream().destroy();
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) {
            const shown = typeof body.payload === 'string' ? body.payload.slice(0, 200) : body.payload?.toString('hex').slice(0, 200);
            failures.push(`${res.statusCode} ${caller} ${op.method} ${url.slice(0, 200)} [${body.kind}] ${shown ?? ''} → ${String(res.body).slice(0, 200)}`);
          }
        }
        await fx.refresh(caller);
      }
    }
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`fuzz (${dialect}): ${sent} requests over ${ops.length} operations: ${histogram}`);
    // Not only refusals: a share of the requests must get through to do something.
    expect([...statuses].filter(([s]) => s < 300).reduce((a, [, n]) => a + n, 0)).toBeGreaterThan(sent / 20);
    expect(failures, `replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`).toEqual([]);
  }, 300_000);
});
