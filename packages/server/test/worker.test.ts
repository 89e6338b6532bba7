import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { purgeExpiredRows } from '../src/jobs/purge.js';
import { DAILY_RETRY_MS, startWorker, type DailyJob, type RunningWorker, type WorkerLogger } from '../src/jobs/worker.js';
import type { DeliveryRequest, OutboxProvider } from '../src/modules/outbox/providers.js';
import { seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { waitFor as waitUntil } from './support/wait.js';

const HOUR = 3_600_000;
const INTERVAL_MS = 100;

function recordingLog(): WorkerLogger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (obj) => errors.push(JSON.stringify((obj as { job?: string }).job)) };
}

function recordingProvider(): OutboxProvider & { sent: DeliveryRequest[] } {
  const sent: DeliveryRequest[] = [];
  return { name: 'test', sent, send: async (m) => (sent.push(m), { ok: true, providerMessageId: null }) };
}

const waitFor = (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> => waitUntil(what, check, timeoutMs, 50);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeDb(`background worker (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const running: RunningWorker[] = [];
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  beforeEach(async () => {
    for (const table of ['notifications', 'stat_case_cells', 'stat_contact_cells', 'supervision_notices', 'case_deadlines', 'outbox', 'case_events', 'contacts', 'cases', 'sessions', 'job_runs'] as const) {
      await t.ctx.db.deleteFrom(table).execute();
    }
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((w) => w.stop()));
  });
  afterAll(() => t.close());

  const start = (options: Partial<Parameters<typeof startWorker>[1]> & { ctx?: TestContext['ctx'] } = {}): RunningWorker => {
    const worker = startWorker(options.ctx ?? t.ctx, { provider: recordingProvider(), log: recordingLog(), intervalMs: INTERVAL_MS, ...options });
    running.push(worker);
    return worker;
  };

  /** One accepted case whose resolve deadline passed an hour ago. */
  async function seedOverdueCase(): Promise<string> {
    const now = new Date().toISOString();
    const id = randomUUID();
    await t.ctx.db.insertInto('cases').values({
      id, jurisdiction_id: f.jurisdiction.id, case_number: `20260101-${id.slice(0, 6)}`, tracking_code_hash: randomUUID(), status: 'accepted',
      channel: 'phone', type: 'complaint', urgency: 'normal', content: '测试', content_enc: t.ctx.pii.encrypt('测试'), lead_unit_id: f.units.housing, created_at: now, updated_at: now,
    }).execute();
    const past = (h: number) => new Date(Date.now() - h * HOUR).toISOString();
    await t.ctx.db.insertInto('case_deadlines').values({
      id: randomUUID(), case_id: id, unit_id: f.units.housing, kind: 'resolve', clock: 'working', starts_at: past(10), due_at: past(1), remind_at: past(3), created_at: now,
    }).execute();
    return id;
  }

  async function insertSession(expiresAt: Date): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await t.ctx.db.insertInto('sessions').values({ id, user_id: f.users.admin, created_at: now, expires_at: expiresAt.toISOString(), last_seen_at: now }).execute();
    return id;
  }

  const notices = async () => (await t.ctx.db.selectFrom('supervision_notices').select('id').execute()).length;
  const sentRows = async () => (await t.ctx.db.selectFrom('outbox').select('id').where('status', '=', 'sent').execute()).length;
  const jobRun = (job: string) => t.ctx.db.selectFrom('job_runs').selectAll().where('job', '=', job).executeTakeFirst();

  it('sweeps a due deadline, delivers what it queued, and runs the daily jobs, on its own schedule', async () => {
    const caseId = await seedOverdueCase();
    const expired = await insertSession(new Date(Date.now() - HOUR));
    const live = await insertSession(new Date(Date.now() + HOUR));
    const provider = recordingProvider();
    start({ provider });
    await waitFor('the overdue notice and its messages', async () => (await notices()) === 1 && provider.sent.length > 0 && (await sentRows()) === provider.sent.length);
    expect(provider.sent.every((m) => m.caseId === caseId && m.template === 'supervision_notice')).toBe(true);
    await waitFor('the daily jobs', async () => (await t.ctx.db.selectFrom('job_runs').select('job').where('finished_at', 'is not', null).execute()).length === 6);
    const sessions = await t.ctx.db.selectFrom('sessions').select('id').execute();
    expect(sessions.map((s) => s.id)).toEqual([live]);
    expect(expired).not.toBe(live);
  });

  it('a failing daily job skips neither the sweep, the outbox nor the other daily jobs', async () => {
    await seedOverdueCase();
    await insertSession(new Date(Date.now() - HOUR));
    const provider = recordingProvider();
    const log = recordingLog();
    let optimizeCalls = 0;
    start({ provider, log, optimize: async () => { optimizeCalls++; throw new Error('disk full'); } });
    await waitFor('the pass', async () => ((await jobRun('purge-expired'))?.finished_at ?? null) !== null);
    expect(await notices()).toBe(1);
    expect(provider.sent.length).toBeGreaterThan(0);
    expect(await t.ctx.db.selectFrom('sessions').select('id').execute()).toEqual([]);
    expect(await jobRun('optimize')).toMatchObject({ finished_at: null, last_error: 'disk full', attempts: 1 });
    expect((await jobRun('priority-refresh'))?.finished_at).not.toBeNull();
    expect(log.errors).toContain('"optimize"');
    // Retried after the back-off, not at every pass.
    await sleep(5 * INTERVAL_MS);
    expect(optimizeCalls).toBe(1);
  });

  it('a failing outbox skips neither the sweep nor the daily jobs', async () => {
    await seedOverdueCase();
    const broken: OutboxProvider = { name: 'broken', send: () => Promise.reject(new Error('gateway down')) };
    const log = recordingLog();
    let ran = 0;
    start({ provider: broken, log, dailyJobs: () => [{ name: 'count', run: async () => { ran++; } }] });
    await waitFor('the daily job', () => ran === 1);
    expect(await notices()).toBe(1);
    expect(log.errors).toContain('"outbox"');
  });

  it('runs each daily job once however many workers race for it', async () => {
    const second = openDatabase(t.databaseConfig);
    try {
      const runs = new Map<string, string[]>();
      const jobs = (workerId: string): DailyJob[] =>
        ['a', 'b', 'c', 'd', 'e'].map((name) => ({
          name,
          run: async () => {
            runs.set(name, [...(runs.get(name) ?? []), workerId]);
            await sleep(20);
          },
        }));
      const secondCtx = { db: second.db, dialect: second.dialect, pii: t.pii };
      const workers = [start({ dailyJobs: jobs }), start({ dailyJobs: jobs }), start({ ctx: secondCtx, dailyJobs: jobs }), start({ ctx: secondCtx, dailyJobs: jobs })];
      await waitFor('every job', async () => (await t.ctx.db.selectFrom('job_runs').select('job').where('finished_at', 'is not', null).execute()).length === 5);
      await sleep(5 * INTERVAL_MS);
      expect([...runs.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
      for (const [, by] of runs) expect(by).toHaveLength(1);
      await Promise.all(workers.map((w) => w.stop()));
    } finally {
      await second.close();
    }
  });

  it('retries a failed daily job after the back-off, and runs it again the next day', async () => {
    let offset = 0;
    const ran: string[] = [];
    const job: DailyJob = {
      name: 'flaky',
      run: async (now) => {
        ran.push(now.toISOString().slice(0, 10));
        if (ran.length === 1) throw new Error('first try fails');
      },
    };
    start({ dailyJobs: () => [job], now: () => new Date(Date.now() + offset) });
    await waitFor('the first try', () => ran.length === 1);
    await sleep(3 * INTERVAL_MS);
    expect(ran).toHaveLength(1);
    offset = DAILY_RETRY_MS + 1000;
    await waitFor('the retry', async () => ((await jobRun('flaky'))?.finished_at ?? null) !== null);
    expect(await jobRun('flaky')).toMatchObject({ attempts: 2, last_error: null });
    offset += 86_400_000;
    await waitFor('the next day', () => ran.length === 3);
    expect(new Set(ran).size).toBe(ran[0] === ran[1] ? 2 : 3);
  });
});

describeDb(`purging expired rows (${dialect})`, () => {
  it('deletes sessions past their end and old job claims, nothing else', async () => {
    const t = await createTestContext();
    try {
      const f = await seedFixture(t.ctx);
      const now = new Date('2026-06-01T00:00:00.000Z');
      const session = (id: string, expires: string) => ({ id, user_id: f.users.admin, created_at: '2026-05-01T00:00:00.000Z', expires_at: expires, last_seen_at: '2026-05-01T00:00:00.000Z' });
      await t.ctx.db.insertInto('sessions').values([session('old', '2026-05-31T23:59:59.000Z'), session('live', '2026-06-01T00:00:01.000Z')]).execute();
      const run = (period: string) => ({ job: 'x', period, worker_id: 'w', started_at: now.toISOString(), lease_until: now.toISOString() });
      await t.ctx.db.insertInto('job_runs').values([run('2026-01-01'), run('2026-05-30')]).execute();
      expect(await purgeExpiredRows(t.ctx, now)).toEqual({ sessions: 1, jobRuns: 1 });
      expect((await t.ctx.db.selectFrom('sessions').select('id').execute()).map((s) => s.id)).toEqual(['live']);
      expect((await t.ctx.db.selectFrom('job_runs').select('period').execute()).map((r) => r.period)).toEqual(['2026-05-30']);
    } finally {
      await t.close();
    }
  });
});
