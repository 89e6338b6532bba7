import { afterAll, beforeAll, expect, it } from 'vitest';
import { CAUSES, breakDown } from '../../../bench/intake/tail-breakdown.js';
import { runTailBench, type TailRun } from '../../../bench/intake/tail-bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:intake-tail` at a tiny size on the suite's database: every appeal is answered and
 * stored, the server's timeline holds each accept batch and the drainer's batches, and every
 * millisecond of every request's wait is given to one cause.
 */
describeDb(`intake tail benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let tail: TailRun;

  beforeAll(async () => {
    t = await createTestContext({ publicIntakeDrainer: false });
    tail = await runTailBench(t.database, { rate: 100, seconds: 0.6, warmSeconds: 0.2, connections: 4, drainer: true, backlog: 10, client: 'thread' });
  }, 120_000);
  afterAll(() => t.close());

  it('answers and stores every appeal, and times every accept batch it answered', () => {
    expect(tail.run.sent).toBe(60);
    expect(tail.run.failures).toEqual({});
    expect(tail.stored).toEqual({ accepted: 60, answered: 60 });
    expect(tail.timeline.submits.size).toBe(60);
    expect(tail.timeline.batches.reduce((n, b) => n + b.size, 0)).toBe(60);
    for (const b of tail.timeline.batches) expect(b.from <= b.insertAt && b.insertAt <= b.to).toBe(true);
    expect(tail.timeline.slices.some((s) => s.claimed > 0)).toBe(true);
  });

  it('gives each request’s whole wait to the causes, none of it unattributed', () => {
    const requests = tail.run.requests ?? [];
    expect(requests).toHaveLength(60);
    const all = breakDown(requests, tail.timeline, tail.run.client, { fromMs: -Infinity, longCommitMs: 5 });
    expect(all.requests).toBe(60);
    const summed = CAUSES.reduce((s, c) => s + all.byCause[c], 0);
    expect(Math.abs(summed - all.meanLatencyMs)).toBeLessThan(0.5);
    expect(all.byCause.unattributed).toBeLessThan(0.5);
  });
});
