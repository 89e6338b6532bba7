import { afterAll, beforeAll, expect, it } from 'vitest';
import { listCases, pageCasesAfter, type CaseFilters, type CaseScope } from '../src/modules/cases/list-repository.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * ADR 0062: a list that a range drives reads at most the range's newest `pageWindow` entries. A
 * caller's list (phone=) walks their blind-index ranges newest first instead of gathering every
 * case of theirs; a unit subtree with a filter stops at the window. Either way a page is the plain
 * rule's page (the caller's cases opened or contacted about, the tip-line rule, the scope), or,
 * when the window ended first, exactly the plain rule's cases created since `searchedSince`, and
 * asking again before it (`to`) reaches the rest.
 */
const CALLER = '+8613812340000';
const OTHER = '+8613900001111';

describeDb(`case lists bounded by a page window (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let housingPath: string;
  let tipCase = '';
  let oldContacted = '';
  const now = new Date().toISOString();

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const tipLine = await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '13900002222', name: '举报专线', ownerUserId: f.users.official, ownerTitle: '局长', mode: 'tip', isPublic: true,
      serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    const base = Date.now() - 86_400_000;
    const open = async (i: number, callerPhone: string, lead: string, type: string, lineId?: string) => {
      const c = await openCase(t.ctx, {
        jurisdiction: f.jurisdiction, channel: 'phone', type: lineId ? 'report' : 'complaint', urgency: 'normal', content: `第${i}件：路灯不亮。`, callerPhone,
        ...(lineId ? { lineId } : {}), actor: { kind: 'staff', userId: f.users.operator }, receivedAt: new Date(base + i * 60_000),
      });
      await t.ctx.db.updateTable('cases').set({ lead_unit_id: lead, type }).where('id', '=', c.id).execute();
      return c.id;
    };
    // The oldest case is another caller's; CALLER rings about it last of all (below): it must
    // sort by when it was opened, not by when they called.
    oldContacted = await open(0, OTHER, f.units.housing, 'suggestion');
    for (let i = 1; i <= 14; i++) {
      const lead = i % 4 === 3 ? f.units.transport : i % 2 === 0 ? f.units.housing : f.units.housingTeam;
      await open(i, i % 5 === 4 ? OTHER : CALLER, lead, i % 3 === 0 ? 'suggestion' : 'complaint');
    }
    tipCase = await open(15, CALLER, f.units.housing, 'report', tipLine.id);
    const unit = await t.ctx.db.selectFrom('org_units').select('path').where('id', '=', f.units.housing).executeTakeFirstOrThrow();
    housingPath = unit.path;
    const operator = await login(t.app, 'operator');
    const again = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${oldContacted}/contacts`, headers: { cookie: operator },
      payload: { channel: 'phone', callerPhone: '138 1234 0000', content: '我也反映这个问题。' },
    });
    expect(again.statusCode, again.body).toBe(201);
  });
  afterAll(() => t.close());

  const bidx = () => t.ctx.pii.blindIndex(CALLER);
  const scopes = (): Array<[string, CaseScope]> => [
    ['city', { kind: 'jurisdiction', jurisdictionId: f.jurisdiction.id }],
    ['housing handler', { kind: 'units', jurisdictionId: f.jurisdiction.id, unitPath: housingPath, ownerUserId: null }],
  ];
  /** The plain rule's list, newest first (phoneCaseIds's IN, the subtree's IN; no window). */
  const plain = async (scope: CaseScope, filters: CaseFilters) => {
    const rows = await pageCasesAfter(t.ctx.db, { scope, filters, now, after: null, limit: 1000 });
    return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at).toISOString() }));
  };
  const lists = (): Array<[string, CaseScope, CaseFilters]> => {
    const phone = (includeProtected: boolean) => ({ bidx: bidx(), jurisdictionId: f.jurisdiction.id, includeProtected });
    const out: Array<[string, CaseScope, CaseFilters]> = [];
    for (const [label, scope] of scopes()) {
      out.push([`${label}, phone`, scope, { phone: phone(false) }]);
      out.push([`${label}, phone, may know reporters`, scope, { phone: phone(true) }]);
      out.push([`${label}, phone, suggestions`, scope, { phone: phone(false), type: 'suggestion' }]);
      out.push([`${label}, housing, suggestions`, scope, { unitPath: housingPath, type: 'suggestion' }]);
    }
    return out;
  };

  it('pages a caller\'s cases newest first, exactly as the plain rule, with an exact count', async () => {
    for (const [label, scope, filters] of lists()) {
      const want = await plain(scope, filters);
      for (const limit of [1, 2, 3, 20]) {
        for (let offset = 0; offset <= want.length; offset += limit) {
          const got = await listCases(t.ctx.db, { scope, filters, sort: 'created', limit, offset, now });
          const at = `${label}, limit ${limit}, offset ${offset}`;
          expect(got.rows.map((r) => r.id), at).toEqual(want.slice(offset, offset + limit).map((c) => c.id));
          expect([got.total, got.totalAtLeast, got.totalCapped, got.searchedSince], at).toEqual([want.length, false, false, null]);
        }
      }
    }
  });

  it('never finds a tip-line reporter\'s case, nor counts their tip-line call, for a viewer who may not know them', async () => {
    const city: CaseScope = { kind: 'jurisdiction', jurisdictionId: f.jurisdiction.id };
    const hidden = await listCases(t.ctx.db, { scope: city, filters: { phone: { bidx: bidx(), jurisdictionId: f.jurisdiction.id, includeProtected: false } }, sort: 'created', limit: 100, offset: 0, now, pageWindow: 1, countWindow: 1 });
    const shown = await listCases(t.ctx.db, { scope: city, filters: { phone: { bidx: bidx(), jurisdictionId: f.jurisdiction.id, includeProtected: true } }, sort: 'created', limit: 100, offset: 0, now });
    expect(hidden.rows.map((r) => r.id)).not.toContain(tipCase);
    expect(shown.rows.map((r) => r.id)).toContain(tipCase);
    // The neighbour's old case the caller rang about sorts by its own date: last.
    expect(shown.rows.at(-1)?.id).toBe(oldContacted);
  });

  it('stops at the window: the cases since `searchedSince`, "at least" counts, and the rest reached by asking before it', async () => {
    const ended = new Set<string>();
    for (const [label, scope, filters] of lists()) {
      const want = await plain(scope, filters);
      for (const window of [1, 2, 4]) {
        for (const limit of [1, 3, 20]) {
          const seen: string[] = [];
          let to: string | undefined;
          for (let step = 0; step < 40; step++) {
            const asked = to === undefined ? filters : { ...filters, to };
            const rest = want.filter((c) => to === undefined || c.createdAt < to);
            const at = `${label}, window ${window}, limit ${limit}, step ${step}`;
            // Every page of this ask, until one is short.
            let offset = 0;
            let got = await listCases(t.ctx.db, { scope, filters: asked, sort: 'created', limit, offset, now, pageWindow: window, countWindow: window });
            for (;;) {
              const since = got.searchedSince;
              const searched = since === null ? rest : rest.filter((c) => c.createdAt >= since);
              expect(got.rows.map((r) => r.id), at).toEqual(searched.slice(offset, offset + limit).map((c) => c.id));
              expect(got.total, at).toBeLessThanOrEqual(rest.length);
              expect(got.total, at).toBeGreaterThanOrEqual(Math.min(rest.length, offset + got.rows.length));
              if (!got.totalAtLeast) expect(got.total, at).toBe(rest.length);
              seen.push(...got.rows.map((r) => r.id));
              if (got.rows.length < limit) break;
              offset += limit;
              got = await listCases(t.ctx.db, { scope, filters: asked, sort: 'created', limit, offset, now, pageWindow: window, countWindow: window });
            }
            if (got.searchedSince === null) break;
            ended.add(label);
            to = got.searchedSince;
          }
          expect(seen, `${label}, window ${window}, limit ${limit}`).toEqual(want.map((c) => c.id));
        }
      }
    }
    // Every list's window ended somewhere (else this would prove nothing).
    expect([...ended].sort()).toEqual(lists().map(([label]) => label).sort());
  });

  it('fills a bare subtree\'s page whatever the window: every entry is a match', async () => {
    const own: CaseScope = { kind: 'units', jurisdictionId: f.jurisdiction.id, unitPath: housingPath, ownerUserId: null };
    const want = await plain(own, {});
    const got = await listCases(t.ctx.db, { scope: own, filters: {}, sort: 'created', limit: 5, offset: 0, now, pageWindow: 1 });
    expect(got.rows.map((r) => r.id)).toEqual(want.slice(0, 5).map((c) => c.id));
    expect(got.searchedSince).toBeNull();
  });
});
