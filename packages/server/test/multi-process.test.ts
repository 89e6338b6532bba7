import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { DEFAULT_RATE_LIMITS } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { newId } from '../src/lib/ids.js';
import { writeLimitsSetting } from '../src/modules/limits/repository.js';
import { InProcessLiveBus, useLiveBus, type LiveBus } from '../src/modules/live/bus.js';
import { MAX_NOTIFY_BYTES, PgLiveBus } from '../src/modules/live/pg-bus.js';
import { publishToUsers } from '../src/modules/live/publish.js';
import { startLiveBus } from '../src/modules/live/start.js';
import { evaluateColdLines } from '../src/modules/cold-lines/monitor.js';
import { enqueueMessage } from '../src/modules/outbox/enqueue.js';
import { deliverDueMessages } from '../src/modules/outbox/deliver.js';
import { webhookProvider } from '../src/modules/outbox/providers.js';
import { createLine } from '../src/modules/org/service.js';
import { dumpDaily, dumpUnitDaily } from '../src/modules/stats/repository.js';
import { rebuildFigures, refreshFigures, type RefreshResult } from '../src/modules/stats/rollup.js';
import { sweepDeadlines } from '../src/modules/supervision/sweep.js';
import { startChildApp, type ChildApp } from './support/child-app.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { startHttpSink } from './support/http-sink.js';
import { waitFor } from './support/wait.js';
import { openSse, type SseClient } from './support/sse.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';


/**
 * Issue 13 §4: two real Openline processes on one database — app A in this process, app B a
 * child process (support/app-child.ts) with its own pool — and every piece of shared state
 * checked across them: sessions, throttles, live events (PostgreSQL: LISTEN/NOTIFY), the
 * worker's sweeps and the figures rollup, each item done exactly once. On SQLite the same
 * holds for everything but live events, which stay within their process (ADR 0033).
 */
