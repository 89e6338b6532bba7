import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startWorker } from '../src/jobs/worker.js';
import { createJurisdiction, createOrgUnit, createUser } from '../src/modules/org/service.js';
import { dumpDaily, dumpScopeDaily, dumpUnitDaily } from '../src/modules/stats/repository.js';
import { rebuildFigures, refreshFigures } from '../src/modules/stats/rollup.js';
import { sweepDeadlines } from '../src/modules/supervision/sweep.js';
import { login, PASSWORD, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

interface Item {
  unitId: string; unitName: string; dispatched: number; returns: number; returnRate: number | null;
  responseDue: number; respondedOnTime: number; responseRate: number | null; visits: number; solved: number;
  resolutionRate: number | null; satisfied: number; satisfactionRate: number | null; overdue: number;
}
interface Detail { deadlines: Array<{ kind: string; dueAt: string; cancelledAt: string | null }> }

/**
 * Real cases through the real lifecycle API on a clock pinned to March 2026 (only Date is faked;
 * sessions are opened before, so they stay valid). 2026-03-02 is a Monday; Beijing is UTC+8.
 */
describeDb(`figures per unit (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  let foreignCookie = '';
  let now = 0;
  const at = (iso: string | number): void => {
    now = typeof iso === 'number' ? iso : Date.parse(iso);
    vi.setSystemTime(now);
  };
  const later = (minutes: number): void => at(now + minutes * 60_000);

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'handler', 'supervisor', 'transport-handler', 'housing-supervisor', 'official']) cookies[u] = await login(t.app, u);
    const other = await createJurisdiction(t.ctx.db, { code: 'other-city', name: '别市' });
    const root = await createOrgUnit(t.ctx.db, { jurisdictionId: other.id, parentId: null, name: '别市人民政府', kind: 'city' });
    await createUser(t.ctx.db, { jurisdictionId: other.id, orgUnitId: root.id, username: 'other-admin', displayName: 'other', password: PASSWORD, roles: ['admin'] });
    foreignCookie = await login(t.app, 'other-admin');
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  const ok = async (who: string, id: string, path: string, payload: Record<string, unknown> = {}): Promise<Detail> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${path}`, headers: { cookie: cookies[who] ?? '' }, payload });
    expect(res.statusCode, `${who} ${path}: ${res.body}`).toBe(200);
    return res.json() as Detail;
  };
  const open = async (): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: cookies.operator ?? '' },
      payload: { channel: 'phone', callerPhone: '13812340000', content: '小区路灯不亮，夜间出行不便。', type: 'complaint' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const contactDue = (d: Detail): number => Date.parse(d.deadlines.find((x) => x.kind === 'contact' && !x.cancelledAt)?.dueAt ?? '');
  const figures = async (query: string, cookie = cookies.supervisor ?? '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/stats/units?${query}`, headers: { cookie } });
  const items = async (query: string, cookie?: string): Promise<Map<string, Item>> => {
    const res = await figures(query, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json() as { items: Item[] }).items.map((i) => [i.unitId, i]));
  };

  it('drives the cases and keeps the rollup incrementally', async () => {
    // Case A, housing: dispatched Mon 09:00 Beijing, contacted 20 min later (on time), solved and satisfied.
    at('2026-03-02T01:00:00.000Z');
    const a = await open();
    await ok('operator', a, 'dispatch', { leadUnitId: f.units.housing });
    later(5); await ok('handler', a, 'accept');
    later(5); await ok('handler', a, 'contact', { note: '已电话联系' });
    later(10); await ok('handler', a, 'reply', { text: '已修复路灯。' });
    later(10); await ok('operator', a, 'visit', { solved: true, satisfaction: 'satisfied' });
    later(1); expect((await refreshFigures(t.ctx)).ran).toBe(true);

    // Case B: transport gets it and returns it; housing gets it, contacts late (after the sweep
    // marked the contact deadline overdue), the visit finds it unsolved and unsatisfied, a
    // supervisor reopens it, housing contacts on time and the second visit is solved, basically satisfied.
    at('2026-03-02T02:00:00.000Z');
    const b = await open();
    await ok('operator', b, 'dispatch', { leadUnitId: f.units.transport });
    later(10); await ok('transport-handler', b, 'return', { reason: '属于住建局职责' });
    later(10); const toHousing = await ok('operator', b, 'dispatch', { leadUnitId: f.units.housing });
    later(10); await ok('handler', b, 'accept');
    await refreshFigures(t.ctx);
    const due = contactDue(toHousing);
    at(due + 30 * 60_000);
    expect((await sweepDeadlines(t.ctx, { now: () => new Date(now) })).overdue).toBe(1);
    later(30); await ok('handler', b, 'contact', { note: '联系晚了' });
    later(5); await ok('handler', b, 'reply', { text: '已安排维修。' });
    later(5); await ok('operator', b, 'visit', { solved: false, satisfaction: 'unsatisfied' });
    await refreshFigures(t.ctx);
    later(5); await ok('supervisor', b, 'reopen', { reason: '群众反映仍未修好' });
    later(5); await ok('handler', b, 'accept');
    later(5); await ok('handler', b, 'contact', { note: '再次联系' });
    later(5); await ok('handler', b, 'reply', { text: '已更换灯具。' });
    later(5); await ok('operator', b, 'visit', { solved: true, satisfaction: 'basically_satisfied' });
    await refreshFigures(t.ctx);

    // The local-day boundary: D at Sun 03-08 23:59 Beijing, E at Mon 03-09 00:00:30 Beijing.
    at('2026-03-08T15:59:00.000Z');
    const d = await open();
    await ok('operator', d, 'dispatch', { leadUnitId: f.units.transport });
    at('2026-03-08T16:00:30.000Z');
    const e = await open();
    await ok('operator', e, 'dispatch', { leadUnitId: f.units.transport });
    later(1); await refreshFigures(t.ctx);
  });

  it('answers the week’s figures worked out by hand', async () => {
    const week = await items('from=2026-03-02&to=2026-03-08');
    // housing: dispatches A and B's second (a reopening is no dispatch) = 2, no returns → 0.
    // Response deadlines: A on time, B late, B after reopening on time → 2/3.
    // Visits: A solved+satisfied, B unsolved+unsatisfied, B solved+basically satisfied → 2/3 and 2/3.
    // Overdue: B's contact deadline, once, which also sent housing one supervision notice.
    // Closures (replies): A, B, B after reopening = 3, all within the resolve deadline (days) →
    // 按期办结率 3/3; B's reopening counts on its first reply's day → 重办率 1/3. Contacts are the
    // centre's, never a unit's; no call records → answerRate null, callData false.
    expect(week.get(f.units.housing)).toEqual({
      unitId: f.units.housing, unitName: '市住建局',
      dispatched: 2, returns: 0, returnRate: 0,
      responseDue: 3, respondedOnTime: 2, responseRate: 2 / 3,
      visits: 3, solved: 2, resolutionRate: 2 / 3, satisfied: 2, satisfactionRate: 2 / 3,
      overdue: 1,
      contacts: 0, directResolved: 0, directResolutionRate: null,
      closures: 3, closedOnTime: 3, onTimeClosureRate: 1, reopened: 1, reopenRate: 1 / 3,
      overdueDays: 0, extensions: 0, supervisionNotices: 1, arbitrations: 0,
      answerRate: null, callData: false,
    });
    // transport: B (returned) and D (Sunday 23:59 local) = 2 dispatches, 1 return → 0.5. B's contact
    // deadline was withdrawn by the return before it fell due: no response due. E is Monday's.
    expect(week.get(f.units.transport)).toMatchObject({
      unitId: f.units.transport, unitName: '市交通局',
      dispatched: 2, returns: 1, returnRate: 0.5,
      responseDue: 0, respondedOnTime: 0, responseRate: null,
      visits: 0, solved: 0, resolutionRate: null, satisfied: 0, satisfactionRate: null,
      overdue: 0, closures: 0, onTimeClosureRate: null, reopenRate: null,
    });
    const monday = await items('from=2026-03-09&to=2026-03-09');
    expect(monday.get(f.units.transport)?.dispatched).toBe(1);
    const sunday = await items('from=2026-03-08&to=2026-03-08');
    expect(sunday.get(f.units.transport)?.dispatched).toBe(1);
  });

  it('an empty period lists the units with zero counts and null rates', async () => {
    const april = await items('from=2026-04-01&to=2026-04-30');
    expect(april.get(f.units.housing)).toMatchObject({
      dispatched: 0, visits: 0, responseDue: 0, overdue: 0,
      returnRate: null, responseRate: null, resolutionRate: null, satisfactionRate: null,
    });
  });

  it('is scoped like the case lists', async () => {
    const all = await items('from=2026-03-02&to=2026-03-08');
    expect(all.size).toBe(5);
    // A supervisor of the housing department sees housing and its team only.
    const housing = await items('from=2026-03-02&to=2026-03-08', cookies['housing-supervisor']);
    expect([...housing.keys()].sort()).toEqual([f.units.housing, f.units.housingTeam].sort());
    expect(housing.get(f.units.housing)?.dispatched).toBe(2);
    const handler = await items('from=2026-03-02&to=2026-03-08', cookies['transport-handler']);
    expect([...handler.keys()]).toEqual([f.units.transport]);
    // Another jurisdiction sees its own units, and nothing of ours.
    const foreign = await items('from=2026-03-02&to=2026-03-08', foreignCookie);
    expect([...foreign.keys()].some((id) => all.has(id))).toBe(false);
    expect([...foreign.values()].every((i) => i.dispatched === 0 && i.visits === 0)).toBe(true);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/stats/units?from=2026-03-02&to=2026-03-08' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a bad period with a stable code', async () => {
    for (const [query, code] of [
      ['from=2026-02-30&to=2026-03-01', 'INVALID_PERIOD'],
      ['from=2026-03-09&to=2026-03-08', 'INVALID_PERIOD'],
      ['from=2025-03-01&to=2026-03-02', 'INVALID_PERIOD'],
      ['from=2026-3-1&to=2026-03-08', 'VALIDATION_FAILED'],
      ['to=2026-03-08', 'VALIDATION_FAILED'],
    ] as const) {
      const res = await figures(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe(code);
    }
    // A full leap-year span is allowed: 2028-01-01..2028-12-31 is 366 days.
    expect((await figures('from=2028-01-01&to=2028-12-31')).statusCode).toBe(200);
  });

  it('the worker brings a new event into the figures within a pass', async () => {
    at('2026-03-10T01:00:00.000Z');
    const g = await open();
    await ok('operator', g, 'dispatch', { leadUnitId: f.units.housing });
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const worker = startWorker(t.ctx, {
      provider: { name: 'test', send: async () => ({ ok: true, providerMessageId: null }) },
      log: quiet, intervalMs: 50, dailyJobs: () => [],
    });
    try {
      // Date is faked and frozen here, so the wait is measured with performance.now().
      const until = performance.now() + 10_000;
      while ((await items('from=2026-03-10&to=2026-03-10')).get(f.units.housing)?.dispatched !== 1) {
        expect(performance.now(), 'figures not refreshed by the worker').toBeLessThan(until);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
    }
  });

  it('the rebuild from events agrees with the incremental rollup', async () => {
    const incremental = await dumpDaily(t.ctx.db);
    const incrementalPerUnit = await dumpUnitDaily(t.ctx.db);
    const incrementalScope = await dumpScopeDaily(t.ctx.db);
    expect(incremental.length).toBeGreaterThan(0);
    // The narrower rollups (migration 0023) are stat_daily summed over some of its keys.
    const sumOver = (keys: readonly string[]): Array<Record<string, unknown>> => {
      const sums = new Map<string, Record<string, unknown>>();
      for (const row of incremental) {
        const id = keys.map((k) => String(row[k])).join('|');
        const counts = Object.entries(row).filter(([k, v]) => typeof v === 'number' && !keys.includes(k));
        const sum = sums.get(id);
        if (!sum) sums.set(id, { ...Object.fromEntries(keys.map((k) => [k, row[k]])), ...Object.fromEntries(counts) });
        else for (const [k, v] of counts) sum[k] = Number(sum[k]) + Number(v);
      }
      return [...sums.values()];
    };
    const sorted = (rows: Array<Record<string, unknown>>, keys: readonly string[]): Array<Record<string, unknown>> =>
      [...rows].sort((a, b) => keys.map((k) => String(a[k])).join('|').localeCompare(keys.map((k) => String(b[k])).join('|')));
    const unitKeys = ['jurisdiction_id', 'day', 'unit_id'];
    const scopeKeys = ['jurisdiction_id', 'day', 'line_id', 'case_type', 'channel'];
    expect(sorted(incrementalPerUnit, unitKeys)).toEqual(sorted(sumOver(unitKeys), unitKeys));
    expect(sorted(incrementalScope, scopeKeys)).toEqual(sorted(sumOver(scopeKeys), scopeKeys));
    later(1);
    expect((await rebuildFigures(t.ctx)).ran).toBe(true);
    expect(await dumpDaily(t.ctx.db)).toEqual(incremental);
    expect(await dumpUnitDaily(t.ctx.db)).toEqual(incrementalPerUnit);
    expect(await dumpScopeDaily(t.ctx.db)).toEqual(incrementalScope);
    // And a refresh with nothing new changes nothing, also three at once: one holds the
    // watermark, the others wait for it or give up; none fails or counts twice.
    later(1);
    const results = await Promise.all([refreshFigures(t.ctx), refreshFigures(t.ctx), refreshFigures(t.ctx)]);
    expect(results.some((r) => r.ran)).toBe(true);
    expect(await dumpDaily(t.ctx.db)).toEqual(incremental);
  });
});
