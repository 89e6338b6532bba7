import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

const HOUSING = ['小区电梯又坏了，物业一直不修', '物业乱收停车费', '楼顶水箱漏水物业不管', '物业服务差，垃圾不清运', '电梯困人后物业才来', '小区物业费上涨不公示'];
const TRANSPORT = ['公交车站牌被撞倒了', '红绿灯时间太短过不了马路', '路口经常堵车需要交警疏导', '公交线路调整后没有车坐', '道路标线不清晰', '出租车拒载绕路'];

/** 36 closed cases, half housing (物业, 电梯) and half transport (公交, 红绿灯), as direct rows. */
async function seedClosedHistory(t: TestContext, f: Fixture): Promise<void> {
  const now = new Date().toISOString();
  const rows = [...HOUSING.flatMap((c) => [c, `${c}，请尽快处理`, `反映：${c}`]).map((content) => ({ content, unit: f.units.housing })),
    ...TRANSPORT.flatMap((c) => [c, `${c}，请尽快处理`, `反映：${c}`]).map((content) => ({ content, unit: f.units.transport }))];
  let n = 0;
  for (const r of rows) {
    n++;
    await t.ctx.db.insertInto('cases').values({
      id: crypto.randomUUID(), jurisdiction_id: f.jurisdiction.id, case_number: `20260101-${String(n).padStart(6, '0')}`, tracking_code_hash: crypto.randomUUID(),
      status: 'closed', channel: 'phone', type: 'complaint', urgency: 'normal', content: r.content, content_enc: t.ctx.pii.encrypt(r.content), lead_unit_id: r.unit, created_at: now, updated_at: now, closed_at: now,
    }).execute();
  }
}

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
    await seedClosedHistory(t, f);
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
          status: 'closed', channel: 'phone', type: 'complaint', urgency: 'normal', content: i % 2 ? `物业电梯问题${i}` : `公交站牌问题${i}`, content_enc: t.ctx.pii.encrypt('-'),
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

describeDb(`operator corrections as training examples (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['admin', 'operator', 'supervisor', 'handler', 'transport-handler']) cookies[u] = await login(t.app, u);
    await seedClosedHistory(t, f);
  });
  afterAll(() => t.close());

  const post = async (who: string, url: string, payload: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url, headers: { cookie: cookies[who] ?? '' }, payload });
    expect(res.statusCode, `${who} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const topSuggestion = async (content: string): Promise<string> =>
    (await post('operator', '/api/v1/intake/suggest', { content })).routing.suggestions[0].unitId;
  const redispatch = (id: string, unitId: string) => post('operator', `/api/v1/cases/${id}/dispatch`, { leadUnitId: unitId });
  const dispatch = async (content: string, unitId: string): Promise<string> => {
    const { id } = await post('operator', '/api/v1/cases', { channel: 'phone', callerPhone: '13800007777', content, type: 'complaint' });
    await redispatch(id, unitId);
    return id as string;
  };
  const train = async () => (await post('admin', '/api/v1/admin/routing/train')) as { version: number; metrics: Record<string, number> };
  const handlerOf = (unitId: string) => (unitId === f.units.housing ? 'handler' : 'transport-handler');

  // The model's unit and the operators' for a matter the history never saw; the accepted corrections.
  let wrong = '';
  let right = '';
  const accepted: string[] = [];

  it('learns from corrections the chosen unit accepted, not from ones it returned or has not accepted yet', async () => {
    const v1 = await train();
    expect(v1.metrics).toMatchObject({ examples: 36, correctionExamples: 0, openCorrectionExamples: 0 });
    // The model sends noise complaints to one of the two units it knows; the operators keep
    // choosing the other one, whose handlers accept.
    const probe = '晚上广场舞音响声音太大，吵得没法休息';
    wrong = await topSuggestion(probe);
    right = wrong === f.units.housing ? f.units.transport : f.units.housing;
    for (const content of ['广场舞噪音扰民，影响休息', '广场舞音响声太吵', '广场舞音乐声音太大，每天吵到十点', '公园广场舞噪音太大']) {
      expect(await topSuggestion(content), content).toBe(wrong);
      const id = await dispatch(content, right);
      await post(handlerOf(right), `/api/v1/cases/${id}/accept`);
      accepted.push(id);
    }
    // The same correction, returned by the chosen unit: the operator's choice was not confirmed.
    const returned = await dispatch('广场舞噪音问题', right);
    await post(handlerOf(right), `/api/v1/cases/${returned}/return`, { reason: '不属于本单位职责' });
    // Dispatched but not accepted yet: the unit may still return it.
    await dispatch('广场舞音响扰民', right);
    // Corrected, returned, re-dispatched as the model suggested, returned again, and arbitrated
    // back to the first choice: the latest dispatch followed the model, so no correction counts.
    const arbitrated = await dispatch('广场舞音乐扰民', right);
    await post(handlerOf(right), `/api/v1/cases/${arbitrated}/return`, { reason: '不属于本单位职责' });
    await redispatch(arbitrated, wrong);
    await post(handlerOf(wrong), `/api/v1/cases/${arbitrated}/return`, { reason: '不属于本单位职责' });
    await post('supervisor', `/api/v1/cases/${arbitrated}/arbitrate`, { leadUnitId: right, note: '经核查属该单位职责' });
    await post(handlerOf(right), `/api/v1/cases/${arbitrated}/accept`);

    const v2 = await train();
    expect(v2.metrics).toMatchObject({ examples: 40, correctionExamples: 4, openCorrectionExamples: 4 });
    expect(await topSuggestion(probe)).toBe(right);
    const models = await t.app.inject({ method: 'GET', url: '/api/v1/admin/routing/models', headers: { cookie: cookies.admin } });
    expect(models.json().items[0]).toMatchObject({ version: 2, metrics: { correctionExamples: 4, openCorrectionExamples: 4 } });
  });

  it('counts a correction the case closed with as a confirmed one, and one closed elsewhere as plain history', async () => {
    // Two accepted corrections close: one with the chosen unit, one after being moved elsewhere
    // (as an arbitration would): that one is an ordinary closed case labelled by its final unit.
    const [confirmed, moved] = accepted;
    const now = new Date().toISOString();
    await t.ctx.db.updateTable('cases').set({ status: 'closed', closed_at: now }).where('id', '=', confirmed!).execute();
    await t.ctx.db.updateTable('cases').set({ status: 'closed', closed_at: now, lead_unit_id: wrong }).where('id', '=', moved!).execute();
    const v3 = await train();
    expect(v3.metrics).toMatchObject({ examples: 40, correctionExamples: 3, openCorrectionExamples: 2 });
  });
});
