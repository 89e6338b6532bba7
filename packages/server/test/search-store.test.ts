import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { indexDocument, indexDocuments, searchDocuments } from '../src/modules/search/store.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

describeDb(`search index, batched writes (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const count = async () => {
    const rows = await sql<{ n: number | string }>`SELECT count(*) AS n FROM search_documents`.execute(t.ctx.db);
    return Number(rows.rows[0]?.n ?? 0);
  };
  const find = (query: string, jurisdictionId = 'j1') => searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'case', jurisdictionId, query, limit: 5000 });

  it('indexes more documents than one statement holds, and re-indexing replaces rather than adds', async () => {
    // 1,203 documents: more than two statements' worth, so the batching boundary is crossed.
    const docs = Array.from({ length: 1203 }, (_, i) => ({
      type: 'case' as const, id: `c${i}`, jurisdictionId: 'j1', text: i % 3 === 0 ? `小区停水第${i}天` : `路灯不亮第${i}盏`,
    }));
    await indexDocuments(t.ctx.db, t.ctx.dialect, docs);
    expect(await count()).toBe(1203);
    expect((await find('停水')).length).toBe(401);
    expect((await find('路灯')).length).toBe(802);

    // A second batch re-indexes c0…c9 with new text and repeats c0 (the last copy wins), beside
    // an article with the same id as a case: a different document.
    await indexDocuments(t.ctx.db, t.ctx.dialect, [
      ...Array.from({ length: 10 }, (_, i) => ({ type: 'case' as const, id: `c${i}`, jurisdictionId: 'j1', text: '噪音扰民' })),
      { type: 'case', id: 'c0', jurisdictionId: 'j1', text: '油烟扰民' },
      { type: 'article', id: 'c1', jurisdictionId: 'j1', text: '停水怎么办' },
    ]);
    expect(await count()).toBe(1204);
    expect((await find('噪音')).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    expect(await find('油烟')).toEqual(['c0']);
    // c0, c3, c6, c9 no longer mention 停水; the article is not a case.
    expect((await find('停水')).length).toBe(397);
    expect(await searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'article', jurisdictionId: 'j1', query: '停水', limit: 10 })).toEqual(['c1']);
  });

  it('indexes one document the same way', async () => {
    await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: 'c5', jurisdictionId: 'j1', text: '垃圾清运不及时' });
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

  it('caps the candidates at the limit, newest indexed first on SQLite, and ranks only those', async () => {
    // 30 matches indexed oldest to newest; n28 says it twice (the best match by rank).
    for (let i = 0; i < 30; i++) {
      await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: `n${String(i).padStart(2, '0')}`, jurisdictionId: 'j9', text: i === 28 ? '停水了，又停水' : `第${i}次停水` }, { fresh: true });
    }
    await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: 'other', jurisdictionId: 'j8', text: '停水' }, { fresh: true });
    const found = await searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'case', jurisdictionId: 'j9', query: '停水', limit: 5 });
    expect(found).toHaveLength(5);
    expect(found).not.toContain('other');
    expect(found[0]).toBe('n28');
    // PostgreSQL's GIN index has no order to walk: there the five best-ranked of all matches.
    if (dialect === 'sqlite') expect([...found].sort()).toEqual(['n25', 'n26', 'n27', 'n28', 'n29']);
  });
});
