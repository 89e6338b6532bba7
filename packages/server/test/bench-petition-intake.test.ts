import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPetitionIntakeBench, type PetitionIntakeBenchResult } from '../../../bench/petition-intake/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:petition-intake` at a tiny size on the suite's database: it still runs from a
 * fresh clone, and the petitions it counts are the ones that became cases — its figures time
 * the whole path (first text kept incomplete, second text opens the case), not refusals.
 */
describeDb(`SMS petition intake benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: PetitionIntakeBenchResult;
  beforeAll(async () => {
    t = await createTestContext();
    result = await runPetitionIntakeBench(t.database, { petitions: 6 });
  }, 120_000);
  afterAll(() => t.close());

  it('keeps every first text incomplete and opens a case on every second', () => {
    expect(result.outcomes).toEqual({ incomplete: 6, opened: 6 });
    expect(result.casesOpened).toBe(6);
    expect(result.petitionsOpened).toBe(6);
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p50);
  });
});
