import { afterAll, beforeAll, expect, it } from 'vitest';
import { raiseFrequentFlags } from '../src/modules/caller-flags/sweep.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { createLine, createUser } from '../src/modules/org/service.js';
import { login, PASSWORD, seedFixture, type Fixture } from './support/fixtures.js';
import { openSse, type SseClient } from './support/sse.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * Frequent and abusive callers (DESIGN §7, issue 12 §3, ADR 0036): the worker flags a number past
 * the frequent rule, staff flag abuse with a reason, a supervisor reviews, and a flagged caller's
 * call rings for the designated handler alone. A flag never drops, hides or demotes a contact.
 */
const PERSISTENT = '13812340001';
const QUIET = '13812340002';
const TIP_REPORTER = '13812340003';
const STAFFED = '0000-88003456';
const TIP = '0000-88003110';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Flag { id: string; kind: string; status: string; callerPhone: string; reason: string | null; note: string | null; contactsAtRaise: number | null; reviewDecision: string | null; openCases: number }

describeDb(`Caller flags (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let base: string;
  let cti: string;
  const lines = { staffed: '', tip: '' };
  const cookies: Record<string, string> = {};
  const streams: SseClient[] = [];
  const caseIds: string[] = [];
  let seq = 0;

  const req = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who] ?? '' }, ...(payload ? { payload } : {}) });
  const flags = async (who: string, status = 'active'): Promise<Flag[]> => {
    const res = await req(who, 'GET', `/api/v1/caller-flags?status=${status}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Flag[] }).items;
  };
  // openCase takes the number as the services hand it on: normalised to E.164.
  const open = async (phone: string, lineId: string, content: string) => {
    const c = await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content, callerPhone: `+86${phone}`, callerName: '赵六', lineId,
      actor: { kind: 'staff', userId: f.users.operator },
    });
    caseIds.push(c.id);
    return c.id;
  };

  beforeAll(async () => {
    t = await createTestContext({ live: { heartbeatMs: 1_000 } });
    f = await seedFixture(t.ctx);
    const hours = { weekly: {}, onHolidays: 'open' as const };
    lines.staffed = (await createLine(t.ctx.db, { jurisdictionId: f.jurisdiction.id, number: STAFFED, name: '市民热线', ownerUserId: f.users.official, ownerTitle: '主任', mode: 'staffed', isPublic: true, serviceHours: hours })).id;
    lines.tip = (await createLine(t.ctx.db, { jurisdictionId: f.jurisdiction.id, number: TIP, name: '举报专线', ownerUserId: f.users.official, ownerTitle: '主任', mode: 'tip', isPublic: true, serviceHours: hours })).id;
    await createUser(t.ctx.db, { jurisdictionId: f.jurisdiction.id, orgUnitId: f.units.centre, username: 'specialist', displayName: '专席王', password: PASSWORD, roles: ['operator'] });
    for (const u of ['operator', 'specialist', 'supervisor', 'housing-supervisor', 'handler', 'admin', 'official']) cookies[u] = await login(t.app, u);
    // Six contacts in the window: one past the rule (more than five in 30 days).
    for (let i = 0; i < 6; i += 1) await open(PERSISTENT, lines.staffed, `第${i + 1}次反映楼下餐馆油烟扰民。`);
    for (let i = 0; i < 2; i += 1) await open(QUIET, lines.staffed, '咨询公积金提取。');
    // A tip reporter who reports often is never flagged by the rule, nor named by it (ADR 0006).
    for (let i = 0; i < 7; i += 1) await open(TIP_REPORTER, lines.tip, `举报某工地第${i + 1}次夜间偷排污水。`);
    const issued = await req('admin', 'POST', '/api/v1/admin/cti-tokens', { name: 'PBX' });
    cti = `/api/v1/cti/${(issued.json() as { token: string }).token}`;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t.close();
  });

  it('flags a number past the frequent rule once, even with two workers at once, and tells the reviewers', async () => {
    const now = new Date();
    const [a, b] = await Promise.all([raiseFrequentFlags(t.ctx, { now }), raiseFrequentFlags(t.ctx, { now })]);
    expect(a.raised + b.raised).toBe(1);
    expect((await raiseFrequentFlags(t.ctx, { now })).raised).toBe(0);
    const active = await flags('supervisor');
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ kind: 'frequent', status: 'active', callerPhone: '138****0001', contactsAtRaise: 6, openCases: 6, reviewDecision: null });
    expect(await flags('supervisor', 'unreviewed')).toHaveLength(1);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('action', '=', 'caller_flag.raised').execute();
    expect(audit).toEqual([{ action: 'caller_flag.raised', actor_user_id: null }]);
    const told = await t.ctx.db.selectFrom('notifications').select('user_id').where('kind', '=', 'caller_flagged').execute();
    expect(told.map((n) => n.user_id)).toEqual([f.users.supervisor]);
  });

  it('never touches the flagged caller\'s cases: same status, priority and lead unit as before', async () => {
    const rows = await t.ctx.db.selectFrom('cases').select(['id', 'status', 'priority']).where('id', 'in', caseIds.slice(0, 6)).execute();
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['received']));
    const quiet = await t.ctx.db.selectFrom('cases').select('priority').where('id', '=', caseIds[6] ?? '').executeTakeFirstOrThrow();
    for (const r of rows) expect(r.priority).toBe(quiet.priority);
  });

  it('lets staff flag abuse with a reason, once per number, the note sealed and redacted', async () => {
    const res = await req('operator', 'POST', '/api/v1/caller-flags', { phone: QUIET, reason: 'abusive_language', note: '来电辱骂话务员，自称手机 13999998888。' });
    expect(res.statusCode, res.body).toBe(201);
    const flag = res.json() as Flag;
    expect(flag).toMatchObject({ kind: 'abuse', reason: 'abusive_language', callerPhone: '138****0002' });
    expect(flag.note).not.toContain('13999998888');
    const row = await t.ctx.db.selectFrom('caller_flags').selectAll().where('id', '=', flag.id).executeTakeFirstOrThrow();
    expect(row.note_enc).not.toContain('辱骂');
    expect(t.ctx.pii.decrypt(row.note_enc ?? '')).toContain('13999998888');
    expect(JSON.stringify(row)).not.toContain(QUIET);
    const again = await req('supervisor', 'POST', '/api/v1/caller-flags', { phone: QUIET, reason: 'harassment', note: '再次标记同一号码。' });
    expect(again.statusCode).toBe(409);
    expect((await req('operator', 'POST', '/api/v1/caller-flags', { phone: 'not a phone', reason: 'harassment', note: '号码不对。' })).statusCode).toBe(400);
    expect((await req('operator', 'POST', '/api/v1/caller-flags', { phone: QUIET, reason: 'loud', note: '原因不在列表中。' })).statusCode).toBe(400);
  });

  it('keeps flags with the hotline centre: a department never sees or raises one', async () => {
    for (const who of ['handler', 'housing-supervisor', 'official']) {
      expect((await req(who, 'GET', '/api/v1/caller-flags')).statusCode, who).toBe(403);
      expect((await req(who, 'GET', '/api/v1/caller-flags/cases')).statusCode, who).toBe(403);
      expect((await req(who, 'POST', '/api/v1/caller-flags', { phone: PERSISTENT, reason: 'harassment', note: '部门不能标记来电人。' })).statusCode, who).toBe(403);
    }
    const [flag] = await flags('operator');
    expect((await req('operator', 'POST', `/api/v1/caller-flags/${flag?.id}/review`, { decision: 'clear', note: '话务员不能复核' })).statusCode).toBe(403);
  });

  it('routes a flagged caller\'s call to the designated handler alone while they watch, to everyone otherwise', async () => {
    expect((await req('operator', 'PUT', '/api/v1/caller-flags/settings', { designatedUserId: null })).statusCode).toBe(403);
    const notOperator = await req('supervisor', 'PUT', '/api/v1/caller-flags/settings', { designatedUserId: f.users.handler });
    expect(notOperator.statusCode).toBe(400);
    const set = await req('supervisor', 'PUT', '/api/v1/caller-flags/settings', { designatedUserId: (await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'specialist').executeTakeFirstOrThrow()).id });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ designatedName: '专席王' });

    const operator = await openSse(base, '/api/v1/live', { cookie: cookies.operator ?? '' });
    streams.push(operator);
    await operator.next('ready', 20_000);
    const ring = async (from: string) => {
      const id = `flag-${++seq}-${Date.now()}`;
      const res = await t.app.inject({ method: 'POST', url: cti, payload: { direction: 'in', event: 'newCall', callId: id, from, to: STAFFED } });
      expect(res.statusCode, res.body).toBe(200);
      return id;
    };
    const offered = (s: SseClient) => s.events.filter((e) => e.event === 'call.offered').map((e) => JSON.parse(e.data) as { designated: boolean; history: { flags: Array<{ kind: string }> } | null; lineId: string });

    // The designated handler is not watching: the flagged caller's call rings for everyone.
    const first = await ring(PERSISTENT);
    await operator.next('call.offered', 20_000);
    expect(offered(operator).at(-1)).toMatchObject({ designated: false, history: { flags: [{ kind: 'frequent' }] } });
    // Hung up before the specialist opens the console: a call still ringing would be replayed to
    // their new stream (callers/ringing.ts) and arrive in an order this test does not fix.
    const hangup = await t.app.inject({ method: 'POST', url: cti, payload: { direction: 'in', event: 'hangup', callId: first, from: PERSISTENT, to: STAFFED, cause: 'cancel' } });
    expect(hangup.statusCode, hangup.body).toBe(200);

    const specialist = await openSse(base, '/api/v1/live', { cookie: cookies.specialist ?? '' });
    streams.push(specialist);
    await specialist.next('ready', 20_000);
    const before = offered(operator).length;
    await ring(PERSISTENT);
    await specialist.next('call.offered', 20_000);
    expect(offered(specialist).at(-1)).toMatchObject({ designated: true });
    // An unflagged caller rings for both as always.
    await ring('13812340009');
    await specialist.next('call.offered', 20_000);
    await sleep(100);
    expect(offered(operator).length).toBe(before + 1);
    expect(offered(specialist).at(-1)).toMatchObject({ designated: false });
  });

  it('gives the designated handler the flagged callers\' open cases, tip reporters only to those who may know them', async () => {
    const res = await req('specialist', 'GET', '/api/v1/caller-flags/cases');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: Array<{ caseId: string; callerPhone: string | null }> }).items;
    // The persistent caller's six and the abusive caller's two.
    expect(items.map((i) => i.caseId).sort()).toEqual(caseIds.slice(0, 8).sort());
    expect(JSON.stringify(items)).not.toContain(PERSISTENT);
  });

  it('lets a supervisor confirm or clear a flag with a note, audited; clearing lifts the routing until the rule breaks again', async () => {
    const [frequent] = (await flags('supervisor')).filter((x) => x.kind === 'frequent');
    const [abuse] = (await flags('supervisor')).filter((x) => x.kind === 'abuse');
    const confirm = await req('supervisor', 'POST', `/api/v1/caller-flags/${abuse?.id}/review`, { decision: 'confirm', note: '录音核实属实' });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json()).toMatchObject({ status: 'active', reviewDecision: 'confirm' });
    const clear = await req('supervisor', 'POST', `/api/v1/caller-flags/${frequent?.id}/review`, { decision: 'clear', note: '诉求合理，多次来电因问题未解决' });
    expect(clear.json()).toMatchObject({ status: 'cleared', reviewDecision: 'clear' });
    expect((await req('supervisor', 'POST', `/api/v1/caller-flags/${frequent?.id}/review`, { decision: 'clear', note: '重复复核' })).statusCode).toBe(409);
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'caller_flag').execute()).map((a) => a.action).sort();
    expect(actions).toEqual(['caller_flag.cleared', 'caller_flag.confirmed', 'caller_flag.raised', 'caller_flag.raised']);
    expect((await req('operator', 'GET', '/api/v1/callers/history?phone=' + PERSISTENT)).json()).toMatchObject({ flags: [] });

    // The contacts before the clearing no longer count; six new ones break the rule again.
    const now = new Date();
    expect((await raiseFrequentFlags(t.ctx, { now })).raised).toBe(0);
    for (let i = 0; i < 6; i += 1) await open(PERSISTENT, lines.staffed, `清除后第${i + 1}次来电反映油烟。`);
    expect((await raiseFrequentFlags(t.ctx, { now: new Date() })).raised).toBe(1);
    expect(await flags('supervisor', 'cleared')).toHaveLength(1);
  });
});
