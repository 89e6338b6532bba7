import { DEFAULT_RATE_LIMITS, publicAppealInput, type RateLimitSettings } from '@openline/core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { writeLimitsSetting } from '../src/modules/limits/repository.js';
import { countAttempt, countAttemptsByKey } from '../src/modules/limits/service.js';
import { acceptPublicAppeals, prepareSubmission, type Acceptance, type AppealSubmission } from '../src/modules/public-intake/accept.js';
import type { AppContext } from '../src/lib/app-context.js';
import { seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const DAY = 86_400;
const LIMITS: RateLimitSettings = { ...DEFAULT_RATE_LIMITS, appealPerAddress: { max: 4, windowSeconds: DAY }, appealPerPhone: { max: 3, windowSeconds: DAY } };

/**
 * The public rate limits of a group-committed accept batch (ADR 0059): all of a batch's keys are
 * counted in one statement per scope, and the answers are those of counting appeal by appeal —
 * a key repeated within the batch, a window already partly used, appeals refused by their address
 * not counted against their phone, refusals counted, concurrent batches sharing keys.
 */
describeDb(`public intake: rate limits counted per batch (${dialect})`, () => {
  let t: TestContext;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestContext({ publicIntakeDrainer: false });
    await seedFixture(t.ctx);
    await writeLimitsSetting(t.ctx.db, JSON.stringify(LIMITS), new Date().toISOString());
  });
  afterAll(() => t.close());
  // Every test its own phones and addresses: windows are a day long and shared by the suite.
  beforeEach(() => {
    seq += 1000;
  });

  const phone = (n: number): string => `1397${String(seq + n).padStart(7, '0')}`;
  const ip = (n: number): string => `198.51.${Math.floor((seq + n) / 250) % 250}.${((seq + n) % 250) + 1}`;
  const submission = (p: number, a: number): AppealSubmission =>
    prepareSubmission(publicAppealInput.parse({ name: '市民', phone: phone(p), content: `第${p}号楼的路灯坏了${a}天，晚上很黑。` }), ip(a));
  const statuses = (answers: Acceptance[]): Array<'ok' | string> => answers.map((r) => (r.ok ? 'ok' : r.error.code));
  const refusals = async (scope: string): Promise<number> => {
    const rows = await t.ctx.db.selectFrom('rate_counters').select('count').where('scope', '=', `refused:${scope}`).execute();
    return rows.reduce((sum, r) => sum + Number(r.count), 0);
  };

  it('refuses the N-th appeal of a phone repeated within one batch once N passes the limit, the earlier ones accepted', async () => {
    const refusedBefore = await refusals('appealPerPhone');
    // Phone 1 five times between phone 2's two, each from an address of its own.
    const batch = [submission(1, 1), submission(2, 2), submission(1, 3), submission(1, 4), submission(2, 5), submission(1, 6), submission(1, 7)];
    const answers = await acceptPublicAppeals(t.ctx, batch);
    expect(statuses(answers)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    const refused = answers[5];
    if (refused?.ok !== false) throw new Error('expected a refusal');
    expect(refused.error.status).toBe(429);
    expect(refused.error.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.error.retryAfterSeconds).toBeLessThanOrEqual(DAY);
    expect(await refusals('appealPerPhone')).toBe(refusedBefore + 2);

    // The window remembers: phone 1 is refused from now on, phone 2 has one left of its three.
    const next = await acceptPublicAppeals(t.ctx, [submission(2, 8), submission(1, 9), submission(2, 10)]);
    expect(statuses(next)).toEqual(['ok', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect(await refusals('appealPerPhone')).toBe(refusedBefore + 4);
  });

  it('counts an address repeated within a batch in order, and does not count what its address refused against the phone', async () => {
    const refusedBefore = await refusals('appealPerAddress');
    // Address 1 six times (limit 4): its fifth and sixth are refused. The sixth is phone 9's only appeal.
    const batch = [1, 2, 3, 4, 5, 9].map((p) => submission(p, 1));
    expect(statuses(await acceptPublicAppeals(t.ctx, batch))).toEqual(['ok', 'ok', 'ok', 'ok', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect(await refusals('appealPerAddress')).toBe(refusedBefore + 2);
    // Phone 9 was never counted: it still has all three.
    const again = await acceptPublicAppeals(t.ctx, [submission(9, 2), submission(9, 3), submission(9, 4), submission(9, 5)]);
    expect(statuses(again)).toEqual(['ok', 'ok', 'ok', 'TOO_MANY_REQUESTS']);
  });

  it('gives the same answers as counting attempt by attempt, whatever the window already holds', async () => {
    const now = new Date();
    const amounts = new Map([['a', 1], ['b', 4], ['c', 2], ['d', 7]]);
    const keyOf = (k: string) => `batch-vs-single/${seq}/${k}`;
    // Key c has used two of its three already, key d all three.
    for (let i = 0; i < 2; i++) await countAttempt(t.ctx, { scope: 'appealPerPhone', key: keyOf('c'), now });
    for (let i = 0; i < 3; i++) await countAttempt(t.ctx, { scope: 'appealPerPhone', key: keyOf('d'), now });
    const counted = await countAttemptsByKey(t.ctx, { scope: 'appealPerPhone', now, attempts: new Map([...amounts].map(([k, n]) => [keyOf(k), n])) });
    expect(Object.fromEntries([...amounts.keys()].map((k) => [k, counted.allowed.get(keyOf(k))]))).toEqual({ a: 1, b: 3, c: 1, d: 0 });
    // And one by one after it: key a has one left, every other key's window is full.
    const after = [];
    for (const k of amounts.keys()) after.push((await countAttempt(t.ctx, { scope: 'appealPerPhone', key: keyOf(k), now })).count);
    expect(after).toEqual([2, 5, 5, 11]);
  });

  it('holds across concurrent batches (and, on PostgreSQL, another process’s connections) that share keys in different orders', async () => {
    // A second database handle: its own connections, as another process has.
    const other: Database = openDatabase(t.databaseConfig);
    const otherCtx: AppContext = { ...t.ctx, db: other.db };
    try {
      const phones = [1, 2, 3, 4, 5, 6];
      const refusedBefore = await refusals('appealPerPhone');
      // Twelve batches at once, each every phone twice, in an order of its own; on SQLite one
      // connection serializes them, on PostgreSQL they lock the same counters at the same time.
      let a = 0;
      const batches = Array.from({ length: 12 }, (_, b) => {
        const order = b % 2 === 0 ? [...phones, ...phones] : [...phones, ...phones].reverse();
        const rotated = [...order.slice(b), ...order.slice(0, b)];
        return rotated.map((p) => ({ p, s: submission(p, ++a) }));
      });
      const answers = await Promise.all(batches.map((batch, b) =>
        acceptPublicAppeals(dialect === 'postgres' && b % 2 === 1 ? otherCtx : t.ctx, batch.map((x) => x.s))));
      const answersOf = (p: number, b?: number) =>
        batches.flatMap((batch, i) => (b === undefined || b === i ? batch.flatMap((x, j) => (x.p === p ? [answers[i]?.[j]] : [])) : []));
      for (const p of phones) {
        const mine = answersOf(p);
        expect(mine).toHaveLength(24);
        expect(mine.filter((r) => r?.ok)).toHaveLength(3);
        expect(mine.filter((r) => r?.ok === false && r.error.code === 'TOO_MANY_REQUESTS')).toHaveLength(21);
        // Within a batch a phone's first appeal is never refused while its second is accepted.
        for (const b of batches.keys()) expect(answersOf(p, b).map((r) => r?.ok)).not.toEqual([false, true]);
      }
      expect(await refusals('appealPerPhone')).toBe(refusedBefore + 6 * 21);
    } finally {
      await other.close();
    }
  }, 60_000);
});
