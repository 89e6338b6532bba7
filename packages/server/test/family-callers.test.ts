import { afterAll, beforeAll, expect, it } from 'vitest';
import { recomputeCasePriority } from '../src/modules/priority/recompute.js';
import { processIntakeBatch } from '../src/modules/public-intake/process.js';
import { fileAppeal, login, seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

// A merged report adds its caller to the parent's stored count instead of recounting the family
// (ADR 0076): the figure and the priority must be what a recount gives, whatever happened before.
describeDb(`a family's callers kept with its priority (${dialect})`, () => {
  let t: TestContext;
  let operator: string;
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
    operator = await login(t.app, 'operator');
  });
  afterAll(() => t.close());

  const byNumber = (caseNumber: string) =>
    t.ctx.db.selectFrom('cases').select(['id', 'status', 'parent_id', 'priority', 'family_callers']).where('case_number', '=', caseNumber).executeTakeFirstOrThrow();
  const byId = (id: string) => t.ctx.db.selectFrom('cases').select(['priority', 'family_callers', 'family_flags']).where('id', '=', id).executeTakeFirstOrThrow();
  /** What a recount stores, and the score it gives: the reference the kept figure must equal. */
  const recounted = async (id: string) => {
    const { jurisdiction_id: jurisdictionId } = await t.ctx.db.selectFrom('cases').select('jurisdiction_id').where('id', '=', id).executeTakeFirstOrThrow();
    const priority = await recomputeCasePriority(t.ctx.db, { jurisdictionId, caseId: id });
    const { family_callers, family_flags } = await byId(id);
    return { priority, family_callers, family_flags };
  };
  const report = (phone: string, building: string, n: number) =>
    fileAppeal(t, { name: '居民', phone, content: `${building}楼道的灯坏了一周了，晚上上下楼看不见路（${n}）。`, address: `测试市${building}` });

  it('counts each caller once as a surge merges into one case, as a recount does', async () => {
    const first = await report('13700000100', '光明里7栋', 0);
    expect(first.json().outcome, first.body).toBe('opened');
    const parent = await byNumber(first.json().caseNumber ?? '');
    expect(parent.family_callers).toBe(1);

    for (let i = 1; i <= 6; i++) {
      const filed = await report(`1370000010${i}`, '光明里7栋', i);
      expect(filed.json().outcome, filed.body).toBe('merged');
      expect(await byNumber(filed.json().caseNumber ?? '')).toMatchObject({ status: 'merged', parent_id: parent.id, family_callers: null });
      expect((await byId(parent.id)).family_callers).toBe(i + 1);
    }
    const six = await byId(parent.id);
    expect(six.priority).toBeGreaterThan(parent.priority);

    // A caller already in the family reports again: one more report, not one more person.
    const again = await report('13700000103', '光明里7栋', 7);
    expect(again.json().outcome, again.body).toBe('merged');
    expect(await byId(parent.id)).toEqual(six);
    expect(await recounted(parent.id)).toEqual({ priority: six.priority, family_callers: 7, family_flags: '[]' });
  });

  it('counts a family whose figure was never stored (a case from before), then keeps adding to it', async () => {
    const first = await report('13700000200', '光明里9栋', 0);
    const parent = await byNumber(first.json().caseNumber ?? '');
    for (let i = 1; i <= 3; i++) expect((await report(`1370000020${i}`, '光明里9栋', i)).json().outcome).toBe('merged');
    await t.ctx.db.updateTable('cases').set({ family_callers: null }).where('id', '=', parent.id).execute();

    expect((await report('13700000204', '光明里9栋', 4)).json().outcome).toBe('merged');
    expect((await byId(parent.id)).family_callers).toBe(5);
    expect((await report('13700000205', '光明里9栋', 5)).json().outcome).toBe('merged');
    const kept = await byId(parent.id);
    expect(kept.family_callers).toBe(6);
    expect(await recounted(parent.id)).toEqual(kept);
  });

  it('keeps the flags staff confirm on a merged report for the merges after it', async () => {
    const parent = await byNumber((await report('13700000400', '光明里15栋', 0)).json().caseNumber ?? '');
    const child = await report('13700000401', '光明里15栋', 1);
    expect(child.json().outcome).toBe('merged');
    const childCase = await byNumber(child.json().caseNumber ?? '');
    const before = await byId(parent.id);
    const flagged = await t.app.inject({
      method: 'PUT', url: `/api/v1/cases/${childCase.id}/vulnerabilities`, headers: { cookie: operator }, payload: { flags: ['elderly'] },
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    const withFlag = await byId(parent.id);
    expect(withFlag).toMatchObject({ family_callers: 2, family_flags: '["elderly"]' });
    expect(withFlag.priority).toBeGreaterThan(before.priority);

    expect((await report('13700000402', '光明里15栋', 2)).json().outcome).toBe('merged');
    const kept = await byId(parent.id);
    expect(kept).toMatchObject({ family_callers: 3, family_flags: '["elderly"]' });
    expect(await recounted(parent.id)).toEqual(kept);
  });

  it('follows an operator merging one family into another, and an unmerge', async () => {
    const a = await byNumber((await report('13700000300', '光明里11栋', 0)).json().caseNumber ?? '');
    for (let i = 1; i <= 2; i++) expect((await report(`1370000030${i}`, '光明里11栋', i)).json().outcome).toBe('merged');
    const b = await byNumber((await report('13700000310', '光明里12栋', 0)).json().caseNumber ?? '');
    // One caller of A's family also called about B.
    expect((await report('13700000301', '光明里12栋', 1)).json().outcome).toBe('merged');
    expect((await byId(a.id)).family_callers).toBe(3);
    expect((await byId(b.id)).family_callers).toBe(2);

    const merged = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${a.id}/merge`, headers: { cookie: operator }, payload: { parentId: b.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    // A's merged reports moved to B with it: B counts A's three callers and its own two, one shared.
    expect((await byId(b.id)).family_callers).toBe(4);
    expect((await byId(a.id)).family_callers).toBeNull();
    expect((await report('13700000311', '光明里12栋', 2)).json().outcome).toBe('merged');
    const afterMerge = await byId(b.id);
    expect(afterMerge.family_callers).toBe(5);
    expect(await recounted(b.id)).toEqual(afterMerge);

    const undone = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${a.id}/unmerge`, headers: { cookie: operator }, payload: { reason: '不是同一栋楼' } });
    expect(undone.statusCode, undone.body).toBe(200);
    // A's former reports stay with B (an unmerge takes back the case, not what was moved with it).
    const [afterUnmerge, own] = [await byId(b.id), await byId(a.id)];
    expect(afterUnmerge.family_callers).toBe(4);
    expect(own.family_callers).toBe(1);
    expect(await recounted(b.id)).toEqual(afterUnmerge);
    expect(await recounted(a.id)).toEqual(own);
  });
});

