import { expect, it } from 'vitest';
import { runAttachmentBench } from '../../../bench/attachments/bench.js';
import { describeDb, dialect } from './support/test-context.js';

/** `npm run bench:attachments` at a tiny size, so the benchmark keeps running from a fresh clone. */
describeDb(`attachment benchmark, tiny (${dialect})`, () => {
  it('re-encodes and stores a small photo, smaller than 2560 px so never enlarged', async () => {
    const r = await runAttachmentBench({ width: 320, height: 240, runs: 2 });
    expect(r.outputBytes).toBeGreaterThan(0);
    expect(r.thumbnailBytes).toBeGreaterThan(0);
    expect(r.reencode.max).toBeGreaterThanOrEqual(r.reencode.median);
  });
});
