import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { indexLegacyCallerNames } from '../src/modules/cases/name-index.js';
import { listCaseFollowers } from '../src/modules/desk/repository.js';
import { createLine, createUser } from '../src/modules/org/service.js';
import { refreshFigures } from '../src/modules/stats/rollup.js';
import { login, PASSWORD, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * The official's desk (issue 12 §2): cases on their own lines, their line's figures, instructions
 * (批示) the lead unit must answer, following (关注); and the operators' search and queues (§3):
 * caller name through its blind index, urgency and priority filters, the three queues.
 */
describeDb(`official's desk and operator queues (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let lineId = '';
  let tipLineId = '';
  const cookies: Record<string, string> = {};
  const ids = { onLine: '', offLine: '', received: '', tip: '', undispatched: '' };

  const req = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url, headers: { cookie: cookies[who] ?? '' }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Record<string, unknown>, raw: res.body };
  };
  const ok = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await req(who, method, url, payload);
    expect(res.status, `${method} ${url}: ${res.raw}`).toBeLessThan(300);
    return res.body;
  };
  const listIds = async (who: string, query: string): Promise<string[]> => {
    const body = (await ok(who, 'GET', `/api/v1/cases?pageSize=100&${query}`)) as { items: Array<{ id: string }>; total: number };
    expect(body.total).toBe(body.items.length);
    return body.items.map((i) => i.id);
  };
  const open = async (content: string, extra: { lineId?: string; callerName?: string; urgency?: 'normal' | 'urgent' } = {}) =>
    (await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: extra.urgency ?? 'normal', content, callerPhone: '+8613812349999',
      ...(extra.lineId ? { lineId: extra.lineId } : {}), ...(extra.callerName ? { callerName: extra.callerName } : {}),
      actor: { kind: 'staff', userId: f.users.operator },
    })).id;

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    // A department head who publishes a line: sees their subtree (transport) and their line's cases.
    const head = await createUser(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, orgUnitId: f.units.transport, username: 'line-owner', displayName: '王局长', password: PASSWORD, roles: ['official'],
    });
    lineId = (await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '0000-66668888', name: '交通局长热线', ownerUserId: head.id, ownerTitle: '局长', mode: 'staffed', isPublic: true,
      serviceHours: { weekly: {}, onHolidays: 'open' },
    })).id;
    tipLineId = (await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '0000-11110000', name: '举报专线', ownerUserId: f.users.official, ownerTitle: '书记', mode: 'tip', isPublic: true,
      serviceHours: { weekly: {}, onHolidays: 'open' },
    })).id;
    for (const u of ['operator', 'handler', 'team-handler', 'transport-handler', 'supervisor', 'official', 'line-owner', 'admin']) cookies[u] = await login(t.app, u);
    ids.onLine = await open('占道施工围挡长期不拆。', { lineId, callerName: '阿依古丽·买买提' });
    ids.offLine = await open('小区门口路灯不亮。', { callerName: '张三' });
    ids.received = await open('咨询公交卡办理。', { callerName: '张三丰', urgency: 'urgent' });
    ids.tip = await open('举报工地偷排污水。', { lineId: tipLineId, callerName: '张三' });
    // The line's case goes to housing, outside the line owner's own subtree.
    for (const id of [ids.onLine, ids.offLine, ids.tip]) await ok('operator', 'POST', `/api/v1/cases/${id}/dispatch`, { leadUnitId: f.units.housing });
  });
  afterAll(() => t.close());

  it('gives an official their own lines and the cases on them, whichever unit works them', async () => {
    const desk = (await ok('line-owner', 'GET', '/api/v1/desk')) as { lines: Array<{ id: string; name: string }>; openInstructions: number };
    expect(desk.lines.map((l) => l.id)).toEqual([lineId]);
    expect(await listIds('line-owner', 'ownLines=true')).toEqual([ids.onLine]);
    expect(await listIds('line-owner', `lineId=${lineId}`)).toEqual([ids.onLine]);
    // Someone owning no line gets no lines and an empty desk list, not someone else's.
    expect(((await ok('handler', 'GET', '/api/v1/desk')) as { lines: unknown[] }).lines).toEqual([]);
    expect(await listIds('handler', 'ownLines=true')).toEqual([]);
    const list = (await ok('operator', 'GET', `/api/v1/cases?lineId=${lineId}`)) as { items: Array<{ lineName: string | null }> };
    expect(list.items[0]?.lineName).toBe('交通局长热线');
  });

  it('counts the whole line in the line owner’s figures, not only their subtree', async () => {
    await refreshFigures(t.ctx);
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(today >= from).toBe(true);
    const figures = (await ok('line-owner', 'GET', `/api/v1/stats/figures?from=${from}&to=${to}&by=day&lineId=${lineId}`)) as { total: { dispatched: number } };
    expect(figures.total.dispatched).toBe(1);
    // Without the line the same official sees only their subtree, where nothing was dispatched.
    const own = (await ok('line-owner', 'GET', `/api/v1/stats/figures?from=${from}&to=${to}&by=day`)) as { total: { dispatched: number } };
    expect(own.total.dispatched).toBe(0);
  });

  it('lets an official instruct the lead unit, which answers once; both are on the case', async () => {
    const before = (await ok('line-owner', 'GET', `/api/v1/cases/${ids.onLine}/instructions`)) as { mayInstruct: boolean; mayAnswer: boolean };
    expect(before).toMatchObject({ mayInstruct: true, mayAnswer: false });
    const given = (await ok('line-owner', 'POST', `/api/v1/cases/${ids.onLine}/instructions`, { text: '请三日内拆除围挡并回复。' })) as { id: string; unitName: string };
    expect(given.unitName).toBe('市住建局');
    expect(((await ok('line-owner', 'GET', '/api/v1/desk')) as { openInstructions: number }).openInstructions).toBe(1);

    // The lead unit's handler sees it waiting and may answer; the list finds it.
    const seen = (await ok('handler', 'GET', `/api/v1/cases/${ids.onLine}/instructions`)) as { items: Array<{ answeredAt: string | null }>; mayAnswer: boolean; mayInstruct: boolean };
    expect(seen).toMatchObject({ mayAnswer: true, mayInstruct: false });
    expect(await listIds('handler', 'openInstruction=true')).toEqual([ids.onLine]);
    expect(await listIds('handler', 'openInstruction=false')).not.toContain(ids.onLine);

    // Not someone outside the lead unit (a child team, another department), nor the official.
    const url = `/api/v1/cases/${ids.onLine}/instructions/${given.id}/answer`;
    expect((await req('team-handler', 'POST', url, { text: '收到。' })).status).toBe(404);
    expect((await req('transport-handler', 'POST', url, { text: '收到。' })).status).toBe(404);
    expect((await req('line-owner', 'POST', url, { text: '收到。' })).status).toBe(403);

    const answered = (await ok('handler', 'POST', url, { text: '已联系施工方，明日拆除。' })) as { answerText: string; answeredByName: string };
    expect(answered).toMatchObject({ answerText: '已联系施工方，明日拆除。', answeredByName: 'handler' });
    const again = await req('handler', 'POST', url, { text: '再答一次。' });
    expect(again.status).toBe(409);
    expect((again.body.error as { code: string }).code).toBe('INSTRUCTION_ANSWERED');
    expect(await listIds('handler', 'openInstruction=true')).toEqual([]);

    const detail = (await ok('line-owner', 'GET', `/api/v1/cases/${ids.onLine}`)) as { events: Array<{ type: string; payload: Record<string, unknown> }> };
    const types = detail.events.map((e) => e.type);
    expect(types).toContain('instruction_given');
    expect(types).toContain('instruction_answered');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', ids.onLine).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.instruct', 'case.instruction_answer']));
  });

  it('refuses instructions from non-officials, on cases no unit works, and unknown instructions', async () => {
    expect((await req('operator', 'POST', `/api/v1/cases/${ids.offLine}/instructions`, { text: '请尽快处理。' })).status).toBe(403);
    // Not yet dispatched: the line owner sees it (their line) but no unit could answer.
    ids.undispatched = await open('公交站牌被撞倒。', { lineId });
    const early = await req('line-owner', 'POST', `/api/v1/cases/${ids.undispatched}/instructions`, { text: '请尽快处理。' });
    expect(early.status).toBe(409);
    expect((early.body.error as { code: string }).code).toBe('INSTRUCTION_NOT_ALLOWED');
    // The line owner cannot see a case outside their subtree and lines: absent, not forbidden.
    expect((await req('line-owner', 'POST', `/api/v1/cases/${ids.offLine}/instructions`, { text: '请尽快处理。' })).status).toBe(404);
    const unknown = await req('handler', 'POST', `/api/v1/cases/${ids.offLine}/instructions/${ids.onLine}/answer`, { text: '收到。' });
    expect(unknown.status).toBe(404);
    expect((unknown.body.error as { code: string }).code).toBe('INSTRUCTION_NOT_FOUND');
    expect((await req('official', 'POST', `/api/v1/cases/${ids.offLine}/instructions`, { text: ' ' })).status).toBe(400);
  });

  it('follows and unfollows a case, and tells the notifications who follows', async () => {
    expect(await ok('line-owner', 'PUT', `/api/v1/cases/${ids.onLine}/follow`, { following: true })).toEqual({ following: true });
    await ok('line-owner', 'PUT', `/api/v1/cases/${ids.onLine}/follow`, { following: true });
    expect(await ok('line-owner', 'GET', `/api/v1/cases/${ids.onLine}/follow`)).toEqual({ following: true });
    expect(await listIds('line-owner', 'followed=true')).toEqual([ids.onLine]);
    const owner = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'line-owner').executeTakeFirstOrThrow();
    expect(await listCaseFollowers(t.ctx.db, ids.onLine)).toEqual([owner.id]);
    await ok('line-owner', 'PUT', `/api/v1/cases/${ids.onLine}/follow`, { following: false });
    expect(await listIds('line-owner', 'followed=true')).toEqual([]);
    expect((await req('line-owner', 'PUT', `/api/v1/cases/${ids.offLine}/follow`, { following: true })).status).toBe(404);
  });

  it('finds a caller by exact full name through the blind index, never a tip reporter for those who may not know them', async () => {
    expect((await listIds('operator', `callerName=${encodeURIComponent('张三')}`)).sort()).toEqual([ids.offLine, ids.tip].sort());
    expect(await listIds('operator', `callerName=${encodeURIComponent(' 张 三 ')}`)).toHaveLength(2);
    expect(await listIds('operator', `callerName=${encodeURIComponent('阿依古丽买买提')}`)).toEqual([ids.onLine]);
    // A surname is not a name: no prefix search on a keyed hash.
    expect(await listIds('operator', `callerName=${encodeURIComponent('张')}`)).toEqual([]);
    expect(await listIds('supervisor', `callerName=${encodeURIComponent('张三')}`)).toEqual([ids.offLine]);
    expect((await req('operator', 'GET', `/api/v1/cases?callerName=${encodeURIComponent('··')}`)).status).toBe(400);
    // Nothing but the keyed index is stored: no clear name in the row.
    const row = await t.ctx.db.selectFrom('cases').select(['caller_name_bidx', 'caller_name_enc']).where('id', '=', ids.offLine).executeTakeFirstOrThrow();
    expect(row.caller_name_bidx).toMatch(/^[0-9a-f]{64}$/);
    expect(row.caller_name_enc).not.toContain('张三');
  });

  it('indexes the names of cases recorded before the index existed, once', async () => {
    await t.ctx.db.updateTable('cases').set({ caller_name_bidx: null }).where('id', '=', ids.offLine).execute();
    expect(await listIds('operator', `callerName=${encodeURIComponent('张三')}`)).toEqual([ids.tip]);
    expect(await indexLegacyCallerNames(t.ctx.db, t.ctx.pii)).toBe(1);
    expect(await indexLegacyCallerNames(t.ctx.db, t.ctx.pii)).toBe(0);
    expect(await listIds('operator', `callerName=${encodeURIComponent('张三')}`)).toHaveLength(2);
  });

  it('filters by urgency and priority band', async () => {
    expect(await listIds('operator', 'urgency=urgent')).toEqual([ids.received]);
    const urgent = await t.ctx.db.selectFrom('cases').select('priority').where('id', '=', ids.received).executeTakeFirstOrThrow();
    const band = urgent.priority >= 400 ? 'P0' : urgent.priority >= 200 ? 'P1' : urgent.priority >= 50 ? 'P2' : urgent.priority >= 20 ? 'P3' : 'P4';
    expect(await listIds('operator', `priorityBand=${band}`)).toContain(ids.received);
    expect(await listIds('operator', 'priorityBand=P4')).not.toContain(ids.received);
    expect((await req('operator', 'GET', '/api/v1/cases?priorityBand=P9')).status).toBe(400);
  });

  it('keeps the operator queues with counts, most pressing first', async () => {
    const low = await open('咨询垃圾分类时间。');
    const urgentLate = await open('小区停水两天，老人无法做饭。', { urgency: 'urgent' });
    const returned = await open('楼上漏水。');
    await ok('operator', 'POST', `/api/v1/cases/${returned}/dispatch`, { leadUnitId: f.units.housing });
    await ok('handler', 'POST', `/api/v1/cases/${returned}/return`, { reason: '不属于本单位职责' });
    const replied = ids.offLine;
    await ok('handler', 'POST', `/api/v1/cases/${replied}/accept`, {});
    await ok('handler', 'POST', `/api/v1/cases/${replied}/contact`, { note: '已电话联系' });
    await ok('handler', 'POST', `/api/v1/cases/${replied}/reply`, { text: '路灯已修复。' });

    const counts = await ok('operator', 'GET', '/api/v1/cases/queues');
    expect(counts).toEqual({ awaiting_dispatch: 4, returned: 1, awaiting_visit: 1 });
    // Urgent (higher priority) first, the newest of them too; equal priority: the older first.
    expect(await listIds('operator', 'queue=awaiting_dispatch&sort=queue')).toEqual([ids.received, urgentLate, ids.undispatched, low]);
    expect(await listIds('operator', 'queue=returned&sort=queue')).toEqual([returned]);
    expect(await listIds('operator', 'queue=awaiting_visit&sort=queue')).toEqual([replied]);
    // A status outside the queue narrows to nothing rather than widening it.
    expect(await listIds('operator', 'queue=returned&status=replied')).toEqual([]);
    for (const who of ['handler', 'supervisor', 'official']) expect((await req(who, 'GET', '/api/v1/cases/queues')).status, who).toBe(403);
  });
});
