import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`fair priority (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let operator: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    operator = await login(t.app, 'operator');
  });
  afterAll(() => t.close());

  const open = (content: string, urgency: 'normal' | 'urgent' = 'normal', phone = '+8613800000001') =>
    openCase(t.ctx, { jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency, content, callerPhone: phone, actor: { kind: 'staff', userId: f.users.operator } });
  const priorityOf = async (id: string) => (await t.ctx.db.selectFrom('cases').select('priority').where('id', '=', id).executeTakeFirstOrThrow()).priority;
  const attach = async (id: string, phone: string) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/contacts`, headers: { cookie: operator }, payload: { channel: 'phone', callerPhone: phone, content: '催办' } });
    expect(res.statusCode, res.body).toBe(201);
  };

  it('20 more calls from the same person leave the priority unchanged', async () => {
    const { id } = await open('楼上每晚十二点后还在装修。', 'normal', '+8613811110000');
    const before = await priorityOf(id);
    for (let i = 0; i < 20; i++) await attach(id, '13811110000');
    expect(await priorityOf(id)).toBe(before);
  });

  it('20 different callers about the same incident raise it', async () => {
    const { id } = await open('幸福路路灯全部不亮。', 'normal', '+8613822220000');
    const before = await priorityOf(id);
    for (let i = 0; i < 20; i++) await attach(id, `1382222${String(1000 + i)}`);
    expect(await priorityOf(id)).toBeGreaterThan(before);
  });

  it("a merge brings the child's callers to the parent", async () => {
    const parent = await open('和平街主水管爆裂。', 'normal', '+8613833330000');
    const child = await open('和平街停水了。', 'normal', '+8613833330001');
    const before = await priorityOf(parent.id);
    const merged = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${child.id}/merge`, headers: { cookie: operator }, payload: { parentId: parent.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(await priorityOf(parent.id)).toBeGreaterThan(before);
  });

  it('puts urgent cases first when the queue is sorted by priority', async () => {
    const urgent = await open('整栋楼停电，电梯里困了人。', 'urgent', '+8613844440000');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/cases?sort=priority&pageSize=1', headers: { cookie: operator } });
    expect(res.json().items[0]).toMatchObject({ id: urgent.id, urgency: 'urgent' });
    expect(res.json().items[0].priority).toBeGreaterThanOrEqual(200);
  });
});
