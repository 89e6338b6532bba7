import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`org units (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  const list = async (username: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/org-units', headers: { cookie: await login(t.app, username) } })).json()
      .items as Array<{ id: string; parentId: string | null; name: string; kind: string }>;

  it('gives operators the whole tree with parents', async () => {
    const items = await list('operator');
    expect(items).toHaveLength(5);
    expect(items.find((u) => u.id === f.units.housingTeam)).toEqual({ id: f.units.housingTeam, parentId: f.units.housing, name: '物业管理科', kind: 'department', aliases: [] });
    expect(items.find((u) => u.id === f.units.city)?.parentId).toBeNull();
  });

  it('gives a handler their own subtree, rooted at their unit', async () => {
    const items = await list('handler');
    expect(items.map((u) => u.id).sort()).toEqual([f.units.housing, f.units.housingTeam].sort());
    expect(items.find((u) => u.id === f.units.housing)?.parentId).toBeNull();
  });

  it('needs a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/org-units' })).statusCode).toBe(401);
  });
});
