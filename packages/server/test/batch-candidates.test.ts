import { afterAll, beforeAll, expect, it } from 'vitest';
import { appealBodies } from '../../../bench/intake/appeals.js';
import { seedDefaultCategories } from '../src/modules/categories/seed.js';
import { processIntakeBatch } from '../src/modules/public-intake/process.js';
import { seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * A batch claimed at once reads its appeals' candidates in one go and adds, in memory, the cases
 * its earlier appeals opened (ADR 0080). What it files must be what filing the same appeals one at
 * a time, each reading its own candidates, files: the same appeals attached, merged and opened,
 * into the same cases. Two databases take the same appeals; one drains them as the PostgreSQL
 * drainer does (one batch), the other one appeal at a time (claimWithinBudget, each look-up alone).
 */
describeDb(`a batch's candidates read at once (${dialect})`, () => {
  let batched: TestContext;
  let alone: TestContext;
  let jurisdictionId: string;
  beforeAll(async () => {
    batched = await createTestContext({ publicIntakeDrainer: false });
    alone = await createTestContext({ publicIntakeDrainer: false });
    jurisdictionId = (await seedFixture(batched.ctx)).jurisdiction.id;
    await seedFixture(alone.ctx);
  });
  afterAll(async () => {
    await batched.close();
    await alone.close();
  });

  const A = '13700031001';
  const B = '13700031002';
  const C = '13700031003';
  const D = '13700031004';
  /** [content, address or none (the place is read from the text), phone] */
  type Appeal = [string, string | undefined, string];
  const before: Appeal[] = [['翠苑小区7号楼停水了，整栋楼都没有水，已经一天了。', '测试市和平路12号翠苑小区7号楼', A]];
  const surge: Appeal[] = [
    ['翠苑小区7号楼停水，整栋楼一天都没有水了。', '翠苑小区7号楼', B],
    ['锦绣小区3号楼电梯坏了，老人上下楼很困难。', '测试市和平路20号锦绣小区3号楼', C],
    ['锦绣小区3号楼电梯又坏了，老人上下楼很困难。', '锦绣小区3号楼', D],
    ['锦绣小区3号楼电梯坏了，老人上下楼很困难，请尽快修理。', '锦绣小区3号楼', C],
    ['和平路88号门口的路灯坏了，晚上很黑。', undefined, '13700031005'],
    ['和平路88号门口路灯坏了，晚上很黑很危险。', undefined, '13700031006'],
    ['翠苑小区7号楼停水了，整栋楼都没有水。', '翠苑小区7号楼', D],
    ...appealBodies(8, 3).map((body): Appeal => {
      const b = JSON.parse(body) as { content: string; address: string; phone: string };
      return [b.content, b.address, b.phone.replace('+86', '')];
    }),
    ['锦绣小区3号楼电梯坏了，老人上下楼很困难。', '锦绣小区3号楼', B],
    ['和平路88号门口的路灯坏了，晚上出行很不安全。', undefined, '13700031007'],
  ];

  let ip = 0;
  const accept = async (t: TestContext, [content, address, phone]: Appeal): Promise<void> => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/public/appeals', payload: { name: '市民', phone, content, ...(address ? { address } : {}) }, remoteAddress: `203.0.113.${(++ip % 250) + 1}`,
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  /** Each appeal's outcome, and which appeal opened the case it was attached or merged to (by position; -1: before the surge). */
  const filed = async (t: TestContext): Promise<Array<{ outcome: string | null; into: number | null; callers: number | null }>> => {
    const rows = await t.ctx.db.selectFrom('public_intake').select(['outcome', 'case_id']).orderBy('seq').execute();
    const cases = await t.ctx.db.selectFrom('cases').select(['id', 'parent_id', 'family_callers']).execute();
    const byId = new Map(cases.map((c) => [c.id, c]));
    const openedBy = new Map(rows.flatMap((r, i) => (r.outcome === 'opened' ? [[r.case_id, i - before.length] as const] : [])));
    return rows.slice(before.length).map((r) => {
      const own = byId.get(r.case_id ?? '');
      const target = r.outcome === 'attached' ? r.case_id : r.outcome === 'merged' ? own?.parent_id : null;
      return {
        outcome: r.outcome,
        into: target ? openedBy.get(target) ?? null : null,
        callers: target ? Number(byId.get(target)?.family_callers ?? 0) : null,
      };
    });
  };

  it('files a surge as filing each appeal alone files it: the same attaches, merges and openings, into the same cases', async () => {
    for (const t of [batched, alone]) {
      for (const a of before) await accept(t, a);
      await processIntakeBatch(t.ctx, { limit: 1 });
      for (const a of surge) await accept(t, a);
    }
    expect(await processIntakeBatch(batched.ctx, { limit: 100 })).toMatchObject({ claimed: surge.length, processed: surge.length, failed: 0 });
    expect(await processIntakeBatch(alone.ctx, { limit: 100, budgetMs: 600_000 })).toMatchObject({ claimed: surge.length, processed: surge.length, failed: 0 });

    const reference = await filed(alone);
    expect(await filed(batched)).toEqual(reference);
    // The surge has what the batch adds in memory: merges into a case opened earlier in the batch,
    // by address and by a place read from the text, an attach to one, and merges into an older case.
    expect(reference.slice(0, 7).map((r) => [r.outcome, r.into])).toEqual([
      ['merged', -1], ['opened', null], ['merged', 1], ['attached', 1], ['opened', null], ['merged', 4], ['merged', -1],
    ]);
    expect(reference.at(-2)).toMatchObject({ outcome: 'merged', into: 1 });
    expect(reference.at(-1)).toMatchObject({ outcome: 'merged', into: 4 });
    expect(reference.filter((r) => r.outcome === 'opened').length).toBeGreaterThanOrEqual(2 + 8);
  });

  it('files an appeal whose category was retired after it was accepted without it, and the batch\'s others with theirs', async () => {
    const seeded = await batched.ctx.db.selectFrom('case_categories').select('id').where('jurisdiction_id', '=', jurisdictionId).limit(1).execute();
    if (seeded.length === 0) await seedDefaultCategories(batched.ctx.db, jurisdictionId);
    const category = async (code: string): Promise<string> =>
      (await batched.ctx.db.selectFrom('case_categories').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const lights = await category('streetlights');
    const noise = await category('construction-noise');
    const appeals: Array<[string, string]> = [
      ['幸福路口的路灯坏了，晚上很黑。', lights], ['工地夜间施工噪音扰民，凌晨还在打桩。', noise], ['胜利街的路灯一直闪，晚上看不清路。', lights],
    ];
    for (const [content, categoryId] of appeals) {
      const res = await batched.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: { name: '市民', phone: `1370003${String(++ip).padStart(4, '0')}`, content, categoryId }, remoteAddress: `203.0.113.${(ip % 250) + 1}` });
      expect(res.statusCode, res.body).toBe(201);
    }
    // An admin retires one after the appeals were accepted: those cases open without it.
    await batched.ctx.db.updateTable('case_categories').set({ retired_at: new Date().toISOString() }).where('id', '=', noise).execute();
    expect(await processIntakeBatch(batched.ctx, { limit: 10 })).toMatchObject({ claimed: 3, processed: 3, failed: 0 });
    const cases = await batched.ctx.db.selectFrom('public_intake').innerJoin('cases', 'cases.id', 'public_intake.case_id')
      .select('cases.category_id').orderBy('public_intake.seq', 'desc').limit(3).execute();
    expect(cases.map((c) => c.category_id).reverse()).toEqual([lights, null, lights]);
  });
});
