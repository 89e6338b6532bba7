import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { dumpCategoryDaily, dumpDaily, dumpScopeDaily, dumpUnitDaily } from '../src/modules/stats/repository.js';
import { rebuildFigures, refreshFigures } from '../src/modules/stats/rollup.js';
import { sweepDeadlines } from '../src/modules/supervision/sweep.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * The refresh adds each changed case's difference to the rollups (ADR 0018). Cases that change
 * again and again, move between units and days, vanish (invalidated) and come back (restored):
 * after every pass the three rollups must equal what a rebuild computes from scratch, row for
 * row, with no row left holding only zeros.
 */
describeDb(`figures refresh by differences (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  let now = 0;
  const at = (iso: string | number): void => {
    now = typeof iso === 'number' ? iso : Date.parse(iso);
    vi.setSystemTime(now);
  };
  const later = (minutes: number): void => at(now + minutes * 60_000);

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'handler', 'supervisor', 'transport-handler']) cookies[u] = await login(t.app, u);
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  const ok = async (who: string, id: string, path: string, payload: Record<string, unknown> = {}): Promise<void> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${path}`, headers: { cookie: cookies[who] ?? '' }, payload });
    expect(res.statusCode, `${who} ${path}: ${res.body}`).toBe(200);
  };
  const open = async (): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: cookies.operator ?? '' },
      payload: { channel: 'phone', callerPhone: '13812340000', content: '小区路灯不亮，夜间出行不便。', type: 'complaint' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const dump = async () => ({ daily: await dumpDaily(t.ctx.db), unit: await dumpUnitDaily(t.ctx.db), scope: await dumpScopeDaily(t.ctx.db), category: await dumpCategoryDaily(t.ctx.db) });
  const unitDay = async (unitId: string, day: string) => (await dumpUnitDaily(t.ctx.db)).find((r) => r.unit_id === unitId && r.day === day);

  /** One incremental pass, then: the tables equal a rebuild's, and no row is all zeros. */
  const passAndCheck = async (): Promise<Awaited<ReturnType<typeof dump>>> => {
    expect((await refreshFigures(t.ctx)).ran).toBe(true);
    const incremental = await dump();
    for (const row of [...incremental.daily, ...incremental.unit, ...incremental.scope]) {
      expect(Object.entries(row).some(([k, v]) => typeof v === 'number' && v !== 0 && k !== 'day'), JSON.stringify(row)).toBe(true);
    }
    later(1);
    expect((await rebuildFigures(t.ctx)).ran).toBe(true);
    expect(await dump()).toEqual(incremental);
    later(1);
    return incremental;
  };

  it('keeps every rollup equal to a rebuild while cases change across passes', async () => {
    // Monday 2026-03-02 (Beijing, UTC+8): A to housing, B to transport.
    at('2026-03-02T01:00:00.000Z');
    const a = await open();
    await ok('operator', a, 'dispatch', { leadUnitId: f.units.housing });
    const b = await open();
    await ok('operator', b, 'dispatch', { leadUnitId: f.units.transport });
    const first = await passAndCheck();
    expect(first.daily.length).toBeGreaterThan(0);
    expect((await unitDay(f.units.transport, '2026-03-02'))?.dispatched).toBe(1);

    // Read again with nothing new (the overlap re-reads both cases): nothing changes.
    later(1);
    expect((await refreshFigures(t.ctx)).ran).toBe(true);
    expect(await dump()).toEqual(first);

    // B is invalidated: its cells and its contact vanish, and transport's Monday row with them.
    later(30); await ok('supervisor', b, 'invalidate', { reason: '骚扰推销，非诉求' });
    await passAndCheck();
    expect(await unitDay(f.units.transport, '2026-03-02')).toBeUndefined();

    // A is returned by housing and, on Tuesday, dispatched to transport; accepted, contacted.
    later(30); await ok('handler', a, 'return', { reason: '属于交通局职责' });
    await passAndCheck();
    at('2026-03-03T02:00:00.000Z');
    await ok('operator', a, 'dispatch', { leadUnitId: f.units.transport });
    await passAndCheck();
    later(10); await ok('transport-handler', a, 'accept');
    later(10); await ok('transport-handler', a, 'contact', { note: '已联系' });
    await passAndCheck();

    // Wednesday: B is restored and dispatched to housing, which lets its contact deadline lapse.
    at('2026-03-04T02:00:00.000Z');
    await ok('supervisor', b, 'restore', { reason: '复核后确认为有效诉求' });
    await passAndCheck();
    later(5); await ok('operator', b, 'dispatch', { leadUnitId: f.units.housing });
    await passAndCheck();
    at('2026-03-06T02:00:00.000Z');
    expect((await sweepDeadlines(t.ctx, { now: () => new Date(now) })).overdue).toBeGreaterThan(0);
    await passAndCheck();
    expect((await unitDay(f.units.housing, '2026-03-04'))?.dispatched).toBe(1);

    // Both close the loop on Friday: replies and visits, several events in one pass.
    later(10); await ok('transport-handler', a, 'reply', { text: '已修复路灯。' });
    later(10); await ok('operator', a, 'visit', { solved: true, satisfaction: 'satisfied' });
    later(10); await ok('handler', b, 'accept');
    later(10); await ok('handler', b, 'contact', { note: '联系晚了' });
    later(10); await ok('handler', b, 'reply', { text: '已安排维修。' });
    later(10); await ok('operator', b, 'visit', { solved: false, satisfaction: 'unsatisfied' });
    const last = await passAndCheck();
    expect(last.unit.some((r) => r.unit_id === f.units.transport && r.solved === 1)).toBe(true);
  });
});
