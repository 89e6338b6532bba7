import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { findCaseById, findCaseForAccess } from '../src/modules/cases/repository.js';
import { updateCaseAtVersion } from '../src/modules/cases/transition-repository.js';
import { createJurisdiction, createOrgUnit, createUser } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { PASSWORD, login, seedFixture, type Fixture } from './support/fixtures.js';

/**
 * A case is looked up by id within the jurisdiction the caller acts in (ADR 0033: one partition
 * when partitioned): another city's case is not found, by the repository or through a route.
 */
describeDb(`case look-ups by id name the jurisdiction (${dialect})`, () => {
  let t: TestContext;
  let a: Fixture;
  let other: { id: string; caseId: string };
  let ownCaseId: string;

  beforeAll(async () => {
    t = await createTestContext();
    a = await seedFixture(t.ctx);
    ownCaseId = (await openCase(t.ctx, {
      jurisdiction: a.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '甲市的工单。', actor: { kind: 'staff', userId: a.users.operator },
    })).id;
    const j = await createJurisdiction(t.ctx.db, { code: 'other-city', name: '乙市' });
    const city = await createOrgUnit(t.ctx.db, { jurisdictionId: j.id, parentId: null, name: '乙市人民政府', kind: 'city' });
    const operator = await createUser(t.ctx.db, { jurisdictionId: j.id, orgUnitId: city.id, username: 'b-operator', displayName: 'b-operator', password: PASSWORD, roles: ['operator'] });
    const opened = await openCase(t.ctx, {
      jurisdiction: { id: j.id, code: 'other-city', name: '乙市', timezone: 'Asia/Shanghai' }, channel: 'phone', type: 'complaint', urgency: 'normal',
      content: '乙市的工单。', actor: { kind: 'staff', userId: operator.id },
    });
    other = { id: j.id, caseId: opened.id };
  });
  afterAll(() => t.close());

  it("finds a case in its own jurisdiction and not in another's", async () => {
    expect((await findCaseById(t.ctx.db, a.jurisdiction.id, ownCaseId))?.id).toBe(ownCaseId);
    expect((await findCaseById(t.ctx.db, other.id, other.caseId))?.id).toBe(other.caseId);
    expect(await findCaseById(t.ctx.db, a.jurisdiction.id, other.caseId)).toBeUndefined();
    expect((await findCaseForAccess(t.ctx.db, a.jurisdiction.id, ownCaseId))?.id).toBe(ownCaseId);
    expect(await findCaseForAccess(t.ctx.db, a.jurisdiction.id, other.caseId)).toBeUndefined();
  });

  it("does not write another jurisdiction's case at its version", async () => {
    const row = await findCaseById(t.ctx.db, other.id, other.caseId);
    if (!row) throw new Error('no case');
    const wrote = await t.ctx.db.transaction().execute((trx) => updateCaseAtVersion(trx, { ...row, jurisdiction_id: a.jurisdiction.id }, { updated_at: row.updated_at }));
    expect(wrote).toBe(false);
    expect((await findCaseById(t.ctx.db, other.id, other.caseId))?.version).toBe(row.version);
  });

  it("answers 404 to a user asking for another jurisdiction's case by id", async () => {
    const cookie = await login(t.app, 'admin');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${ownCaseId}`, headers: { cookie } })).statusCode).toBe(200);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${other.caseId}`, headers: { cookie } });
    expect(detail.statusCode).toBe(404);
    const follow = await t.app.inject({ method: 'PUT', url: `/api/v1/cases/${other.caseId}/follow`, headers: { cookie }, payload: { following: true } });
    expect(follow.statusCode).toBe(404);
  });
});
