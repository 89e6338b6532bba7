import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createLine } from '../src/modules/org/service.js';
import { dumpDaily } from '../src/modules/stats/repository.js';
import { rebuildFigures, refreshFigures } from '../src/modules/stats/rollup.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

interface Figures {
  dispatched: number; visits: number; solved: number; resolutionRate: number | null; returnRate: number | null;
  answerRate: number | null; callData: boolean; contacts: number; directResolved: number; directResolutionRate: number | null;
}
interface Item extends Figures { key: string; label: string }
interface Body { from: string; to: string; by: string; total: Figures; items: Item[] }

/**
 * The generalized figures API over real cases (clock pinned to March 2026; 2026-03-02 is a
 * Monday, Beijing UTC+8): three cases, worked out by hand.
 *   A  Mon 03-02  phone, complaint, line L   → housing       visited solved
 *   B  Wed 03-04  sms,   help                → housing team  visited unsolved
 *   C  Mon 03-09  phone, complaint, line L   → transport     (dispatched only)
 */
describeDb(`figures API (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let lineId = '';
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'handler', 'supervisor', 'transport-handler', 'housing-supervisor']) cookies[u] = await login(t.app, u);
    lineId = (await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '0000-12345678', name: '市长公开电话', ownerUserId: f.users.official,
      ownerTitle: '市长', mode: 'staffed', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    })).id;
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  const post = async (who: string, url: string, payload: Record<string, unknown>, status: number): Promise<void> => {
    const res = await t.app.inject({ method: 'POST', url, headers: { cookie: cookies[who] ?? '' }, payload });
    expect(res.statusCode, `${who} ${url}: ${res.body}`).toBe(status);
  };
  const ok = (who: string, id: string, path: string, payload: Record<string, unknown> = {}): Promise<void> =>
    post(who, `/api/v1/cases/${id}/${path}`, payload, 200);
  const open = async (payload: Record<string, unknown>): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: cookies.operator ?? '' },
      payload: { callerPhone: '13812340000', content: '小区路灯不亮，夜间出行不便。', ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const get = (query: string, cookie = cookies.supervisor ?? '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/stats/figures?${query}`, headers: { cookie } });
  const body = async (query: string, cookie?: string): Promise<Body> => {
    const res = await get(query, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Body;
  };
  const keyed = (b: Body): Map<string, Item> => new Map(b.items.map((i) => [i.key, i]));
  const handle = async (id: string, handler: string, solved: boolean): Promise<void> => {
    await ok(handler, id, 'accept');
    await ok(handler, id, 'contact', { note: '已电话联系' });
    await ok(handler, id, 'reply', { text: '已处理。' });
    await ok('operator', id, 'visit', { solved, satisfaction: solved ? 'satisfied' : 'unsatisfied' });
  };

  it('drives three cases', async () => {
    vi.setSystemTime(Date.parse('2026-03-02T01:00:00.000Z'));
    const a = await open({ channel: 'phone', type: 'complaint', lineId });
    await ok('operator', a, 'dispatch', { leadUnitId: f.units.housing });
    await handle(a, 'handler', true);
    vi.setSystemTime(Date.parse('2026-03-04T02:00:00.000Z'));
    const b = await open({ channel: 'sms', type: 'help' });
    await ok('operator', b, 'dispatch', { leadUnitId: f.units.housingTeam });
    vi.setSystemTime(Date.parse('2026-03-09T02:00:00.000Z'));
    const c = await open({ channel: 'phone', type: 'complaint', lineId });
    await ok('operator', c, 'dispatch', { leadUnitId: f.units.transport });
    vi.setSystemTime(Date.parse('2026-03-09T03:00:00.000Z'));
    expect((await refreshFigures(t.ctx)).ran).toBe(true);
  });

  it('groups by unit, own or with the whole subtree', async () => {
    const own = await body('from=2026-03-02&to=2026-03-15&by=unit');
    // Total: A, B, C dispatched = 3; one visit (A, solved) → 解决率 1/1. No call records: null, not 0.
    expect(own.total).toMatchObject({ dispatched: 3, visits: 1, solved: 1, resolutionRate: 1, answerRate: null, callData: false });
    const units = keyed(own);
    // A jurisdiction-wide caller sees the centre's row ('') first, then every unit.
    expect(own.items[0]?.key).toBe('');
    expect(units.size).toBe(6);
    expect(units.get(f.units.housing)).toMatchObject({ label: '市住建局', dispatched: 1, visits: 1 });
    expect(units.get(f.units.housingTeam)?.dispatched).toBe(1);
    expect(units.get(f.units.city)?.dispatched).toBe(0);
    const tree = keyed(await body('from=2026-03-02&to=2026-03-15&by=unit&subtree=true'));
    // housing + its team = A + B = 2; the city's subtree holds all three.
    expect(tree.get(f.units.housing)?.dispatched).toBe(2);
    expect(tree.get(f.units.city)?.dispatched).toBe(3);
    expect(tree.get(f.units.transport)?.dispatched).toBe(1);
  });

  it('narrows to one unit or its subtree', async () => {
    const one = await body(`from=2026-03-02&to=2026-03-15&by=unit&unitId=${f.units.housing}`);
    expect(one.items.map((i) => i.key)).toEqual([f.units.housing]);
    expect(one.total.dispatched).toBe(1);
    const sub = await body(`from=2026-03-02&to=2026-03-15&by=channel&unitId=${f.units.housing}&subtree=true`);
    // A by phone, B by sms, both in housing's subtree.
    expect(sub.items.map((i) => [i.key, i.dispatched])).toEqual([['phone', 1], ['sms', 1]]);
    expect((await get('from=2026-03-02&to=2026-03-15&by=unit&unitId=nope')).statusCode).toBe(404);
  });

  it('groups by line, type and channel, and filters by them', async () => {
    const lines = await body('from=2026-03-02&to=2026-03-15&by=line');
    // Line L: A and C; no line: B.
    expect(lines.items.map((i) => [i.key, i.label, i.dispatched])).toEqual([[lineId, '市长公开电话 0000-12345678', 2], ['', '', 1]]);
    const types = await body('from=2026-03-02&to=2026-03-15&by=type');
    expect(types.items.map((i) => [i.key, i.label, i.dispatched])).toEqual([['complaint', 'complaint', 2], ['help', 'help', 1]]);
    const filtered = await body(`from=2026-03-02&to=2026-03-15&by=type&channel=phone&lineId=${lineId}`);
    expect(filtered.total.dispatched).toBe(2);
    expect((await body('from=2026-03-02&to=2026-03-15&by=unit&type=help')).total.dispatched).toBe(1);
  });

  it('groups by day, ISO week (keyed by its Monday) and month, without gaps', async () => {
    const days = await body('from=2026-03-01&to=2026-03-10&by=day');
    expect(days.items).toHaveLength(10);
    expect(days.items.filter((i) => i.dispatched > 0).map((i) => [i.key, i.dispatched])).toEqual([['2026-03-02', 1], ['2026-03-04', 1], ['2026-03-09', 1]]);
    expect(days.items[0]?.returnRate).toBeNull();
    const weeks = await body('from=2026-03-01&to=2026-03-10&by=week');
    // Sun 03-01 belongs to the week of Mon 02-23.
    expect(weeks.items.map((i) => [i.key, i.dispatched])).toEqual([['2026-02-23', 0], ['2026-03-02', 2], ['2026-03-09', 1]]);
    const months = await body('from=2026-02-20&to=2026-03-31&by=month');
    expect(months.items.map((i) => [i.key, i.dispatched])).toEqual([['2026-02', 0], ['2026-03', 3]]);
  });

  it('is scoped like the case lists', async () => {
    // A supervisor of housing sees housing and its team, never the centre's row or transport.
    const housing = await body('from=2026-03-02&to=2026-03-15&by=unit', cookies['housing-supervisor']);
    expect(housing.items.map((i) => i.key).sort()).toEqual([f.units.housing, f.units.housingTeam].sort());
    expect(housing.total.dispatched).toBe(2);
    const byDay = await body('from=2026-03-02&to=2026-03-15&by=week', cookies['housing-supervisor']);
    expect(byDay.total.dispatched).toBe(2);
    const handler = await body('from=2026-03-02&to=2026-03-15&by=type', cookies['transport-handler']);
    expect(handler.items.map((i) => [i.key, i.dispatched])).toEqual([['complaint', 1]]);
    expect((await get(`from=2026-03-02&to=2026-03-15&by=unit&unitId=${f.units.transport}`, cookies['housing-supervisor'])).statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/stats/figures?from=2026-03-02&to=2026-03-08&by=unit' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a bad period or grouping', async () => {
    for (const [query, code] of [
      ['from=2026-02-30&to=2026-03-01&by=day', 'INVALID_PERIOD'],
      ['from=2026-03-09&to=2026-03-08&by=day', 'INVALID_PERIOD'],
      ['from=2025-03-01&to=2026-03-02&by=month', 'INVALID_PERIOD'],
      ['from=2026-03-01&to=2026-03-08&by=year', 'VALIDATION_FAILED'],
      ['from=2026-03-01&to=2026-03-08', 'VALIDATION_FAILED'],
      ['from=2026-03-01&to=2026-03-08&by=day&subtree=yes', 'VALIDATION_FAILED'],
    ] as const) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe(code);
    }
    expect((await get('from=2028-01-01&to=2028-12-31&by=day')).statusCode).toBe(200);
  });

  it('drives the later figures: intake answers, contacts, an extension, a late closure, an arbitration', async () => {
    // Week of Mon 03-16, all on 03-16 between 09:00 and 10:00 Beijing unless said.
    vi.setSystemTime(Date.parse('2026-03-16T01:00:00.000Z'));
    // D: answered at intake (直办).
    const d = await open({ channel: 'phone', type: 'consultation', lineId });
    await ok('operator', d, 'answer-directly', { text: '停水通知已公布，预计今晚恢复。' });
    // An emergency redirect: a contact on no case.
    await post('operator', '/api/v1/contacts/emergency-redirect', { channel: 'phone', content: '家里着火了', redirectNumber: '119', category: 'fire' }, 201);
    // E: housing, a repeat contact by phone, a 3-working-day extension approved, then replied 30 h
    // after the extended deadline → 1 closure, late, ceil(30 / 24) = 2 overdue days.
    const e = await open({ channel: 'sms', type: 'help' });
    await ok('operator', e, 'dispatch', { leadUnitId: f.units.housing });
    await ok('handler', e, 'accept');
    await ok('handler', e, 'contact', { note: '已联系' });
    await post('operator', `/api/v1/cases/${e}/contacts`, { channel: 'phone', callerPhone: '13812340000', content: '再次来电催办。' }, 201);
    await ok('handler', e, 'extension', { workingDays: 3, reason: '需要协调燃气公司' });
    await ok('supervisor', e, 'extension/approve', {});
    // F: transport returns it twice; the second return goes to arbitration, which assigns housing.
    const fCase = await open({ channel: 'phone', type: 'complaint' });
    for (let i = 0; i < 2; i++) {
      await ok('operator', fCase, 'dispatch', { leadUnitId: f.units.transport });
      await ok('transport-handler', fCase, 'return', { reason: '不属于本单位职责' });
    }
    await ok('supervisor', fCase, 'arbitrate', { leadUnitId: f.units.housing, note: '由住建局办理' });
    await refreshFigures(t.ctx);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${e}`, headers: { cookie: cookies.supervisor ?? '' } });
    const deadlines = (detail.json() as { deadlines: Array<{ kind: string; dueAt: string; cancelledAt: string | null }> }).deadlines;
    const due = Date.parse(deadlines.find((x) => x.kind === 'resolve' && !x.cancelledAt)?.dueAt ?? '');
    expect(due).toBeGreaterThan(Date.parse('2026-03-16T01:00:00.000Z'));
    vi.setSystemTime(due + 30 * 3_600_000);
    await ok('handler', e, 'reply', { text: '已协调处理。' });
    vi.setSystemTime(due + 31 * 3_600_000);
    await refreshFigures(t.ctx);
  });

  it('answers the later figures worked out by hand', async () => {
    const period = 'from=2026-03-16&to=2026-05-31';
    const units = keyed(await body(`${period}&by=unit`));
    // The centre: contacts D, the redirect, E, E's repeat, F = 5; direct: D only → 直办率 1/5.
    expect(units.get('')).toMatchObject({ contacts: 5, directResolved: 1, directResolutionRate: 0.2, dispatched: 0 });
    // Housing: E dispatched + F arbitrated = 2 (1 an arbitration); 1 extension; 1 closure, late by
    // 2 days → 按期办结率 0/1; no reopening → 重办率 0/1. Units never get contacts.
    expect(units.get(f.units.housing)).toMatchObject({
      dispatched: 2, arbitrations: 1, extensions: 1, closures: 1, closedOnTime: 0, onTimeClosureRate: 0,
      overdueDays: 2, reopened: 0, reopenRate: 0, contacts: 0, directResolutionRate: null,
    });
    // Transport: F twice, returned twice → 退单率 1.
    expect(units.get(f.units.transport)).toMatchObject({ dispatched: 2, returns: 2, returnRate: 1, arbitrations: 0 });
    // Contacts by their own channel: D, redirect, E's repeat and F by phone (4), E by sms (1).
    const channels = keyed(await body(`${period}&by=channel`));
    expect([channels.get('phone')?.contacts, channels.get('sms')?.contacts]).toEqual([4, 1]);
    // And by line: D came on line L; the rest on no line.
    const lines = keyed(await body(`${period}&by=line`));
    expect([lines.get(lineId)?.contacts, lines.get('')?.contacts]).toEqual([1, 4]);
    // All five on Monday 03-16.
    const days = await body('from=2026-03-16&to=2026-03-22&by=day');
    expect(days.items.map((i) => i.contacts)).toEqual([5, 0, 0, 0, 0, 0, 0]);
    // A department's supervisor never sees the centre's contacts.
    const housing = await body(`${period}&by=unit`, cookies['housing-supervisor']);
    expect(housing.total).toMatchObject({ contacts: 0, directResolutionRate: null, dispatched: 2 });
  });

  it('the rebuild from events agrees with the incremental rollup, new counts included', async () => {
    const incremental = await dumpDaily(t.ctx.db);
    expect(incremental.some((r) => r.unit_id === '' && Number(r.contacts) > 0)).toBe(true);
    expect(incremental.some((r) => Number(r.overdue_days) > 0 && Number(r.arbitrations) === 0)).toBe(true);
    vi.setSystemTime(Date.now() + 60_000);
    expect((await rebuildFigures(t.ctx)).ran).toBe(true);
    expect(await dumpDaily(t.ctx.db)).toEqual(incremental);
  });
});
