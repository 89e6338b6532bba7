import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { createJurisdiction } from '../src/modules/org/service.js';
import { recomputeCasePriority, refreshOpenPriorities } from '../src/modules/priority/recompute.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const NOW = new Date('2026-03-02T09:30:00.000Z');
// Three days on: every open case has aged, so the refresh has something to change.
const LATER = new Date(NOW.getTime() + 3 * 86_400_000);
const OPEN = ['received', 'triaged', 'dispatched', 'accepted', 'returned', 'in_progress', 'replied', 'visited'];
const silent = { info: () => undefined, warn: () => undefined };

describeDb(`daily priority refresh (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemoIfEmpty(t.ctx, { log: silent, now: NOW, caseCount: 300 });
    await addEdgeCases(t);
  });
  afterAll(() => t.close());

  /** Priorities of every case after `run`, starting from a sentinel so untouched rows show. */
  async function prioritiesAfter(run: () => Promise<unknown>): Promise<Map<string, number>> {
    await t.ctx.db.updateTable('cases').set({ priority: -1 }).execute();
    await run();
    const rows = await t.ctx.db.selectFrom('cases').select(['id', 'priority']).execute();
    return new Map(rows.map((r) => [r.id, r.priority]));
  }

  it('scores every open case exactly as the per-case recompute does, and leaves finished ones alone', async () => {
    const open = await t.ctx.db.selectFrom('cases').select(['id', 'jurisdiction_id']).where('status', 'in', OPEN).execute();
    let refreshed = 0;
    const ms = { setBased: 0, perCase: 0 };
    const setBased = await prioritiesAfter(async () => {
      const started = performance.now();
      refreshed = await refreshOpenPriorities(t.ctx.db, LATER);
      ms.setBased = Math.round(performance.now() - started);
    });
    const perCase = await prioritiesAfter(async () => {
      const started = performance.now();
      for (const c of open) await recomputeCasePriority(t.ctx.db, { jurisdictionId: c.jurisdiction_id, caseId: c.id }, LATER);
      ms.perCase = Math.round(performance.now() - started);
    });
    console.info(`priority refresh (${dialect}), ${open.length} open cases: set-based ${ms.setBased} ms, per case ${ms.perCase} ms`);
    expect(refreshed).toBe(open.length);
    expect(setBased).toEqual(perCase);
    const openIds = new Set(open.map((c) => c.id));
    for (const [id, priority] of setBased) {
      if (openIds.has(id)) expect(priority, id).toBeGreaterThan(0);
      else expect(priority, id).toBe(-1);
    }
  });

  it('covers what could make the two differ: merged children, flags, anonymous callers, two calendars', async () => {
    const parents = await t.ctx.db
      .selectFrom('cases as child')
      .innerJoin('cases as parent', 'parent.id', 'child.parent_id')
      .select('parent.id')
      .where('parent.status', 'in', OPEN)
      .execute();
    expect(parents.length).toBeGreaterThan(0);
    const flags = await t.ctx.db.selectFrom('case_vulnerabilities').select('case_id').execute();
    expect(flags.length).toBeGreaterThan(3);
    expect(await t.ctx.db.selectFrom('jurisdictions').select('id').execute()).toHaveLength(2);
  });

  it('writes only what changed: a second refresh at the same moment updates nothing', async () => {
    await refreshOpenPriorities(t.ctx.db, LATER);
    const before = await t.ctx.db.selectFrom('cases').select(['id', 'priority']).orderBy('id').execute();
    expect(await refreshOpenPriorities(t.ctx.db, LATER)).toBeGreaterThan(0);
    expect(await t.ctx.db.selectFrom('cases').select(['id', 'priority']).orderBy('id').execute()).toEqual(before);
  });
});

/**
 * What the demo lacks: confirmed flags (on open cases and on merged children, one flag on both
 * parent and child, one code this build does not know), and a second jurisdiction in another
 * time zone whose cases have anonymous and repeated callers.
 */
async function addEdgeCases(t: TestContext): Promise<void> {
  const db = t.ctx.db;
  const open = await db.selectFrom('cases').select('id').where('status', 'in', OPEN).where('parent_id', 'is', null).orderBy('case_number').limit(3).execute();
  const merged = await db
    .selectFrom('cases as child')
    .innerJoin('cases as parent', 'parent.id', 'child.parent_id')
    .select(['child.id as child', 'parent.id as parent'])
    .where('parent.status', 'in', OPEN)
    .limit(2)
    .execute();
  const rows: Array<{ case_id: string; flag: string }> = [];
  for (const c of open) rows.push({ case_id: c.id, flag: 'elderly' });
  if (open[0]) rows.push({ case_id: open[0].id, flag: 'veteran' });
  for (const m of merged) rows.push({ case_id: m.child, flag: 'child' }, { case_id: m.parent, flag: 'child' }, { case_id: m.child, flag: 'disabled' });
  await db.insertInto('case_vulnerabilities').values(rows).execute();

  const j = await createJurisdiction(db, { code: 'west-city', name: '西部市', timezone: 'Asia/Urumqi' });
  const created = new Date(NOW.getTime() - 5 * 86_400_000).toISOString();
  const cases = ['received', 'in_progress', 'closed'].map((status, i) => ({
    id: randomUUID(), jurisdiction_id: j.id, case_number: `20260225-90000${i}`, tracking_code_hash: randomUUID(), status,
    channel: 'phone', type: 'complaint', urgency: i === 0 ? 'urgent' : 'normal', content: '测试', content_enc: t.ctx.pii.encrypt('测试'), created_at: created, updated_at: created,
  }));
  await db.insertInto('cases').values(cases).execute();
  const contact = (caseId: string, bidx: string | null) => ({
    id: randomUUID(), jurisdiction_id: j.id, case_id: caseId, channel: 'phone', caller_phone_bidx: bidx, content: '测试', content_enc: t.ctx.pii.encrypt('测试'), outcome: 'opened', received_at: created,
  });
  const [a, b, c] = cases.map((x) => x.id) as [string, string, string];
  await db.insertInto('contacts').values([contact(a, null), contact(a, null), contact(a, 'k1'), contact(a, 'k1'), contact(a, 'k2'), contact(b, 'k3'), contact(c, 'k4')]).execute();
}
