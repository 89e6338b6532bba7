import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../src/lib/group-commit.js';

/** A write the test finishes by hand, so what is in flight at each moment is known. */
function heldWrites() {
  const batches: Array<{ items: number[]; finish: () => void }> = [];
  const write = (items: number[]): Promise<number[]> =>
    new Promise((resolve) => batches.push({ items, finish: () => resolve(items.map((i) => i * 10)) }));
  return { batches, write };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit (ADR 0023, ADR 0056)', () => {
  it('starts another batch beside one in flight only once overlapAt items wait; a quiet moment writes at once', async () => {
    const { batches, write } = heldWrites();
    const commits = createGroupCommit(write, { maxBatch: 100, concurrency: 4, overlapAt: 3 });
    const first = commits.submit(1);
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1]]); // nothing in flight: at once, alone
    const waiting = [commits.submit(2), commits.submit(3)];
    await tick();
    expect(batches).toHaveLength(1); // two waiting, fewer than 3: they wait for the batch in flight
    waiting.push(commits.submit(4));
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4]]); // three waiting: a second batch overlaps
    for (const b of batches) b.finish();
    expect(await Promise.all([first, ...waiting])).toEqual([10, 20, 30, 40]);
  });

  it('writes what waited below overlapAt once the batch in flight commits, in order', async () => {
    const { batches, write } = heldWrites();
    const commits = createGroupCommit(write, { maxBatch: 100, concurrency: 4, overlapAt: 10 });
    const answers = [commits.submit(1)];
    await tick();
    answers.push(commits.submit(2), commits.submit(3));
    await tick();
    expect(batches).toHaveLength(1);
    batches[0]?.finish();
    await answers[0];
    // The next batch is scheduled once the finished one has left the in-flight set (a macrotask later).
    while (batches.length < 2) await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3]]);
    batches[1]?.finish();
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
    const drained = commits.drain();
    await drained;
    expect(commits.stats()).toEqual({ batches: 2, items: 3 });
  });
});
