import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction, onCommit } from '../src/lib/unit-of-work.js';
import { sweepDeadlines } from '../src/modules/supervision/sweep.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { openSse } from './support/sse.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

type Item = { id: string; kind: string; caseId: string | null; caseNumber: string | null; createdAt: string; readAt: string | null; facts: unknown };
type List = { unread: number; items: Item[] };

describeDb(`notifications (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  const USERS = ['operator', 'handler', 'supervisor', 'housing-supervisor', 'team-handler', 'transport-handler', 'official', 'admin'];
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of USERS) cookies[u] = await login(t.app, u);
  });
  afterAll(() => t.close());

  const intake = async (): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: cookies.operator },
      payload: { channel: 'phone', callerPhone: '13812347777', callerName: '钱七', content: '楼下烧烤店油烟直排，窗户都不敢开。', type: 'complaint' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const act = async (who: string, id: string, path: string, payload: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${path}`, headers: { cookie: cookies[who] ?? '' }, payload });
    expect(res.statusCode, `${who} ${path}: ${res.body}`).toBe(200);
  };
  const send = async (who: string, method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>): Promise<{ id?: string }> => {
    const res = await t.app.inject({ method, url, headers: { cookie: cookies[who] ?? '' }, payload });
    expect(res.statusCode, `${who} ${url}: ${res.body}`).toBeLessThan(300);
    return res.body ? (res.json() as { id?: string }) : {};
  };
  const list = async (who: string, query = ''): Promise<List> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers: { cookie: cookies[who] ?? '' } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as List;
  };
  const about = async (who: string, caseId: string): Promise<string[]> => (await list(who, '?limit=100')).items.filter((i) => i.caseId === caseId).map((i) => i.kind);

  it("tells the unit's handlers of a dispatch, once, and nobody else", async () => {
    const before = (await list('handler')).unread;
    const id = await intake();
    await act('operator', id, 'dispatch', { leadUnitId: f.units.housing, note: '请核查' });
    const mine = await list('handler');
    expect(mine.unread).toBe(before + 1);
    const item = mine.items[0];
    expect(Object.keys(item ?? {}).sort()).toEqual(['caseId', 'caseNumber', 'createdAt', 'facts', 'id', 'kind', 'readAt']);
    // A case's notification has no facts of its own: the case is what the handler reads.
    expect(item).toMatchObject({ kind: 'dispatch', caseId: id, readAt: null, facts: null });
    expect(item?.caseNumber).toMatch(/^\d+/);
    // The dispatch's staff message to the unit is covered by the event: the bell rings once.
    expect(await about('handler', id)).toEqual(['dispatch']);
    // A child unit, another unit, the dispatcher and the officials are not told.
    for (const who of ['team-handler', 'transport-handler', 'operator', 'official', 'supervisor', 'admin']) expect(await about(who, id)).toEqual([]);
  });

  it('never carries words of the appeal or the caller', async () => {
    const id = await intake();
    await act('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    const body = JSON.stringify(await list('handler', '?limit=100'));
    for (const secret of ['钱七', '13812347777', '7777', '烧烤', '油烟']) expect(body).not.toContain(secret);
    const row = await t.ctx.db.selectFrom('notifications').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(['case_id', 'created_at', 'facts', 'id', 'jurisdiction_id', 'kind', 'read_at', 'user_id']);
    expect(row.facts).toBeNull();
  });

  it('marks one read, then all; another user cannot mark mine', async () => {
    const a = await intake();
    const b = await intake();
    await act('operator', a, 'dispatch', { leadUnitId: f.units.housing });
    await act('operator', b, 'dispatch', { leadUnitId: f.units.housing });
    const start = await list('handler', '?unread=true');
    expect(start.items.every((i) => i.readAt === null)).toBe(true);
    const target = start.items.find((i) => i.caseId === a);
    if (!target) throw new Error('no notification for case a');
    const foreign = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${target.id}/read`, headers: { cookie: cookies['transport-handler'] ?? '' }, payload: {} });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
    const one = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${target.id}/read`, headers: { cookie: cookies.handler ?? '' }, payload: {} });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual({ unread: start.unread - 1 });
    const after = await list('handler', '?limit=100');
    expect(after.items.find((i) => i.id === target.id)?.readAt).toEqual(expect.any(String));
    expect((await list('handler', '?unread=true&limit=100')).items.some((i) => i.id === target.id)).toBe(false);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${target.id}/read`, headers: { cookie: cookies.handler ?? '' }, payload: {} });
    expect(again.json()).toEqual({ unread: start.unread - 1 });
    const all = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie: cookies.handler ?? '' }, payload: {} });
    expect(all.json()).toEqual({ unread: 0 });
    expect((await list('handler')).unread).toBe(0);
  });

  it('asks the supervisors over the case to rule on an extension, and tells the unit the ruling', async () => {
    const id = await intake();
    await act('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    await act('handler', id, 'accept');
    await act('handler', id, 'contact', { note: '已电话联系市民' });
    await act('handler', id, 'extension', { workingDays: 5, reason: '需协调物业公司整改' });
    expect(await about('supervisor', id)).toEqual(['extension_request']);
    expect(await about('housing-supervisor', id)).toEqual(['extension_request']);
    await act('supervisor', id, 'extension/approve', {});
    expect(await about('handler', id)).toEqual(['extension_decision', 'dispatch']);
    // The supervisor who ruled is not told of their own ruling; the unit's other supervisor is not told either.
    expect(await about('supervisor', id)).toEqual(['extension_request']);
  });

  it('calls supervisors to arbitrate a second return, and tells the unit it was given', async () => {
    const id = await intake();
    await act('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    await act('handler', id, 'return', { reason: '属于交通局职责' });
    expect(await about('supervisor', id)).toEqual([]);
    await act('operator', id, 'dispatch', { leadUnitId: f.units.transport });
    expect(await about('transport-handler', id)).toEqual(['dispatch']);
    await act('transport-handler', id, 'return', { reason: '属于住建局职责' });
    expect(await about('supervisor', id)).toEqual(['arbitration']);
    // The housing supervisor oversees housing only; the case is with nobody's unit now.
    expect(await about('housing-supervisor', id)).toEqual([]);
    await act('supervisor', id, 'arbitrate', { leadUnitId: f.units.housing, note: '属住建局监管' });
    expect(await about('handler', id)).toEqual(['dispatch', 'dispatch']);
  });

  it('delivers the sweep\'s staff messages in-app: 督办 notices to the unit and the supervisors', async () => {
    const id = await intake();
    await act('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    const far = new Date(Date.now() + 400 * 86_400_000);
    await sweepDeadlines(t.ctx, { now: () => far });
    const kinds = await about('handler', id);
    expect(kinds.filter((k) => k === 'supervision_notice').length).toBeGreaterThanOrEqual(1);
    expect(await about('supervisor', id)).toContain('supervision_notice');
    expect(await about('transport-handler', id)).toEqual([]);
  });

  it('tells the recipients\' open streams after the commit, and nobody else', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const handler = await openSse(base, '/api/v1/live', { cookie: cookies.handler ?? '' });
    const other = await openSse(base, '/api/v1/live', { cookie: cookies['transport-handler'] ?? '' });
    try {
      await handler.next('ready');
      await other.next('ready');
      const id = await intake();
      await act('operator', id, 'dispatch', { leadUnitId: f.units.housing });
      const event = await handler.next('notification', 5_000);
      expect(JSON.parse(event.data)).toEqual({});
      // By the time the event arrives the row is there to read.
      expect(await about('handler', id)).toEqual(['dispatch']);
      await expect(other.next('notification', 300)).rejects.toThrow();
    } finally {
      handler.close();
      other.close();
    }
  });

  it('publishes only after a commit, never after a rollback', async () => {
    let fired = 0;
    await expect(inTransaction(t.ctx, async (tx) => {
      onCommit(tx.db, () => fired++);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(fired).toBe(0);
    await inTransaction(t.ctx, async (tx) => {
      await inTransaction(tx, async (inner) => onCommit(inner.db, () => fired++));
      expect(fired).toBe(0);
    });
    expect(fired).toBe(1);
  });

  it("carries an official's 批示 to the lead unit and the unit's answer back to the official", async () => {
    const id = await intake();
    await act('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    const instruction = await send('official', 'POST', `/api/v1/cases/${id}/instructions`, { text: '请尽快核实处理，结果报我。' });
    expect(await about('handler', id)).toEqual(['instruction', 'dispatch']);
    await send('handler', 'POST', `/api/v1/cases/${id}/instructions/${instruction.id ?? ''}/answer`, { text: '已安排执法队员现场核查。' });
    expect(await about('official', id)).toEqual(['instruction_answered']);
  });

  it('tells followers (关注) of each step, once, and never of their own', async () => {
    const id = await intake();
    await act('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    await send('official', 'PUT', `/api/v1/cases/${id}/follow`, { following: true });
    await send('handler', 'PUT', `/api/v1/cases/${id}/follow`, { following: true });
    await send('supervisor', 'PUT', `/api/v1/cases/${id}/follow`, { following: true });
    await act('handler', id, 'accept');
    expect(await about('official', id)).toEqual(['followed_update']);
    // The handler who acted is not told of their own step.
    expect(await about('handler', id)).toEqual(['dispatch']);
    // A follower who is also told as a supervisor gets one notification, the specific one.
    await act('handler', id, 'contact', { note: '已联系' });
    await act('handler', id, 'extension', { workingDays: 3, reason: '需协调' });
    expect(await about('supervisor', id)).toEqual(['extension_request', 'followed_update', 'followed_update']);
    await send('official', 'PUT', `/api/v1/cases/${id}/follow`, { following: false });
    await act('supervisor', id, 'extension/approve', {});
    expect(await about('official', id)).toHaveLength(3);
  });

  it('delivers urges, 督办单 and their answers, and re-dispatches', async () => {
    const id = await intake();
    await act('operator', id, 'dispatch', { leadUnitId: f.units.housing });
    await send('supervisor', 'POST', `/api/v1/cases/${id}/urge`, { note: '请加快办理' });
    expect(await about('handler', id)).toEqual(['urge', 'dispatch']);
    const order = await send('supervisor', 'POST', `/api/v1/cases/${id}/supervision-orders`, { instruction: '请于期限内办结并报告', replyWorkingDays: 3 });
    expect((await about('handler', id))[0]).toBe('supervision_order');
    await send('handler', 'POST', `/api/v1/supervision/orders/${order.id ?? ''}/answer`, { text: '已整改完毕，现场已清理。' });
    expect(await about('supervisor', id)).toEqual(['supervision_order_answered']);
    await act('supervisor', id, 'redispatch', { leadUnitId: f.units.transport, reason: '属交通局职责' });
    expect(await about('transport-handler', id)).toEqual(['dispatch']);
    // The unit that lost the case can no longer open it, so its note stays in the outbox only.
    expect((await about('handler', id)).filter((k) => k === 'redispatched_away')).toEqual([]);
  });

  it('refuses bad input with stable codes', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/not-a-uuid/read', headers: { cookie: cookies.handler ?? '' }, payload: {} });
    expect(bad.statusCode).toBe(400);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/00000000-0000-4000-8000-000000000000/read', headers: { cookie: cookies.handler ?? '' }, payload: {} });
    expect(unknown.statusCode).toBe(404);
    for (const q of ['?limit=0', '?limit=101', '?unread=maybe']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/notifications${q}`, headers: { cookie: cookies.handler ?? '' } });
      expect(res.statusCode, q).toBe(400);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/notifications' });
    expect(anonymous.statusCode).toBe(401);
  });
});
