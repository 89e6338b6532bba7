import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { refreshFigures } from '../src/modules/stats/rollup.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

interface Item { unitId: string; rank: number | null; score: number | null; volume: number; responseRate: number | null; previousRank: number | null; previousScore: number | null; change: number | null }
interface Detail { deadlines: Array<{ kind: string; dueAt: string; cancelledAt: string | null }> }

/**
 * Real cases through the lifecycle API in February and March 2026 (only Date is faked), then the
 * ranking under the default weights and under weights an admin puts. Expected scores on paper.
 */
describeDb(`ranking and its weights (${dialect})`, () => {
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
    for (const u of ['operator', 'handler', 'transport-handler', 'supervisor', 'housing-supervisor', 'admin']) cookies[u] = await login(t.app, u);
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
  /** One case from dispatch to visit; the contact comes after the contact deadline when `late`. */
  const handle = async (unit: string, handler: string, o: { late: boolean; solved: boolean; satisfaction: string }): Promise<void> => {
    const id = await open();
    const detail = await ok('operator', id, 'dispatch', { leadUnitId: unit });
    later(5); await ok(handler, id, 'accept');
    if (o.late) at(Date.parse(detail.deadlines.find((d) => d.kind === 'contact' && !d.cancelledAt)?.dueAt ?? '') + 60 * 60_000);
    else later(5);
    await ok(handler, id, 'contact', { note: '已联系' });
    later(5); await ok(handler, id, 'reply', { text: '已处理。' });
    later(5); await ok('operator', id, 'visit', { solved: o.solved, satisfaction: o.satisfaction });
  };
  const ranking = async (query: string, who = 'supervisor'): Promise<Map<string, Item>> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/stats/ranking?${query}`, headers: { cookie: cookies[who] ?? '' } });
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json() as { items: Item[] }).items.map((i) => [i.unitId, i]));
  };
  const putWeights = (settings: unknown, who = 'admin') =>
    t.app.inject({ method: 'PUT', url: '/api/v1/admin/ranking-weights', headers: { cookie: cookies[who] ?? '' }, payload: { settings } });

  it('drives February and March', async () => {
    // February: housing answers on time, solved and satisfied; transport on time, unsolved, unsatisfied.
    at('2026-02-10T01:00:00.000Z');
    await handle(f.units.housing, 'handler', { late: false, solved: true, satisfaction: 'satisfied' });
    at('2026-02-10T02:00:00.000Z');
    await handle(f.units.transport, 'transport-handler', { late: false, solved: false, satisfaction: 'unsatisfied' });
    // March: housing contacts late but solves, satisfied; transport on time, solved, unsatisfied.
    at('2026-03-03T01:00:00.000Z');
    await handle(f.units.housing, 'handler', { late: true, solved: true, satisfaction: 'satisfied' });
    at('2026-03-03T02:00:00.000Z');
    await handle(f.units.transport, 'transport-handler', { late: false, solved: true, satisfaction: 'unsatisfied' });
    later(1); await refreshFigures(t.ctx);
  });

  it('lists units below the minimum volume unranked, with their score', async () => {
    const march = await ranking('month=2026-03&kind=department');
    // Default 10/45/45: housing (0·10 + 45 + 45)/100 = 90; transport (10 + 45 + 0)/100 = 55. One dispatch each, below 5.
    expect(march.get(f.units.housing)).toMatchObject({ rank: null, score: 90, volume: 1, responseRate: 0 });
    expect(march.get(f.units.transport)).toMatchObject({ rank: null, score: 55, volume: 1 });
    // The housing team had nothing: no score.
    expect(march.get(f.units.housingTeam)).toMatchObject({ rank: null, score: null, volume: 0 });
    expect(march.has(f.units.centre)).toBe(false);
  });

  it('an admin edits the weights; validation refuses bad ones and the edit is audited', async () => {
    const bad = await putWeights({ weights: { response: -1, resolution: 45, satisfaction: 45 }, minVolume: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('settings.weights.response');
    const zero = await putWeights({ weights: { response: 0, resolution: 0, satisfaction: 0 }, minVolume: 1 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.details[0].path).toBe('settings.weights');
    expect((await putWeights({ weights: { response: 10, resolution: 45, satisfaction: 45 }, minVolume: 1 }, 'supervisor')).statusCode).toBe(403);

    const put = await putWeights({ weights: { response: 10, resolution: 45, satisfaction: 45 }, minVolume: 1 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().settings.minVolume).toBe(1);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['detail', 'actor_user_id']).where('action', '=', 'settings.ranking_weights').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ before: { minVolume: 5 }, after: { minVolume: 1 } });
    expect(audit[0]?.actor_user_id).toBe(f.users.admin);
  });

  it('ranks March with February beside it', async () => {
    const march = await ranking('month=2026-03&kind=department');
    // February: housing 100, transport (10·1 + 0 + 0)/100 = 10.
    expect(march.get(f.units.housing)).toMatchObject({ rank: 1, score: 90, previousRank: 1, previousScore: 100, change: 0 });
    expect(march.get(f.units.transport)).toMatchObject({ rank: 2, score: 55, previousRank: 2, previousScore: 10, change: 0 });
    const order = [...march.values()].map((i) => i.unitId);
    expect(order.slice(0, 2)).toEqual([f.units.housing, f.units.transport]);
  });

  it('changes order when the weights change, month over month under the same weights', async () => {
    expect((await putWeights({ weights: { response: 1, resolution: 0, satisfaction: 0 }, minVolume: 1 })).statusCode).toBe(200);
    const march = await ranking('month=2026-03&kind=department');
    // Response only: transport 100, housing 0; February both 100, tied at rank 1.
    expect([...march.values()].slice(0, 2).map((i) => i.unitId)).toEqual([f.units.transport, f.units.housing]);
    expect(march.get(f.units.transport)).toMatchObject({ rank: 1, score: 100, previousRank: 1, previousScore: 100, change: 0 });
    expect(march.get(f.units.housing)).toMatchObject({ rank: 2, score: 0, previousRank: 1, previousScore: 100, change: -1 });
  });

  it('keeps weights per jurisdiction and scopes the ranking like case lists', async () => {
    const got = await t.app.inject({ method: 'GET', url: '/api/v1/admin/ranking-weights', headers: { cookie: cookies.admin ?? '' } });
    expect(got.json()).toMatchObject({ settings: { weights: { response: 1, resolution: 0, satisfaction: 0 } }, defaults: { weights: { response: 10, resolution: 45, satisfaction: 45 }, minVolume: 5 } });
    const housing = await ranking('month=2026-03&kind=department', 'housing-supervisor');
    expect([...housing.keys()].sort()).toEqual([f.units.housing, f.units.housingTeam].sort());
    expect(housing.get(f.units.housing)?.rank).toBe(1);
    expect((await ranking('month=2026-03&kind=street')).size).toBe(0);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/stats/ranking?month=2026-13', headers: { cookie: cookies.supervisor ?? '' } });
    expect(bad.statusCode).toBe(400);
  });
});
