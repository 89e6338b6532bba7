import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`case list filters and sorting (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let operator: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    operator = await login(t.app, 'operator');
    const open = async (key: string, content: string, daysAgo: number) => {
      ids[key] = (await openCase(t.ctx, {
        jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content,
        actor: { kind: 'staff', userId: f.users.operator }, receivedAt: new Date(Date.now() - daysAgo * 86_400_000),
      })).id;
    };
    await open('noise', '夜间施工噪音扰民，凌晨两点还在打桩。', 10);
    await open('water', '整栋楼停水一天了，没有任何通知。', 5);
    await open('road', '人行道地砖松动，下雨溅水。', 1);
    await open('fresh', '咨询公积金提取流程，能提50%吗？', 0);
    const dispatch = (id: string, unit: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/dispatch`, headers: { cookie: operator }, payload: { leadUnitId: unit } });
    expect((await dispatch(ids.noise ?? '', f.units.housingTeam)).statusCode).toBe(200);
    expect((await dispatch(ids.water ?? '', f.units.housing)).statusCode).toBe(200);
    expect((await dispatch(ids.road ?? '', f.units.transport)).statusCode).toBe(200);
    // The noise case's accept deadline has passed; the water case's is due soonest of the rest.
    const past = new Date(Date.now() - 3_600_000).toISOString();
    await t.ctx.db.updateTable('case_deadlines').set({ due_at: past }).where('case_id', '=', ids.noise ?? '').where('kind', '=', 'accept').execute();
    const soon = new Date(Date.now() + 60_000).toISOString();
    await t.ctx.db.updateTable('case_deadlines').set({ due_at: soon }).where('case_id', '=', ids.water ?? '').where('kind', '=', 'accept').execute();
  });
  afterAll(() => t.close());

  const list = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases?${query}`, headers: { cookie: operator } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; items: Array<{ id: string; leadUnitName: string | null; nextDeadline: { kind: string; overdue: boolean } | null }> };
  };
  const idsOf = (r: { items: Array<{ id: string }> }) => r.items.map((i) => i.id);

  it('filters by status, lead unit (with children) and text', async () => {
    expect(idsOf(await list('status=received'))).toEqual([ids.fresh]);
    expect((await list('status=dispatched,received')).total).toBe(4);
    expect(idsOf(await list(`unitId=${f.units.housing}`)).sort()).toEqual([ids.noise, ids.water].sort());
    expect(idsOf(await list(`q=${encodeURIComponent('停水')}`))).toEqual([ids.water]);
    // Full-text: two-character words inside longer runs, phrases, and never SQL wildcards.
    expect(idsOf(await list(`q=${encodeURIComponent('扰民')}`))).toEqual([ids.noise]);
    expect(idsOf(await list(`q=${encodeURIComponent('施工噪音')}`))).toEqual([ids.noise]);
    expect(idsOf(await list(`q=${encodeURIComponent('噪音施工')}`))).toEqual([]);
    expect(idsOf(await list(`q=${encodeURIComponent('50%')}`))).toEqual([ids.fresh]);
    expect(idsOf(await list(`q=${encodeURIComponent('%')}`))).toEqual([]);
    expect(idsOf(await list(`q=${encodeURIComponent('_')}`))).toEqual([]);
  });

  it('finds overdue cases and reports the next deadline of each', async () => {
    const overdue = await list('overdue=true');
    expect(idsOf(overdue)).toEqual([ids.noise]);
    expect(overdue.items[0]).toMatchObject({ leadUnitName: '物业管理科', nextDeadline: { kind: 'accept', overdue: true } });
    expect((await list('overdue=false')).total).toBe(4);
  });

  it('sorts by the nearest running deadline, cases without one last', async () => {
    expect(idsOf(await list('sort=deadline'))).toEqual([ids.noise, ids.water, ids.road, ids.fresh]);
  });

  it('filters by creation time in any offset', async () => {
    const from = new Date(Date.now() - 3 * 86_400_000);
    const local = new Date(from.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect(idsOf(await list(`from=${encodeURIComponent(local)}`)).sort()).toEqual([ids.road, ids.fresh].sort());
    expect(idsOf(await list(`to=${encodeURIComponent(from.toISOString())}`)).sort()).toEqual([ids.noise, ids.water].sort());
  });

  it('refuses unknown statuses and units', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/cases?status=lost', headers: { cookie: operator } });
    expect(bad.statusCode).toBe(400);
    const unit = await t.app.inject({ method: 'GET', url: '/api/v1/cases?unitId=00000000-0000-4000-8000-000000000000', headers: { cookie: operator } });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.details).toEqual([{ path: 'unitId', message: 'unknown unit' }]);
  });
});

describeDb(`ranked case search (${dialect})`, () => {
  it('ranks by relevance within the user\'s scope and returns highlight ranges', async () => {
    const t = await createTestContext();
    try {
      const f = await seedFixture(t.ctx);
      const open = (content: string) =>
        openCase(t.ctx, { jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content, actor: { kind: 'staff', userId: f.users.operator } });
      const strong = await open('停水停水又停水，整栋楼停水三天。');
      const weak = await open('反映小区绿化问题，顺便问一下上周停水的原因，绿化带杂草太多，绿化养护不到位，希望尽快处理。');
      await open('路灯坏了。');
      const operator = await login(t.app, 'operator');
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/search/cases?q=${encodeURIComponent('停水')}`, headers: { cookie: operator } });
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as Array<{ id: string; highlights: Array<[number, number]> }>;
      expect(items.map((i) => i.id)).toEqual([strong.id, weak.id]);
      expect(items[0]?.highlights).toEqual([[0, 4], [5, 7], [11, 13]]);
      const handler = await login(t.app, 'handler');
      const scoped = await t.app.inject({ method: 'GET', url: `/api/v1/search/cases?q=${encodeURIComponent('停水')}`, headers: { cookie: handler } });
      expect(scoped.json().items).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('reads a page of the best matches the user may see, however far down the ranking they are (ADR 0065)', async () => {
    const t = await createTestContext();
    try {
      const f = await seedFixture(t.ctx);
      // Fifteen matches, saying 停水 1–15 times in texts of one length.
      const cases = [];
      for (let i = 1; i <= 15; i++) {
        const content = `${'停水'.repeat(i)}${'路灯'.repeat(15 - i)}。`;
        cases.push(await openCase(t.ctx, { jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content, actor: { kind: 'staff', userId: f.users.operator } }));
      }
      const operator = await login(t.app, 'operator');
      const search = async (cookie: string, limit: number) => {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/search/cases?q=${encodeURIComponent('停水')}&limit=${limit}`, headers: { cookie } });
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().items as Array<{ id: string }>).map((i) => i.id);
      };
      const ranking = await search(operator, 50);
      expect([...ranking].sort()).toEqual(cases.map((c) => c.id).sort());
      expect(ranking[0]).toBe(cases[14]?.id);
      // The operator's page is the head of the ranking, read without the rest.
      expect(await search(operator, 3)).toEqual(ranking.slice(0, 3));
      // Two of the weakest go to the housing department: its handler's page of one reads past the
      // first ids (none theirs) to the best of the two; a handler of another unit sees none.
      const dispatch = (id: string) => t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/dispatch`, headers: { cookie: operator }, payload: { leadUnitId: f.units.housingTeam } });
      for (const id of [ranking[13], ranking[11]]) expect((await dispatch(id ?? '')).statusCode).toBe(200);
      const handler = await login(t.app, 'handler');
      expect(await search(handler, 1)).toEqual([ranking[11]]);
      expect(await search(handler, 5)).toEqual([ranking[11], ranking[13]]);
      expect(await search(await login(t.app, 'transport-handler'), 5)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
