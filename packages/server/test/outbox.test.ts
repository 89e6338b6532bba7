import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import type { AppContext } from '../src/lib/app-context.js';
import { MAX_ATTEMPTS, deliverDueMessages } from '../src/modules/outbox/deliver.js';
import { enqueueMessage } from '../src/modules/outbox/enqueue.js';
import { logProvider, webhookProvider } from '../src/modules/outbox/providers.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { startHttpSink } from './support/http-sink.js';

const silent = { info: () => undefined };

describeDb(`outbox (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  beforeEach(async () => {
    await t.ctx.db.deleteFrom('outbox').execute();
  });
  afterAll(() => t.close());

  const enqueue = (ctx: AppContext, n = 1, recipient = '+8613812345678') =>
    ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++) {
        await enqueueMessage(trx, ctx.pii, {
          jurisdictionId: f.jurisdiction.id, caseId: null, channel: 'sms', recipient, template: 'case_received', body: `您的诉求已受理 #${i}`,
        });
      }
    });
  const statuses = async () => (await t.ctx.db.selectFrom('outbox').select(['status', 'attempts']).execute());

  it('exists only if the transaction that wrote it commits, with the recipient sealed', async () => {
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await enqueueMessage(trx, t.pii, { jurisdictionId: f.jurisdiction.id, caseId: null, channel: 'sms', recipient: '+8613812345678', template: 'x', body: 'y' });
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await statuses()).toHaveLength(0);
    await enqueue(t.ctx);
    const rows = await t.ctx.db.selectFrom('outbox').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', recipient_hint: '138****5678' });
    expect(JSON.stringify(rows)).not.toContain('13812345678');
  });

  it('delivers through the log provider by default', async () => {
    await enqueue(t.ctx, 3);
    const stats = await deliverDueMessages(t.ctx, { provider: logProvider(silent), workerId: 'w1' });
    expect(stats).toEqual({ sent: 3, retried: 0, failed: 0 });
    expect(await statuses()).toEqual(Array(3).fill({ status: 'sent', attempts: 1 }));
    expect(await deliverDueMessages(t.ctx, { provider: logProvider(silent), workerId: 'w1' })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('posts to a webhook, signed and with an idempotency key, retrying 5xx with back-off', async () => {
    const sink = await startHttpSink((_req, n) => (n === 1 ? 503 : 200));
    try {
      await enqueue(t.ctx);
      const provider = webhookProvider({ url: sink.url, secret: 'a-long-shared-secret' });
      let now = new Date();
      const clock = () => now;
      expect(await deliverDueMessages(t.ctx, { provider, workerId: 'w1', now: clock })).toMatchObject({ retried: 1 });
      // Not due again until the back-off has passed.
      expect(await deliverDueMessages(t.ctx, { provider, workerId: 'w1', now: clock })).toEqual({ sent: 0, retried: 0, failed: 0 });
      now = new Date(now.getTime() + 31_000);
      expect(await deliverDueMessages(t.ctx, { provider, workerId: 'w1', now: clock })).toMatchObject({ sent: 1 });
      expect(sink.received).toHaveLength(2);
      const [first, second] = sink.received;
      expect(first?.headers['idempotency-key']).toBe(second?.headers['idempotency-key']);
      const body = second?.body ?? '';
      expect(JSON.parse(body)).toMatchObject({ channel: 'sms', recipient: '+8613812345678', template: 'case_received' });
      expect(second?.headers['x-openline-signature']).toBe(`sha256=${createHmac('sha256', 'a-long-shared-secret').update(body).digest('hex')}`);
      const row = await t.ctx.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'sent', attempts: 2, provider: 'webhook', provider_message_id: 'gw-2', last_error: null });
    } finally {
      await sink.close();
    }
  });

  it('gives up at once on a 4xx refusal, and after the last retry on repeated failures', async () => {
    const refuse = await startHttpSink(() => 422);
    try {
      await enqueue(t.ctx);
      expect(await deliverDueMessages(t.ctx, { provider: webhookProvider({ url: refuse.url, secret: undefined }), workerId: 'w1' })).toMatchObject({ failed: 1 });
    } finally {
      await refuse.close();
    }
    await t.ctx.db.deleteFrom('outbox').execute();
    const broken = await startHttpSink(() => 500);
    try {
      await enqueue(t.ctx);
      let now = new Date();
      const provider = webhookProvider({ url: broken.url, secret: undefined });
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await deliverDueMessages(t.ctx, { provider, workerId: 'w1', now: () => now });
        now = new Date(now.getTime() + 24 * 3600_000);
      }
      expect(broken.received).toHaveLength(MAX_ATTEMPTS);
      expect(await statuses()).toEqual([{ status: 'failed', attempts: MAX_ATTEMPTS }]);
    } finally {
      await broken.close();
    }
  });

  it('two workers on two connections deliver 300 messages exactly once between them', async () => {
    const sink = await startHttpSink();
    const second = openDatabase(t.databaseConfig);
    try {
      await enqueue(t.ctx, 300);
      const provider = webhookProvider({ url: sink.url, secret: undefined });
      const ctx2: AppContext = { db: second.db, dialect: second.dialect, pii: t.pii };
      const run = async (ctx: AppContext, workerId: string) => {
        let total = 0;
        for (;;) {
          const s = await deliverDueMessages(ctx, { provider, workerId, batchSize: 40 });
          total += s.sent;
          if (s.sent + s.retried + s.failed === 0) return total;
        }
      };
      const [a, b] = await Promise.all([run(t.ctx, 'worker-a'), run(ctx2, 'worker-b')]);
      expect(a + b).toBe(300);
      const keys = sink.received.map((r) => r.headers['idempotency-key']);
      expect(keys).toHaveLength(300);
      expect(new Set(keys).size).toBe(300);
      expect((await statuses()).every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
    } finally {
      await second.close();
      await sink.close();
    }
  });

  it('shows admins the outbox with masked recipients; others are refused', async () => {
    await enqueue(t.ctx, 2);
    const admin = await login(t.app, 'admin');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/outbox?status=pending', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(2);
    expect(res.json().items[0]).toMatchObject({ channel: 'sms', recipient: '138****5678', status: 'pending', template: 'case_received' });
    expect(res.body).not.toContain('13812345678');
    const operator = await login(t.app, 'operator');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: { cookie: operator } })).statusCode).toBe(403);
  });
});