// Several drainers (processes, or batches side by side on PostgreSQL's pool) merge reports of one
// incident at once: each must add to the figure the others committed, and see their callers.
// (On PostgreSQL the day's case-number counter already makes them wait for each other before the
// parent is read, so this passes without recompute.ts's row lock too; ADR 0076 says why it stays.)
describeDb(`a family's callers under drainers side by side (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ publicIntakeDrainer: false });
    await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  let sent = 0;
  const accept = async (phone: string): Promise<void> => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/public/appeals', remoteAddress: `203.0.113.${(++sent % 200) + 1}`,
      payload: { name: '居民', phone, content: `光明里21栋停电了，整栋楼都没有电，电梯也停了（${sent}）。`, address: '测试市光明里21栋' },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const drain = async (limit: number): Promise<void> => {
    while ((await processIntakeBatch(t.ctx, { limit })).claimed > 0);
  };

  it('counts every caller once when batches merge into one case at the same time', async () => {
    await accept('13700000500');
    await drain(1);
    const parent = await t.ctx.db.selectFrom('public_intake').select('case_id').where('outcome', '=', 'opened').executeTakeFirstOrThrow();
    // Sixteen new callers, eight of them twice: 17 people in all.
    for (let i = 1; i <= 16; i++) await accept(`137000005${String(i).padStart(2, '0')}`);
    for (let i = 1; i <= 8; i++) await accept(`137000005${String(i).padStart(2, '0')}`);
    await Promise.all([drain(3), drain(3), drain(3), drain(3)]);

    const outcomes = await t.ctx.db.selectFrom('public_intake').select('outcome').where('outcome', '=', 'merged').execute();
    expect(outcomes).toHaveLength(24);
    const { jurisdiction_id: jurisdictionId, ...kept } = await t.ctx.db.selectFrom('cases').select(['priority', 'family_callers', 'family_flags', 'jurisdiction_id']).where('id', '=', parent.case_id ?? '').executeTakeFirstOrThrow();
    expect(kept.family_callers).toBe(17);
    const priority = await recomputeCasePriority(t.ctx.db, { jurisdictionId, caseId: parent.case_id ?? '' });
    expect({ ...kept, priority }).toEqual(kept);
  });
});
