import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createJurisdiction, createLine, createOrgUnit, createUser } from '../src/modules/org/service.js';
import { refreshFigures } from '../src/modules/stats/rollup.js';
import { login, PASSWORD, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

interface ListBody { total: number; items: Array<{ id: string }> }
interface UnitItem { key: string; dispatched: number; returns: number; responseDue: number; respondedOnTime: number; visits: number; solved: number; satisfied: number; overdue: number; closures: number; closedOnTime: number }

/**
 * The drill-down from a figure to its cases (`GET /cases?fact=…`): real cases through the real
 * lifecycle on a clock pinned to March 2026 (Beijing, UTC+8; 03-02 is a Monday), figures kept by
 * the real refresh, and the list checked case by case against the figure it came from.
 */
describeDb(`case list drill-down from figures (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let lineId = '';
  let foreignUnit = '';

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'handler', 'team-handler', 'supervisor', 'transport-handler', 'housing-supervisor']) cookies[u] = await login(t.app, u);
    lineId = (await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '0000-12345678', name: '住建局长热线', ownerUserId: f.users.official, ownerTitle: '市住建局局长',
      mode: 'direct', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    })).id;
    const other = await createJurisdiction(t.ctx.db, { code: 'elsewhere', name: '别市' });
    foreignUnit = (await createOrgUnit(t.ctx.db, { jurisdictionId: other.id, parentId: null, name: '别市人民政府', kind: 'city' })).id;
    await createUser(t.ctx.db, { jurisdictionId: other.id, orgUnitId: foreignUnit, username: 'elsewhere-admin', displayName: 'x', password: PASSWORD, roles: ['admin'] });
    vi.useFakeTimers({ toFake: ['Date'] });

    let now = 0;
    const at = (iso: string): void => { now = Date.parse(iso); vi.setSystemTime(now); };
    const later = (): void => { now += 5 * 60_000; vi.setSystemTime(now); };
    const ok = async (who: string, id: string, action: string, payload: Record<string, unknown> = {}): Promise<void> => {
      later();
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${action}`, headers: { cookie: cookies[who] ?? '' }, payload });
      expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
    };
    const open = async (extra: Record<string, unknown> = {}): Promise<string> => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/v1/cases', headers: { cookie: cookies.operator ?? '' },
        payload: { channel: 'phone', callerPhone: '13812340000', content: '小区路灯不亮，夜间出行不便。', type: 'complaint', ...extra },
      });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };

    // A: housing, solved and satisfied. B: transport returns it, housing gets it, unsolved and
    // unsatisfied; it is led by housing now. C: an SMS request for help to housing's team, on a
    // published line. D: transport, the week after.
    at('2026-03-02T01:00:00.000Z');
    ids.a = await open();
    await ok('operator', ids.a, 'dispatch', { leadUnitId: f.units.housing });
    await ok('handler', ids.a, 'accept');
    await ok('handler', ids.a, 'contact', { note: '已电话联系' });
    await ok('handler', ids.a, 'reply', { text: '已修复路灯。' });
    await ok('operator', ids.a, 'visit', { solved: true, satisfaction: 'satisfied' });
    ids.b = await open();
    await ok('operator', ids.b, 'dispatch', { leadUnitId: f.units.transport });
    await ok('transport-handler', ids.b, 'return', { reason: '属于住建局职责' });
    await ok('operator', ids.b, 'dispatch', { leadUnitId: f.units.housing });
    await ok('handler', ids.b, 'accept');
    await ok('handler', ids.b, 'contact', { note: '已联系' });
    await ok('handler', ids.b, 'reply', { text: '已安排维修。' });
    await ok('operator', ids.b, 'visit', { solved: false, satisfaction: 'unsatisfied' });
    at('2026-03-03T02:00:00.000Z');
    ids.c = await open({ channel: 'sms', type: 'help', lineId });
    await ok('operator', ids.c, 'dispatch', { leadUnitId: f.units.housingTeam });
    at('2026-03-10T02:00:00.000Z');
    ids.d = await open();
    await ok('operator', ids.d, 'dispatch', { leadUnitId: f.units.transport });
    later();
    expect((await refreshFigures(t.ctx)).ran).toBe(true);
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  const get = (query: string, who = 'supervisor') => t.app.inject({ method: 'GET', url: `/api/v1/cases?pageSize=100&${query}`, headers: { cookie: cookies[who] ?? who } });
  const list = async (query: string, who?: string): Promise<string[]> => {
    const res = await get(query, who);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ListBody;
    expect(body.total).toBe(body.items.length);
    return body.items.map((i) => i.id).sort();
  };
  const cases = (...keys: string[]): string[] => keys.map((k) => ids[k] ?? '').sort();
  const week = 'factFrom=2026-03-02&factTo=2026-03-08';

  it('lists the cases behind a count, by the unit it counted for, not the lead unit now', async () => {
    expect(await list(`fact=dispatched&${week}`)).toEqual(cases('a', 'b', 'c'));
    expect(await list(`fact=dispatched&${week}&factUnitId=${f.units.housing}`)).toEqual(cases('a', 'b'));
    expect(await list(`fact=dispatched&${week}&factUnitId=${f.units.housing}&factSubtree=true`)).toEqual(cases('a', 'b', 'c'));
    // B counts as transport's dispatch and return though housing leads it now.
    expect(await list(`fact=dispatched&${week}&factUnitId=${f.units.transport}`)).toEqual(cases('b'));
    expect(await list(`fact=returns&${week}&factUnitId=${f.units.transport}`)).toEqual(cases('b'));
    expect(await list(`fact=returns&${week}&factUnitId=${f.units.housing}`)).toEqual([]);
    expect(await list(`fact=dispatched&factFrom=2026-03-09&factTo=2026-03-15`)).toEqual(cases('d'));
    expect(await list(`fact=dispatched&factFrom=2026-03-03&factTo=2026-03-03`)).toEqual(cases('c'));
  });

  it('lists the visits behind the rates and the shortfall of each', async () => {
    expect(await list(`fact=visits&${week}`)).toEqual(cases('a', 'b'));
    expect(await list(`fact=solved&${week}`)).toEqual(cases('a'));
    expect(await list(`fact=unsolved&${week}`)).toEqual(cases('b'));
    expect(await list(`fact=satisfied&${week}`)).toEqual(cases('a'));
    expect(await list(`fact=unsatisfied&${week}`)).toEqual(cases('b'));
    // A reply closes the unit's handling (办结): A's and B's, both well inside their deadlines.
    expect(await list(`fact=closures&${week}`)).toEqual(cases('a', 'b'));
    expect(await list(`fact=closedOnTime&${week}`)).toEqual(cases('a', 'b'));
    expect(await list(`fact=closedLate&${week}`)).toEqual([]);
    expect(await list(`fact=respondedOnTime&${week}`)).toEqual(cases('a', 'b'));
    // C was never contacted: its response deadline fell due that week, missed.
    expect(await list(`fact=responseMissed&${week}`)).toEqual(cases('c'));
    expect(await list(`fact=responseMissed&${week}&factUnitId=${f.units.housing}`)).toEqual([]);
  });

  it('agrees with the figures per unit', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/stats/figures?from=2026-03-02&to=2026-03-08&by=unit', headers: { cookie: cookies.supervisor ?? '' } });
    expect(res.statusCode, res.body).toBe(200);
    const items = new Map((res.json() as { items: UnitItem[] }).items.map((i) => [i.key, i]));
    for (const unit of [f.units.housing, f.units.housingTeam, f.units.transport]) {
      const figures = items.get(unit);
      for (const fact of ['dispatched', 'returns', 'responseDue', 'respondedOnTime', 'visits', 'solved', 'satisfied', 'overdue', 'closures', 'closedOnTime'] as const) {
        // Each of these cases contributed at most one to each count this week.
        expect((await list(`fact=${fact}&${week}&factUnitId=${unit}`)).length, `${fact} of ${unit}`).toBe(figures?.[fact]);
      }
    }
  });

  it('narrows by line, case type and channel', async () => {
    expect(await list(`fact=dispatched&${week}&type=help`)).toEqual(cases('c'));
    expect(await list(`fact=dispatched&${week}&channel=sms`)).toEqual(cases('c'));
    expect(await list(`fact=dispatched&${week}&lineId=${lineId}`)).toEqual(cases('c'));
    expect(await list(`fact=dispatched&${week}&channel=phone&type=complaint`)).toEqual(cases('a', 'b'));
    expect(await list(`type=complaint&channel=phone`)).toEqual(cases('a', 'b', 'd'));
  });

  it('stays within the caller’s usual case scope', async () => {
    // Transport counted B's dispatch, but B is housing's now: transport's handlers do not see it.
    expect(await list(`fact=dispatched&${week}&factUnitId=${f.units.transport}`, 'transport-handler')).toEqual([]);
    expect(await list(`fact=dispatched&${week}`, 'housing-supervisor')).toEqual(cases('a', 'b', 'c'));
    expect(await list(`fact=dispatched&${week}`, 'team-handler')).toEqual(cases('c'));
  });

  it('refuses what it cannot answer, with a 400', async () => {
    const refused = async (query: string, code: string, who?: string): Promise<void> => {
      const res = await get(query, who);
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { error: { code: string } }).error.code).toBe(code);
    };
    await refused('fact=dispatched', 'INVALID_PERIOD');
    await refused('fact=dispatched&factFrom=2026-03-08&factTo=2026-03-02', 'INVALID_PERIOD');
    await refused('fact=dispatched&factFrom=2026-02-30&factTo=2026-03-02', 'INVALID_PERIOD');
    await refused('fact=dispatched&factFrom=2025-01-01&factTo=2026-03-02', 'INVALID_PERIOD');
    await refused(`factFrom=2026-03-02&factTo=2026-03-08`, 'VALIDATION_FAILED');
    await refused(`fact=nonsense&${week}`, 'VALIDATION_FAILED');
    await refused(`fact=dispatched&${week}&factUnitId=${foreignUnit}`, 'REFERENCE_NOT_FOUND');
    const foreign = await login(t.app, 'elsewhere-admin');
    expect(await list(`fact=dispatched&${week}`, foreign)).toEqual([]);
  });
});
