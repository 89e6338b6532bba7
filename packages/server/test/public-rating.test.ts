import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, submitAppeal, type Fixture } from './support/fixtures.js';

describeDb(`citizen tracking and rating (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  /** A citizen's appeal taken through to a reply by the real API; a new caller each time (the same one would be attached to the open case). */
  let callers = 0;
  async function repliedAppeal(): Promise<string> {
    const phone = `137222233${String(++callers).padStart(2, '0')}`;
    const { trackingCode, caseNumber } = await submitAppeal(t.app, { name: '冯二', phone, content: '小区门口公交站牌被撞倒，一直没人修。' });
    const row = await t.ctx.db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow();
    const operator = await login(t.app, 'operator');
    const handler = await login(t.app, 'handler');
    const steps: Array<[string, string, Record<string, unknown>]> = [
      [operator, 'dispatch', { leadUnitId: f.units.housing }],
      [handler, 'accept', {}],
      [handler, 'contact', { note: '已电话联系' }],
      [handler, 'reply', { text: '站牌已于今日重新安装。' }],
    ];
    for (const [cookie, path, payload] of steps) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${row.id}/${path}`, headers: { cookie }, payload });
      expect(res.statusCode, res.body).toBe(200);
    }
    return trackingCode;
  }
  const track = (code: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${code}` });
  const rate = (code: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/public/appeals/${code}/rating`, payload });

  it('shows the public timeline and the reply, and invites a rating', async () => {
    const code = await repliedAppeal();
    const body = (await track(code)).json();
    expect(body).toMatchObject({ status: 'replied', replyText: '站牌已于今日重新安装。', canRate: true, rating: null });
    expect((body.timeline as Array<{ type: string }>).map((e) => e.type)).toEqual(['created', 'dispatched', 'accepted', 'contacted', 'replied']);
  });

  it('closes the case on a solved, satisfied rating, and accepts only one rating', async () => {
    const code = await repliedAppeal();
    const rated = await rate(code, { solved: true, satisfaction: 'satisfied', comment: '很快就修好了' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'closed', canRate: false, rating: { solved: true, satisfaction: 'satisfied' } });
    const again = await rate(code, { solved: false, satisfaction: 'unsatisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ILLEGAL_TRANSITION');
    const event = await t.ctx.db.selectFrom('case_events').select(['actor_kind', 'type']).where('type', '=', 'visited').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toEqual({ actor_kind: 'citizen', type: 'visited' });
  });

  it('keeps phone and ID numbers in the citizen\'s comment redacted, in the case and its history', async () => {
    const code = await repliedAppeal();
    const rated = await rate(code, { solved: false, satisfaction: 'unsatisfied', comment: '没修好，请打13698762222或看身份证110101199003026416' });
    expect(rated.statusCode, rated.body).toBe(200);
    const rows = JSON.stringify([
      await t.ctx.db.selectFrom('cases').select('visit_comment').where('visit_comment', 'is not', null).execute(),
      await t.ctx.db.selectFrom('case_events').select('payload').where('type', '=', 'visited').execute(),
    ]);
    expect(rows).toContain('没修好，请打136****2222或看身份证110101********6416');
    for (const secret of ['13698762222', '199003026416']) expect(rows).not.toContain(secret);
  });

  it('keeps an unsatisfied rating open for a supervisor to act on', async () => {
    const code = await repliedAppeal();
    const rated = await rate(code, { solved: false, satisfaction: 'unsatisfied', comment: '站牌还是歪的' });
    expect(rated.json()).toMatchObject({ status: 'visited', rating: { solved: false, satisfaction: 'unsatisfied' } });
  });

  it('refuses a rating before the reply, bad input, and unknown codes', async () => {
    const { trackingCode } = await submitAppeal(t.app, { name: '陈三', phone: '13744445555', content: '咨询垃圾分类的投放时间。' });
    expect((await track(trackingCode)).json().canRate).toBe(false);
    expect((await rate(trackingCode, { solved: true, satisfaction: 'satisfied' })).statusCode).toBe(409);
    expect((await rate(trackingCode, { solved: 'yes', satisfaction: 'great' })).statusCode).toBe(400);
    expect((await rate('0123456789ABCDEFGHJK', { solved: true, satisfaction: 'satisfied' })).statusCode).toBe(404);
  });
});
