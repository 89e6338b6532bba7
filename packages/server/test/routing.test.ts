import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

const HOUSING = ['小区电梯又坏了，物业一直不修', '物业乱收停车费', '楼顶水箱漏水物业不管', '物业服务差，垃圾不清运', '电梯困人后物业才来', '小区物业费上涨不公示'];
const TRANSPORT = ['公交车站牌被撞倒了', '红绿灯时间太短过不了马路', '路口经常堵车需要交警疏导', '公交线路调整后没有车坐', '道路标线不清晰', '出租车拒载绕路'];

describeDb(`routing from the jurisdiction's own history (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  it('refuses to train without enough closed cases, and starts cold from keyword rules', async () => {
    const admin = await login(t.app, 'admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/routing/train', headers: { cookie: admin }, payload: {} });
    expect(res.statusCode).toBe(409);
    const operator = await login(t.app, 'operator');
    const suggest = async () =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/intake/suggest', headers: { cookie: operator }, payload: { content: '小区物业不修电梯' } })).json().routing;
    expect(await suggest()).toBeNull();
    const rules = [{ unitId: f.units.housing, keywords: ['物业', '电梯'] }, { unitId: f.units.transport, keywords: ['公交', '红绿灯'] }];
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/routing/keywords', headers: { cookie: admin }, payload: { rules } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await suggest()).toEqual({ source: 'keywords', modelVersion: null, suggestions: [{ unitId: f.units.housing, unitName: '市住建局', probability: 1 }] });
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/routing/keywords', headers: { cookie: admin }, payload: { rules: [{ unitId: '00000000-0000-4000-8000-000000000000', keywords: ['物业'] }] } });
    expect(bad.statusCode).toBe(400);
  });

  it('trains on closed cases labelled by their final unit, versions the model, and suggests units', async () => {
    const now = new Date().toISOString();
    const rows = [...HOUSING.flatMap((c) => [c, `${c}，请尽快处理`, `反映：${c}`]).map((content) => ({ content, unit: f.units.housing })),
      ...TRANSPORT.flatMap((c) => [c, `${c}，请尽快处理`, `反映：${c}`]).map((content) => ({ content, unit: f.units.transport }))];
    let n = 0;
    for (const r of rows) {
      n++;
      await t.ctx.db.insertInto('cases').values({
        id: crypto.randomUUID(), jurisdiction_id: f.jurisdiction.id, case_number: `20260101-${String(n).padStart(6, '0')}`, tracking_code_hash: crypto.randomUUID(),
        status: 'closed', channel: 'phone', type: 'complaint', urgency: 'normal', content: r.content, lead_unit_id: r.unit, created_at: now, updated_at: now, closed_at: now,
      }).execute();
    }
    const admin = await login(t.app, 'admin');
    const trained = await t.app.inject({ method: 'POST', url: '/api/v1/admin/routing/train', headers: { cookie: admin }, payload: {} });
    expect(trained.statusCode, trained.body).toBe(200);
    expect(trained.json()).toMatchObject({ version: 1, metrics: { examples: 36, labels: 2 } });
    expect(trained.json().metrics.accuracy).toBeGreaterThan(0.5);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/admin/routing/train', headers: { cookie: admin }, payload: {} });
    expect(again.json().version).toBe(2);
    const models = await t.app.inject({ method: 'GET', url: '/api/v1/admin/routing/models', headers: { cookie: admin } });
    expect((models.json().items as Array<{ version: number }>).map((m) => m.version)).toEqual([2, 1]);

    const operator = await login(t.app, 'operator');
    const suggest = await t.app.inject({ method: 'POST', url: '/api/v1/intake/suggest', headers: { cookie: operator }, payload: { content: '我们小区的电梯坏了三天，物业说没钱修' } });
    expect(suggest.statusCode, suggest.body).toBe(200);
    const body = suggest.json();
    expect(body.routing).toMatchObject({ source: 'model', modelVersion: 2 });
    expect(body.routing.suggestions[0]).toMatchObject({ unitId: f.units.housing, unitName: '市住建局' });
    const total = (body.routing.suggestions as Array<{ probability: number }>).reduce((s, x) => s + x.probability, 0);
    expect(total).toBeCloseTo(1, 3);
    expect(body.urgency.level).toBe('normal');

    // Each dispatch records the model's top suggestion beside the operator's choice.
    const dispatchTo = async (content: string, unit: string) => {
      const intake = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: operator }, payload: { channel: 'phone', callerPhone: '13800006666', content, type: 'complaint' } });
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${intake.json().id}/dispatch`, headers: { cookie: operator }, payload: { leadUnitId: unit } });
      expect(res.statusCode, res.body).toBe(200);
    };
    await dispatchTo('小区电梯坏了物业不修', f.units.housing);
    await dispatchTo('小区物业乱收费', f.units.transport);
    const rated = await t.app.inject({ method: 'GET', url: '/api/v1/admin/routing/models', headers: { cookie: admin } });
    expect(rated.json().items[0]).toMatchObject({ version: 2, dispatches: 2, correctionRate: 0.5 });
    expect(rated.json().items[1]).toMatchObject({ version: 1, dispatches: 0, correctionRate: null });
  });

  it('flags an emergency for redirect while the operator types', async () => {
    const operator = await login(t.app, 'operator');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/intake/suggest', headers: { cookie: operator }, payload: { content: '楼下饭店着火了，冒了好多烟！' } });
    expect(res.json().urgency).toMatchObject({ level: 'emergency', redirect: { number: '119' } });
    const near = await t.app.inject({ method: 'POST', url: '/api/v1/intake/suggest', headers: { cookie: operator }, payload: { content: '消防通道被电动车占用了' } });
    expect(near.json().urgency.level).toBe('normal');
    const handler = await login(t.app, 'handler');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/intake/suggest', headers: { cookie: handler }, payload: { content: 'x' } })).statusCode).toBe(403);
  });
});

describeDb(`daily retraining (${dialect})`, () => {
  it('skips jurisdictions without enough history, and keeps a model younger than a day', async () => {
    const { retrainAllRouters } = await import('../src/modules/routing/schedule.js');
    const t = await createTestContext();
    try {
      const f = await seedFixture(t.ctx);
      expect(await retrainAllRouters(t.ctx)).toEqual([]);
      const now = new Date().toISOString();
      for (let i = 0; i < 40; i++) {
        await t.ctx.db.insertInto('cases').values({
          id: crypto.randomUUID(), jurisdiction_id: f.jurisdiction.id, case_number: `20260101-${String(i + 1).padStart(6, '0')}`, tracking_code_hash: crypto.randomUUID(),
          status: 'closed', channel: 'phone', type: 'complaint', urgency: 'normal', content: i % 2 ? `物业电梯问题${i}` : `公交站牌问题${i}`,
          lead_unit_id: i % 2 ? f.units.housing : f.units.transport, created_at: now, updated_at: now, closed_at: now,
        }).execute();
      }
      expect((await retrainAllRouters(t.ctx)).map((r) => r.version)).toEqual([1]);
      expect(await retrainAllRouters(t.ctx)).toEqual([]);
      const tomorrow = new Date(Date.now() + 86_400_000);
      expect((await retrainAllRouters(t.ctx, tomorrow)).map((r) => r.version)).toEqual([2]);
    } finally {
      await t.close();
    }
  });
});
