import { afterAll, beforeAll, expect, it } from 'vitest';
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
});
