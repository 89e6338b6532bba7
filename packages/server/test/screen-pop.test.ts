import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { createLine, createUser } from '../src/modules/org/service.js';
import { login, PASSWORD, seedFixture, type Fixture } from './support/fixtures.js';
import { openSse, type SseClient } from './support/sse.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * Issue 10 §2: a caller's history by phone (blind index), the screen-pop over a real SSE stream
 * when the phone system reports a call, and the call linked to the case it led to. Tip-line
 * reporters stay with the hotline centre's operators (ADR 0006).
 */
const CALLER = '+8613812347951';
const NATIONAL = '13812347951';
const STAFFED = '0000-88001234';
const TIP = '0000-88001110';
const DIRECT = '0000-88002222';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface History {
  callerName: string | null;
  openCases: Array<{ caseId: string; caseNumber: string; status: string; summary: string; lineName: string | null }>;
  closedCases: Array<{ caseId: string }>;
  recentContacts: Array<{ caseId: string | null; caseNumber: string | null }>;
  contactsLast30Days: number;
  callsLast30Days: number;
  unansweredCallsLast30Days: number;
  frequentCaller: boolean;
  vulnerabilities: string[];
}
interface Offered { callId: string; lineId: string; lineName: string; callerPhone: string | null; history: History | null }

describeDb(`Screen-pop and caller history (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let base: string;
  let cti: string;
  const lines: Record<'staffed' | 'tip' | 'direct', string> = { staffed: '', tip: '', direct: '' };
  const ids: Record<'own' | 'closed' | 'older' | 'tip' | 'direct' | 'neighbour', string> = { own: '', closed: '', older: '', tip: '', direct: '', neighbour: '' };
  const cookies: Record<string, string> = {};
  const streams: SseClient[] = [];
  let seq = 0;
  const callId = (): string => `pop-${++seq}-${Date.now()}`;

  const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
  const history = async (who: string, phone: string): Promise<History> => {
    const res = await get(who, `/api/v1/callers/history?phone=${encodeURIComponent(phone)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as History;
  };
  const ring = async (body: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: cti, payload: { direction: 'in', ...body } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const stream = async (who: string): Promise<SseClient> => {
    const s = await openSse(base, '/api/v1/live', { cookie: cookies[who] ?? '' });
    streams.push(s);
    expect(s.status).toBe(200);
    await s.next('ready');
    return s;
  };
  const offeredTo = (s: SseClient) => s.events.filter((e) => e.event === 'call.offered').map((e) => JSON.parse(e.data) as Offered);

  beforeAll(async () => {
    t = await createTestContext({ live: { heartbeatMs: 1_000 } });
    f = await seedFixture(t.ctx);
    const hours = { weekly: {}, onHolidays: 'open' as const };
    const line = async (number: string, name: string, mode: 'staffed' | 'tip' | 'direct') =>
      (await createLine(t.ctx.db, { jurisdictionId: f.jurisdiction.id, number, name, ownerUserId: f.users.official, ownerTitle: '局长', mode, isPublic: true, serviceHours: hours, acceptsVoice: true })).id;
    lines.staffed = await line(STAFFED, '市民热线', 'staffed');
    // A tip line that takes calls (tip lines take texts only unless told otherwise, ADR 0029/0041).
    lines.tip = await line(TIP, '举报专线', 'tip');
    lines.direct = await line(DIRECT, '局长信箱电话', 'direct');
    // A second centre operator, and an operator account placed in a department (never told of tips).
    await createUser(t.ctx.db, { jurisdictionId: f.jurisdiction.id, orgUnitId: f.units.centre, username: 'operator2', displayName: 'operator2', password: PASSWORD, roles: ['operator'] });
    await createUser(t.ctx.db, { jurisdictionId: f.jurisdiction.id, orgUnitId: f.units.housing, username: 'dept-operator', displayName: 'dept-operator', password: PASSWORD, roles: ['operator'] });
    for (const u of ['operator', 'operator2', 'dept-operator', 'admin', 'handler', 'official', 'supervisor']) cookies[u] = await login(t.app, u);

    const open = async (content: string, o: { phone?: string; lineId?: string; name?: string; vulnerable?: boolean } = {}) =>
      (await openCase(t.ctx, {
        jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content, callerPhone: o.phone ?? CALLER,
        callerName: o.name ?? '张三丰', ...(o.lineId ? { lineId: o.lineId } : {}), ...(o.vulnerable ? { vulnerabilities: ['elderly' as const] } : {}),
        actor: { kind: 'staff', userId: f.users.operator },
      })).id;
    ids.closed = await open('去年反映的路灯问题。');
    await t.ctx.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', ids.closed).execute();
    ids.older = await open('咨询社保卡补办。');
    await t.ctx.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', ids.older).execute();
    ids.own = await open('小区门口垃圾三天没人清运。', { lineId: lines.staffed, vulnerable: true });
    ids.direct = await open('向局长反映学校门口交通拥堵。', { lineId: lines.direct });
    ids.tip = await open('举报某仓库夜间聚众赌博。', { lineId: lines.tip, name: '李举报' });
    ids.neighbour = await open('楼道灯坏了一个月。', { phone: '+8613900001111', name: '王五' });
    // The caller rings again about the neighbour's case: it is theirs too.
    const again = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${ids.neighbour}/contacts`, headers: { cookie: cookies.operator ?? '' },
      payload: { channel: 'phone', callerPhone: '138 1234 7951', content: '我也反映楼道灯的问题。' },
    });
    expect(again.statusCode, again.body).toBe(201);

    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: cookies.admin ?? '' }, payload: { name: 'PBX' } });
    cti = `/api/v1/cti/${(issued.json() as { token: string }).token}`;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t.close();
  });

  it('answers a caller\'s history by phone alone, whatever the spelling: open and closed cases, contacts, flags, masked', async () => {
    for (const spelling of ['138-1234-7951', '+86 138 1234 7951', NATIONAL]) {
      const h = await history('operator', spelling);
      expect(h.openCases.map((c) => c.caseId).sort(), spelling).toEqual([ids.own, ids.tip, ids.direct, ids.neighbour].sort());
      expect(h.closedCases.map((c) => c.caseId)).toEqual([ids.older, ids.closed]);
    }
    const h = await history('operator', NATIONAL);
    expect(h.openCases.find((c) => c.caseId === ids.own)).toMatchObject({ status: 'received', summary: '小区门口垃圾三天没人清运。', lineName: '市民热线' });
    expect(h.callerName).toBe('李**');
    expect(h.recentContacts.map((k) => k.caseId)).toContain(ids.neighbour);
    expect(h.contactsLast30Days).toBe(6);
    expect(h.frequentCaller).toBe(true);
    expect(h.vulnerabilities).toEqual(['elderly']);
    expect(JSON.stringify(h)).not.toContain(NATIONAL.slice(-4));
    expect(JSON.stringify(h)).not.toContain('张三丰');
    const neighbour = await history('operator', '13900001111');
    expect(neighbour.openCases.map((c) => c.caseId)).toEqual([ids.neighbour]);
    expect(neighbour.frequentCaller).toBe(false);
    expect(await history('operator', '13600000000')).toMatchObject({ openCases: [], closedCases: [], recentContacts: [], contactsLast30Days: 0, callerName: null });
  });

  it('never shows a tip-line reporter\'s records to anyone but the centre\'s operators (ADR 0006)', async () => {
    for (const who of ['admin', 'dept-operator']) {
      const h = await history(who, NATIONAL);
      expect(h.openCases.map((c) => c.caseId), who).not.toContain(ids.tip);
      expect(h.recentContacts.map((k) => k.caseId), who).not.toContain(ids.tip);
      expect(h.contactsLast30Days, who).toBe(5);
      expect(JSON.stringify(h), who).not.toContain(ids.tip);
      expect(h.callerName, who).toBe('张**');
    }
  });

  it('refuses the history to those who do not take calls, and bad numbers as 400', async () => {
    expect((await get('handler', `/api/v1/callers/history?phone=${NATIONAL}`)).statusCode).toBe(403);
    expect((await get('official', `/api/v1/callers/history?phone=${NATIONAL}`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/callers/history?phone=${NATIONAL}` })).statusCode).toBe(401);
    for (const phone of ['abc', '12', '']) {
      const res = await get('operator', `/api/v1/callers/history?phone=${encodeURIComponent(phone)}`);
      expect(res.statusCode, phone).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('pops a staffed line\'s call up on every centre operator\'s screen with the history, once, and tells them when it is answered and ends', async () => {
    const op = await stream('operator');
    const op2 = await stream('operator2');
    const deptOp = await stream('dept-operator');
    const admin = await stream('admin');
    const official = await stream('official');
    const id = callId();
    const callsBefore = (await history('operator', NATIONAL)).callsLast30Days;
    await ring({ event: 'newCall', from: NATIONAL, to: '000088001234', call_id: id });
    const got = JSON.parse((await op.next('call.offered')).data) as Offered;
    expect(got).toMatchObject({ lineId: lines.staffed, lineName: '市民热线', callerPhone: '138****7951' });
    // The call ringing is not its own history; typed in afterwards, it is one of the calls.
    expect(got.history?.callsLast30Days).toBe(callsBefore);
    expect((await history('operator', NATIONAL)).callsLast30Days).toBe(callsBefore + 1);
    expect(got.history?.openCases.map((c) => c.caseId)).toContain(ids.tip);
    expect(got.history?.frequentCaller).toBe(true);
    const record = await t.ctx.db.selectFrom('call_records').select('id').where('external_id', '=', id).executeTakeFirstOrThrow();
    expect(got.callId).toBe(record.id);
    await op2.next('call.offered');
    // Delivered twice by the bridge: announced once.
    await ring({ event: 'newCall', from: NATIONAL, to: '000088001234', call_id: id });
    await ring({ event: 'answer', from: NATIONAL, to: '000088001234', call_id: id, user: 'operator' });
    expect(JSON.parse((await op2.next('call.answered')).data)).toEqual({ callId: record.id, answeredByUserId: f.users.operator });
    await ring({ event: 'hangup', from: NATIONAL, to: '000088001234', call_id: id, cause: 'normalClearing' });
    expect(JSON.parse((await op.next('call.ended')).data)).toEqual({ callId: record.id, outcome: 'answered' });
    await sleep(100);
    expect(offeredTo(op)).toHaveLength(1);
    for (const other of [deptOp, admin, official]) expect(other.events.map((e) => e.event)).toEqual(['ready']);
    for (const s of [op, op2, deptOp, admin, official]) s.close();
  });

  it('pops a tip line\'s call only at the centre, never at its owner; a direct line\'s at its owner with that line\'s history only', async () => {
    const op = await stream('operator');
    const official = await stream('official');
    await ring({ event: 'newCall', from: NATIONAL, to: TIP, call_id: callId() });
    const tip = JSON.parse((await op.next('call.offered')).data) as Offered;
    expect(tip.lineId).toBe(lines.tip);
    await ring({ event: 'newCall', from: NATIONAL, to: DIRECT, call_id: callId() });
    const direct = JSON.parse((await official.next('call.offered')).data) as Offered;
    expect(direct.lineId).toBe(lines.direct);
    expect(direct.history?.openCases.map((c) => c.caseId)).toEqual([ids.direct]);
    expect(JSON.stringify(direct)).not.toContain(ids.tip);
    await sleep(100);
    expect(offeredTo(official)).toHaveLength(1);
    expect(offeredTo(op)).toHaveLength(1);
    // A withheld number rings with no history.
    await ring({ event: 'newCall', from: 'anonymous', to: STAFFED, call_id: callId() });
    expect(JSON.parse((await op.next('call.offered')).data)).toMatchObject({ callerPhone: null, history: null });
    op.close();
    official.close();
  });

  it('lets a centre operator take the call (the number in full, audited) and link the case it led to; the same link again is a no-op, another is 409', async () => {
    const id = callId();
    await ring({ event: 'newCall', from: NATIONAL, to: STAFFED, call_id: id });
    const call = await t.ctx.db.selectFrom('call_records').select('id').where('external_id', '=', id).executeTakeFirstOrThrow();
    const post = (who: string, url: string, payload: object = {}, method: 'POST' | 'PUT' = 'POST') =>
      t.app.inject({ method, url, headers: { cookie: cookies[who] ?? '' }, payload });
    for (const who of ['admin', 'dept-operator', 'handler', 'official']) expect((await post(who, `/api/v1/calls/${call.id}/take`)).statusCode, who).toBe(403);
    expect((await post('operator', '/api/v1/calls/00000000-0000-4000-8000-000000000000/take')).statusCode).toBe(404);
    const taken = await post('operator', `/api/v1/calls/${call.id}/take`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toEqual({ callId: call.id, callerPhone: CALLER, lineId: lines.staffed, channel: 'phone', caseId: null });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('target_id', '=', call.id).execute();
    expect(audit).toEqual([{ action: 'pii.reveal', actor_user_id: f.users.operator }]);

    const created = await post('operator', '/api/v1/cases', { channel: 'phone', callerPhone: CALLER, lineId: lines.staffed, content: '再次反映垃圾清运问题。', type: 'complaint' });
    expect(created.statusCode, created.body).toBe(201);
    const caseId = (created.json() as { id: string }).id;
    const link = (who: string, target: string) => post(who, `/api/v1/calls/${call.id}/case`, { caseId: target }, 'PUT');
    expect((await link('admin', caseId)).statusCode).toBe(403);
    const linked = await link('operator', caseId);
    expect(linked.statusCode, linked.body).toBe(200);
    expect((await t.ctx.db.selectFrom('call_records').select('case_id').where('id', '=', call.id).executeTakeFirstOrThrow()).case_id).toBe(caseId);
    expect((await link('operator', caseId)).statusCode).toBe(200);
    const other = await link('operator', ids.own);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('CONFLICT');
    const unknown = await link('operator', '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('REFERENCE_NOT_FOUND');
    expect((await post('operator', `/api/v1/calls/${call.id}/take`)).json()).toMatchObject({ caseId });
    expect((await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', call.id).where('action', '=', 'call.link').execute())).toHaveLength(1);
    // The history now counts the call.
    expect(await history('operator', NATIONAL)).toMatchObject({ callsLast30Days: 4, unansweredCallsLast30Days: 0 });
    expect((await history('admin', NATIONAL)).callsLast30Days).toBe(3);
  });

  it('replays the calls ringing on a desk to a screen opened after they rang, by the same audience rule, and drops them on answer and hangup (ADR 0041)', async () => {
    const recordOf = async (external: string) => (await t.ctx.db.selectFrom('call_records').select('id').where('external_id', '=', external).executeTakeFirstOrThrow()).id;
    const [ringing, answered, direct, stale] = [callId(), callId(), callId(), callId()];
    await ring({ event: 'newCall', from: NATIONAL, to: STAFFED, call_id: ringing });
    await ring({ event: 'newCall', from: '13900001111', to: STAFFED, call_id: answered });
    await ring({ event: 'answer', from: '13900001111', to: STAFFED, call_id: answered, user: 'operator2' });
    await ring({ event: 'newCall', from: NATIONAL, to: DIRECT, call_id: direct });
    await ring({ event: 'newCall', from: '13900002222', to: STAFFED, call_id: stale });
    // A call "ringing" for 11 minutes lost its hangup: not replayed.
    await t.ctx.db.updateTable('call_records').set({ offered_at: new Date(Date.now() - 11 * 60_000).toISOString() }).where('external_id', '=', stale).execute();
    const rec = { ringing: await recordOf(ringing), answered: await recordOf(answered), direct: await recordOf(direct), stale: await recordOf(stale) };

    const op = await stream('operator');
    const replayed = JSON.parse((await op.next('call.offered')).data) as Offered;
    await sleep(100);
    const shown = offeredTo(op);
    expect(shown.map((c) => c.callId)).toContain(rec.ringing);
    for (const gone of [rec.answered, rec.direct, rec.stale]) expect(shown.map((c) => c.callId)).not.toContain(gone);
    const mine = shown.find((c) => c.callId === rec.ringing);
    // As the announcement would have shown it: masked, with the centre's history.
    expect(mine).toMatchObject({ lineId: lines.staffed, callerPhone: '138****7951' });
    expect(mine?.history?.openCases.map((c) => c.caseId)).toContain(ids.tip);
    expect(replayed.callId).toBeDefined();
    // An operator outside the centre and an admin are told of nothing; the direct line's owner of their own call only.
    const deptOp = await stream('dept-operator');
    const admin = await stream('admin');
    const official = await stream('official');
    const ownCall = JSON.parse((await official.next('call.offered')).data) as Offered;
    await sleep(100);
    expect(offeredTo(official).map((c) => c.callId)).toContain(rec.direct);
    expect(offeredTo(official).map((c) => c.callId)).not.toContain(rec.ringing);
    expect(ownCall.lineId).toBe(lines.direct);
    for (const other of [deptOp, admin]) expect(offeredTo(other)).toEqual([]);

    // Answered elsewhere: the replayed pop-up is dropped like any other.
    await ring({ event: 'answer', from: NATIONAL, to: STAFFED, call_id: ringing, user: 'operator2' });
    expect(JSON.parse((await op.next('call.answered')).data)).toMatchObject({ callId: rec.ringing });
    await ring({ event: 'hangup', from: NATIONAL, to: DIRECT, call_id: direct, cause: 'cancel' });
    expect(JSON.parse((await official.next('call.ended')).data)).toEqual({ callId: rec.direct, outcome: 'abandoned' });
    // …and a screen opened now replays neither.
    const later = await stream('operator2');
    await sleep(200);
    expect(offeredTo(later).map((c) => c.callId)).not.toContain(rec.ringing);
    for (const s of [op, deptOp, admin, official, later]) s.close();
  });
});
