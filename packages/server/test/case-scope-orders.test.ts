import type { CaseStatus, DeadlineKind } from '@openline/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyDeadlineChange } from '../src/modules/cases/deadline-changes.js';
import { deskCount, deskCountQuery } from '../src/modules/cases/desk-count.js';
import { casePageQuery, listCases, type CaseFilters, type CaseScope, type CaseSort } from '../src/modules/cases/list-repository.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { largestRange } from '../src/modules/cases/scope-pages.js';
import { replaceCoUnits } from '../src/modules/cases/transition-repository.js';
import { findJurisdiction } from '../src/modules/jurisdictions/repository.js';
import { createOrgUnit, createUser } from '../src/modules/org/service.js';
import { PASSWORD, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * ADR 0052: the scope key also carries each case's next running deadline and whether it is active
 * (triggers of migration 0056), the workbench reads the deadline order off it, and an official's
 * list merges newest-first ranges of their units and their own lines. These hold the rows to the
 * cases' deadlines and statuses, and every scope × filter × sort × page to the policy's rule and
 * the list's order, after transfers, co-unit changes, deadlines started, met, extended, moved and
 * stopped, closing and reopening.
 */
describeDb(`case lists in deadline order and an official's ranges (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let street: string;
  let official: string;
  const lines: string[] = [];
  const paths = new Map<string, string>();
  const ids: string[] = [];
  const id = (i: number): string => ids[i] ?? '';

  async function deadlines(i: number, change: 'start' | 'stop' | { extend: number } | { met: DeadlineKind }, at = new Date()): Promise<void> {
    const jurisdiction = await findJurisdiction(t.ctx.db, f.jurisdiction.id);
    const c = await t.ctx.db.selectFrom('cases').select(['lead_unit_id']).where('id', '=', id(i)).executeTakeFirstOrThrow();
    if (!jurisdiction) throw new Error('no jurisdiction');
    await t.ctx.db.transaction().execute((trx) =>
      applyDeadlineChange(trx, {
        jurisdiction, caseId: id(i), caseType: 'complaint', urgency: 'normal', leadUnitId: c.lead_unit_id, at,
        change: change === 'start' ? { kind: 'start' } : change === 'stop' ? { kind: 'stop' } : 'extend' in change ? { kind: 'extend', workingDays: change.extend } : undefined,
        met: typeof change === 'object' && 'met' in change ? change.met : undefined,
      }),
    );
  }
  const setStatus = (i: number, status: CaseStatus) => t.ctx.db.updateTable('cases').set({ status }).where('id', '=', id(i)).execute();
  const setLead = (i: number, unit: string | null) => t.ctx.db.updateTable('cases').set({ lead_unit_id: unit }).where('id', '=', id(i)).execute();

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const j = f.jurisdiction.id;
    street = (await createOrgUnit(t.ctx.db, { jurisdictionId: j, parentId: f.units.housingTeam, name: '一号街道', kind: 'street' })).id;
    for (const u of await t.ctx.db.selectFrom('org_units').select(['id', 'path']).execute()) paths.set(u.id, u.path);
    official = (await createUser(t.ctx.db, { jurisdictionId: j, orgUnitId: f.units.transport, username: 'transport-official', displayName: '局长', password: PASSWORD, roles: ['official'] })).id;
    for (const [n, owner] of [['A', official], ['B', official], ['C', null]] as const) {
      const lineId = `00000000-0000-4000-8000-00000000000${n === 'A' ? 1 : n === 'B' ? 2 : 3}`;
      await t.ctx.db.insertInto('lines').values({
        id: lineId, jurisdiction_id: j, number: `1234${n}`, name: `专线${n}`, owner_user_id: owner, owner_title: '', mode: 'direct', is_public: 1, service_hours: '{}', created_at: new Date().toISOString(),
      }).execute();
      lines.push(lineId);
    }
    const base = Date.now() - 3_600_000;
    const lineOf = [0, null, 1, 2, 0, null, 0, 1, null, 2, 0, null, 1, null, 0, null];
    for (let i = 0; i < 16; i++) {
      const c = await openCase(t.ctx, {
        jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: `第${i}件：路灯不亮。`,
        callerPhone: '+8613800000001', actor: { kind: 'staff', userId: f.users.operator }, receivedAt: new Date(base + (i % 13) * 60_000), lineId: lines[lineOf[i] ?? -1] ?? null,
      });
      ids.push(c.id);
    }
    const lead = [f.units.housing, f.units.housingTeam, street, f.units.transport, null, street, f.units.housing, f.units.transport, null, f.units.housingTeam, street, f.units.centre, f.units.transport, street, f.units.housing, f.units.housingTeam];
    const day = 86_400_000;
    for (const [i, unit] of lead.entries()) {
      if (unit === null) continue;
      await setLead(i, unit);
      await setStatus(i, 'dispatched');
      // Dispatched at different times, so the deadlines differ; two on the same instant tie.
      await deadlines(i, 'start', new Date(Date.now() - ((i * 7) % 11) * day - (i === 6 ? 0 : i) * 1000));
    }
    await t.ctx.db.transaction().execute(async (trx) => {
      await replaceCoUnits(trx, id(3), [street]);
      await replaceCoUnits(trx, id(12), [f.units.housingTeam]);
      await replaceCoUnits(trx, id(0), [f.units.transport]);
    });
    // Accepted, contacted, in progress, replied, closed, one never dispatched with a line.
    await deadlines(1, { met: 'accept' });
    await setStatus(1, 'accepted');
    await deadlines(2, { met: 'accept' });
    await deadlines(2, { met: 'contact' });
    await setStatus(2, 'in_progress');
    await deadlines(5, { met: 'resolve' });
    await setStatus(5, 'replied');
    await setStatus(9, 'closed');
    await deadlines(9, 'stop');
    await setStatus(13, 'closed');
    await deadlines(13, 'stop');
  });
  afterAll(() => t.close());

  interface Truth { id: string; lead: string | null; co: string[]; line: string | null; status: string; created: number; number: string; due: number | null }
  async function truth(): Promise<Truth[]> {
    const cases = await t.ctx.db.selectFrom('cases').select(['id', 'lead_unit_id', 'line_id', 'status', 'created_at', 'case_number']).execute();
    const co = await t.ctx.db.selectFrom('case_co_units').select(['case_id', 'unit_id']).execute();
    const running = await t.ctx.db.selectFrom('case_deadlines').select(['case_id', 'due_at']).where('met_at', 'is', null).where('cancelled_at', 'is', null).execute();
    return cases.map((c) => {
      const dues = running.filter((d) => d.case_id === c.id).map((d) => new Date(d.due_at).getTime());
      return {
        id: c.id, lead: c.lead_unit_id, co: co.filter((x) => x.case_id === c.id).map((x) => x.unit_id), line: c.line_id, status: c.status,
        created: new Date(c.created_at).getTime(), number: c.case_number ?? '', due: dues.length > 0 ? Math.min(...dues) : null,
      };
    });
  }
  const under = (unitId: string | null, path: string): boolean => unitId !== null && (paths.get(unitId) ?? '').startsWith(path);
  const ended = (status: string): boolean => ['closed', 'merged', 'invalid'].includes(status);
  const newest = (a: Truth, b: Truth): number => b.created - a.created || (b.number < a.number ? -1 : b.number > a.number ? 1 : 0);
  const byDeadline = (a: Truth, b: Truth): number =>
    Number(a.due === null) - Number(b.due === null) || (a.due ?? 0) - (b.due ?? 0) || newest(a, b);

  /** The scope rows' deadline columns are their case's next running deadline and active state. */
  async function expectRowsTimed(): Promise<void> {
    const all = await truth();
    const rows = await t.ctx.db.selectFrom('case_scopes').select(['case_id', 'due_at', 'active']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const c = all.find((x) => x.id === r.case_id);
      const label = `case ${all.indexOf(c as Truth)}`;
      expect(r.due_at === null ? null : new Date(r.due_at).getTime(), label).toBe(c?.due ?? null);
      expect(Number(r.active), label).toBe(c && (!ended(c.status) || c.due !== null) ? 1 : 0);
    }
  }

  /** Every scope × filter × sort × page against the policy's rule (policy.ts canViewCase) and the order. */
  async function expectListsRight(): Promise<void> {
    const all = await truth();
    const now = new Date().toISOString();
    const j = f.jurisdiction.id;
    const units = [f.units.city, f.units.housing, f.units.housingTeam, street, f.units.transport];
    const scopes: Array<{ scope: CaseScope; sees: (c: Truth) => boolean; owner: string | null }> = [
      { scope: { kind: 'jurisdiction', jurisdictionId: j }, sees: () => true, owner: null },
      ...units.map((u) => {
        const p = paths.get(u) ?? '';
        return { scope: { kind: 'units', jurisdictionId: j, unitPath: p, ownerUserId: null } as CaseScope, sees: (c: Truth) => under(c.lead, p) || c.co.some((x) => under(x, p)), owner: null };
      }),
      ...[f.units.transport, street].map((u) => {
        const p = paths.get(u) ?? '';
        const own = new Set(lines.slice(0, 2));
        const scope: CaseScope = { kind: 'units', jurisdictionId: j, unitPath: p, ownerUserId: official };
        return { scope, sees: (c: Truth) => under(c.lead, p) || c.co.some((x) => under(x, p)) || (c.line !== null && own.has(c.line)), owner: official };
      }),
    ];
    const open = ['dispatched', 'accepted', 'in_progress'];
    for (const { scope, sees, owner } of scopes) {
      const filterSets: Array<[string, CaseFilters, (c: Truth) => boolean]> = [['none', {}, () => true]];
      for (const u of [...units, undefined]) {
        const p = u === undefined ? undefined : paths.get(u);
        const inUnit = (c: Truth) => p === undefined || under(c.lead, p);
        filterSets.push([`unit ${u ?? '-'} open`, { unitPath: p, statuses: open }, (c) => inUnit(c) && open.includes(c.status)]);
        filterSets.push([`unit ${u ?? '-'} accepted, in progress`, { unitPath: p, statuses: ['accepted', 'in_progress'] }, (c) => inUnit(c) && ['accepted', 'in_progress'].includes(c.status)]);
        if (u !== undefined) filterSets.push([`unit ${u}`, { unitPath: p }, inUnit]);
      }
      filterSets.push(['closed', { statuses: ['closed'] }, (c) => c.status === 'closed']);
      filterSets.push(['overdue', { overdue: true }, (c) => c.due !== null && c.due <= Date.parse(now)]);
      filterSets.push(['queue awaiting_visit', { queue: 'awaiting_visit' }, (c) => c.status === 'replied']);
      filterSets.push(['own lines', { ownLinesOf: official }, (c) => c.line === lines[0] || c.line === lines[1]]);
      if (owner) filterSets.push(['own lines, open', { ownLinesOf: owner, statuses: open }, (c) => (c.line === lines[0] || c.line === lines[1]) && open.includes(c.status)]);
      for (const [name, filters, keep] of filterSets) {
        for (const sort of ['created', 'deadline'] as CaseSort[]) {
          const want = all.filter((c) => sees(c) && keep(c)).sort(sort === 'created' ? newest : byDeadline);
          for (const [offset, limit] of [[0, 20], [2, 3]] as const) {
            const got = await listCases(t.ctx.db, { scope, filters, sort, limit, offset, now });
            const label = `scope ${scope.kind === 'units' ? `${scope.unitPath} ${scope.ownerUserId ?? ''}` : 'city'}, ${name}, ${sort}, offset ${offset}`;
            expect(got.rows.map((r) => ids.indexOf(r.id)), label).toEqual(want.slice(offset, offset + limit).map((c) => ids.indexOf(c.id)));
            expect(got.total, label).toBe(want.length);
          }
        }
      }
    }
  }

  it('holds each scope row to its case’s next running deadline and state, and every list to the policy and its order', async () => {
    await expectRowsTimed();
    await expectListsRight();
  }, 180_000);

  it('stays right after transfers, co-unit changes, deadlines met, extended, moved and stopped, closing and reopening', async () => {
    await setLead(0, f.units.transport);
    await deadlines(0, 'start', new Date(Date.now() - 20 * 86_400_000));
    await t.ctx.db.transaction().execute(async (trx) => {
      await replaceCoUnits(trx, id(3), []);
      await replaceCoUnits(trx, id(7), [street, f.units.housing]);
    });
    await deadlines(2, { extend: 5 });
    await deadlines(6, { met: 'accept' });
    await t.ctx.db.updateTable('case_deadlines').set({ due_at: new Date(Date.now() - 60_000).toISOString() }).where('case_id', '=', id(10)).where('kind', '=', 'resolve').execute();
    await setStatus(12, 'closed');
    await deadlines(12, 'stop');
    await setStatus(9, 'dispatched');
    await deadlines(9, 'start', new Date(Date.now() - 3 * 86_400_000));
    // An ended case whose deadline still runs (a writer that forgot to stop it) stays on the desk.
    await setStatus(14, 'invalid');
    await setLead(15, null);
    await t.ctx.db.deleteFrom('case_deadlines').where('case_id', '=', id(11)).execute();
    await expectRowsTimed();
    await expectListsRight();
  }, 180_000);

  it('reads the workbench off the deadline index and an official’s ranges in order, not by sorting the scope', async () => {
    const j = f.jurisdiction.id;
    const housing = paths.get(f.units.housing) ?? '';
    const handler: CaseScope = { kind: 'units', jurisdictionId: j, unitPath: housing, ownerUserId: null };
    const workbench = await planOf(casePageQuery(t.ctx.db, { scope: handler, filters: { unitPath: housing, statuses: ['dispatched', 'accepted', 'in_progress'] }, sort: 'deadline', limit: 20, offset: 0, now: new Date().toISOString() }).compile());
    expect(workbench).toContain('case_scopes_unit_due');
    if (dialect === 'sqlite') expect(workbench).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    const scope: CaseScope = { kind: 'units', jurisdictionId: j, unitPath: paths.get(f.units.transport) ?? '', ownerUserId: official };
    const desk = await planOf(casePageQuery(t.ctx.db, { scope, filters: {}, sort: 'created', limit: 20, offset: 0, now: new Date().toISOString(), ownLines: lines.slice(0, 2) }).compile());
    expect(desk).toContain('case_scopes_unit_created');
    expect(desk).toContain('cases_line_created');
  });

  it('counts the workbench off the desk index and an official’s ranges off their own indexes, up to any cap', async () => {
    const all = await truth();
    const j = f.jurisdiction.id;
    for (const u of [f.units.city, f.units.housing, f.units.housingTeam, street, f.units.transport, f.units.centre]) {
      const unitPath = paths.get(u) ?? '';
      for (const statuses of [['dispatched', 'accepted', 'in_progress'], ['dispatched'], ['accepted', 'in_progress']]) {
        const want = all.filter((c) => under(c.lead, unitPath) && statuses.includes(c.status)).length;
        for (const cap of [1, 2, 3, 100]) {
          const got = await deskCount(t.ctx.db, { jurisdictionId: j, driver: { unitPath, leadOnly: true }, statuses, cap });
          expect(got, `${unitPath} ${statuses.join()} cap ${cap}`).toBe(Math.min(want, cap));
        }
      }
      // A unit's subtree (lead or co-handling) and each of the official's lines, the largest up to the cap.
      const sizes = [all.filter((c) => under(c.lead, unitPath) || c.co.some((x) => under(x, unitPath))).length, ...lines.slice(0, 2).map((l) => all.filter((c) => c.line === l).length)];
      for (const cap of [1, 3, 5, 100]) {
        const ranges = [{ kind: 'unit' as const, driver: { unitPath, leadOnly: false } }, ...lines.slice(0, 2).map((lineId) => ({ kind: 'line' as const, lineId }))];
        expect(await largestRange(t.ctx.db, j, ranges, cap), `${unitPath} cap ${cap}`).toBe(Math.min(Math.max(...sizes), cap));
      }
    }
    const plan = await planOf(deskCountQuery(t.ctx.db, { jurisdictionId: j, driver: { unitPath: paths.get(f.units.housing) ?? '', leadOnly: true }, statuses: ['in_progress'], cap: 1001 }).compile());
    expect(plan).toContain('cases_on_desk');
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
      return t.ctx.db.transaction().execute(async (trx) => {
        // Tiny tables would be read whole and sorted; forbid both to see which order the planner can read.
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        await sql`SET LOCAL enable_sort = off`.execute(trx);
        const rows = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${inline(/\$\d+/g)}`).execute(trx);
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    }
    const rows = await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${inline(/\?/g)}`).execute(t.ctx.db);
    return rows.rows.map((r) => r.detail).join('\n');
  }
});
