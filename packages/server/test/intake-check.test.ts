import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJurisdiction, createOrgUnit, createUser } from '../src/modules/org/service.js';
import { PASSWORD, login, seedFixture, submitAppeal } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

describeDb(`duplicate and repeat check at intake (${dialect})`, () => {
  let t: TestContext;
  let operator: string;
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
    operator = await login(t.app, 'operator');
  });
  afterAll(() => t.close());

  const caseIdOf = async (caseNumber: string) =>
    (await t.ctx.db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow()).id;
  const check = (cookie: string | undefined, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/intake/check', headers: cookie ? { cookie } : {}, payload });
  const ageCase = (id: string, hours: number) =>
    t.ctx.db.updateTable('cases').set({ created_at: new Date(Date.now() - hours * 3_600_000).toISOString() }).where('id', '=', id).execute();

  it('finds the same caller\'s similar open case as a repeat, not a closed one nor another caller\'s', async () => {
    // Closed before the open one is filed: a web appeal would otherwise be attached to the caller's open case.
    const closed = await submitAppeal(t.app, { name: '韩一', phone: '13600001111', content: '锦绣路路口路灯坏了，晚上很黑，请修理。' });
    const closedId = await caseIdOf(closed.caseNumber);
    await t.ctx.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', closedId).execute();
    const open = await submitAppeal(t.app, { name: '韩一', phone: '13600001111', content: '锦绣路与和平街路口的路灯坏了一个星期，晚上一片漆黑。' });
    const other = await submitAppeal(t.app, { name: '杨二', phone: '13600002222', content: '锦绣路与和平街路口路灯坏了一周，晚上一片漆黑。' });
    const openId = await caseIdOf(open.caseNumber);
    const otherId = await caseIdOf(other.caseNumber);
    // Older than the same-incident window, well inside the repeat window.
    for (const id of [openId, closedId, otherId]) await ageCase(id, 24 * 10);

    const res = await check(operator, { content: '我上次反映锦绣路路口路灯坏了，到现在还没修好，晚上一片漆黑。', callerPhone: '136 0000 1111' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.repeats.map((c: { caseId: string }) => c.caseId)).toEqual([openId]);
    expect(body.repeats[0]).toMatchObject({ caseNumber: open.caseNumber, status: 'received' });
    expect(body.repeats[0].similarity).toBeGreaterThan(0.3);
    expect(body.sameIncident).toEqual([]);

    // A repeat is not listed again among the caller's other open cases; the closed one never is.
    expect(body.callerOpen).toEqual([]);

    const stranger = await check(operator, { content: '我上次反映锦绣路路口路灯坏了，到现在还没修好。', callerPhone: '13600009999' });
    expect(stranger.json().repeats).toEqual([]);
    expect(stranger.json().callerOpen).toEqual([]);
    // Worded with nothing in common, so not a repeat; still the caller's open case, for the operator to ask about.
    const unrelated = await check(operator, { content: '物业公司乱收停车费，一个月涨到五百元。', callerPhone: '13600001111' });
    expect(unrelated.json().repeats).toEqual([]);
    expect(unrelated.json().callerOpen).toEqual([expect.objectContaining({ caseId: openId, caseNumber: open.caseNumber, status: 'received' })]);
    expect(unrelated.json().callerOpen[0].similarity).toBeLessThan(0.3);
    // Without a phone there is no caller history.
    expect((await check(operator, { content: '物业公司乱收停车费。' })).json().callerOpen).toEqual([]);
  });

  it('finds the same incident at the same address within the window, not outside it nor elsewhere', async () => {
    const first = await submitAppeal(t.app, { name: '朱三', phone: '13611112222', content: '阳光小区3号楼地下车库漏水严重，积水很深，车开不进去。', address: '测试市朝阳区幸福路88号阳光小区3号楼' });
    const firstId = await caseIdOf(first.caseNumber);
    const input = { content: '阳光小区三栋地下车库漏水，车库积水了，麻烦处理。', address: '阳光小区三栋2单元501', callerPhone: '13699998888' };

    const res = await check(operator, input);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().repeats).toEqual([]);
    expect(res.json().sameIncident).toEqual([expect.objectContaining({ caseId: firstId, caseNumber: first.caseNumber, reason: 'address' })]);

    const elsewhere = await check(operator, { ...input, address: '月亮湾花园5栋' });
    expect(elsewhere.json().sameIncident).toEqual([]);

    await ageCase(firstId, 73);
    expect((await check(operator, input)).json().sameIncident).toEqual([]);
  });

  it('keeps to the operator\'s jurisdiction', async () => {
    const other = await createJurisdiction(t.ctx.db, { code: 'other-city', name: '别的市' });
    const centre = await createOrgUnit(t.ctx.db, { jurisdictionId: other.id, parentId: null, name: '别的市热线中心', kind: 'centre' });
    await createUser(t.ctx.db, { jurisdictionId: other.id, orgUnitId: centre.id, username: 'other-operator', displayName: 'x', password: PASSWORD, roles: ['operator'] });
    const otherOperator = await login(t.app, 'other-operator');
    await submitAppeal(t.app, { name: '秦四', phone: '13622223333', content: '人民公园东门的公共厕所堵塞，污水横流，臭气熏天。' });
    const input = { content: '人民公园东门公共厕所堵塞了，污水横流臭气熏天。', callerPhone: '13622223333' };
    const own = (await check(operator, input)).json();
    expect(own.repeats).toHaveLength(1);
    const foreign = (await check(otherOperator, input)).json();
    expect(foreign).toEqual({ repeats: [], callerOpen: [], sameIncident: [] });
  });

  it('refuses anonymous callers, non-intake roles and bad input', async () => {
    expect((await check(undefined, { content: '路灯坏了' })).statusCode).toBe(401);
    for (const user of ['handler', 'supervisor', 'official']) {
      expect((await check(await login(t.app, user), { content: '路灯坏了' })).statusCode).toBe(403);
    }
    const admin = await login(t.app, 'admin');
    expect((await check(admin, { content: '路灯坏了' })).statusCode).toBe(200);
    for (const bad of [{}, { content: '' }, { content: '路灯坏了', callerPhone: 'abc' }, { content: 'x'.repeat(5000) }, { content: '路灯', address: 5 }]) {
      const res = await check(operator, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});
