import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { sweepDeadlines } from '../src/modules/supervision/sweep.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

type Json = Record<string, unknown>;

describeDb(`supervision that acts: extensions, urge, orders, re-dispatch, queues (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookies = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const name of ['operator', 'handler', 'team-handler', 'transport-handler', 'supervisor', 'housing-supervisor', 'admin', 'official']) {
      cookies.set(name, await login(t.app, name));
    }
  });
  afterAll(() => t.close());

  const call = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Json) => {
    const res = await t.app.inject({ method, url, headers: { cookie: cookies.get(who) ?? '' }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Json & { error?: { code: string } } };
  };
  const ok = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Json) => {
    const res = await call(who, method, url, payload);
    if (res.status >= 300) throw new Error(`${who} ${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** A case dispatched to `unitId` and taken to `stage` by its handler. */
  async function caseAt(stage: 'dispatched' | 'accepted' | 'in_progress', unitId = f.units.housing, handler = 'handler'): Promise<{ id: string; caseNumber: string }> {
    const opened = await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '小区电梯长期故障，物业不修。',
      actor: { kind: 'staff', userId: f.users.operator },
    });
    await ok('operator', 'POST', `/api/v1/cases/${opened.id}/dispatch`, { leadUnitId: unitId });
    if (stage !== 'dispatched') await ok(handler, 'POST', `/api/v1/cases/${opened.id}/accept`, {});
    if (stage === 'in_progress') await ok(handler, 'POST', `/api/v1/cases/${opened.id}/contact`, { note: '已电话联系' });
    return { id: opened.id, caseNumber: opened.caseNumber };
  }
  const outbox = (caseId: string, template: string) =>
    t.ctx.db.selectFrom('outbox').select(['recipient_hint', 'body']).where('case_id', '=', caseId).where('template', '=', template).execute();
  const events = (caseId: string, type: string) =>
    t.ctx.db.selectFrom('case_events').select(['reason', 'payload', 'actor_user_id']).where('case_id', '=', caseId).where('type', '=', type).execute();

  describe('extension requests reach supervisors', () => {
    it('queues a staff message to the supervisors and lists the request with a count', async () => {
      const c = await caseAt('in_progress');
      const before = (await ok('supervisor', 'GET', '/api/v1/supervision/queues')).extensions as number;
      await ok('handler', 'POST', `/api/v1/cases/${c.id}/extension`, { workingDays: 5, reason: '需协调供电部门' });
      const messages = await outbox(c.id, 'extension_requested');
      expect(messages).toHaveLength(1);
      expect(messages[0]?.body).toContain(`工单 ${c.caseNumber} 的承办单位申请延期 5 个工作日`);
      expect((await ok('supervisor', 'GET', '/api/v1/supervision/queues')).extensions).toBe(before + 1);
      const list = await ok('supervisor', 'GET', '/api/v1/supervision/extensions?pageSize=100');
      const item = (list.items as Json[]).find((i) => i.caseId === c.id);
      expect(item).toMatchObject({ caseNumber: c.caseNumber, leadUnitName: '市住建局', workingDays: 5, reason: '需协调供电部门', requestedAt: expect.any(String), resolveDueAt: expect.any(String) });
      // Ruled on, it leaves the queue.
      await ok('supervisor', 'POST', `/api/v1/cases/${c.id}/extension/approve`, {});
      const after = await ok('supervisor', 'GET', '/api/v1/supervision/extensions?pageSize=100');
      expect((after.items as Json[]).some((i) => i.caseId === c.id)).toBe(false);
    });
    it('is a supervisor\'s queue only', async () => {
      for (const who of ['handler', 'operator', 'admin', 'official']) {
        expect((await call(who, 'GET', '/api/v1/supervision/queues')).status).toBe(403);
        expect((await call(who, 'GET', '/api/v1/supervision/extensions')).status).toBe(403);
      }
    });
  });

  describe('催办 (urge)', () => {
    it('records an event, tells the lead unit and audits', async () => {
      const c = await caseAt('accepted');
      const detail = await ok('supervisor', 'POST', `/api/v1/cases/${c.id}/urge`, { note: '群众反复来电，请今日回复' });
      expect(detail).toMatchObject({ id: c.id, status: 'accepted' });
      const [event] = await events(c.id, 'urged');
      expect(event).toMatchObject({ reason: '群众反复来电，请今日回复', actor_user_id: f.users.supervisor });
      expect(JSON.parse(String(event?.payload))).toEqual({ unitId: f.units.housing });
      const [message] = await outbox(c.id, 'case_urged');
      expect(message?.body).toBe(`【催办】工单 ${c.caseNumber} 请加快办理：群众反复来电，请今日回复`);
      const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', c.id).where('action', '=', 'case.urge').execute();
      expect(audit).toHaveLength(1);
    });
    it('only supervisors, only while a unit holds the case', async () => {
      const c = await caseAt('accepted');
      expect((await call('handler', 'POST', `/api/v1/cases/${c.id}/urge`, { note: '催' })).body.error?.code).toBe('FORBIDDEN_ROLE');
      expect((await call('transport-handler', 'POST', `/api/v1/cases/${c.id}/urge`, { note: '催' })).status).toBe(404);
      expect((await call('supervisor', 'POST', `/api/v1/cases/${c.id}/urge`, { note: '  ' })).status).toBe(400);
      const fresh = await openCase(t.ctx, { jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '噪音扰民。', actor: { kind: 'staff', userId: f.users.operator } });
      const refused = await call('supervisor', 'POST', `/api/v1/cases/${fresh.id}/urge`, { note: '催' });
      expect(refused.status).toBe(409);
      expect(refused.body.error?.code).toBe('NOT_SUPERVISED');
      expect(await events(fresh.id, 'urged')).toHaveLength(0);
    });
  });

  describe('督办单 (supervision orders)', () => {
    it('issue → the unit answers → the supervisor closes; each step an event, the unit and the issuer told', async () => {
      const c = await caseAt('in_progress', f.units.housingTeam, 'team-handler');
      const issued = await call('supervisor', 'POST', `/api/v1/cases/${c.id}/supervision-orders`, { instruction: '请于三个工作日内办结并书面报告', replyWorkingDays: 3 });
      expect(issued.status).toBe(201);
      const order = issued.body;
      expect(order).toMatchObject({ caseId: c.id, unitName: '物业管理科', status: 'open', issuedByName: 'supervisor', canAnswer: false, canClose: false, overdue: false });
      // Three working days: at least three calendar days, at most three plus a long holiday.
      const days = (new Date(String(order.dueAt)).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(2.5);
      expect(days).toBeLessThan(12);
      expect((await outbox(c.id, 'supervision_order_issued'))[0]?.body).toContain('请于三个工作日内办结并书面报告');
      expect(await events(c.id, 'supervision_order_issued')).toHaveLength(1);

      // One live order per case.
      expect((await call('supervisor', 'POST', `/api/v1/cases/${c.id}/supervision-orders`, { instruction: '再次督办', replyWorkingDays: 1 })).body.error?.code).toBe('ORDER_ALREADY_OPEN');
      // The supervisor may not close an unanswered order, nor answer it for the unit.
      expect((await call('supervisor', 'POST', `/api/v1/supervision/orders/${order.id}/close`, {})).body.error?.code).toBe('ORDER_NOT_ANSWERED');
      expect((await call('supervisor', 'POST', `/api/v1/supervision/orders/${order.id}/answer`, { text: '代答' })).body.error?.code).toBe('NOT_ADDRESSED_UNIT');
      expect((await call('transport-handler', 'POST', `/api/v1/supervision/orders/${order.id}/answer`, { text: '不是我们' })).status).toBe(404);

      // The handler sees it in their list, offered to answer.
      const mine = await ok('team-handler', 'GET', `/api/v1/supervision/orders?status=open&caseId=${c.id}`);
      expect(mine.items).toEqual([expect.objectContaining({ id: order.id, canAnswer: true, canClose: false })]);
      const answered = await ok('team-handler', 'POST', `/api/v1/supervision/orders/${order.id}/answer`, { text: '已更换电梯主板，恢复运行' });
      expect(answered).toMatchObject({ status: 'answered', answerText: '已更换电梯主板，恢复运行', answeredByName: 'team-handler', canAnswer: false });
      expect((await call('team-handler', 'POST', `/api/v1/supervision/orders/${order.id}/answer`, { text: '再答一次' })).body.error?.code).toBe('ORDER_NOT_OPEN');
      expect((await outbox(c.id, 'supervision_order_answered'))[0]?.body).toContain('督办单已答复');
      // The unit's own leadership cannot close an order against itself.
      expect((await call('housing-supervisor', 'POST', `/api/v1/supervision/orders/${order.id}/close`, {})).body.error?.code).toBe('FORBIDDEN_ROLE');

      const closed = await ok('supervisor', 'POST', `/api/v1/supervision/orders/${order.id}/close`, { note: '答复属实' });
      expect(closed).toMatchObject({ status: 'closed', closeNote: '答复属实', closedByName: 'supervisor', canClose: false });
      expect(await events(c.id, 'supervision_order_answered')).toHaveLength(1);
      expect(await events(c.id, 'supervision_order_closed')).toHaveLength(1);
      const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', String(order.id)).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['supervision.order_issue', 'supervision.order_answer', 'supervision.order_close']);
      // Closed, a new order may be issued.
      expect((await call('supervisor', 'POST', `/api/v1/cases/${c.id}/supervision-orders`, { instruction: '复查', replyWorkingDays: 1 })).status).toBe(201);
    });

    it('marks an order overdue once when its reply time passes unanswered', async () => {
      const c = await caseAt('accepted');
      const order = await ok('supervisor', 'POST', `/api/v1/cases/${c.id}/supervision-orders`, { instruction: '请尽快处理', replyWorkingDays: 1 });
      const later = () => new Date(Date.now() + 20 * 86_400_000);
      expect((await sweepDeadlines(t.ctx, { now: later })).overdueOrders).toBeGreaterThanOrEqual(1);
      await sweepDeadlines(t.ctx, { now: later });
      expect(await events(c.id, 'supervision_order_overdue')).toHaveLength(1);
      const [listed] = (await ok('supervisor', 'GET', `/api/v1/supervision/orders?caseId=${c.id}`)).items as Json[];
      expect(listed).toMatchObject({ id: order.id, status: 'open', overdue: true });
    });
  });

  describe('改派 (re-dispatch)', () => {
    it('moves the case to another unit with a reason, fresh deadlines, and tells the old unit', async () => {
      const c = await caseAt('in_progress');
      const detail = await ok('supervisor', 'POST', `/api/v1/cases/${c.id}/redispatch`, { leadUnitId: f.units.transport, reason: '超期未办，属交通局职责' });
      expect(detail).toMatchObject({ status: 'dispatched' });
      const [event] = await events(c.id, 'redispatched');
      expect(event?.reason).toBe('超期未办，属交通局职责');
      expect(JSON.parse(String(event?.payload))).toMatchObject({ leadUnitId: f.units.transport, fromUnitId: f.units.housing });
      const live = await t.ctx.db.selectFrom('case_deadlines').select(['unit_id', 'kind']).where('case_id', '=', c.id).where('cancelled_at', 'is', null).where('met_at', 'is', null).execute();
      expect(new Set(live.map((d) => d.unit_id))).toEqual(new Set([f.units.transport]));
      expect(await outbox(c.id, 'case_redispatched')).toHaveLength(1);
      expect(await outbox(c.id, 'case_dispatched')).toHaveLength(2);
      // The new unit now holds it; the old one no longer sees it.
      expect((await call('transport-handler', 'GET', `/api/v1/cases/${c.id}`)).status).toBe(200);
      expect((await call('handler', 'GET', `/api/v1/cases/${c.id}`)).status).toBe(404);
    });
    it('refuses operators, handlers and the same unit', async () => {
      const c = await caseAt('accepted');
      expect((await call('operator', 'POST', `/api/v1/cases/${c.id}/redispatch`, { leadUnitId: f.units.transport, reason: '改' })).body.error?.code).toBe('FORBIDDEN_ROLE');
      expect((await call('handler', 'POST', `/api/v1/cases/${c.id}/redispatch`, { leadUnitId: f.units.transport, reason: '改' })).body.error?.code).toBe('FORBIDDEN_ROLE');
      expect((await call('supervisor', 'POST', `/api/v1/cases/${c.id}/redispatch`, { leadUnitId: f.units.housing, reason: '改' })).body.error?.code).toBe('INVALID_PAYLOAD');
      expect((await call('supervisor', 'POST', `/api/v1/cases/${c.id}/redispatch`, { leadUnitId: f.units.transport })).status).toBe(400);
    });
  });

  describe('queues and notices', () => {
    it('counts overdue cases by unit and notices awaiting the unit\'s reply; only the addressed unit signs', async () => {
      const c = await caseAt('accepted', f.units.housingTeam, 'team-handler');
      await sweepDeadlines(t.ctx, { now: () => new Date(Date.now() + 40 * 86_400_000) });
      // The sweep ran with a clock 40 days on; the queue reads the real now, so age the deadlines instead.
      const past = new Date(Date.now() - 86_400_000).toISOString();
      await t.ctx.db.updateTable('case_deadlines').set({ due_at: past }).where('case_id', '=', c.id).execute();
      const queues = await ok('supervisor', 'GET', '/api/v1/supervision/queues');
      const team = (queues.overdueByUnit as Json[]).find((u) => u.unitId === f.units.housingTeam);
      expect(team).toMatchObject({ unitName: '物业管理科' });
      expect(Number(team?.cases)).toBeGreaterThanOrEqual(1);
      expect(queues.noticesAwaitingReply as number).toBeGreaterThanOrEqual(1);
      expect(queues.overdue as number).toBeGreaterThanOrEqual(1);

      const notices = await ok('team-handler', 'GET', '/api/v1/supervision/notices?open=true&pageSize=100');
      const notice = (notices.items as Json[]).find((n) => n.caseNumber === c.caseNumber);
      expect(notice).toMatchObject({ tier: 'unit', unitName: '物业管理科', canAcknowledge: true });
      const seenByCityOffice = ((await ok('supervisor', 'GET', '/api/v1/supervision/notices?open=true&pageSize=100')).items as Json[]).find((n) => n.id === notice?.id);
      expect(seenByCityOffice).toMatchObject({ canAcknowledge: false });
      const byCityOffice = await call('supervisor', 'POST', `/api/v1/supervision/notices/${notice?.id}/acknowledge`, {});
      expect(byCityOffice.status).toBe(403);
      expect(byCityOffice.body.error?.code).toBe('NOT_ADDRESSED_UNIT');
      expect((await call('admin', 'POST', `/api/v1/supervision/notices/${notice?.id}/acknowledge`, {})).status).toBe(403);
      expect((await call('team-handler', 'POST', `/api/v1/supervision/notices/${notice?.id}/acknowledge`, {})).status).toBe(200);
    });

    it('the housing supervisor sees only their subtree', async () => {
      const theirs = await ok('housing-supervisor', 'GET', '/api/v1/supervision/queues');
      for (const u of theirs.overdueByUnit as Json[]) expect([f.units.housing, f.units.housingTeam]).toContain(u.unitId);
    });
  });

  describe('escalation tiers', () => {
    it('climbs 科 → 局 → the hotline centre, each once, on the configured delays', async () => {
      await ok('admin', 'PUT', '/api/v1/admin/escalation-tiers', { settings: { leadership: { amount: 2, unit: 'natural_hours' }, city: { amount: 4, unit: 'natural_hours' } } });
      const c = await caseAt('accepted', f.units.housingTeam, 'team-handler');
      const at = (hours: number) => () => new Date(Date.now() + 40 * 86_400_000 + hours * 3_600_000);
      await sweepDeadlines(t.ctx, { now: at(0) });
      const tiers = async () =>
        (await t.ctx.db.selectFrom('supervision_notices').select(['tier', 'unit_id']).where('case_id', '=', c.id).orderBy('tier').execute()).map((n) => `${n.tier}:${n.unit_id}`);
      expect(new Set(await tiers())).toEqual(new Set([`1:${f.units.housingTeam}`]));
      await sweepDeadlines(t.ctx, { now: at(1) });
      expect((await tiers()).filter((x) => x.startsWith('2:'))).toEqual([]);
      await sweepDeadlines(t.ctx, { now: at(3) });
      await sweepDeadlines(t.ctx, { now: at(3) });
      // Every deadline of the case that passed climbs: accept, contact and resolve alike.
      const second = (await tiers()).filter((x) => x.startsWith('2:'));
      expect(second.length).toBeGreaterThanOrEqual(1);
      expect(new Set(second)).toEqual(new Set([`2:${f.units.housing}`]));
      await sweepDeadlines(t.ctx, { now: at(8) });
      await sweepDeadlines(t.ctx, { now: at(30) });
      const third = (await tiers()).filter((x) => x.startsWith('3:'));
      expect(third.length).toBe(second.length);
      expect(new Set(third)).toEqual(new Set([`3:${f.units.centre}`]));
      const escalated = await events(c.id, 'escalated');
      expect(escalated.map((e) => JSON.parse(String(e.payload)).tier).sort()).toEqual([...second.map(() => 'city'), ...second.map(() => 'leadership')].sort());
      expect((await outbox(c.id, 'supervision_escalated')).length).toBe(second.length * 3);
      // The city office's supervisors sign for the notices addressed to it.
      const notices = await ok('supervisor', 'GET', '/api/v1/supervision/notices?open=true&pageSize=100');
      const cityNotice = (notices.items as Json[]).find((n) => n.caseNumber === c.caseNumber && n.tier === 'city');
      expect((await call('supervisor', 'POST', `/api/v1/supervision/notices/${cityNotice?.id}/acknowledge`, {})).status).toBe(200);
    });

    it('a met deadline stops climbing', async () => {
      const c = await caseAt('dispatched', f.units.housingTeam, 'team-handler');
      const at = (hours: number) => () => new Date(Date.now() + 40 * 86_400_000 + hours * 3_600_000);
      await sweepDeadlines(t.ctx, { now: at(0) });
      await t.ctx.db.updateTable('case_deadlines').set({ met_at: new Date().toISOString() }).where('case_id', '=', c.id).execute();
      await sweepDeadlines(t.ctx, { now: at(100) });
      const tiers = await t.ctx.db.selectFrom('supervision_notices').select('tier').where('case_id', '=', c.id).execute();
      expect(tiers.every((n) => n.tier === 1)).toBe(true);
    });

    it('validates the delays (400, field paths) and lets supervisors read but not write them', async () => {
      const bad = await call('admin', 'PUT', '/api/v1/admin/escalation-tiers', { settings: { leadership: { amount: -1, unit: 'working_days' } } });
      expect(bad.status).toBe(400);
      expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
      expect((await call('supervisor', 'GET', '/api/v1/admin/escalation-tiers')).status).toBe(200);
      expect((await call('supervisor', 'PUT', '/api/v1/admin/escalation-tiers', { settings: {} })).status).toBe(403);
    });
  });
});
