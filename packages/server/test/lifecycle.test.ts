import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

type Detail = {
  status: string; bounceCount: number; awaitingArbitration: boolean; allowedActions: string[]; replyText: string | null;
  deadlines: Array<{ kind: string; dueAt: string; metAt: string | null; cancelledAt: string | null }>;
  events: Array<{ type: string; fromStatus: string | null; toStatus: string | null; reason: string | null; actorName: string | null }>;
};

describeDb(`case lifecycle through the API (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'handler', 'supervisor', 'transport-handler']) cookies[u] = await login(t.app, u);
  });
  afterAll(() => t.close());

  const intake = async (app: FastifyInstance): Promise<string> => {
    const res = await app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: cookies.operator },
      payload: { channel: 'phone', callerPhone: '13812349999', callerName: '郑一', content: '小区二次供水水箱多年未清洗，水有异味。', type: 'complaint' },
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const act = (who: string, id: string, path: string, payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${path}`, headers: { cookie: cookies[who] ?? '' }, payload });
  const ok = async (who: string, id: string, path: string, payload: Record<string, unknown> = {}): Promise<Detail> => {
    const res = await act(who, id, path, payload);
    expect(res.statusCode, `${who} ${path}: ${res.body}`).toBe(200);
    return res.json() as Detail;
  };

  it('runs the closed loop: dispatch → accept → contact → reply → satisfied visit closes it', async () => {
    const id = await intake(t.app);
    const dispatched = await ok('operator', id, 'dispatch', { leadUnitId: f.units.housing, note: '请住建局核查' });
    expect(dispatched.status).toBe('dispatched');
    const active = dispatched.deadlines.filter((d) => !d.cancelledAt);
    expect(active.map((d) => d.kind).sort()).toEqual(['accept', 'contact', 'resolve']);
    // accept by 2 working hours, contact by 1 working day, resolve by 7 working days: in that order.
    const due = Object.fromEntries(active.map((d) => [d.kind, Date.parse(d.dueAt)]));
    expect(due.accept).toBeLessThan(due.contact ?? 0);
    expect(due.contact).toBeLessThan(due.resolve ?? 0);

    const handlerView = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: cookies.handler } });
    expect((handlerView.json() as Detail).allowedActions).toEqual(expect.arrayContaining(['accept', 'return']));

    await ok('handler', id, 'accept');
    await ok('handler', id, 'progress', { note: '已安排物业排查' });
    const early = await act('handler', id, 'reply', { text: '已清洗' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CONTACT_REQUIRED');
    await ok('handler', id, 'contact', { note: '已电话联系郑先生，约定明日上门查看', method: 'phone' });
    const replied = await ok('handler', id, 'reply', { text: '经核查，物业已于本周完成水箱清洗消毒，水质检测合格。' });
    expect(replied.status).toBe('replied');
    const closed = await ok('operator', id, 'visit', { solved: true, satisfaction: 'satisfied', comment: '满意' });
    expect(closed.status).toBe('closed');
    expect(closed.events.map((e) => e.type)).toEqual(['created', 'dispatched', 'accepted', 'progress_noted', 'contacted', 'replied', 'visited']);
    expect(closed.deadlines.filter((d) => !d.cancelledAt).every((d) => d.metAt !== null)).toBe(true);

    const messages = await t.ctx.db.selectFrom('outbox').select(['channel', 'template', 'body']).where('case_id', '=', id).orderBy('created_at').execute();
    expect(messages.map((m) => m.template)).toEqual(['case_dispatched', 'case_replied']);
    expect(messages[1]?.body).toContain('水箱清洗消毒');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.dispatch', 'case.accept', 'case.reply', 'case.visit']));
  });

  it('sends a second return to a supervisor for arbitration (首接负责)', async () => {
    const id = await intake(t.app);
    await ok('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    const noReason = await act('handler', id, 'return', {});
    expect(noReason.statusCode).toBe(400);
    const first = await ok('handler', id, 'return', { reason: '属于交通局职责' });
    expect(first).toMatchObject({ status: 'returned', bounceCount: 1, awaitingArbitration: false });
    expect(first.deadlines.every((d) => d.cancelledAt !== null)).toBe(true);
    await ok('operator', id, 'dispatch', { leadUnitId: f.units.transport });
    const second = await ok('transport-handler', id, 'return', { reason: '属于住建局职责' });
    expect(second).toMatchObject({ status: 'returned', bounceCount: 2, awaitingArbitration: true });
    const blocked = await act('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('AWAITING_ARBITRATION');
    const ruled = await ok('supervisor', id, 'arbitrate', { leadUnitId: f.units.housing, note: '二次供水设施属住建局监管' });
    expect(ruled).toMatchObject({ status: 'dispatched', awaitingArbitration: false, bounceCount: 2 });
  });

  it('refuses illegal transitions, wrong roles and unknown units with stable codes', async () => {
    const id = await intake(t.app);
    const accept = await act('handler', id, 'accept');
    expect(accept.statusCode).toBe(404); // not dispatched to the handler's unit: not visible at all
    const close = await act('operator', id, 'close');
    expect(close.statusCode).toBe(409);
    expect(close.json().error.code).toBe('ILLEGAL_TRANSITION');
    const unit = await act('operator', id, 'dispatch', { leadUnitId: '00000000-0000-4000-8000-000000000000' });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.details).toEqual([{ path: 'leadUnitId', message: 'unknown unit' }]);
    await ok('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    const wrongRole = await act('operator', id, 'accept');
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().error.code).toBe('FORBIDDEN_ROLE');
    const events = await t.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', id).execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'dispatched']);
  });

  it('lets exactly one of two simultaneous accepts through', async () => {
    const id = await intake(t.app);
    await ok('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    const results = await Promise.all([act('handler', id, 'accept'), act('handler', id, 'accept')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const accepted = await t.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', id).where('type', '=', 'accepted').execute();
    expect(accepted).toHaveLength(1);
  });

  it('moves the resolve deadline on an approved extension, keeping the old one as history', async () => {
    const id = await intake(t.app);
    await ok('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    await ok('handler', id, 'accept');
    await ok('handler', id, 'contact', { note: '已联系' });
    const requested = await ok('handler', id, 'extension', { workingDays: 8, reason: '需协调供水公司停水检修' });
    const before = requested.deadlines.find((d) => d.kind === 'resolve' && !d.cancelledAt);
    const approved = await ok('supervisor', id, 'extension/approve', {});
    const resolves = approved.deadlines.filter((d) => d.kind === 'resolve');
    expect(resolves).toHaveLength(2);
    const after = resolves.find((d) => !d.cancelledAt);
    expect(Date.parse(after?.dueAt ?? '')).toBeGreaterThan(Date.parse(before?.dueAt ?? ''));
    // 8 more working days is at least 8 calendar days later.
    expect(Date.parse(after?.dueAt ?? '') - Date.parse(before?.dueAt ?? '')).toBeGreaterThanOrEqual(8 * 86_400_000);
  });

  it('shows a case to its co-handling unit, which may not act as the lead', async () => {
    const id = await intake(t.app);
    await ok('operator', id, 'dispatch', { leadUnitId: f.units.housing, coUnitIds: [f.units.transport] });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: cookies['transport-handler'] ?? '' } });
    expect((list.json().items as Array<{ id: string }>).map((i) => i.id)).toContain(id);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: cookies['transport-handler'] ?? '' } });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ coUnitIds: [f.units.transport], allowedActions: [] });
    const accept = await act('transport-handler', id, 'accept');
    expect(accept.statusCode).toBe(403);
    expect(accept.json().error.code).toBe('NOT_LEAD_UNIT');
  });
});
