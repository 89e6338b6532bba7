// Supervision at city scale (issue 12 §1): how long the supervisor's queue counts take over many
// cases, and how fast the sweep climbs escalation tiers (deadlines/s, each claim its own
// transaction with its notice, event and messages). Data is synthetic and seeded.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import type { SessionUser } from '../../packages/server/src/modules/auth/service.js';
import { createJurisdiction, createOrgUnit } from '../../packages/server/src/modules/org/service.js';
import { supervisorQueues } from '../../packages/server/src/modules/supervision/queues.js';
import { sweepDeadlines } from '../../packages/server/src/modules/supervision/sweep.js';
import { timeRuns, type Timing } from '../support/timing.js';

export interface SupervisionBenchResult {
  db: string;
  cases: number;
  overdue: number;
  queues: Timing;
  escalation: { deadlines: number; seconds: number; perSecond: number };
}

/** A deterministic sequence, so two runs build the same data. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export async function runSupervisionBench(database: Database, o: { cases: number; overdue: number; runs: number }): Promise<SupervisionBenchResult> {
  const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(randomBytes(32)) };
  const j = await createJurisdiction(ctx.db, { code: `bench-sup-${randomUUID().slice(0, 6)}`, name: '基准市' });
  const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
  const centre = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: city.id, name: '12345热线中心', kind: 'centre' });
  // 20 bureaus of 5 sections: cases sit with sections, so escalation goes section → bureau → centre.
  const sections: string[] = [];
  for (let b = 0; b < 20; b++) {
    const bureau = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: city.id, name: `局${b}`, kind: 'department' });
    for (let s = 0; s < 5; s++) sections.push((await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: bureau.id, name: `局${b}科${s}`, kind: 'department' })).id);
  }
  const random = seeded(12345);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const sealed = ctx.pii.encrypt('基准诉求');
  for (let start = 0; start < o.cases; start += 500) {
    const size = Math.min(500, o.cases - start);
    const rows = Array.from({ length: size }, (_, i) => {
      const n = start + i;
      const unit = sections[Math.floor(random() * sections.length)] ?? sections[0] ?? '';
      return {
        id: randomUUID(), jurisdiction_id: j.id, case_number: `20260101-${String(n).padStart(7, '0')}`, tracking_code_hash: randomUUID(),
        status: 'in_progress', channel: 'phone', type: 'complaint', urgency: 'normal', content: '基准诉求', content_enc: sealed,
        lead_unit_id: unit, created_at: iso(now - 20 * 86_400_000), updated_at: iso(now),
        pending_extension_days: n % 50 === 0 ? 5 : null, pending_extension_reason: n % 50 === 0 ? '需协调' : null,
      };
    });
    await ctx.db.insertInto('cases').values(rows).execute();
    await ctx.db
      .insertInto('case_deadlines')
      .values(rows.map((c, i) => {
        const late = start + i < o.overdue;
        const due = late ? now - 3 * 86_400_000 : now + 5 * 86_400_000;
        return {
          id: randomUUID(), case_id: c.id, unit_id: c.lead_unit_id, kind: 'resolve' as const, clock: 'working' as const,
          starts_at: iso(now - 10 * 86_400_000), due_at: iso(due), remind_at: iso(due - 86_400_000), created_at: iso(now - 10 * 86_400_000),
          // Overdue ones have told their unit and wait for the leadership's tier, due now.
          reminded_at: late ? iso(due - 86_400_000) : null, overdue_at: late ? iso(due) : null,
          escalation_level: late ? 1 : 0, next_escalation_at: late ? iso(now - 60_000) : null,
        };
      }))
      .execute();
  }
  await database.optimize();
  // What autovacuum does on PostgreSQL after a bulk load: without statistics the planner picks the
  // active-deadline partial index for a claim by id and walks every deadline (300 ms a claim at 50,000).
  if (database.dialect === 'postgres') await sql`ANALYZE`.execute(database.db);

  const supervisor: SessionUser = {
    id: randomUUID(), jurisdictionId: j.id, username: 'bench-supervisor', displayName: 'bench', roles: ['supervisor'], platformRoles: [],
    orgUnitId: centre.id, orgUnitName: '12345热线中心', orgUnitPath: centre.path, orgUnitKind: 'centre',
  };
  const queues = await timeRuns(() => supervisorQueues(ctx, { user: supervisor }), o.runs);

  const started = performance.now();
  let escalated = 0;
  for (;;) {
    const s = await sweepDeadlines(ctx, { batchSize: 500 });
    escalated += s.escalations;
    if (s.escalations === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    db: database.dialect, cases: o.cases, overdue: o.overdue, queues,
    escalation: { deadlines: escalated, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(escalated / seconds) },
  };
}
