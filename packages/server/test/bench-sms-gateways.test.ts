import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROVIDERS, runSmsGatewayBench, type ProviderFigures } from '../../../bench/sms-gateways/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:sms-gateways` at a tiny size on the suite's database: every provider's requests
 * are answered 200, and each distinct message is stored once however often it was sent.
 */
describeDb(`SMS gateways benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let figures: ProviderFigures[];
  beforeAll(async () => {
    t = await createTestContext();
    figures = await runSmsGatewayBench(t.database, { messages: 20, connections: 3 });
  }, 120_000);
  afterAll(() => t.close());

  it('takes every provider\'s messages, repeats included, and stores each once', () => {
    expect(figures.map((f) => f.provider)).toEqual([...PROVIDERS]);
    for (const f of figures) {
      expect(f.failures, f.provider).toEqual({});
      expect(f.requests, f.provider).toBe(22);
      expect(f.stored, f.provider).toBe(20);
      expect(f.latencyMs.p99).toBeGreaterThanOrEqual(f.latencyMs.p50);
    }
  });
});
