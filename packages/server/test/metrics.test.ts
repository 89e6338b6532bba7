import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { startWorker } from '../src/jobs/worker.js';
import { newId, nowIso } from '../src/lib/ids.js';
import { deliverDueMessages } from '../src/modules/outbox/deliver.js';
import { logProvider } from '../src/modules/outbox/providers.js';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, submitAppeal, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one sample in the text format, e.g. value(text, 'openline_outbox_messages{status="pending"}'). */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeDb(`/metrics (${dialect})`, () => {
  let t: TestContext;
  let open: TestContext;
  let f: Fixture;
  const logLines: string[] = [];
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const scrape = async (ctx: TestContext = t): Promise<string> => {
    const res = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: ctx === t ? bearer : {} });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestContext({ metricsToken: TOKEN, logStream: { write: (line) => void logLines.push(line) } });
    open = await createTestContext();
    f = await seedFixture(t.ctx);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await open.close();
  });

  it('with METRICS_TOKEN: only the bearer token gets in, not a session or an API token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).json().error.code).toBe('UNAUTHENTICATED');
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    const cookie = await login(t.app, 'admin');
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { cookie } })).statusCode).toBe(401);
    // From elsewhere, with the token: allowed (Prometheus usually runs on another host).
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer, remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(200);
    expect(remote.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(remote.body).toContain('# TYPE openline_http_request_duration_seconds histogram');
  });

  it('without a token: this host only, and not through a proxy on it', async () => {
    expect((await open.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    expect((await open.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    const remote = await open.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json().error.code).toBe('FORBIDDEN');
    const proxied = await open.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '198.51.100.4' } });
    expect(proxied.statusCode).toBe(403);
  });

  it('times requests by route pattern, method and status class, never by raw URL', async () => {
    const { trackingCode } = await submitAppeal(t.app, { name: '王女士', phone: '13800001234', content: '小区门口路灯不亮，晚上很黑。' });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${trackingCode}` })).statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: '/no/such/page/42' });
    const text = await scrape();
    expect(value(text, 'openline_http_request_duration_seconds_count{route="/api/v1/public/appeals",method="POST",status_class="2xx"}')).toBe(1);
    // Two: submitAppeal reads the tracking page once to learn the case number (the intake is durable, ADR 0032).
    expect(value(text, 'openline_http_request_duration_seconds_count{route="/api/v1/public/appeals/:trackingCode",method="GET",status_class="2xx"}')).toBe(2);
    expect(text).not.toContain(trackingCode);
    expect(text).not.toContain('/no/such/page');
    expect(value(text, 'openline_http_request_duration_seconds_count{route="unmatched",method="GET",status_class="4xx"}')).toBeGreaterThanOrEqual(1);
  });

  it('times the console\'s hashed files as one route, not a series per file', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'openline-web-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Openline</title>');
    for (const file of ['index-1a2b3c.js', 'vendor-4d5e6f.js']) writeFileSync(path.join(dist, 'assets', file), 'export {};');
    const web = await createTestContext({ webDist: dist });
    try {
      for (const file of ['index-1a2b3c.js', 'vendor-4d5e6f.js']) expect((await web.app.inject({ method: 'GET', url: `/assets/${file}` })).statusCode).toBe(200);
      const text = await scrape(web);
      expect(value(text, 'openline_http_request_duration_seconds_count{route="/assets/*",method="GET",status_class="2xx"}')).toBe(2);
      expect(text).not.toContain('1a2b3c');
    } finally {
      await web.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('computes gauges from the database, so another process answers the same intake figures', async () => {
    await submitAppeal(t.app, { name: '赵先生', phone: '13800005678', content: '楼下餐馆油烟直排，影响居民生活。' });
    const mine = await scrape();
    // A second process: its own connection, its own app, nobody posted anything to it.
    const database = openDatabase(t.databaseConfig);
    const other = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, metricsToken: TOKEN }, database, pii: t.pii });
    try {
      const theirs = (await other.inject({ method: 'GET', url: '/metrics', headers: bearer })).body;
      const accepted = value(mine, 'openline_intake_accepted_recent');
      expect(accepted).toBeGreaterThanOrEqual(2);
      expect(value(theirs, 'openline_intake_accepted_recent')).toBe(accepted);
      expect(value(theirs, 'openline_intake_processed_recent')).toBe(accepted);
      expect(value(theirs, 'openline_intake_backlog')).toBe(0);
      // Counters are per process: the other one has timed none of these appeals.
      expect(value(theirs, 'openline_http_request_duration_seconds_count{route="/api/v1/public/appeals",method="POST",status_class="2xx"}')).toBeUndefined();
    } finally {
      await other.close();
      await database.close();
    }
  });

  it('shows the outbox backlog, and the worker logs a delivery with the id of the request that caused it', async () => {
    const cookie = await login(t.app, 'operator');
    const headers = { cookie };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: { channel: 'phone', callerPhone: '13800002222', content: '楼道堆放杂物，存在消防隐患。', type: 'complaint' } });
    expect(created.statusCode, created.body).toBe(201);
    const dispatch = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${created.json().id}/dispatch`, headers, payload: { leadUnitId: f.units.housing } });
    expect(dispatch.statusCode, dispatch.body).toBe(200);
    const requestId = dispatch.headers['x-request-id'];
    expect(typeof requestId).toBe('string');

    const before = await scrape();
    expect(value(before, 'openline_outbox_messages{status="pending"}')).toBe(1);
    expect(value(before, 'openline_outbox_messages{status="failed"}')).toBe(0);

    const workerLines: Array<{ obj: Record<string, unknown>; msg: string }> = [];
    const log = { info: (obj: object, msg: string) => void workerLines.push({ obj: obj as Record<string, unknown>, msg }), warn: () => undefined };
    expect(await deliverDueMessages(t.ctx, { provider: logProvider({ info: () => undefined }), workerId: 'w-test', log })).toMatchObject({ sent: 1 });
    const delivery = workerLines.find((l) => l.msg === 'outbox message sent');
    expect(delivery?.obj).toMatchObject({ requestId, template: 'case_dispatched', worker: 'w-test' });
    // And that id is the one in the request's own log lines.
    expect(logLines.some((l) => l.includes(`"reqId":"${String(requestId)}"`) && l.includes('/dispatch'))).toBe(true);
    expect(value(await scrape(), 'openline_outbox_messages{status="pending"}')).toBe(0);
  });

  it('shows worker lag per job from what any worker recorded, and open cold lines', async () => {
    const worker = startWorker(t.ctx, { provider: logProvider({ info: () => undefined }), log: { info: () => undefined, warn: () => undefined, error: () => undefined }, intervalMs: 100, dailyJobs: () => [] });
    try {
      await expect.poll(async () => (await t.ctx.db.selectFrom('worker_job_beats').select('job').execute()).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    } finally {
      await worker.stop();
    }
    await t.ctx.db.insertInto('job_runs').values({ job: 'routing-retrain', period: '2026-12-01', worker_id: 'w', started_at: '2026-12-01T01:00:00.000Z', lease_until: '2026-12-01T02:00:00.000Z', finished_at: '2026-12-01T01:05:00.000Z', last_error: null }).execute();
    const line = await createLine(t.ctx.db, { jurisdictionId: f.jurisdiction.id, number: '0000-7777', name: '区长热线', mode: 'direct', ownerUserId: null, ownerTitle: '区长', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'closed' } });
    await t.ctx.db.insertInto('cold_line_episodes').values({ id: newId(), jurisdiction_id: f.jurisdiction.id, line_id: line.id, started_at: nowIso(), ended_at: null, start_figures: '{}', end_figures: null }).execute();

    const text = await scrape();
    const outboxLag = value(text, 'openline_worker_job_lag_seconds{job="outbox",schedule="pass"}');
    expect(outboxLag).toBeGreaterThanOrEqual(0);
    expect(outboxLag).toBeLessThan(60);
    expect(value(text, 'openline_worker_job_failing{job="outbox",schedule="pass"}')).toBe(0);
    expect(value(text, 'openline_worker_job_lag_seconds{job="routing-retrain",schedule="daily"}')).toBeGreaterThan(3600);
    expect(value(text, 'openline_cold_lines_open')).toBe(1);
    if (dialect === 'postgres') {
      expect(value(text, 'openline_db_pool_connections{state="max"}')).toBe(10);
      expect(value(text, 'openline_db_pool_connections{state="waiting"}')).toBe(0);
    } else {
      expect(value(text, 'openline_db_sqlite_bytes{file="database"}')).toBeGreaterThan(0);
    }
    for (const collector of ['intake', 'worker', 'outbox', 'cold-lines', 'database']) {
      expect(value(text, `openline_metrics_collector_up{collector="${collector}"}`), collector).toBe(1);
    }
  });

  it('keeps answering when one collector fails, and says which', async () => {
    t.app.metrics.registerGaugeCollector({ name: 'broken', gauges: [{ name: 'openline_test_broken', help: 'x' }], collect: () => Promise.reject(new Error('down')) });
    const text = await scrape();
    expect(value(text, 'openline_metrics_collector_up{collector="broken"}')).toBe(0);
    expect(value(text, 'openline_metrics_collector_up{collector="outbox"}')).toBe(1);
    expect(value(text, 'openline_test_broken')).toBeUndefined();
  });
});