describeDb(`Several processes, one database (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let a: FastifyInstance;
  let aBase: string;
  let b: ChildApp;
  let bus: LiveBus;
  let before: LiveBus;
  const streams: SseClient[] = [];

  const onB = (url: string, init: { method?: string; cookie?: string; body?: unknown } = {}) =>
    fetch(`${b.base}${url}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    // App A as main.ts builds it: the bus its database calls for first, then the app.
    bus = await startLiveBus(t.databaseConfig, t.database, { warn: () => undefined, error: () => undefined }, { snapshotMs: 500, reconnectMs: 100 });
    before = useLiveBus(bus);
    a = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, live: { heartbeatMs: 1_000 } }, database: t.database, pii: t.pii });
    aBase = await a.listen({ port: 0, host: '127.0.0.1' });
    b = await startChildApp({ databaseConfig: t.databaseConfig, dataKey: t.dataKey });
  }, 60_000);
  afterAll(async () => {
    for (const s of streams) s.close();
    await b?.stop();
    await a?.close();
    useLiveBus(before ?? new InProcessLiveBus());
    await bus?.close();
    await t.close();
  });

  it('a session started on A works on B; signed out on A, B refuses it', async () => {
    const cookie = await login(a, 'supervisor');
    const me = await onB('/api/v1/me', { cookie });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('supervisor');
    expect((await a.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie }, payload: {} })).statusCode).toBe(204);
    // A write on B reads the session afresh: refused at once. A read on B (PostgreSQL) may be
    // authorised from B's session cache until A's change is heard there, milliseconds later (ADR 0078).
    expect((await onB('/api/v1/auth/logout', { method: 'POST', cookie, body: {} })).status).toBe(401);
    await waitFor('B to refuse a read', async () => (await onB('/api/v1/me', { cookie })).status === 401, 2_000);
  });

  it('a sign-in throttle holds across both: wrong passwords alternating between A and B add up', async () => {
    await writeLimitsSetting(t.ctx.db, JSON.stringify({ ...DEFAULT_RATE_LIMITS, loginPerUsername: { max: 4, windowSeconds: 900 } }), new Date().toISOString());
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const payload = { username: 'official', password: 'wrong guess' };
      codes.push(i % 2 === 0
        ? (await a.inject({ method: 'POST', url: '/api/v1/auth/login', payload })).statusCode
        : (await onB('/api/v1/auth/login', { method: 'POST', body: payload })).status);
    }
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it.runIf(dialect === 'sqlite')('on SQLite the live bus stays in the process (one host; ADR 0033)', () => {
    expect(bus).toBeInstanceOf(InProcessLiveBus);
  });

  it.runIf(dialect === 'postgres')('a CTI newCall posted to A pops up on the operator\'s stream held by B', async () => {
    expect(bus).toBeInstanceOf(PgLiveBus);
    const cookie = await login(a, 'operator');
    const admin = await login(a, 'admin');
    await createLine(t.ctx.db, { jurisdictionId: f.jurisdiction.id, number: '0000-88007777', name: '市民热线', ownerUserId: null, ownerTitle: '热线中心', mode: 'staffed', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' } });
    const issued = await a.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'PBX' } });
    const cti = `/api/v1/cti/${(issued.json() as { token: string }).token}`;
    const s = await openSse(b.base, '/api/v1/live', { cookie });
    streams.push(s);
    expect(s.status).toBe(200);
    await s.next('ready');
    // A learns from B's presence message that someone is watching; until then it would skip the pop.
    await waitFor('B\'s presence on A', () => bus.isOnline(f.users.operator));
    const callId = `mp-${randomUUID()}`;
    const res = await a.inject({ method: 'POST', url: cti, payload: { direction: 'in', event: 'newCall', from: '13812347951', to: '000088007777', call_id: callId } });
    expect(res.statusCode, res.body).toBe(200);
    const offered = JSON.parse((await s.next('call.offered')).data) as { callId: string; lineName: string; callerPhone: string };
    expect(offered.lineName).toBe('市民热线');
    expect(offered.callerPhone).not.toContain('7951'.padStart(11, '1'));
    // And an event larger than a NOTIFY payload travels by reference.
    const big = 'x'.repeat(MAX_NOTIFY_BYTES + 100);
    publishToUsers([f.users.operator], 'test.big', { big });
    expect((JSON.parse((await s.next('test.big')).data) as { big: string }).big).toBe(big);
    // Its stream closed, B says so, and A stops counting the operator as watching.
    s.close();
    await waitFor('B\'s departure on A', () => !bus.isOnline(f.users.operator));
  }, 30_000);

  it.runIf(dialect === 'postgres')('reconnects its listening connection after PostgreSQL drops it, and delivers again', async () => {
    const cookie = await login(a, 'handler');
    const s = await openSse(b.base, '/api/v1/live', { cookie });
    streams.push(s);
    await s.next('ready');
    const admin = new pg.Client({ connectionString: (t.databaseConfig as { url: string }).url });
    await admin.connect();
    try {
      const killed = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'openline-live'`);
      // A's and B's listening connections.
      expect(killed.rowCount).toBe(2);
    } finally {
      await admin.end();
    }
    await waitFor('A to listen again', () => (bus as PgLiveBus).listening);
    // B reconnects on its own schedule: publish until its stream hears one.
    let n = 0;
    await waitFor('an event through B\'s new connection', () => {
      publishToUsers([f.users.handler], 'test.again', { n: ++n });
      return s.events.some((e) => e.event === 'test.again');
    });
  }, 30_000);

  /** n cases whose one resolve deadline has passed (the sweep's work, not intake's). */
  async function seedDueDeadlines(n: number): Promise<void> {
    const now = new Date().toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    const cases = Array.from({ length: n }, () => ({
      id: randomUUID(), jurisdiction_id: f.jurisdiction.id, case_number: `20260101-${randomUUID().slice(0, 8)}`,
      tracking_code_hash: randomUUID(), status: 'accepted', channel: 'phone', type: 'complaint', urgency: 'normal',
      content: '测试', content_enc: t.ctx.pii.encrypt('测试'), lead_unit_id: f.units.housing, created_at: now, updated_at: now,
    }));
    await t.ctx.db.insertInto('cases').values(cases).execute();
    await t.ctx.db.insertInto('case_deadlines').values(cases.map((c) => ({
      id: randomUUID(), case_id: c.id, unit_id: f.units.housing, kind: 'resolve' as const, clock: 'working' as const,
      starts_at: now, due_at: past, remind_at: past, escalation_level: 0, next_escalation_at: null, overdue_at: null,
      reminded_at: null, met_at: null, cancelled_at: null, created_at: now,
    }))).execute();
  }

  it('the deadline sweep run by both at once escalates each of 200 due deadlines exactly once', async () => {
    await seedDueDeadlines(200);
    const here = async () => {
      let overdue = 0;
      for (;;) {
        const s = await sweepDeadlines(t.ctx, { batchSize: 50 });
        overdue += s.overdue;
        if (s.overdue === 0) return overdue;
      }
    };
    const [mine, theirs] = await Promise.all([here(), b.run<{ overdue: number }>({ job: 'supervision' })]);
    // One more pass each: a claim lost to a busy SQLite writer is picked up, never repeated.
    const rest = (await sweepDeadlines(t.ctx)).overdue;
    expect(mine + theirs.overdue + rest).toBe(200);
    const notices = await t.ctx.db.selectFrom('supervision_notices').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('deadline_id').distinct().as('d')]).executeTakeFirstOrThrow();
    expect([Number(notices.n), Number(notices.d)]).toEqual([200, 200]);
  }, 60_000);

  it('outbox delivery by both at once sends each of 120 messages exactly once', async () => {
    await t.ctx.db.deleteFrom('outbox').execute();
    const sink = await startHttpSink();
    try {
      await t.ctx.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 120; i++) {
          await enqueueMessage(trx, t.ctx.pii, { jurisdictionId: f.jurisdiction.id, caseId: null, channel: 'sms', recipient: '+8613812345678', template: 'case_received', body: `已受理 #${i}` });
        }
      });
      const provider = webhookProvider({ url: sink.url, secret: undefined });
      const here = async () => {
        let sent = 0;
        for (;;) {
          const s = await deliverDueMessages(t.ctx, { provider, workerId: 'parent', batchSize: 20 });
          sent += s.sent;
          if (s.sent + s.retried + s.failed === 0) return sent;
        }
      };
      const [mine, theirs] = await Promise.all([here(), b.run<{ sent: number }>({ job: 'outbox', url: sink.url })]);
      expect(mine + theirs.sent).toBe(120);
      const keys = sink.received.map((r) => r.headers['idempotency-key']);
      expect(new Set(keys).size).toBe(120);
      expect(keys).toHaveLength(120);
    } finally {
      await sink.close();
    }
  }, 60_000);

  it('the cold-line monitor run by both at once opens one episode with one alert per recipient', async () => {
    const line = await createLine(t.ctx.db, { jurisdictionId: f.jurisdiction.id, number: '0000-88006666', name: '冷线测试', ownerUserId: f.users.teamHandler, ownerTitle: '科长', mode: 'direct', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' } });
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const ended = new Date(Date.now() - 3_540_000).toISOString();
    await t.ctx.db.insertInto('call_records').values(Array.from({ length: 10 }, (_, i) => ({
      id: newId(), jurisdiction_id: f.jurisdiction.id, source: 'cti', external_id: `cold-${i}`, cti_token_id: null, direction: 'in',
      line_id: line.id, line_number: 'x', caller_enc: null, caller_bidx: null, queue: null,
      offered_at: at, answered_at: i < 5 ? at : null, ended_at: ended, wait_seconds: 5, talk_seconds: 30, outcome: i < 5 ? 'answered' : 'missed',
      late_answer: 0, answered_by_user_id: null, answered_by: null, cause: null, case_id: null, contact_id: null, created_at: at, updated_at: at,
    }))).execute();
    const [mine, theirs] = await Promise.all([evaluateColdLines(t.ctx), b.run<{ opened: number }>({ job: 'cold-lines' })]);
    expect(mine.opened + theirs.opened).toBe(1);
    const episodes = await t.ctx.db.selectFrom('cold_line_episodes').select('id').where('line_id', '=', line.id).execute();
    expect(episodes).toHaveLength(1);
    const alerts = await t.ctx.db.selectFrom('outbox').select('recipient_hint').where('template', '=', 'cold_line_alert').where('body', 'like', '%冷线测试%').execute();
    expect(alerts.map((r) => r.recipient_hint).sort()).toEqual([f.users.housingSupervisor, f.users.teamHandler].sort());
  }, 60_000);

  it('the figures refresh run by both at once is done by one of them, and equals a rebuild', async () => {
    // Everything so far rolled up; then new events for the race.
    await refreshFigures(t.ctx);
    const operator = await login(a, 'operator');
    for (let i = 0; i < 5; i++) {
      const res = await a.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: operator }, payload: { channel: 'phone', callerPhone: '13812340000', content: `小区路灯不亮 ${i}`, type: 'complaint' } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const [mine, theirs] = await Promise.all([refreshFigures(t.ctx), b.run<RefreshResult>({ job: 'figures' })]);
    // One ran; the other found the watermark moved (or, after it, had nothing new to count twice).
    expect([mine.ran, theirs.ran].filter(Boolean).length).toBeGreaterThanOrEqual(1);
    const incremental = { daily: await dumpDaily(t.ctx.db), unit: await dumpUnitDaily(t.ctx.db) };
    await rebuildFigures(t.ctx);
    expect({ daily: await dumpDaily(t.ctx.db), unit: await dumpUnitDaily(t.ctx.db) }).toEqual(incremental);
  }, 60_000);

  // PostgreSQL only: on SQLite two processes' accept batches collide on the one write lock (a
  // batch that read first gets SQLITE_BUSY at once, answered 503, nothing stored), and ADR 0033
  // says run one web process there.
  it.runIf(dialect === 'postgres')('public appeals accepted by both at once: each answered one is one row, tracked on either, processed once; the per-phone limit counts both', async () => {
    const day = { windowSeconds: 86_400 };
    await writeLimitsSetting(t.ctx.db, JSON.stringify({
      ...DEFAULT_RATE_LIMITS, appealPerAddress: { max: 1_000, ...day }, appealPerPhone: { max: 5, ...day }, trackingPerAddress: { max: 1_000, ...day },
    }), new Date().toISOString());
    const count = async (table: 'cases' | 'public_intake'): Promise<number> =>
      Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    const rowsBefore = await count('public_intake');
    const casesBefore = await count('cases');
    const send = async (base: string, i: number, phone: string): Promise<{ base: string; status: number; code?: string }> => {
      const res = await fetch(`${base}/api/v1/public/appeals`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '市民', phone, content: `第${i}号楼门口的路灯坏了${(i % 9) + 2}天，晚上很黑。`, address: `东城区和平里${i}号楼` }),
      });
      const body = (await res.json()) as { trackingCode?: string };
      return { base, status: res.status, ...(body.trackingCode ? { code: body.trackingCode } : {}) };
    };
    // Both processes' group commits write at once: 60 callers of their own, half on each.
    const many = await Promise.all(Array.from({ length: 60 }, (_, i) => send(i % 2 === 0 ? aBase : b.base, i, `1391234${String(i).padStart(4, '0')}`)));
    expect(many.map((r) => r.status)).toEqual(many.map(() => 201));
    // One caller on both: the limit's counter is the database's, so 5 of 8 pass whichever process takes them.
    const one = await Promise.all(Array.from({ length: 8 }, (_, i) => send(i % 2 === 0 ? aBase : b.base, 100 + i, '13912349999')));
    expect(one.filter((r) => r.status === 201)).toHaveLength(5);
    expect(one.filter((r) => r.status === 429)).toHaveLength(3);

    const answered = [...many, ...one].filter((r) => r.status === 201);
    expect(new Set(answered.map((r) => r.code)).size).toBe(65);
    expect(await count('public_intake')).toBe(rowsBefore + 65);
    for (const r of answered) {
      const other = r.base === aBase ? b.base : aBase;
      expect((await fetch(`${other}/api/v1/public/appeals/${r.code ?? ''}`)).status).toBe(200);
    }
    // Both drainers work the backlog: every row once, a case per row that did not join an open one.
    const waiting = () => t.ctx.db.selectFrom('public_intake').where('processed_at', 'is', null).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    await waitFor('both drainers to work off the backlog', async () => Number((await waiting()).n) === 0, 60_000);
    const rows = await t.ctx.db.selectFrom('public_intake').select(['outcome', 'case_id']).orderBy('seq', 'desc').limit(65).execute();
    expect(rows.every((r) => r.case_id !== null)).toBe(true);
    expect(await count('cases')).toBe(casesBefore + rows.filter((r) => r.outcome !== 'attached').length);
    await writeLimitsSetting(t.ctx.db, JSON.stringify(DEFAULT_RATE_LIMITS), new Date().toISOString());
  }, 90_000);

  it('B answers on its own port while A does', async () => {
    expect((await fetch(`${aBase}/healthz`)).status).toBe(200);
    expect((await onB('/healthz')).status).toBe(200);
  });
});
