import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * Co-handling (协办, issue 12 §7): a unit named beside the lead unit records its progress and its
 * share of the reply; the lead unit is told of the share and reads it; nobody else records for
 * the co-unit, and nothing is recorded once the reply has gone to the citizen.
 */
interface View { units: Array<{ unitId: string; unitName: string; notes: Array<{ kind: string; text: string; authorName: string | null }> }>; mayRecordFor: string | null }

describeDb(`Co-handling units record their part (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let caseId: string;
  const cookies: Record<string, string> = {};
  const req = (who: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who] ?? '' }, ...(payload ? { payload } : {}) });
  const view = async (who: string): Promise<View> => {
    const res = await req(who, 'GET', `/api/v1/cases/${caseId}/co-handling`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as View;
  };

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'handler', 'transport-handler', 'supervisor', 'admin']) cookies[u] = await login(t.app, u);
    caseId = (await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '小区门口道路被施工围挡占用，公交站也被挡住。',
      callerPhone: '+8613800007777', actor: { kind: 'staff', userId: f.users.operator },
    })).id;
    const dispatched = await req('operator', 'POST', `/api/v1/cases/${caseId}/dispatch`, { leadUnitId: f.units.housing, coUnitIds: [f.units.transport] });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
  });
  afterAll(() => t.close());

  it('shows the co-units to whoever sees the case, and offers recording only to the co-unit\'s handler', async () => {
    const co = await view('transport-handler');
    expect(co.units.map((u) => u.unitId)).toEqual([f.units.transport]);
    expect(co.mayRecordFor).toBe(f.units.transport);
    expect((await view('handler')).mayRecordFor).toBeNull();
    expect((await view('supervisor')).mayRecordFor).toBeNull();
  });

  it('records progress and the share of the reply on the history, audited, and tells the lead unit of the share', async () => {
    const progress = await req('transport-handler', 'POST', `/api/v1/cases/${caseId}/co-handling`, { kind: 'progress', text: '已联系公交集团，临时站点明日启用。' });
    expect(progress.statusCode, progress.body).toBe(201);
    const share = await req('transport-handler', 'POST', `/api/v1/cases/${caseId}/co-handling`, { kind: 'share', text: '公交站已临时迁移至50米外，围挡期间保留。' });
    expect(share.statusCode, share.body).toBe(201);
    const lead = await view('handler');
    expect(lead.units[0]?.notes.map((n) => [n.kind, n.authorName])).toEqual([['progress', 'transport-handler'], ['share', 'transport-handler']]);
    expect(lead.units[0]?.notes[1]?.text).toContain('50米外');
    const told = await t.ctx.db.selectFrom('notifications').select(['user_id', 'kind']).where('case_id', '=', caseId).where('kind', '=', 'co_share').execute();
    expect(told).toEqual([{ user_id: f.users.handler, kind: 'co_share' }]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', caseId).where('action', 'like', 'case.co_%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['case.co_progress', 'case.co_share']);
    const status = await t.ctx.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(status.status).toBe('dispatched');
  });

  it('refuses others: the lead unit, the hotline, bad input', async () => {
    for (const who of ['handler', 'supervisor', 'operator']) {
      expect((await req(who, 'POST', `/api/v1/cases/${caseId}/co-handling`, { kind: 'share', text: '代为登记协办意见。' })).statusCode, who).toBe(403);
    }
    expect((await req('transport-handler', 'POST', `/api/v1/cases/${caseId}/co-handling`, { kind: 'reply', text: '错误类型。' })).statusCode).toBe(400);
    expect((await req('transport-handler', 'POST', `/api/v1/cases/00000000-0000-4000-8000-000000000000/co-handling`, { kind: 'share', text: '不存在的工单。' })).statusCode).toBe(404);
  });

  it('closes recording once the lead unit has replied', async () => {
    for (const [action, body] of [['accept', {}], ['contact', { note: '已电话联系市民' }], ['reply', { text: '围挡已缩小，公交站临时迁移，详见协办意见。' }]] as const) {
      const res = await req('handler', 'POST', `/api/v1/cases/${caseId}/${action}`, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const late = await req('transport-handler', 'POST', `/api/v1/cases/${caseId}/co-handling`, { kind: 'share', text: '补充协办意见。' });
    expect(late.statusCode).toBe(409);
    expect((late.json() as { error: { code: string } }).error.code).toBe('CO_HANDLING_NOT_ALLOWED');
    expect((await view('transport-handler')).mayRecordFor).toBeNull();
  });
});
