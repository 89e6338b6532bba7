import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createJurisdiction, createOrgUnit, createUser } from '../src/modules/org/service.js';
import { dumpCategoryDaily, dumpDaily, dumpScopeDaily, dumpUnitDaily } from '../src/modules/stats/repository.js';
import { rebuildFigures, refreshFigures } from '../src/modules/stats/rollup.js';
import { login, PASSWORD, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

type Row = Record<string, unknown>;

/**
 * The figures job works city by city, each query naming its city (ADR 0033): one pass over two
 * jurisdictions must give each exactly its own counts, and a rebuild (also city by city) the
 * same tables as the refresh.
 */
describeDb(`figures of two jurisdictions in one pass (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let east = { id: '', department: '' };
  const cookies: Record<string, string> = {};
  let now = 0;
  const at = (iso: string | number): void => {
    now = typeof iso === 'number' ? iso : Date.parse(iso);
    vi.setSystemTime(now);
  };

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const j = await createJurisdiction(t.ctx.db, { code: 'east-city', name: '东市' });
    const root = await createOrgUnit(t.ctx.db, { jurisdictionId: j.id, parentId: null, name: '东市人民政府', kind: 'city' });
    const centre = await createOrgUnit(t.ctx.db, { jurisdictionId: j.id, parentId: root.id, name: '东市12345热线中心', kind: 'centre' });
    const department = await createOrgUnit(t.ctx.db, { jurisdictionId: j.id, parentId: root.id, name: '东市住建局', kind: 'department' });
    await createUser(t.ctx.db, { jurisdictionId: j.id, orgUnitId: centre.id, username: 'east-operator', displayName: 'east', password: PASSWORD, roles: ['operator'] });
    east = { id: j.id, department: department.id };
    cookies.operator = await login(t.app, 'operator');
    cookies.east = await login(t.app, 'east-operator');
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  const openAndDispatch = async (who: string, leadUnitId: string): Promise<void> => {
    const cookie = cookies[who] ?? '';
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie },
      payload: { channel: 'phone', callerPhone: '13812340000', content: '小区路灯不亮，夜间出行不便。', type: 'complaint' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/dispatch`, headers: { cookie }, payload: { leadUnitId } });
    expect(sent.statusCode, sent.body).toBe(200);
  };
  /** A contact on no case (an enquiry answered on the line): only the loose-contact read brings it in. */
  const looseContact = async (jurisdictionId: string): Promise<void> => {
    await t.ctx.db.insertInto('contacts').values({
      id: randomUUID(), jurisdiction_id: jurisdictionId, case_id: null, channel: 'phone', caller_phone_bidx: null,
      content: '咨询', content_enc: t.ctx.pii.encrypt('咨询'), outcome: 'answered', received_at: new Date(now).toISOString(),
    }).execute();
  };
  const dump = async () => ({ daily: await dumpDaily(t.ctx.db), unit: await dumpUnitDaily(t.ctx.db), scope: await dumpScopeDaily(t.ctx.db), category: await dumpCategoryDaily(t.ctx.db) });
  const sum = (rows: readonly Row[], jurisdictionId: string, column: string): number =>
    rows.filter((r) => r.jurisdiction_id === jurisdictionId).reduce((n, r) => n + Number(r[column]), 0);

  it('gives each city its own counts, refreshed or rebuilt', async () => {
    // Monday 2026-03-02, Beijing (both cities' time zone): three cases here, two in the east city,
    // and contacts on no case in both.
    at('2026-03-02T01:00:00.000Z');
    for (let i = 0; i < 3; i++) await openAndDispatch('operator', f.units.housing);
    for (let i = 0; i < 2; i++) await openAndDispatch('east', east.department);
    await looseContact(f.jurisdiction.id);
    for (let i = 0; i < 3; i++) await looseContact(east.id);

    at(now + 60_000);
    expect(await refreshFigures(t.ctx)).toEqual({ ran: true, cases: 5 });
    const refreshed = await dump();
    for (const rows of [refreshed.unit, refreshed.scope, refreshed.category]) {
      expect(sum(rows, f.jurisdiction.id, 'dispatched')).toBe(3);
      expect(sum(rows, east.id, 'dispatched')).toBe(2);
    }
    // Each case's contact and the loose ones: 3 + 1 here, 2 + 3 there.
    expect(sum(refreshed.daily, f.jurisdiction.id, 'contacts')).toBe(4);
    expect(sum(refreshed.daily, east.id, 'contacts')).toBe(5);
    // Each city's units only in its own rows.
    const eastUnits = new Set(refreshed.unit.filter((r) => r.jurisdiction_id === east.id && Number(r.dispatched) > 0).map((r) => r.unit_id));
    expect([...eastUnits]).toEqual([east.department]);
    const cells = await t.ctx.db
      .selectFrom('stat_case_cells')
      .innerJoin('cases', 'cases.id', 'stat_case_cells.case_id')
      .select(['stat_case_cells.jurisdiction_id as cell', 'cases.jurisdiction_id as own'])
      .execute();
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.cell).toBe(c.own);

    // A second pass, one east case more: only that city's figures move.
    at(now + 60_000);
    await openAndDispatch('east', east.department);
    at(now + 60_000);
    expect((await refreshFigures(t.ctx)).ran).toBe(true);
    const again = await dump();
    expect(sum(again.unit, f.jurisdiction.id, 'dispatched')).toBe(3);
    expect(sum(again.unit, east.id, 'dispatched')).toBe(3);
    expect(again.daily.filter((r) => r.jurisdiction_id === f.jurisdiction.id)).toEqual(refreshed.daily.filter((r) => r.jurisdiction_id === f.jurisdiction.id));

    at(now + 60_000);
    expect(await rebuildFigures(t.ctx)).toEqual({ ran: true, cases: 6 });
    expect(await dump()).toEqual(again);
  });
});
