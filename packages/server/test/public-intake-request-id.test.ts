import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * Issue 13 §5: the request that accepted a public appeal is named in the logs of the work it
 * caused behind the answer. The id is stored with the accepted row (migration 0043) and the
 * drainer logs it with the batch that processed the row, so one search for a request's
 * `x-request-id` finds its own log lines and the processing of its appeal.
 */
describeDb(`public intake: the accepting request's id in the drainer's logs (${dialect})`, () => {
  let t: TestContext;
  const logLines: string[] = [];
  beforeAll(async () => {
    t = await createTestContext({ logStream: { write: (line) => void logLines.push(line) } });
    await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  it('stores the request id with the accepted row and the drainer logs it when it processes the row', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/public/appeals', remoteAddress: '203.0.113.77',
      payload: { name: '市民', phone: '13900004321', content: '东城区和平里小区路灯坏了一个星期，晚上很黑。', address: '东城区和平里小区3号楼' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const requestId = String(res.headers['x-request-id']);
    expect(requestId.length).toBeGreaterThan(8);

    const row = await t.ctx.db.selectFrom('public_intake').select(['seq', 'request_id']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(row.request_id).toBe(requestId);

    await t.app.publicIntake.flush();
    const processed = await t.ctx.db.selectFrom('public_intake').select(['processed_at']).where('seq', '=', row.seq).executeTakeFirstOrThrow();
    expect(processed.processed_at).not.toBeNull();
    const drained = logLines
      .map((l) => JSON.parse(l) as { msg?: string; requestIds?: string[]; reqId?: string })
      .filter((l) => l.msg === 'public intake: batch processed');
    expect(drained.some((l) => l.requestIds?.includes(requestId))).toBe(true);
    // The drainer's line is its own, not a line of whichever request woke it.
    expect(drained.every((l) => l.reqId === undefined)).toBe(true);
  });

  it('gives each appeal of one group-committed batch its own request id', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        t.app.inject({
          method: 'POST', url: '/api/v1/public/appeals', remoteAddress: `203.0.113.${80 + i}`,
          payload: { name: '市民', phone: `1390000500${i}`, content: `西城区第${i}小区楼道灯不亮，老人上下楼不方便。`, address: `西城区第${i}小区` },
        }),
      ),
    );
    const ids = answers.map((a) => {
      expect(a.statusCode, a.body).toBe(201);
      return String(a.headers['x-request-id']);
    });
    const rows = await t.ctx.db.selectFrom('public_intake').select(['request_id']).orderBy('seq', 'desc').limit(4).execute();
    expect(new Set(rows.map((r) => r.request_id))).toEqual(new Set(ids));
  });
});
