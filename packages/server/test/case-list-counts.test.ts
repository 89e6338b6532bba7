import { afterAll, beforeAll, expect, it } from 'vitest';
import { listCases, type CaseFilters, type CaseScope } from '../src/modules/cases/list-repository.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * ADR 0051: a list driven by a unit's subtree counts its filter's matches among the subtree's
 * newest `countWindow` cases only, so a rare filter costs the window, not the subtree. These hold
 * the count to what the policy's rule and the filter say: exact when the window holds the whole
 * range, "at least" (never more than the true number, never fewer than the page shows) otherwise.
 */
describeDb(`case list counts bounded by a window (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let housingPath: string;
  /** Newest first: [id, lead unit, type]. */
  const cases: Array<{ id: string; lead: string; type: string }> = [];

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < 12; i++) {
      const c = await openCase(t.ctx, {
        jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: `第${i}件：路灯不亮。`,
        callerPhone: '+8613800000001', actor: { kind: 'staff', userId: f.users.operator }, receivedAt: new Date(base + i * 60_000),
      });
      // Housing's subtree holds all but the transport ones; every third case is a suggestion.
      const lead = i % 4 === 3 ? f.units.transport : i % 2 === 0 ? f.units.housing : f.units.housingTeam;
      const type = i % 3 === 0 ? 'suggestion' : 'complaint';
      await t.ctx.db.updateTable('cases').set({ lead_unit_id: lead, type }).where('id', '=', c.id).execute();
      cases.unshift({ id: c.id, lead, type });
    }
    const unit = await t.ctx.db.selectFrom('org_units').select('path').where('id', '=', f.units.housing).executeTakeFirstOrThrow();
    housingPath = unit.path;
  });
  afterAll(() => t.close());

  const inHousing = (lead: string): boolean => lead === f.units.housing || lead === f.units.housingTeam;

  it('counts exactly when the window holds the whole subtree, "at least" from the newest cases when not', async () => {
    const j = f.jurisdiction.id;
    const own: CaseScope = { kind: 'units', jurisdictionId: j, unitPath: housingPath, ownerUserId: null };
    const city: CaseScope = { kind: 'jurisdiction', jurisdictionId: j };
    const lists: Array<[string, CaseScope, CaseFilters]> = [
      ['handler, type', own, { type: 'suggestion' }],
      ['operator, unit filter and type', city, { unitPath: housingPath, type: 'suggestion' }],
    ];
    const range = cases.filter((c) => inHousing(c.lead));
    const want = range.filter((c) => c.type === 'suggestion');
    for (const [label, scope, filters] of lists) {
      for (const window of [1, 3, range.length - 1, range.length, 100]) {
        for (const limit of [1, 20]) {
          const got = await listCases(t.ctx.db, { scope, filters, sort: 'created', limit, offset: 0, now: new Date().toISOString(), countWindow: window });
          const at = `${label}, window ${window}, limit ${limit}`;
          expect(got.rows.map((r) => r.id), at).toEqual(want.slice(0, limit).map((c) => c.id));
          expect(got.totalCapped, at).toBe(false);
          if (window >= range.length) {
            expect(got.totalAtLeast, at).toBe(false);
            expect(got.total, at).toBe(want.length);
          } else {
            // The newest `window` cases of the subtree, or the page, whichever shows more.
            const inWindow = range.slice(0, window).filter((c) => c.type === 'suggestion').length;
            expect(got.totalAtLeast, at).toBe(true);
            expect(got.total, at).toBe(Math.max(inWindow, got.rows.length));
            expect(got.total, at).toBeLessThanOrEqual(want.length);
          }
        }
      }
    }
  });

  it('keeps the bare subtree and city-wide counts exact', async () => {
    const j = f.jurisdiction.id;
    const own: CaseScope = { kind: 'units', jurisdictionId: j, unitPath: housingPath, ownerUserId: null };
    const bare = await listCases(t.ctx.db, { scope: own, filters: {}, sort: 'created', limit: 1, offset: 0, now: new Date().toISOString(), countWindow: 1 });
    expect([bare.total, bare.totalAtLeast]).toEqual([cases.filter((c) => inHousing(c.lead)).length, false]);
    const wide = await listCases(t.ctx.db, { scope: { kind: 'jurisdiction', jurisdictionId: j }, filters: { type: 'suggestion' }, sort: 'created', limit: 1, offset: 0, now: new Date().toISOString(), countWindow: 1 });
    expect([wide.total, wide.totalAtLeast]).toEqual([cases.filter((c) => c.type === 'suggestion').length, false]);
  });
});
