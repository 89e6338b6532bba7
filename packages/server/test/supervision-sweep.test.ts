import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sweepDeadlines } from '../src/modules/supervision/sweep.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`supervision sweep (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  beforeEach(async () => {
    for (const table of ['notifications', 'stat_case_cells', 'stat_contact_cells', 'supervision_notices', 'case_deadlines', 'outbox', 'case_events', 'contacts', 'cases'] as const) {
      await t.ctx.db.deleteFrom(table).execute();
    }
  });
  afterAll(() => t.close());

  /** n cases with one deadline each, written in bulk (this test is about the sweep, not intake). */
  async function seedDeadlines(n: number, shape: { remindAt: Date; dueAt: Date; metAt?: Date; cancelledAt?: Date; level?: number; nextEscalationAt?: Date; unitId?: string }): Promise<void> {
    const now = new Date().toISOString();
    for (let start = 0; start < n; start += 200) {
      const size = Math.min(200, n - start);
      const cases = Array.from({ length: size }, () => ({
        id: randomUUID(), jurisdiction_id: f.jurisdiction.id, case_number: `20260101-${randomUUID().slice(0, 8)}`,
        tracking_code_hash: randomUUID(), status: 'accepted', channel: 'phone', type: 'complaint', urgency: 'normal',
        content: '测试', content_enc: t.ctx.pii.encrypt('测试'), lead_unit_id: f.units.housing, created_at: now, updated_at: now,
      }));
      await t.ctx.db.insertInto('cases').values(cases).execute();
      await t.ctx.db
        .insertInto('case_deadlines')
        .values(cases.map((c) => ({
          id: randomUUID(), case_id: c.id, unit_id: shape.unitId ?? f.units.housing, kind: 'resolve' as const, clock: 'working' as const,
          starts_at: now, due_at: shape.dueAt.toISOString(), remind_at: shape.remindAt.toISOString(),
          escalation_level: shape.level ?? 0, next_escalation_at: shape.nextEscalationAt?.toISOString() ?? null,
          overdue_at: shape.level ? shape.dueAt.toISOString() : null, reminded_at: shape.level ? shape.remindAt.toISOString() : null,
          met_at: shape.metAt?.toISOString() ?? null, cancelled_at: shape.cancelledAt?.toISOString() ?? null, created_at: now,
        })))
        .execute();
    }
  }
  /** Deadlines still due for the overdue claim, or for their next tier. */
  const unclaimed = async (what: 'overdue_at' | 'escalation_level') => {
    let q = t.ctx.db.selectFrom('case_deadlines').select((eb) => eb.fn.countAll<number>().as('n')).where('met_at', 'is', null).where('cancelled_at', 'is', null);
    const now = new Date().toISOString();
    q = what === 'overdue_at' ? q.where('overdue_at', 'is', null).where('due_at', '<=', now) : q.where('escalation_level', '=', 1).where('next_escalation_at', '<=', now);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const count = async (table: 'supervision_notices' | 'outbox' | 'case_events', where?: [string, string]) => {
    let q = t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (where) q = q.where(where[0] as never, '=', where[1] as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  it('reminds once at 75 % and escalates once when the deadline passes', async () => {
    const hour = 3600_000;
    await seedDeadlines(3, { remindAt: new Date(Date.now() - hour), dueAt: new Date(Date.now() + hour) });
    expect(await sweepDeadlines(t.ctx)).toEqual({ reminders: 3, overdue: 0, escalations: 0, overdueOrders: 0 });
    expect(await sweepDeadlines(t.ctx)).toEqual({ reminders: 0, overdue: 0, escalations: 0, overdueOrders: 0 });
    expect(await count('case_events', ['type', 'deadline_reminder'])).toBe(3);
    const later = () => new Date(Date.now() + 2 * hour);
    expect(await sweepDeadlines(t.ctx, { now: later })).toEqual({ reminders: 0, overdue: 3, escalations: 0, overdueOrders: 0 });
    expect(await sweepDeadlines(t.ctx, { now: later })).toEqual({ reminders: 0, overdue: 0, escalations: 0, overdueOrders: 0 });
    expect(await count('supervision_notices')).toBe(3);
    const notice = await t.ctx.db.selectFrom('supervision_notices').selectAll().executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'overdue_resolve', unit_id: f.units.housing });
    expect(notice.message).toContain('市住建局');
    // Deadlines are read in the jurisdiction's time, as "11月28日 17:30".
    expect(notice.message).toMatch(/已超过办结时限（\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/);
    // Each overdue deadline tells the unit and the supervisors; each reminder tells the unit.
    expect(await count('outbox', ['template', 'supervision_notice'])).toBe(6);
    expect(await count('outbox', ['template', 'deadline_reminder'])).toBe(3);
  });

  it('never chases a deadline that was met or superseded', async () => {
    const past = new Date(Date.now() - 60_000);
    await seedDeadlines(2, { remindAt: past, dueAt: past, metAt: past });
    await seedDeadlines(2, { remindAt: past, dueAt: past, cancelledAt: past });
    expect(await sweepDeadlines(t.ctx)).toEqual({ reminders: 0, overdue: 0, escalations: 0, overdueOrders: 0 });
  });

  /** A real second worker process on the same database. */
  function startChildWorker(offsetMs = 0) {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./support/sweep-child.ts', import.meta.url))], {
      env: {
        ...process.env,
        SWEEP_OFFSET_MS: String(offsetMs),
        SWEEP_DATABASE: JSON.stringify(t.databaseConfig),
        SWEEP_KEY: t.dataKey.toString('base64'),
        TSX_TSCONFIG_PATH: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`sweep child exited early (${code})`)));
    });
    const done = new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => {
        const line = out.trim().split('\n').pop() ?? '';
        if (code !== 0) reject(new Error(`sweep child failed (${code})`));
        else {
          const stats = JSON.parse(line) as { overdue: number; escalations: number };
          resolve(stats.overdue + stats.escalations);
        }
      });
    });
    return { ready, go: () => child.stdin.end('go\n'), done };
  }

  it('fires exactly once per deadline when two worker processes sweep 1,000 due deadlines together', async () => {
    const past = new Date(Date.now() - 60_000);
    await seedDeadlines(1000, { remindAt: past, dueAt: past });
    const child = startChildWorker();
    await child.ready;
    {
      const run = async () => {
        let total = 0;
        for (;;) {
          const s = await sweepDeadlines(t.ctx, { batchSize: 100 });
          total += s.overdue;
          // A pass may end early when the other process holds SQLite's write lock: stop only when nothing is left.
          if (s.overdue === 0 && (await unclaimed('overdue_at')) === 0) return total;
        }
      };
      child.go();
      const [a, b] = await Promise.all([run(), child.done]);
      console.info(`exactly-once sweep (${dialect}): this process ${a}, the other ${b}`);
      expect(a + b).toBe(1000);
      expect(await count('supervision_notices')).toBe(1000);
      expect(await count('case_events', ['type', 'deadline_overdue'])).toBe(1000);
      expect(await count('outbox')).toBe(2000);
      const distinct = await t.ctx.db.selectFrom('supervision_notices').select((eb) => eb.fn.count<number>('deadline_id').distinct().as('n')).executeTakeFirstOrThrow();
      expect(Number(distinct.n)).toBe(1000);
    }
  }, 120_000);

  it('escalates a deadline that stays overdue to each tier exactly once, with two worker processes', async () => {
    const dueAt = new Date(Date.now() - 10 * 86_400_000);
    // 300 overdue deadlines of 物业管理科 whose leadership (市住建局) is due now.
    await seedDeadlines(300, { remindAt: dueAt, dueAt, level: 1, nextEscalationAt: new Date(Date.now() - 60_000), unitId: f.units.housingTeam });
    const child = startChildWorker();
    await child.ready;
    const run = async () => {
      let total = 0;
      for (;;) {
        const s = await sweepDeadlines(t.ctx, { batchSize: 50 });
        total += s.escalations;
        if (s.escalations === 0 && (await unclaimed('escalation_level')) === 0) return total;
      }
    };
    child.go();
    const [a, b] = await Promise.all([run(), child.done]);
    console.info(`exactly-once escalation (${dialect}): this process ${a}, the other ${b}`);
    expect(a + b).toBe(300);
    const notices = await t.ctx.db.selectFrom('supervision_notices').select(['tier', 'unit_id']).execute();
    expect(notices).toHaveLength(300);
    expect(new Set(notices.map((n) => `${n.tier}|${n.unit_id}`))).toEqual(new Set([`2|${f.units.housing}`]));
    expect(await count('case_events', ['type', 'escalated'])).toBe(300);
    const levels = await t.ctx.db.selectFrom('case_deadlines').select(['escalation_level', 'next_escalation_at']).execute();
    expect(new Set(levels.map((l) => l.escalation_level))).toEqual(new Set([2]));
    // The city office is next, two working days on (the default), not at once.
    expect(levels.every((l) => l.next_escalation_at !== null && new Date(l.next_escalation_at) > new Date())).toBe(true);
  }, 120_000);
});
