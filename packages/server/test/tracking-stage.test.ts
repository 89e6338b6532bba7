import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TrackedAppeal } from '@openline/core';
import { processIntakeBatch } from '../src/modules/public-intake/process.js';
import { seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * The tracking page's `stage`: a null case number means "still being generated" or "handled in
 * another case", and the page must tell the two apart. This app runs no drainer, so an appeal
 * stays accepted-but-unprocessed until the test drains it.
 */
describeDb(`tracking page: processing, own case, merged (${dialect})`, () => {
  let t: TestContext;
  let lookups = 0;
  beforeAll(async () => {
    t = await createTestContext({ publicIntakeDrainer: false });
    await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  const accept = async (payload: { phone: string; content: string; address?: string }): Promise<string> => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: { name: '市民', ...payload } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ trackingCode: string }>().trackingCode;
  };
  const track = async (code: string): Promise<TrackedAppeal> => {
    // An address of its own each time: these lookups must not spend the limit per address.
    lookups += 1;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${code}`, remoteAddress: `198.51.100.${lookups}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TrackedAppeal>();
  };
  const drain = async (): Promise<void> => {
    while ((await processIntakeBatch(t.ctx, { limit: 16 })).claimed > 0);
  };

  it('says "processing" before the appeal is processed, then shows its own case', async () => {
    const code = await accept({ phone: '13600000001', content: '人民公园东门的路灯坏了好几天，晚上很黑。' });
    const waiting = await track(code);
    expect(waiting).toMatchObject({ stage: 'processing', caseNumber: null, status: 'received', canRate: false, rating: null });
    expect(waiting.timeline).toEqual([{ type: 'created', at: waiting.createdAt }]);

    await drain();
    const opened = await track(code);
    expect(opened).toMatchObject({ stage: 'case', caseNumber: expect.stringMatching(/^\d{8}-\d{6}$/), status: 'received' });
    expect(opened.timeline[0]).toEqual({ type: 'created', at: opened.createdAt });
  });

  it('says "merged" for an appeal added to the same phone\'s open case, and "processing" until then', async () => {
    const content = '锦绣小区3栋电梯坏了三天，上下楼很困难，物业不管。';
    const first = await accept({ phone: '13600000002', content });
    await drain();
    const firstCase = (await track(first)).caseNumber;

    const again = await accept({ phone: '13600000002', content: '锦绣小区3栋电梯坏了三天了，上下楼很困难，物业一直不管。' });
    expect(await track(again)).toMatchObject({ stage: 'processing', caseNumber: null });
    await drain();
    const attached = await track(again);
    expect(attached).toMatchObject({ stage: 'merged', caseNumber: null, status: 'received' });
    expect(attached.timeline).toEqual([{ type: 'created', at: attached.createdAt }]);
    expect(JSON.stringify(attached)).not.toContain(firstCase);
  });

  it('starts a merged appeal\'s history at its own submission, not at the case it joined', async () => {
    const parentCode = await accept({ phone: '13600000003', content: '楼道灯坏了一周，晚上上下楼看不见。', address: '测试市幸福路66号翠湖花园7栋' });
    await drain();
    const parent = await track(parentCode);
    // The parent's steps must lie strictly before the child's submission for the check to mean anything.
    await new Promise((resolve) => setTimeout(resolve, 20));

    const childCode = await accept({ phone: '13600000004', content: '楼道的灯坏了一周了，晚上上下楼看不见路。', address: '翠湖花园7号楼2单元' });
    await drain();
    const child = await track(childCode);
    expect(child).toMatchObject({ stage: 'merged', caseNumber: expect.stringMatching(/^\d{8}-\d{6}$/), status: 'received' });
    expect(child.caseNumber).not.toBe(parent.caseNumber);
    expect(child.createdAt > parent.createdAt).toBe(true);
    expect(child.timeline[0]).toEqual({ type: 'created', at: child.createdAt });
    expect(child.timeline.map((e) => e.type)).toContain('merged');
    for (const entry of child.timeline) expect(entry.at >= child.createdAt, `${entry.type} at ${entry.at}`).toBe(true);
    expect(child.timeline.filter((e) => e.type === 'created')).toHaveLength(1);
  });
});
