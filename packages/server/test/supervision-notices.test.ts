import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { sweepDeadlines } from '../src/modules/supervision/sweep.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`supervision notices (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let caseNumber: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const opened = await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '物业乱收停车费。',
      actor: { kind: 'staff', userId: f.users.operator },
    });
    caseNumber = opened.caseNumber;
    const operator = await login(t.app, 'operator');
    await t.app.inject({ method: 'POST', url: `/api/v1/cases/${opened.id}/dispatch`, headers: { cookie: operator }, payload: { leadUnitId: f.units.housingTeam } });
    // A week later every deadline of the dispatch has passed.
    const stats = await sweepDeadlines(t.ctx, { now: () => new Date(Date.now() + 30 * 86_400_000) });
    expect(stats.overdue).toBe(3);
  });
  afterAll(() => t.close());

  const list = async (username: string, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/supervision/notices${query}`, headers: { cookie: await login(t.app, username) } });

  it('shows supervisors every notice and handlers those of their units', async () => {
    const sup = (await list('supervisor')).json();
    expect(sup.total).toBe(3);
    expect(sup.items[0]).toMatchObject({ caseNumber, unitName: '物业管理科', acknowledgedAt: null });
    expect((await list('handler')).json().total).toBe(3); // 市住建局 is the parent of 物业管理科
    expect((await list('transport-handler')).json().total).toBe(0);
    expect((await list('operator')).statusCode).toBe(403);
  });

  it('lets the unit acknowledge a notice once, audited; other units cannot', async () => {
    const [first] = (await list('supervisor', '?open=true')).json().items as Array<{ id: string }>;
    const other = await t.app.inject({ method: 'POST', url: `/api/v1/supervision/notices/${first?.id}/acknowledge`, headers: { cookie: await login(t.app, 'transport-handler') }, payload: {} });
    expect(other.statusCode).toBe(404);
    const ack = await t.app.inject({ method: 'POST', url: `/api/v1/supervision/notices/${first?.id}/acknowledge`, headers: { cookie: await login(t.app, 'team-handler') }, payload: {} });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ id: first?.id, acknowledgedByName: 'team-handler' });
    expect((await list('supervisor', '?open=true')).json().total).toBe(2);
    expect((await list('supervisor', '?open=false')).json().total).toBe(1);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', first?.id ?? '').execute();
    expect(audit).toEqual([{ action: 'supervision.acknowledge' }]);
  });
});
