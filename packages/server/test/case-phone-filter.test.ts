import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { createLine } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

/**
 * `GET /api/v1/cases?phone=` lists one caller's cases through the blind index: the cases they
 * opened and those they called again about, within the viewer's scope, and never a tip-line
 * reporter's case for a viewer who may not know the reporter (ADR 0006).
 */
const CALLER = '+8613812340000';
const OTHER = '+8613900001111';

describeDb(`case list by caller phone (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const ids: Record<'own' | 'otherCallers' | 'transport' | 'tip' | 'stranger', string> = { own: '', otherCallers: '', transport: '', tip: '', stranger: '' };
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'supervisor', 'handler', 'transport-handler', 'housing-supervisor']) cookies[u] = await login(t.app, u);
    const tipLine = await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '13900002222', name: '举报专线', ownerUserId: f.users.official, ownerTitle: '局长', mode: 'tip', isPublic: true,
      serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    const open = async (callerPhone: string, content: string, lineId?: string) =>
      (await openCase(t.ctx, {
        jurisdiction: f.jurisdiction, channel: 'phone', type: lineId ? 'report' : 'complaint', urgency: 'normal', content, callerPhone,
        ...(lineId ? { lineId } : {}), actor: { kind: 'staff', userId: f.users.operator },
      })).id;
    ids.own = await open(CALLER, '小区门口垃圾三天没人清运。');
    ids.otherCallers = await open(OTHER, '楼道灯坏了一个月。');
    ids.transport = await open(CALLER, '公交站台顶棚漏雨。');
    ids.tip = await open(CALLER, '举报某仓库夜间聚众赌博。', tipLine.id);
    ids.stranger = await open('+8613700009999', '路面塌陷。');
    const dispatch = async (id: string, unit: string) =>
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/dispatch`, headers: { cookie: cookies.operator ?? '' }, payload: { leadUnitId: unit } })).statusCode).toBe(200);
    await dispatch(ids.own, f.units.housing);
    await dispatch(ids.otherCallers, f.units.housing);
    await dispatch(ids.transport, f.units.transport);
    await dispatch(ids.tip, f.units.housing);
    await dispatch(ids.stranger, f.units.housing);
    // The caller rings again about a neighbour's case: it is their case too.
    const again = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${ids.otherCallers}/contacts`, headers: { cookie: cookies.operator ?? '' },
      payload: { channel: 'phone', callerPhone: '138 1234 0000', content: '我也反映楼道灯的问题。' },
    });
    expect(again.statusCode, again.body).toBe(201);
  });
  afterAll(() => t.close());

  const found = async (who: string, phone: string): Promise<string[]> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases?pageSize=100&phone=${encodeURIComponent(phone)}`, headers: { cookie: cookies[who] ?? '' } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { total: number; items: Array<{ id: string }> };
    expect(body.total).toBe(body.items.length);
    return body.items.map((i) => i.id).sort();
  };
  const sorted = (...xs: string[]) => [...xs].sort();

  it('finds the caller whichever way the number is spelled, and only them', async () => {
    const expected = sorted(ids.own, ids.otherCallers, ids.transport, ids.tip);
    for (const spelling of ['138-1234-0000', '+86 13812340000', '13812340000', '+86 138 1234 0000']) {
      expect(await found('operator', spelling), spelling).toEqual(expected);
    }
    expect(await found('operator', '13900001111')).toEqual([ids.otherCallers]);
    expect(await found('operator', '13600000000')).toEqual([]);
  });

  it('stays within the viewer\'s scope', async () => {
    expect(await found('handler', '13812340000')).toEqual(sorted(ids.own, ids.otherCallers));
    expect(await found('transport-handler', '13812340000')).toEqual([ids.transport]);
  });

  it('never finds a tip-line reporter\'s case for someone who may not know the reporter', async () => {
    // Centre supervisor (whole jurisdiction), housing handler and supervisor (the tip is in their unit).
    expect(await found('supervisor', '13812340000')).toEqual(sorted(ids.own, ids.otherCallers, ids.transport));
    expect(await found('handler', '13812340000')).not.toContain(ids.tip);
    expect(await found('housing-supervisor', '13812340000')).toEqual(sorted(ids.own, ids.otherCallers));
    // The case itself is in their list without the phone filter: only the number search is closed.
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/cases?pageSize=100', headers: { cookie: cookies.handler ?? '' } });
    expect((all.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).toContain(ids.tip);
  });

  it('applies to exports too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/cases/export.csv?phone=13812340000', headers: { cookie: cookies.supervisor ?? '' } });
    expect(res.statusCode, res.body).toBe(200);
    const numbers = await t.ctx.db.selectFrom('cases').select(['id', 'case_number']).execute();
    const numberOf = (id: string) => numbers.find((n) => n.id === id)?.case_number ?? 'missing';
    for (const id of [ids.own, ids.otherCallers, ids.transport]) expect(res.body).toContain(numberOf(id));
    for (const id of [ids.tip, ids.stranger]) expect(res.body).not.toContain(numberOf(id));
  });

  it('refuses a malformed number', async () => {
    for (const bad of ['12345', 'abc', '138-1234', '']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases?phone=${encodeURIComponent(bad)}`, headers: { cookie: cookies.operator ?? '' } });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
  });
});
