import { afterAll, beforeAll, expect, it } from 'vitest';
import { PHRASINGS } from '../../../bench/kb/phrasings.js';
import { DEMO_ARTICLES } from '../src/demo/kb-articles.js';
import { login, seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

type Found = { id: string; question: string; highlights: { question: Array<[number, number]> } };

describeDb(`knowledge retrieval from a caller's words (${dialect})`, () => {
  let t: TestContext;
  let admin: string;
  let operator: string;
  const idOf = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
    admin = await login(t.app, 'admin');
    operator = await login(t.app, 'operator');
    for (const a of DEMO_ARTICLES) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/kb/articles', headers: { cookie: admin }, payload: a });
      expect(res.statusCode, res.body).toBe(201);
      idOf.set(a.question, res.json().id as string);
    }
  }, 60_000);
  afterAll(() => t.close());

  const search = async (q: string, limit = 3): Promise<Found[]> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/kb/articles?q=${encodeURIComponent(q)}&limit=${limit}`, headers: { cookie: operator } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Found[];
  };

  it("finds the issue's example sentence first, highlighting the words it shares", async () => {
    const [first] = await search('我想问一下办理居住证需要带什么材料');
    expect(first?.question).toBe('居住证办理需要什么材料？');
    const marked = (first?.highlights.question ?? []).map(([a, b]) => first?.question.slice(a, b));
    expect(marked).toEqual(expect.arrayContaining(['居住证办理']));
    expect(marked.join('')).toContain('材料');
  });

  it('answers the caller phrasings with the right article among three (recall@3 ≥ 0.9)', async () => {
    let hits = 0;
    for (const p of PHRASINGS) {
      const found = await search(p.q);
      expect(found.length).toBeLessThanOrEqual(3);
      if (found.some((f) => f.id === idOf.get(p.article))) hits++;
    }
    expect(hits / PHRASINGS.length).toBeGreaterThanOrEqual(0.9);
  });

  it('follows edits and never offers an expired article, however well it matches', async () => {
    const id = idOf.get('电动自行车怎么上牌？') ?? '';
    expect((await search('电瓶车上牌照去哪里'))[0]?.id).toBe(id);
    const expire = await t.app.inject({
      method: 'PATCH', url: `/api/v1/admin/kb/articles/${id}`, headers: { cookie: admin }, payload: { validTo: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(expire.statusCode, expire.body).toBe(200);
    expect((await search('电瓶车上牌照去哪里')).map((f) => f.id)).not.toContain(id);
    const renamed = await t.app.inject({
      method: 'PATCH', url: `/api/v1/admin/kb/articles/${idOf.get('犬只登记') ?? idOf.get('小区里养狗需要办理登记吗？')}`, headers: { cookie: admin }, payload: { tags: ['养犬', '犬只登记', '宠物', '遛狗'] },
    });
    expect(renamed.statusCode).toBe(200);
    expect((await search('遛狗'))[0]?.question).toBe('小区里养狗需要办理登记吗？');
  });

  it('finds nothing for words no article shares, and still finds by a single character', async () => {
    expect(await search('我想问一下')).toEqual([]);
    expect(await search('钢琴调音找谁')).toEqual([]);
    expect((await search('狗', 10)).map((f) => f.question)).toContain('小区里养狗需要办理登记吗？');
  });
});
