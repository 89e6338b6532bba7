import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { casePageQuery, listCases, type CaseFilters, type CaseScope } from '../src/modules/cases/list-repository.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { replaceCoUnits } from '../src/modules/cases/transition-repository.js';
import { createOrgUnit } from '../src/modules/org/service.js';
import { seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * ADR 0048: a case's scope key (case_scopes) is kept by triggers from its lead and co-handling
 * units, and the case list reads a unit's subtree through it. These hold the rows to what the
 * units' paths say after every kind of write, and the lists to the rule of the policy (lead or
 * co-handling unit within the user's unit; the unit filter by lead unit only) on every scope.
 */
describeDb(`case scope key (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let street: string;
  const paths = new Map<string, string>();
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    street = (await createOrgUnit(t.ctx.db, { jurisdictionId: f.jurisdiction.id, parentId: f.units.housingTeam, name: '一号街道', kind: 'street' })).id;
    for (const u of await t.ctx.db.selectFrom('org_units').select(['id', 'path']).execute()) paths.set(u.id, u.path);
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < 12; i++) {
      const c = await openCase(t.ctx, {
        jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: `第${i}件：路灯不亮。`,
        callerPhone: '+8613800000001', actor: { kind: 'staff', userId: f.users.operator }, receivedAt: new Date(base + i * 60_000),
      });
      ids.push(c.id);
    }
    const lead = [f.units.housing, f.units.housingTeam, street, f.units.transport, null, street, f.units.housing, f.units.transport, null, f.units.housingTeam, street, f.units.centre];
    for (const [i, unit] of lead.entries()) await t.ctx.db.updateTable('cases').set({ lead_unit_id: unit }).where('id', '=', ids[i] ?? '').execute();
    await t.ctx.db.transaction().execute(async (trx) => {
      await replaceCoUnits(trx, ids[3] ?? '', [street]);
      await replaceCoUnits(trx, ids[4] ?? '', [f.units.housingTeam, f.units.transport]);
      await replaceCoUnits(trx, ids[0] ?? '', [f.units.housingTeam]);
    });
  });
  afterAll(() => t.close());

  /** What the rows must be: every unit on the lead's path (lead 1), then on each co-unit's (lead 0). */
  async function expectedRows(): Promise<string[]> {
    const cases = await t.ctx.db.selectFrom('cases').select(['id', 'lead_unit_id']).execute();
    const co = await t.ctx.db.selectFrom('case_co_units').select(['case_id', 'unit_id']).execute();
    const out = new Map<string, number>();
    const add = (caseId: string, unitId: string, lead: number): void => {
      for (const a of (paths.get(unitId) ?? '').split('/').filter(Boolean)) if (!out.has(`${caseId} ${a}`)) out.set(`${caseId} ${a}`, lead);
    };
    for (const c of cases) if (c.lead_unit_id) add(c.id, c.lead_unit_id, 1);
    for (const c of co) add(c.case_id, c.unit_id, 0);
    return [...out].map(([k, lead]) => `${k} ${lead}`).sort();
  }
  async function actualRows(): Promise<string[]> {
    const rows = await t.ctx.db.selectFrom('case_scopes').select(['case_id', 'unit_id', 'lead', 'jurisdiction_id']).execute();
    expect(rows.every((r) => r.jurisdiction_id === f.jurisdiction.id)).toBe(true);
    return rows.map((r) => `${r.case_id} ${r.unit_id} ${Number(r.lead)}`).sort();
  }

  it('keeps one row per unit above the lead and the co-handling units, through inserts, moves and removals', async () => {
    expect(await actualRows()).toEqual(await expectedRows());
    // A unit above both the lead and a co-unit stays a lead row.
    const both = await t.ctx.db.selectFrom('case_scopes').select('lead').where('case_id', '=', ids[0] ?? '').where('unit_id', '=', f.units.housing).executeTakeFirstOrThrow();
    expect(Number(both.lead)).toBe(1);
    // Transfer, co-units replaced and removed, a lead taken away.
    await t.ctx.db.updateTable('cases').set({ lead_unit_id: f.units.transport }).where('id', '=', ids[0] ?? '').execute();
    await t.ctx.db.updateTable('cases').set({ lead_unit_id: null }).where('id', '=', ids[1] ?? '').execute();
    await t.ctx.db.transaction().execute(async (trx) => {
      await replaceCoUnits(trx, ids[4] ?? '', [street]);
      await replaceCoUnits(trx, ids[3] ?? '', []);
    });
    expect(await actualRows()).toEqual(await expectedRows());
    const created = await t.ctx.db.selectFrom('case_scopes').innerJoin('cases', 'cases.id', 'case_scopes.case_id').select(['case_scopes.created_at as a', 'cases.created_at as b']).execute();
    expect(created.every((r) => String(r.a) === String(r.b))).toBe(true);
  });

  it('lists exactly the cases the policy allows, newest first, for every scope and unit filter', async () => {
    const rows = await t.ctx.db.selectFrom('cases').select(['id', 'lead_unit_id', 'created_at']).orderBy('created_at', 'desc').execute();
    const co = await t.ctx.db.selectFrom('case_co_units').select(['case_id', 'unit_id']).execute();
    const under = (unitId: string | null, path: string): boolean => unitId !== null && (paths.get(unitId) ?? '').startsWith(path);
    const units = [f.units.city, f.units.housing, f.units.housingTeam, street, f.units.transport];
    for (const scopeUnit of [null, ...units]) {
      const scopePath = scopeUnit === null ? '' : (paths.get(scopeUnit) ?? '');
      const scope: CaseScope = scopeUnit === null
        ? { kind: 'jurisdiction', jurisdictionId: f.jurisdiction.id }
        : { kind: 'units', jurisdictionId: f.jurisdiction.id, unitPath: scopePath, ownerUserId: null };
      const inScope = (id: string, lead: string | null): boolean =>
        scopeUnit === null || under(lead, scopePath) || co.some((c) => c.case_id === id && under(c.unit_id, scopePath));
      for (const filterUnit of [undefined, ...units]) {
        const filters: CaseFilters = filterUnit === undefined ? {} : { unitPath: paths.get(filterUnit) };
        const want = rows.filter((r) => inScope(r.id, r.lead_unit_id) && (filterUnit === undefined || under(r.lead_unit_id, paths.get(filterUnit) ?? '')));
        for (const [offset, limit] of [[0, 20], [1, 2]] as const) {
          const got = await listCases(t.ctx.db, { scope, filters, sort: 'created', limit, offset, now: new Date().toISOString() });
          const label = `scope ${scopeUnit ?? 'city'}, unit ${filterUnit ?? '-'}, offset ${offset}`;
          expect(got.rows.map((r) => r.id), label).toEqual(want.slice(offset, offset + limit).map((r) => r.id));
          expect(got.total, label).toBe(want.length);
        }
      }
    }
  });

  it('reads a subtree page in order off the scope key, not by sorting the subtree', async () => {
    const j = f.jurisdiction.id;
    const own: CaseScope = { kind: 'units', jurisdictionId: j, unitPath: paths.get(f.units.housing) ?? '', ownerUserId: null };
    const city: CaseScope = { kind: 'jurisdiction', jurisdictionId: j };
    const cases: Array<[CaseScope, CaseFilters]> = [[own, {}], [city, { unitPath: paths.get(f.units.housing) }], [own, { statuses: ['dispatched'] }]];
    for (const [scope, filters] of cases) {
      const page = await planOf(casePageQuery(t.ctx.db, { scope, filters, sort: 'created', limit: 20, offset: 0, now: new Date().toISOString() }).compile());
      expect(page).toContain('case_scopes_unit_created');
      // SQLite may sort equal created_at by case number (the tie-breaker), never the whole subtree.
      // PostgreSQL sorts a one-row estimate of these tiny tables outright (at scale: an incremental
      // sort over the range, docs/benchmarks.md), so only the range read is asserted there.
      if (dialect === 'sqlite') expect(page).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    }
  });

  it('checks the filters of a subtree page on each case of the window, never from a filter\'s own index', async () => {
    const own: CaseScope = { kind: 'units', jurisdictionId: f.jurisdiction.id, unitPath: paths.get(f.units.housing) ?? '', ownerUserId: null };
    const page = await planOf(casePageQuery(t.ctx.db, {
      scope: own, filters: { statuses: ['returned'], urgency: 'emergency' }, sort: 'created', limit: 20, offset: 0, now: new Date().toISOString(),
    }).compile());
    expect(page).toContain('case_scopes_unit_created');
    // The city's returned cases (cases_status_created) are not where a unit's page starts: at 10 M
    // cases PostgreSQL read all of them to find the window's few (ADR 0062, list-pages.ts#probedPage).
    expect(page).not.toContain('cases_status_created');
    if (dialect === 'postgres') expect(page).toMatch(/SubPlan/);
  });

  async function planOf(query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
    const inline = (marker: RegExp) => {
      let i = 0;
      return query.sql.replace(marker, (m: string) => {
        const v = query.parameters[m === '?' ? i++ : Number(m.slice(1)) - 1];
        return typeof v === 'number' ? String(v) : `'${String(v)}'`;
      });
    };
    if (dialect === 'postgres') {
      // Tiny test tables would be read whole; forbid that to see which indexes the planner may use.
      return t.ctx.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const rows = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${inline(/\$\d+/g)}`).execute(trx);
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    }
    const rows = await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${inline(/\?/g)}`).execute(t.ctx.db);
    return rows.rows.map((r) => r.detail).join('\n');
  }
});
