import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { newId, nowIso } from '../src/lib/ids.js';
import { closeTask } from '../src/modules/callbacks/repository.js';
import { sweepCallbacks } from '../src/modules/callbacks/sweep.js';
import { deliverDueMessages } from '../src/modules/outbox/deliver.js';
import { enqueueMessage } from '../src/modules/outbox/enqueue.js';
import { logProvider } from '../src/modules/outbox/providers.js';
import { claimMessage } from '../src/modules/outbox/repository.js';
import { createJurisdiction, createLine } from '../src/modules/org/service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const silent = { info: () => undefined };
const HOUR = 3_600_000;

/**
 * The worker's sweeps loop over jurisdictions, one query naming each (ADR 0033): a pass still
 * reaches every city's rows, the batch size bounds the whole pass and is shared among the cities,
 * and a row reached by its id is found only in its own jurisdiction.
 */
describeDb(`Sweeps by jurisdiction (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let other: { id: string };
  const lineOf: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    other = await createJurisdiction(t.ctx.db, { code: 'other-city', name: '邻市' });
    for (const [jurisdictionId, number] of [[f.jurisdiction.id, '0000-77001234'], [other.id, '0000-77005678']] as const) {
      lineOf[jurisdictionId] = (await createLine(t.ctx.db, {
        jurisdictionId, number, name: '回电热线', ownerUserId: null, ownerTitle: '局长', mode: 'direct', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
      })).id;
    }
  });
  beforeEach(async () => {
    await t.ctx.db.deleteFrom('outbox').execute();
    await t.ctx.db.deleteFrom('callback_tasks').execute();
  });
  afterAll(() => t.close());

  const enqueue = (jurisdictionId: string) =>
    t.ctx.db.transaction().execute((trx) =>
      enqueueMessage(trx, t.pii, { jurisdictionId, caseId: null, channel: 'sms', recipient: '+8613812345678', template: 'case_received', body: '您的诉求已受理' }),
    );
  const outboxOf = (jurisdictionId: string) => t.ctx.db.selectFrom('outbox').select(['id', 'status']).where('jurisdiction_id', '=', jurisdictionId).execute();

  it('delivers both cities\' messages in one pass, keeps the batch a total, and claims a message only in its own jurisdiction', async () => {
    await enqueue(f.jurisdiction.id);
    await enqueue(other.id);
    expect(await deliverDueMessages(t.ctx, { provider: logProvider(silent), workerId: 'w1' })).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect([...(await outboxOf(f.jurisdiction.id)), ...(await outboxOf(other.id))].map((r) => r.status)).toEqual(['sent', 'sent']);

    await enqueue(f.jurisdiction.id);
    await enqueue(other.id);
    expect(await deliverDueMessages(t.ctx, { provider: logProvider(silent), workerId: 'w1', batchSize: 1 })).toMatchObject({ sent: 1 });
    expect(await deliverDueMessages(t.ctx, { provider: logProvider(silent), workerId: 'w1', batchSize: 1 })).toMatchObject({ sent: 1 });
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute()).toHaveLength(0);

    await enqueue(other.id);
    const [pending] = (await outboxOf(other.id)).filter((r) => r.status === 'pending');
    const now = new Date();
    const claim = { id: pending?.id ?? '', workerId: 'w2', now: nowIso(now), claimUntil: nowIso(new Date(now.getTime() + 60_000)) };
    expect(await claimMessage(t.ctx.db, { ...claim, jurisdictionId: f.jurisdiction.id })).toBeUndefined();
    expect((await outboxOf(other.id)).find((r) => r.id === pending?.id)?.status).toBe('pending');
    expect(await claimMessage(t.ctx.db, { ...claim, jurisdictionId: other.id })).toMatchObject({ id: pending?.id, status: 'sending', claimed_by: 'w2' });
  });

  it('shares a pass among the cities: a backlog in one does not hold up another\'s message, and the rest of the budget goes to the backlog', async () => {
    for (let i = 0; i < 5; i++) await enqueue(f.jurisdiction.id);
    await enqueue(other.id);
    // Budget 4 over two cities: 2 each offered, the other city takes its 1, the busy city the 1 left over.
    expect(await deliverDueMessages(t.ctx, { provider: logProvider(silent), workerId: 'w1', batchSize: 4 })).toMatchObject({ sent: 4 });
    expect((await outboxOf(other.id)).map((r) => r.status)).toEqual(['sent']);
    expect((await outboxOf(f.jurisdiction.id)).filter((r) => r.status === 'sent')).toHaveLength(3);
    expect(await deliverDueMessages(t.ctx, { provider: logProvider(silent), workerId: 'w1', batchSize: 4 })).toMatchObject({ sent: 2 });
  });

  const task = async (jurisdictionId: string, dueAt: Date): Promise<string> => {
    const id = newId();
    const sealed = { enc: t.pii.encrypt('+8613500000001'), bidx: `bidx-${id}` };
    const at = nowIso(new Date(dueAt.getTime() - 2 * HOUR));
    await t.ctx.db.insertInto('callback_tasks').values({
      id, jurisdiction_id: jurisdictionId, line_id: lineOf[jurisdictionId] ?? '', caller_enc: sealed.enc, caller_bidx: sealed.bidx, open_key: `${lineOf[jurisdictionId]}:${sealed.bidx}`,
      status: 'open', reason: 'missed', first_call_at: at, last_call_at: at, voicemail_enc: null, assignee_user_id: null, unit_id: null,
      due_at: nowIso(dueAt), remind_at: nowIso(new Date(dueAt.getTime() - HOUR)), deadline_clock: 'line', reminded_at: null, overdue_at: null,
      first_attempt_at: null, outcome: null, case_id: null, closed_at: null, closed_by: null, created_at: at, updated_at: at,
    }).execute();
    return id;
  };

  it('escalates both cities\' overdue callbacks in one pass, the batch a total, and closes a task only in its own jurisdiction', async () => {
    const due = new Date(Date.now() - HOUR);
    const [here, there] = [await task(f.jurisdiction.id, due), await task(other.id, due)];
    expect(await sweepCallbacks(t.ctx, { batchSize: 1 })).toEqual({ reminders: 0, overdue: 1 });
    expect(await sweepCallbacks(t.ctx, { batchSize: 1 })).toEqual({ reminders: 0, overdue: 1 });
    expect(await sweepCallbacks(t.ctx)).toEqual({ reminders: 0, overdue: 0 });
    const swept = await t.ctx.db.selectFrom('callback_tasks').select(['id', 'overdue_at']).where('id', 'in', [here, there]).execute();
    expect(swept.every((r) => r.overdue_at !== null)).toBe(true);
    const alerts = await t.ctx.db.selectFrom('outbox').select('jurisdiction_id').where('template', '=', 'callback_overdue').execute();
    expect(new Set(alerts.map((a) => a.jurisdiction_id))).toEqual(new Set([f.jurisdiction.id, other.id]));

    // One more in each city: one pass takes both.
    await task(f.jurisdiction.id, due);
    await task(other.id, due);
    expect(await sweepCallbacks(t.ctx)).toEqual({ reminders: 0, overdue: 2 });

    const at = nowIso();
    expect(await closeTask(t.ctx.db, { jurisdictionId: f.jurisdiction.id, id: there }, { outcome: 'reached', caseId: null, closedBy: f.users.official, at })).toBe(false);
    expect((await t.ctx.db.selectFrom('callback_tasks').select('status').where('id', '=', there).executeTakeFirstOrThrow()).status).toBe('open');
    const official = await login(t.app, 'official');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${there}/attempts`, headers: { cookie: official }, payload: { result: 'reached' } });
    expect(res.statusCode, res.body).toBe(404);
    expect(await closeTask(t.ctx.db, { jurisdictionId: other.id, id: there }, { outcome: 'reached', caseId: null, closedBy: f.users.official, at })).toBe(true);
  });
});
