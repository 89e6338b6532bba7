import { afterAll, beforeAll, expect, it } from 'vitest';
import { retrainAllCategoryModels } from '../src/modules/categories/learned/train.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

// Phrasings a category's keywords do not contain: what only a model trained on history catches.
const STREETLIGHTS = ['晚上小区门口一片漆黑，灯一直不亮', '路边那排灯坏了好几盏没人修', '夜里走路看不见，灯杆上的灯不亮了', '马路上的灯晚上不亮很危险', '桥下的灯黑了半个月', '人行道的照明坏了'];
const FEES = ['物业今年突然多收钱也不说明', '停车位每月又多交两百', '物业收费项目不公开', '收了钱服务没改善', '水电公摊费用算得不对', '物业费涨了没有开业主大会'];

interface Suggest { categories: Array<{ categoryId: string; code: string; share: number; matched: string[] }>; categorySource: string; categoryModelVersion: number | null }

/** The learned category model (ADR 0045): trained on closed categorised cases and corrections, used once trained. */
describeDb(`category suggestion learned from the jurisdiction's cases (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookie: Record<string, string> = {};
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const who of ['operator', 'admin', 'supervisor']) cookie[who] = await login(t.app, who);
    expect((await call('admin', 'POST', '/api/v1/admin/categories/load-defaults')).statusCode).toBe(200);
    const rows = await t.ctx.db.selectFrom('case_categories').select(['id', 'code']).where('jurisdiction_id', '=', f.jurisdiction.id).execute();
    for (const r of rows) ids.set(r.code, r.id);
  });
  afterAll(() => t.close());

  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie: cookie[who] ?? '' }, ...(method === 'GET' ? {} : { payload: (payload ?? {}) as Record<string, unknown> }) });
  const id = (code: string): string => ids.get(code) ?? `missing ${code}`;
  const suggest = async (content: string): Promise<Suggest> => {
    const res = await call('operator', 'POST', '/api/v1/intake/suggest', { content });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Suggest;
  };
  let n = 0;
  const closedCase = async (content: string, categoryCode: string | null, status = 'closed'): Promise<string> => {
    n++;
    const now = new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString();
    const caseId = crypto.randomUUID();
    await t.ctx.db.insertInto('cases').values({
      id: caseId, jurisdiction_id: f.jurisdiction.id, case_number: `20261101-${String(n).padStart(6, '0')}`, tracking_code_hash: crypto.randomUUID(),
      status, channel: 'phone', type: 'complaint', urgency: 'normal', content, content_enc: t.ctx.pii.encrypt(content),
      category_id: categoryCode === null ? null : id(categoryCode), created_at: now, updated_at: now, closed_at: status === 'closed' ? now : null,
    }).execute();
    return caseId;
  };

  it('keeps keyword suggestions and refuses to train until there is enough categorised history', async () => {
    const cold = await suggest('小区门口的路灯坏了');
    expect(cold).toMatchObject({ categorySource: 'keywords', categoryModelVersion: null });
    expect(cold.categories[0]).toMatchObject({ code: 'streetlights' });
    for (const c of STREETLIGHTS.slice(0, 3)) await closedCase(c, 'streetlights');
    const refused = await call('admin', 'POST', '/api/v1/admin/category-models/train');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    expect(await retrainAllCategoryModels(t.ctx)).toEqual([]);
  });

  it('learns from closed cases (not open or uncategorised ones) and then suggests by the model', async () => {
    for (const c of STREETLIGHTS) for (const tail of ['', '，请尽快处理', '。谢谢']) await closedCase(`${c}${tail}`, 'streetlights');
    for (const c of FEES) for (const tail of ['', '，请尽快处理', '。谢谢']) await closedCase(`${c}${tail}`, 'property-fee');
    // Neither counts: nobody has confirmed an open case's citizen-chosen category, and no category is no label.
    await closedCase('物业多收停车费', 'streetlights', 'dispatched');
    await closedCase('灯不亮', null);
    expect((await call('operator', 'POST', '/api/v1/admin/category-models/train')).statusCode).toBe(403);

    const trained = await call('admin', 'POST', '/api/v1/admin/category-models/train');
    expect(trained.statusCode, trained.body).toBe(200);
    expect(trained.json()).toMatchObject({ version: 1, metrics: { examples: 3 + 36, labels: 2, correctionExamples: 0 } });
    expect(trained.json().metrics.accuracy).toBeGreaterThan(0.5);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'target_type', 'target_id']).where('action', '=', 'category.train').execute();
    expect(audit).toEqual([{ action: 'category.train', target_type: 'category_model', target_id: '1' }]);

    const learned = await suggest('我家楼下那几盏灯晚上不亮，黑漆漆的');
    expect(learned).toMatchObject({ categorySource: 'model', categoryModelVersion: 1 });
    expect(learned.categories[0]?.code).toBe('streetlights');
    expect(learned.categories.length).toBeLessThanOrEqual(3);
    const total = learned.categories.reduce((s, c) => s + c.share, 0);
    expect(total).toBeGreaterThan(0.99);
    expect((await suggest('物业又多收了钱，也没有公示')).categories[0]?.code).toBe('property-fee');

    const models = await call('admin', 'GET', '/api/v1/admin/category-models');
    expect(models.statusCode).toBe(200);
    expect(models.json().items).toMatchObject([{ version: 1, trainedBy: expect.any(String), metrics: { examples: 39 } }]);
    expect((await call('supervisor', 'GET', '/api/v1/admin/category-models')).statusCode).toBe(403);
  });

  it('counts an operator correction twice, even on an open case, and never offers a retired category', async () => {
    const open = await closedCase('小区里晚上黑乎乎的没有照明', 'property-fee', 'dispatched');
    const corrected = await call('operator', 'PUT', `/api/v1/cases/${open}/category`, { categoryId: id('streetlights') });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const trained = await call('admin', 'POST', '/api/v1/admin/category-models/train');
    expect(trained.json()).toMatchObject({ version: 2, metrics: { examples: 40, correctionExamples: 1 } });

    const retired = await call('admin', 'POST', `/api/v1/admin/categories/${id('streetlights')}/retire`);
    expect(retired.statusCode, retired.body).toBe(200);
    const after = await suggest('路边那排灯坏了好几盏没人修');
    expect(after.categorySource).toBe('model');
    expect(after.categories.map((c) => c.code)).not.toContain('streetlights');
  });

  it('offers a leaf added after training by its words, before the model\'s choices', async () => {
    const parent = id('urban-appearance');
    const added = await call('admin', 'POST', '/api/v1/admin/categories', { parentId: parent, code: 'roof-noise', name: '楼顶异响', keywords: ['楼顶怪声'] });
    expect(added.statusCode, added.body).toBe(201);
    const s = await suggest('每天夜里楼顶怪声，路边的灯也不亮');
    expect(s.categorySource).toBe('model');
    expect(s.categories[0]).toMatchObject({ code: 'roof-noise', matched: ['楼顶怪声'] });
    // The rest is still the model's ranking (streetlights is retired above, so fees follow).
    expect(s.categories.slice(1).map((c) => c.code)).toContain('property-fee');
  });

  it('is retrained daily by the worker, at most once a day', async () => {
    expect(await retrainAllCategoryModels(t.ctx)).toEqual([]);
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const done = await retrainAllCategoryModels(t.ctx, tomorrow);
    expect(done.map((d) => d.version)).toEqual([3]);
  });
});
