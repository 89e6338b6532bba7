import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture } from './support/fixtures.js';

describeDb(`knowledge base and direct answers (${dialect})`, () => {
  let t: TestContext;
  let admin: string;
  let operator: string;
  const day = 86_400_000;
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
    admin = await login(t.app, 'admin');
    operator = await login(t.app, 'operator');
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/admin/kb/articles', headers: { cookie: admin }, payload: body });
  const search = async (q: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/kb/articles?q=${encodeURIComponent(q)}`, headers: { cookie: operator } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Array<{ id: string; question: string; highlights: { question: Array<[number, number]> } }>;
  };

  it('finds valid articles by a two-character word, with highlights, and never expired or future ones', async () => {
    const current = await create({ question: '新生儿如何办理户口落户？', answer: '携带出生医学证明、父母户口簿到派出所办理。', tags: ['户籍'] });
    expect(current.statusCode, current.body).toBe(201);
    await create({ question: '2020年落户新政怎么申请？', answer: '已废止。', validTo: new Date(Date.now() - day).toISOString() });
    await create({ question: '明年的落户积分怎么算？', answer: '尚未发布。', validFrom: new Date(Date.now() + 30 * day).toISOString() });
    const found = await search('落户');
    expect(found.map((a) => a.id)).toEqual([current.json().id]);
    expect(found[0]?.highlights.question).toEqual([[9, 11]]);
    expect(await search('户籍')).toHaveLength(1);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/admin/kb/articles', headers: { cookie: admin } });
    expect(all.json().items).toHaveLength(3);
  });

  it('re-indexes an edited article and validates its dates', async () => {
    const created = await create({ question: '公积金提取需要什么材料？', answer: '身份证和银行卡。' });
    const id = created.json().id as string;
    expect(await search('公积金')).toHaveLength(1);
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/kb/articles/${id}`, headers: { cookie: admin }, payload: { question: '住房储蓄提取需要什么材料？' } });
    expect(edited.statusCode).toBe(200);
    expect(await search('公积金')).toHaveLength(0);
    expect(await search('住房储蓄')).toHaveLength(1);
    const bad = await create({ question: '时间不对', answer: '时间不对', validFrom: '2030-01-02T00:00:00Z', validTo: '2030-01-01T00:00:00Z' });
    expect(bad.statusCode).toBe(400);
    const denied = await t.app.inject({ method: 'POST', url: '/api/v1/admin/kb/articles', headers: { cookie: operator }, payload: { question: '问题问题', answer: '答案答案' } });
    expect(denied.statusCode).toBe(403);
  });

  it('closes a call answered from an article at intake, with the article referenced', async () => {
    const [article] = await search('落户');
    const intake = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: operator },
      payload: { channel: 'phone', callerPhone: '13800005555', content: '咨询新生儿落户需要带什么。', type: 'consultation' },
    });
    const id = intake.json().id as string;
    const answered = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${id}/answer-directly`, headers: { cookie: operator },
      payload: { text: '已告知需携带出生医学证明和户口簿到派出所办理。', articleId: article?.id },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'closed', replyText: '已告知需携带出生医学证明和户口簿到派出所办理。' });
    const row = await t.ctx.db.selectFrom('cases').select(['closed_at_intake', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.closed_at_intake).toBe(1);
    const event = await t.ctx.db.selectFrom('case_events').select(['type', 'payload']).where('case_id', '=', id).where('type', '=', 'answered_directly').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ articleId: article?.id });
  });

  it('refuses a direct answer that names an expired or unknown article, and keeps the case open', async () => {
    const expired = (await create({ question: '旧版居住证办理流程', answer: '已停止办理。', validTo: new Date(Date.now() - day).toISOString() })).json();
    const intake = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: operator },
      payload: { channel: 'phone', callerPhone: '13800005556', content: '咨询居住证怎么办。', type: 'consultation' },
    });
    const id = intake.json().id as string;
    const refusals = [
      { articleId: expired.id as string, code: 'VALIDATION_FAILED' },
      { articleId: '00000000-0000-4000-8000-000000000000', code: 'REFERENCE_NOT_FOUND' },
    ];
    for (const { articleId, code } of refusals) {
      const refused = await t.app.inject({
        method: 'POST', url: `/api/v1/cases/${id}/answer-directly`, headers: { cookie: operator },
        payload: { text: '已告知。', articleId },
      });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error).toMatchObject({ code, details: [{ path: 'articleId' }] });
    }
    const row = await t.ctx.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('received');
  });
});
