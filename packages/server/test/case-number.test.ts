import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction } from '../src/lib/unit-of-work.js';
import { nextCaseSequence } from '../src/modules/cases/repository.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`case numbers (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  const open = (at: Date) =>
    openCase(t.ctx, {
      jurisdiction: f.jurisdiction,
      channel: 'phone',
      type: 'help',
      urgency: 'normal',
      content: '并发创建测试',
      actor: { kind: 'citizen' as const },
      receivedAt: at,
    });

  it('stay unique and gap-free under 60 concurrent intakes on one day', async () => {
    const at = new Date('2026-03-10T02:00:00Z');
    const opened = await Promise.all(Array.from({ length: 60 }, () => open(at)));
    const numbers = opened.map((o) => o.caseNumber).sort();
    expect(new Set(numbers).size).toBe(60);
    expect(numbers[0]).toBe('20260310-000001');
    expect(numbers[59]).toBe('20260310-000060');
  });

  it('count per local day in the jurisdiction time zone (Beijing), not UTC', async () => {
    // 2026-03-10T17:00Z is 01:00 on 11 March in Beijing: a new day, so the sequence restarts.
    const late = await open(new Date('2026-03-10T17:00:00Z'));
    expect(late.caseNumber).toBe('20260311-000001');
  });

  // ADR 0080: inside a unit of work the counter is drawn from once a day and set to the last
  // number taken just before the commit.
  const counter = async (day: string) =>
    (await t.ctx.db.selectFrom('case_number_counters').select('last_value').where('jurisdiction_id', '=', f.jurisdiction.id).where('day', '=', day).executeTakeFirst())?.last_value;

  it('are drawn once per day in a unit of work, the counter left at the last one', async () => {
    const numbers = await inTransaction(t.ctx, async (tx) => {
      const taken: number[] = [];
      for (let i = 0; i < 5; i++) taken.push(await nextCaseSequence(tx.db, f.jurisdiction.id, '20260401'));
      taken.push(await nextCaseSequence(tx.db, f.jurisdiction.id, '20260402'));
      // Asked for at once, each still gets its own number.
      taken.push(...await Promise.all([1, 2, 3].map(() => nextCaseSequence(tx.db, f.jurisdiction.id, '20260401'))));
      return taken;
    });
    expect(numbers).toEqual([1, 2, 3, 4, 5, 1, 6, 7, 8]);
    expect(await counter('20260401')).toBe(8);
    expect(await counter('20260402')).toBe(1);
    // The next unit of work goes on from there; alone, a draw is one statement as before.
    expect(await inTransaction(t.ctx, (tx) => nextCaseSequence(tx.db, f.jurisdiction.id, '20260401'))).toBe(9);
    expect(await nextCaseSequence(t.ctx.db, f.jurisdiction.id, '20260401')).toBe(10);
  });

  it('leave no gap when a unit of work that drew numbers rolls back', async () => {
    const failing = inTransaction(t.ctx, async (tx) => {
      await nextCaseSequence(tx.db, f.jurisdiction.id, '20260406');
      await nextCaseSequence(tx.db, f.jurisdiction.id, '20260406');
      throw new Error('rolled back');
    });
    await expect(failing).rejects.toThrow('rolled back');
    expect(await counter('20260406')).toBeUndefined();
    const opened = await inTransaction(t.ctx, async (tx) => [
      await openCase(tx, { jurisdiction: f.jurisdiction, channel: 'phone', type: 'help', urgency: 'normal', content: '回滚之后', actor: { kind: 'citizen' }, receivedAt: new Date('2026-04-06T02:00:00Z') }),
      await openCase(tx, { jurisdiction: f.jurisdiction, channel: 'phone', type: 'help', urgency: 'normal', content: '回滚之后', actor: { kind: 'citizen' }, receivedAt: new Date('2026-04-06T03:00:00Z') }),
    ]);
    expect(opened.map((o) => o.caseNumber)).toEqual(['20260406-000001', '20260406-000002']);
    expect(await counter('20260406')).toBe(2);
  });

  it('wait for another unit of work that drew the same day, and go on after its last number', async () => {
    // PostgreSQL: the first draw locks the day's row until the commit; SQLite: one writer.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let drewFirst!: () => void;
    const firstDrawn = new Promise<void>((resolve) => { drewFirst = resolve; });
    const first = inTransaction(t.ctx, async (tx) => {
      const a = await nextCaseSequence(tx.db, f.jurisdiction.id, '20260409');
      drewFirst();
      await held;
      return [a, await nextCaseSequence(tx.db, f.jurisdiction.id, '20260409'), await nextCaseSequence(tx.db, f.jurisdiction.id, '20260409')];
    });
    await firstDrawn;
    const second = dialect === 'postgres'
      ? inTransaction(t.ctx, async (tx) => [await nextCaseSequence(tx.db, f.jurisdiction.id, '20260409'), await nextCaseSequence(tx.db, f.jurisdiction.id, '20260409')])
      : undefined;
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await first).toEqual([1, 2, 3]);
    if (second) expect(await second).toEqual([4, 5]);
    expect(await counter('20260409')).toBe(dialect === 'postgres' ? 5 : 3);
  });
});
