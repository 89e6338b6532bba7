import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJurisdiction } from '../src/modules/org/service.js';
import { indexDocument, indexDocuments, searchDocuments } from '../src/modules/search/store.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * Case rows behind case documents: PostgreSQL orders a case search by the case's created_at, so
 * a document's case must exist. The i-th id is created i minutes after 2026-01-01 (later = newer).
 */
async function seedCases(t: TestContext, code: string, ids: readonly string[]): Promise<string> {
  const j = await createJurisdiction(t.ctx.db, { code, name: code, timezone: 'Asia/Shanghai' });
  const rows = ids.map((id, i) => {
    const created = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    return {
      id, jurisdiction_id: j.id, case_number: `${code}-${i}`, tracking_code_hash: randomUUID(), status: 'received',
      channel: 'phone', type: 'complaint', urgency: 'normal', content: '测试', content_enc: t.ctx.pii.encrypt('测试'), created_at: created, updated_at: created,
    };
  });
  for (let start = 0; start < rows.length; start += 200) await t.ctx.db.insertInto('cases').values(rows.slice(start, start + 200)).execute();
  return j.id;
}

describeDb(`search index, batched writes (${dialect})`, () => {
  let t: TestContext;
  let j1 = '';
  beforeAll(async () => {
    t = await createTestContext();
    j1 = await seedCases(t, 'search-batch', Array.from({ length: 1203 }, (_, i) => `c${i}`));
  });
  afterAll(() => t.close());

  const count = async () => {
    const rows = await sql<{ n: number | string }>`SELECT count(*) AS n FROM search_documents`.execute(t.ctx.db);
    return Number(rows.rows[0]?.n ?? 0);
  };
  const find = (query: string) => searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'case', jurisdictionId: j1, query, limit: 5000 });

  it('indexes more documents than one statement holds, and re-indexing replaces rather than adds', async () => {
    // 1,203 documents: more than two statements' worth, so the batching boundary is crossed.
    const docs = Array.from({ length: 1203 }, (_, i) => ({
      type: 'case' as const, id: `c${i}`, jurisdictionId: j1, text: i % 3 === 0 ? `小区停水第${i}天` : `路灯不亮第${i}盏`,
    }));
    await indexDocuments(t.ctx.db, t.ctx.dialect, docs);
    expect(await count()).toBe(1203);
    expect((await find('停水')).length).toBe(401);
    expect((await find('路灯')).length).toBe(802);

    // A second batch re-indexes c0…c9 with new text and repeats c0 (the last copy wins), beside
    // an article with the same id as a case: a different document.
    await indexDocuments(t.ctx.db, t.ctx.dialect, [
      ...Array.from({ length: 10 }, (_, i) => ({ type: 'case' as const, id: `c${i}`, jurisdictionId: j1, text: '噪音扰民' })),
      { type: 'case', id: 'c0', jurisdictionId: j1, text: '油烟扰民' },
      { type: 'article', id: 'c1', jurisdictionId: j1, text: '停水怎么办' },
    ]);
    expect(await count()).toBe(1204);
    expect((await find('噪音')).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    expect(await find('油烟')).toEqual(['c0']);
    // c0, c3, c6, c9 no longer mention 停水; the article is not a case.
    expect((await find('停水')).length).toBe(397);
    expect(await searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'article', jurisdictionId: j1, query: '停水', limit: 10 })).toEqual(['c1']);
  });

  it('indexes one document the same way', async () => {
    await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: 'c5', jurisdictionId: j1, text: '垃圾清运不及时' });
    expect(await find('垃圾')).toEqual(['c5']);
    expect(await find('噪音')).not.toContain('c5');
    expect(await count()).toBe(1204);
    await indexDocuments(t.ctx.db, t.ctx.dialect, []);
    expect(await count()).toBe(1204);
  });
});

describeDb(`search index, newest matches first (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('caps the candidates at the limit, newest first, and ranks only those', async () => {
    // 30 matches, n00 oldest to n29 newest (created and indexed in that order: SQLite walks
    // rowids, PostgreSQL the cases' created_at). n28 says it twice (the best match by rank);
    // so does n03, which is too old to be among the newest five.
    const ids = Array.from({ length: 30 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    const j9 = await seedCases(t, 'search-newest', ids);
    const j8 = await seedCases(t, 'search-other', ['other']);
    for (const [i, id] of ids.entries()) {
      await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id, jurisdictionId: j9, text: i === 28 || i === 3 ? '停水了，又停水' : `第${i}次停水` }, { fresh: true });
    }
    await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: 'other', jurisdictionId: j8, text: '停水' }, { fresh: true });
    // PostgreSQL walks newest first only a word its statistics call common (in every document here).
    if (dialect === 'postgres') await sql`ANALYZE search_documents`.execute(t.ctx.db);
    const found = await searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'case', jurisdictionId: j9, query: '停水', limit: 5 });
    expect(found).toHaveLength(5);
    expect(found).not.toContain('other');
    expect(found[0]).toBe('n28');
    expect([...found].sort()).toEqual(['n25', 'n26', 'n27', 'n28', 'n29']);
    // Several words: each must match, still newest first.
    expect(await searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'case', jurisdictionId: j9, query: '又停水 停水了', limit: 5 })).toEqual(['n03', 'n28']);
  });
});

describeDb(`search index, windows of the newest days (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('keeps the newest matches however far back they lie, and only those', async () => {
    // Ten cases from the last hours, ten from three weeks ago, ten from two years ago: PostgreSQL
    // reads the last two days first and widens only when they hold fewer than the limit.
    const ages = [...Array.from({ length: 10 }, (_, i) => (i + 1) * 3_600_000), ...Array.from({ length: 10 }, (_, i) => (21 + i / 10) * 86_400_000), ...Array.from({ length: 10 }, (_, i) => (730 + i) * 86_400_000)];
    const ids = ages.map((_, i) => `w${String(i).padStart(2, '0')}`);
    const j = await createJurisdiction(t.ctx.db, { code: 'search-windows', name: 'search-windows', timezone: 'Asia/Shanghai' });
    const now = Date.now();
    // Inserted oldest first, as intake would have (SQLite's rowids follow indexing).
    for (const i of [...ids.keys()].reverse()) {
      const created = new Date(now - (ages[i] as number)).toISOString();
      await t.ctx.db.insertInto('cases').values({
        id: ids[i] as string, jurisdiction_id: j.id, case_number: `w-${i}`, tracking_code_hash: randomUUID(), status: 'received', channel: 'phone',
        type: 'complaint', urgency: 'normal', content: '测试', content_enc: t.ctx.pii.encrypt('测试'), created_at: created, updated_at: created,
      }).execute();
      await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: ids[i] as string, jurisdictionId: j.id, text: i === 12 ? '井盖缺失，井盖' : `井盖缺失第${i}处` }, { fresh: true });
    }
    const find = (limit: number) => searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'case', jurisdictionId: j.id, query: '井盖', limit });
    expect((await find(5)).sort()).toEqual(ids.slice(0, 5));
    // The last hours hold ten: the window widens to three weeks back for the other five, and
    // w12 (it says 井盖 twice) ranks first among them.
    const fifteen = await find(15);
    expect(fifteen[0]).toBe('w12');
    expect([...fifteen].sort()).toEqual(ids.slice(0, 15));
    expect((await find(25)).sort()).toEqual(ids.slice(0, 25));
    expect((await find(100)).sort()).toEqual(ids);
  });
});
