import { seededRandom } from '@openline/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJurisdiction } from '../src/modules/org/service.js';
import { IDF_SAMPLE } from '../src/modules/search/sqlite-rank.js';
import { indexDocuments, searchDocuments } from '../src/modules/search/store.js';
import { createTestContext, dialect, type TestContext } from './support/test-context.js';

/**
 * SQLite ranks a case search's newest matches in the app (ADR 0065), because FTS5's bm25() counts
 * every match of each phrase in the whole index first. The order must stay the one
 * `ORDER BY bm25(search_documents), doc_id` gave: the same formula, the index's own sizes and
 * averages, and (with fewer than IDF_SAMPLE matches a phrase, as here) the same IDF.
 */
(dialect === 'sqlite' ? describe : describe.skip)('SQLite search ranks as FTS5 bm25 did', () => {
  let t: TestContext;
  let jurisdictionId = '';
  const words = ['停水', '噪音扰民', '电梯故障', '高空抛物', '学院路', '朝阳', '路灯', '井盖', 'wifi', '3号楼'];
  const filler = ['请尽快处理', '多次反映', '附近居民', '严重影响生活', '希望相关部门', '，', '。'];
  beforeAll(async () => {
    t = await createTestContext();
    jurisdictionId = (await createJurisdiction(t.ctx.db, { code: 'rank', name: 'rank', timezone: 'Asia/Shanghai' })).id;
    const other = (await createJurisdiction(t.ctx.db, { code: 'rank-other', name: 'rank-other', timezone: 'Asia/Shanghai' })).id;
    // Texts of varied length with words repeated (term frequencies 0–3), in two jurisdictions:
    // bm25's IDF and average length are over the whole index, as FTS5 counts them.
    const random = seededRandom(65);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const docs = Array.from({ length: 900 }, (_, i) => {
      const parts = Array.from({ length: 2 + Math.floor(random() * 12) }, () => (random() < 0.45 ? pick(words) : pick(filler)));
      return { type: 'case' as const, id: `r${String(i).padStart(4, '0')}`, jurisdictionId: i % 5 === 0 ? other : jurisdictionId, text: parts.join('') };
    });
    await indexDocuments(t.ctx.db, t.ctx.dialect, docs, { fresh: true });
  });
  afterAll(() => t.close());

  const fts5Order = async (parts: string[], limit: number): Promise<string[]> => {
    const match = parts.map((p) => `"${p}"`).join(' AND ');
    const rows = await sql<{ doc_id: string }>`
      SELECT doc_id FROM (
        SELECT doc_id, bm25(search_documents) AS score FROM search_documents
        WHERE search_documents MATCH ${match} AND doc_type = 'case' AND jurisdiction_id = ${jurisdictionId}
        ORDER BY rowid DESC LIMIT ${limit}
      ) ORDER BY score, doc_id`.execute(t.ctx.db);
    return rows.rows.map((r) => r.doc_id);
  };

  it('gives the order of FTS5 bm25 for one and several words, under the cap and at it', async () => {
    const queries: Array<[string, string[]]> = [
      ['停水', ['停水']],
      ['噪音扰民', ['噪音 音扰 扰民']],
      ['WiFi', ['wifi']],
      ['学院路 高空抛物', ['学院 院路', '高空 空抛 抛物']],
      ['朝阳 停水 路灯', ['朝阳', '停水', '路灯']],
      ['3号楼 井盖', ['3 号楼', '井盖']],
    ];
    expect(IDF_SAMPLE).toBeGreaterThan(900);
    for (const [query, parts] of queries) {
      for (const limit of [5, 40, 2000]) {
        const expected = await fts5Order(parts, limit);
        expect(expected.length, query).toBeGreaterThan(0);
        expect(await searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'case', jurisdictionId, query, limit }), `${query}, ${limit}`).toEqual(expected);
      }
    }
  });
});
