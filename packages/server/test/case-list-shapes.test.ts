import { caseNumberPrefixDays } from '@openline/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { casePageQuery, listCases, type CaseFilters, type CaseScope } from '../src/modules/cases/list-repository.js';
import { filtered } from '../src/modules/cases/list-filters.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { newId } from '../src/lib/ids.js';
import { seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * ADR 0051: city-wide lists whose filter's index is not newest first — several statuses, a
 * case-number prefix (with the search matches it is OR-ed with), overdue, a priority band — read
 * as merges of ordered parts or counted off the filter's own index. These hold each shape to the
 * plain rule: the same cases, newest first, and an exact total under the cap.
 */
describeDb(`case list shapes (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let city: CaseScope;
  type Row = { id: string; created_at: string; case_number: string; status: string; priority: number };
  let rows: Row[] = [];
  const now = new Date().toISOString();

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    city = { kind: 'jurisdiction', jurisdictionId: f.jurisdiction.id };
    const statuses = ['received', 'dispatched', 'accepted', 'returned'];
    // Over several local days and two years, so prefixes of year, month, day and sequence differ.
    const starts = [Date.UTC(2025, 11, 31, 15, 30), Date.UTC(2026, 0, 1, 3), Date.UTC(2026, 2, 9, 23), Date.UTC(2026, 2, 10, 1)];
    for (let i = 0; i < 16; i++) {
      const c = await openCase(t.ctx, {
        jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: i % 5 === 0 ? 'urgent' : 'normal', content: `第${i}件：井盖缺失。`,
        callerPhone: '+8613800000002', actor: { kind: 'staff', userId: f.users.operator }, receivedAt: new Date((starts[i % 4] ?? 0) + i * 60_000),
      });
      await t.ctx.db.updateTable('cases').set({ status: statuses[i % 4] ?? 'received', priority: i * 10 }).where('id', '=', c.id).execute();
    }
    rows = (await t.ctx.db.selectFrom('cases').select(['id', 'created_at', 'case_number', 'status', 'priority']).execute())
      .map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString(), priority: Number(r.priority) }))
      .sort((a, b) => (a.created_at === b.created_at ? b.case_number.localeCompare(a.case_number) : b.created_at.localeCompare(a.created_at)));
  });
  afterAll(() => t.close());

  async function expectList(filters: CaseFilters, want: Row[], label: string): Promise<void> {
    for (const [offset, limit] of [[0, 20], [1, 3], [4, 2]] as const) {
      const got = await listCases(t.ctx.db, { scope: city, filters, sort: 'created', limit, offset, now });
      const at = `${label}, offset ${offset}`;
      expect(got.rows.map((r) => r.id), at).toEqual(want.slice(offset, offset + limit).map((r) => r.id));
      expect([got.total, got.totalCapped, got.totalAtLeast], at).toEqual([want.length, false, false]);
    }
  }

  it('merges one newest-first part per status when several are asked', async () => {
    for (const statuses of [['dispatched', 'accepted'], ['received', 'returned', 'accepted'], ['returned', 'closed']]) {
      await expectList({ statuses }, rows.filter((r) => statuses.includes(r.status)), statuses.join(','));
    }
  });

  it('finds a case-number prefix as a byte range, with or without the search matches it is OR-ed with', async () => {
    const sample = rows[5]?.case_number ?? '';
    const prefixes = ['2026', '2025', '202603', '2026031', sample.slice(0, 9), sample.slice(0, 12), sample, '9', '2027'];
    const extra = [rows[0]?.id ?? '', rows[9]?.id ?? ''];
    for (const prefix of prefixes) {
      await expectList({ text: { ids: [], caseNumberPrefix: prefix } }, rows.filter((r) => r.case_number.startsWith(prefix)), `prefix ${prefix}`);
      const either = rows.filter((r) => r.case_number.startsWith(prefix) || extra.includes(r.id));
      await expectList({ text: { ids: extra, caseNumberPrefix: prefix } }, either, `prefix ${prefix} or matches`);
      await expectList({ text: { ids: extra, caseNumberPrefix: prefix }, statuses: ['received'] }, either.filter((r) => r.status === 'received'), `prefix ${prefix} or matches, received`);
    }
  });

  it('names the local days a prefix can fall on, wide enough for every number it covers', () => {
    expect(caseNumberPrefixDays('2026')).toEqual({ from: '2026-01-01', below: '2027-01-01' });
    expect(caseNumberPrefixDays('202612')).toEqual({ from: '2026-12-01', below: '2027-01-01' });
    expect(caseNumberPrefixDays('2026031')).toEqual({ from: '2026-03-10', below: '2026-03-20' });
    expect(caseNumberPrefixDays('20261205-00')).toEqual({ from: '2026-12-05', below: '2026-12-06' });
    expect(caseNumberPrefixDays('202')).toBeNull();
  });

  it('counts an overdue case once whatever number of its running deadlines have passed', async () => {
    const past = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const overdue = [rows[1], rows[4], rows[7]].map((r) => r?.id ?? '');
    const deadline = (caseId: string, kind: 'accept' | 'contact' | 'resolve', due: string, met: string | null = null) => ({
      id: newId(), case_id: caseId, unit_id: null, kind, clock: 'natural' as const, starts_at: past(600), due_at: due, remind_at: due, reminded_at: null, overdue_at: null,
      met_at: met, cancelled_at: null, created_at: past(600),
    });
    await t.ctx.db.insertInto('case_deadlines').values([
      deadline(overdue[0] ?? '', 'accept', past(60)), deadline(overdue[0] ?? '', 'resolve', past(30)), deadline(overdue[0] ?? '', 'contact', past(60)),
      deadline(overdue[1] ?? '', 'resolve', past(5)),
      deadline(overdue[2] ?? '', 'accept', past(90)), deadline(overdue[2] ?? '', 'resolve', new Date(Date.now() + 3_600_000).toISOString()),
      deadline(rows[2]?.id ?? '', 'resolve', new Date(Date.now() + 3_600_000).toISOString()),
      deadline(rows[3]?.id ?? '', 'resolve', past(90), past(100)),
    ]).execute();
    await expectList({ overdue: true }, rows.filter((r) => overdue.includes(r.id)), 'overdue');
    await expectList({ overdue: true, statuses: [rows[4]?.status ?? ''] }, rows.filter((r) => overdue.includes(r.id) && r.status === rows[4]?.status), 'overdue and status');
  });

  it('counts the urgent cases off their own index on PostgreSQL, the same cases either way', async () => {
    const urgent = await t.ctx.db.selectFrom('cases').select('id').where('urgency', '=', 'urgent').execute();
    const want = rows.filter((r) => urgent.some((u) => u.id === r.id));
    expect(want.length).toBeGreaterThan(2);
    await expectList({ urgency: 'urgent' }, want, 'urgent');
    if (dialect !== 'postgres') return;
    // The count's statement (list-counts.ts: the filtered cases, capped) as the planner sees it.
    const count = filtered(t.ctx.db, { scope: city, filters: { urgency: 'urgent' }, now }).select('cases.id').limit(1001).compile();
    const plan = await t.ctx.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const rows = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${count.sql.replace(/\$(\d+)/g, (_, n: string) => `'${String(count.parameters[Number(n) - 1])}'`)}`).execute(trx);
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('cases_urgency_created');
  });

  it('reads a priority band off its index or newest first, the same cases either way', async () => {
    for (const band of [{ min: 100, below: null }, { min: 30, below: 90 }, { min: null, below: 40 }]) {
      const want = rows.filter((r) => (band.min === null || r.priority >= band.min) && (band.below === null || r.priority < band.below));
      await expectList({ priority: band }, want, `band ${band.min}–${band.below}`);
      for (const walkPriority of [false, true]) {
        const page = await casePageQuery(t.ctx.db, { scope: city, filters: { priority: band }, sort: 'created', limit: 20, offset: 0, now, walkPriority }).execute();
        expect(page.map((r) => r.id), `walk ${walkPriority}`).toEqual(want.map((r) => r.id));
      }
    }
  });
});
