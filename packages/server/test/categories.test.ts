import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpCategoryDaily } from '../src/modules/stats/repository.js';
import { rebuildFigures, refreshFigures } from '../src/modules/stats/rollup.js';
import { fileAppeal, login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

interface Node { id: string; parentId: string | null; code: string; name: string; level: number; retired: boolean; keywords: string[]; children: Node[] }
interface FigureItem { key: string; label: string; dispatched: number; contacts: number }

/**
 * The category tree (issue 12 §6, ADR 0026): the default tree, an admin's edits under core's
 * rules, categories on cases (intake, public form, correction), the list filter, the intake
 * suggestion and the figures by category.
 */
describeDb(`case categories (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookie: Record<string, string> = {};
  const byCode = new Map<string, Node>();

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const who of ['operator', 'supervisor', 'admin', 'handler', 'official']) cookie[who] = await login(t.app, who);
  });
  afterAll(() => t.close());

  const call = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie: cookie[who] ?? '' }, ...(payload !== undefined || method === 'POST' || method === 'DELETE' ? { payload: (payload ?? {}) as Record<string, unknown> } : {}) });
  const tree = async (who = 'handler', includeRetired = false): Promise<Node[]> => {
    const res = await call(who, 'GET', `/api/v1/categories?includeRetired=${includeRetired}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Node[] }).items;
  };
  const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
  const refresh = async (): Promise<void> => {
    for (const n of flatten(await tree('admin', true))) byCode.set(n.code, n);
  };
  const id = (code: string): string => byCode.get(code)?.id ?? `missing ${code}`;
  let phone = 13900001000;
  const open = async (content: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await call('operator', 'POST', '/api/v1/cases', { channel: 'phone', callerPhone: String((phone += 1)), content, type: 'complaint', ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const auditActions = async (): Promise<string[]> =>
    (await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'categor%').orderBy('id').execute()).map((r) => r.action);

  describe('the tree', () => {
    it('is empty until an admin loads the default, which loads once', async () => {
      expect(await tree()).toEqual([]);
      expect((await call('operator', 'POST', '/api/v1/admin/categories/load-defaults')).statusCode).toBe(403);
      const loaded = await call('admin', 'POST', '/api/v1/admin/categories/load-defaults');
      expect(loaded.statusCode, loaded.body).toBe(200);
      expect((await call('admin', 'POST', '/api/v1/admin/categories/load-defaults')).json().error.code).toBe('CONFLICT');
      const all = flatten(await tree());
      expect(all.length).toBeGreaterThan(100);
      expect(Math.max(...all.map((n) => n.level))).toBe(3);
      await refresh();
      expect(byCode.get('street-vending')).toMatchObject({ name: '占道经营', level: 3, parentId: id('urban-appearance') });
      expect(await auditActions()).toEqual(['category.load_defaults']);
    });

    it('lets an admin add, rename and move within three levels, never in a cycle', async () => {
      const add = await call('admin', 'POST', '/api/v1/admin/categories', { parentId: id('noise'), code: 'square-dance', name: '广场舞噪声', keywords: ['广场舞'] });
      expect(add.statusCode, add.body).toBe(201);
      expect(add.json()).toMatchObject({ code: 'square-dance', level: 3, retired: false, keywords: ['广场舞'] });
      await refresh();

      const refusals: Array<[unknown, number, string]> = [
        [{ parentId: id('square-dance'), code: 'too-deep', name: '第四级' }, 409, 'CATEGORY_TOO_DEEP'],
        [{ parentId: null, code: 'square-dance', name: '重复' }, 409, 'CONFLICT'],
        [{ parentId: null, code: 'Bad_Code', name: '坏代码' }, 400, 'VALIDATION_FAILED'],
        [{ parentId: '00000000-0000-4000-8000-000000000000', code: 'orphan', name: '无父' }, 400, 'REFERENCE_NOT_FOUND'],
      ];
      for (const [payload, status, code] of refusals) {
        const res = await call('admin', 'POST', '/api/v1/admin/categories', payload);
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().error.code).toBe(code);
      }
      expect((await call('supervisor', 'POST', '/api/v1/admin/categories', { parentId: null, code: 'nope', name: '无权' })).statusCode).toBe(403);

      const rename = await call('admin', 'PATCH', `/api/v1/admin/categories/${id('square-dance')}`, { name: '广场舞扰民', keywords: ['广场舞', '音响'] });
      expect(rename.json()).toMatchObject({ name: '广场舞扰民', code: 'square-dance', keywords: ['广场舞', '音响'] });
      // Moving noise (two levels) under a level-2 category would make four levels.
      expect((await call('admin', 'PATCH', `/api/v1/admin/categories/${id('noise')}`, { parentId: id('water') })).json().error.code).toBe('CATEGORY_TOO_DEEP');
      expect((await call('admin', 'PATCH', `/api/v1/admin/categories/${id('environment')}`, { parentId: id('noise') })).json().error.code).toBe('CATEGORY_CYCLE');
      expect((await call('admin', 'PATCH', `/api/v1/admin/categories/${id('square-dance')}`, {})).statusCode).toBe(400);
      expect((await call('admin', 'PATCH', `/api/v1/admin/categories/${id('square-dance')}`, { code: 'renamed' })).statusCode).toBe(400);
      const move = await call('admin', 'PATCH', `/api/v1/admin/categories/${id('square-dance')}`, { parentId: id('community') });
      expect(move.json()).toMatchObject({ parentId: id('community'), level: 3 });
      await refresh();
      expect(await auditActions()).toEqual(['category.load_defaults', 'category.create', 'category.update', 'category.move']);
    });

    it('retires a subtree out of the choices and brings it back', async () => {
      const res = await call('admin', 'POST', `/api/v1/admin/categories/${id('heating')}/retire`);
      expect(res.json()).toMatchObject({ retired: true });
      const shown = flatten(await tree()).map((n) => n.code);
      expect(shown).not.toContain('heating');
      expect(shown).not.toContain('heating-fee');
      await refresh();
      expect(byCode.get('heating-fee')?.retired).toBe(true);
      // A child cannot come back under its retired parent, nor may anything be added there.
      expect((await call('admin', 'POST', `/api/v1/admin/categories/${id('heating-fee')}/restore`)).json().error.code).toBe('CATEGORY_RETIRED');
      expect((await call('admin', 'POST', '/api/v1/admin/categories', { parentId: id('heating'), code: 'heating-new', name: '新' })).json().error.code).toBe('CATEGORY_RETIRED');
      // A case cannot be given a retired category.
      const refused = await call('operator', 'POST', '/api/v1/cases', { channel: 'phone', callerPhone: '13900009999', content: '暖气不热，室温只有十五度。', type: 'complaint', categoryId: id('heating-temperature') });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('CATEGORY_RETIRED');
      expect((await call('admin', 'POST', `/api/v1/admin/categories/${id('heating')}/restore`)).json()).toMatchObject({ retired: false });
      expect(flatten(await tree()).map((n) => n.code)).toContain('heating-fee');
    });

    it('deletes only what nobody uses', async () => {
      const spare = await call('admin', 'POST', '/api/v1/admin/categories', { parentId: null, code: 'spare', name: '备用' });
      expect((await call('admin', 'DELETE', `/api/v1/admin/categories/${id('urban')}`)).json().error.code).toBe('CATEGORY_IN_USE');
      expect((await call('admin', 'DELETE', `/api/v1/admin/categories/${spare.json().id}`)).statusCode).toBe(204);
      expect((await call('admin', 'DELETE', `/api/v1/admin/categories/${spare.json().id}`)).statusCode).toBe(404);
    });

    it('offers citizens names and codes only, without retired ones', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/categories' });
      expect(res.statusCode).toBe(200);
      const first = (res.json() as { items: Array<Record<string, unknown>> }).items[0];
      expect(Object.keys(first ?? {}).sort()).toEqual(['children', 'code', 'id', 'name']);
    });
  });

  describe('on cases', () => {
    let vending = '';
    let noise = '';
    let bare = '';

    it('is chosen at intake, suggested from the text and refused when unknown', async () => {
      const suggest = await call('operator', 'POST', '/api/v1/intake/suggest', { content: '楼下夜市摆摊占道，流动摊贩把路堵死了' });
      expect(suggest.statusCode, suggest.body).toBe(200);
      expect(suggest.json().categories[0]).toMatchObject({ code: 'street-vending', name: '占道经营' });
      vending = await open('楼下夜市摆摊占道，流动摊贩把路堵死了。', { categoryId: id('street-vending') });
      noise = await open('工地夜间施工噪音扰民，凌晨还在打桩。', { categoryId: id('construction-noise') });
      bare = await open('咨询一下公积金提取需要什么材料。');
      const unknown = await call('operator', 'POST', '/api/v1/cases', { channel: 'phone', callerPhone: '13900009998', content: '测试未知分类的诉求。', type: 'help', categoryId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: [{ path: 'categoryId' }] });
      const detail = await call('operator', 'GET', `/api/v1/cases/${vending}`);
      expect(detail.json()).toMatchObject({ category: { code: 'street-vending', path: ['城市管理', '市容环卫', '占道经营'], retired: false }, canEditCategory: true });
      expect((await call('operator', 'GET', `/api/v1/cases/${bare}`)).json().category).toBeNull();
    });

    it('comes from the public form when the citizen chooses one', async () => {
      const res = await fileAppeal(t, { name: '王女士', phone: '13700001111', content: '小区门口的路灯坏了一个多月，晚上很黑。', categoryId: id('streetlights') });
      expect(res.statusCode, res.body).toBe(201);
      const row = await t.ctx.db.selectFrom('cases').select('category_id').where('case_number', '=', res.json().caseNumber).executeTakeFirstOrThrow();
      expect(row.category_id).toBe(id('streetlights'));
    });

    it('is corrected by staff with an event and an audit entry, never by a department', async () => {
      expect((await call('handler', 'PUT', `/api/v1/cases/${bare}/category`, { categoryId: id('policy-enquiry') })).statusCode).toBe(404);
      const res = await call('operator', 'PUT', `/api/v1/cases/${bare}/category`, { categoryId: id('policy-enquiry') });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().category).toMatchObject({ code: 'policy-enquiry', path: ['政务服务', '政策咨询'] });
      // The same again records nothing.
      await call('operator', 'PUT', `/api/v1/cases/${bare}/category`, { categoryId: id('policy-enquiry') });
      const events = await t.ctx.db.selectFrom('case_events').select('payload').where('case_id', '=', bare).where('type', '=', 'category_changed').execute();
      expect(events.map((e) => JSON.parse(e.payload))).toEqual([{ before: null, after: id('policy-enquiry') }]);
      const audit = await t.ctx.db.selectFrom('audit_log').select('target_id').where('action', '=', 'case.category').execute();
      expect(audit.map((a) => a.target_id)).toEqual([bare]);
    });

    it('filters the case list by a category with its subtree and names it in each row', async () => {
      const list = async (categoryId: string): Promise<Array<{ id: string; categoryName: string | null }>> => {
        const res = await call('operator', 'GET', `/api/v1/cases?categoryId=${categoryId}&pageSize=100`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json().items;
      };
      expect((await list(id('urban'))).map((c) => c.id)).toEqual([vending]);
      expect((await list(id('street-vending')))[0]?.categoryName).toBe('占道经营');
      expect((await list(id('environment'))).map((c) => c.id)).toEqual([noise]);
      expect(await list(id('health'))).toEqual([]);
      const bad = await call('operator', 'GET', '/api/v1/cases?categoryId=00000000-0000-4000-8000-000000000000');
      expect(bad.json().error.code).toBe('REFERENCE_NOT_FOUND');
    });

    it('counts in the figures by category, at any level, and follows a correction', async () => {
      for (const c of [vending, noise, bare]) {
        const res = await call('operator', 'POST', `/api/v1/cases/${c}/dispatch`, { leadUnitId: f.units.housing });
        expect(res.statusCode, res.body).toBe(200);
      }
      await refreshFigures(t.ctx);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const figures = async (query: string): Promise<{ total: { dispatched: number }; items: FigureItem[] }> => {
        const res = await call('supervisor', 'GET', `/api/v1/stats/figures?from=${today}&to=${today}&${query}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json();
      };
      const top = await figures('by=category');
      const count = (items: FigureItem[], key: string) => items.find((i) => i.key === key)?.dispatched;
      expect(top.total.dispatched).toBe(3);
      expect(count(top.items, id('urban'))).toBe(1);
      expect(count(top.items, id('environment'))).toBe(1);
      expect(count(top.items, id('government-services'))).toBe(1);
      expect(count(top.items, id('health'))).toBe(0);
      expect(top.items.find((i) => i.key === id('urban'))?.label).toBe('城市管理');
      const urban = await figures(`by=category&categoryId=${id('urban')}`);
      expect(urban.total.dispatched).toBe(1);
      expect(urban.items.map((i) => i.key)).toEqual(byCode.get('urban')?.children.map((c) => c.id));
      expect(count(urban.items, id('urban-appearance'))).toBe(1);
      // A category filter works with the other groupings too.
      const units = await figures(`by=unit&categoryId=${id('environment')}`);
      expect(units.total.dispatched).toBe(1);
      expect(count(units.items, f.units.housing)).toBe(1);

      await call('operator', 'PUT', `/api/v1/cases/${noise}/category`, { categoryId: id('pets') });
      await refreshFigures(t.ctx);
      const after = await figures('by=category');
      expect(count(after.items, id('environment'))).toBe(0);
      expect(count(after.items, id('civil-affairs'))).toBe(1);
      // The incremental pass and a rebuild from events agree, rollup row for row.
      const incremental = await dumpCategoryDaily(t.ctx.db);
      expect(incremental.length).toBeGreaterThan(0);
      await rebuildFigures(t.ctx);
      expect(await dumpCategoryDaily(t.ctx.db)).toEqual(incremental);
      expect((await figures('by=category')).items).toEqual(after.items);
      // A subtree's view reads the cells: the same numbers for the housing department's subtree.
      const housing = await figures(`by=category&unitId=${f.units.housing}&subtree=true`);
      expect(count(housing.items, id('civil-affairs'))).toBe(1);
      expect(housing.total.dispatched).toBe(3);
      const bad = await call('supervisor', 'GET', `/api/v1/stats/figures?from=${today}&to=${today}&by=category&categoryId=00000000-0000-4000-8000-000000000000`);
      expect(bad.json().error.code).toBe('REFERENCE_NOT_FOUND');
    });
  });
});
