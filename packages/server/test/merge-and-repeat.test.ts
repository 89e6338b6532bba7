import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, submitAppeal, type Fixture } from './support/fixtures.js';

describeDb(`repeat contacts and merged cases (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let operator: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    operator = await login(t.app, 'operator');
  });
  afterAll(() => t.close());

  const caseIdOf = async (caseNumber: string) =>
    (await t.ctx.db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow()).id;
  const act = (cookie: string, id: string, path: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${path}`, headers: { cookie }, payload });

  it('attaches a repeat contact without changing the case, and tells the caller its status', async () => {
    const { caseNumber } = await submitAppeal(t.app, { name: '褚四', phone: '13511112222', content: '路灯不亮已经一周。' });
    const id = await caseIdOf(caseNumber);
    const before = await t.ctx.db.selectFrom('cases').select(['status', 'version', 'urgency']).where('id', '=', id).executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST', url: `/api/v1/cases/${id}/contacts`, headers: { cookie: operator },
        payload: { channel: 'phone', callerPhone: '13511112222', content: `第${i + 2}次来电催办路灯。` },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ caseNumber, status: 'received' });
    }
    const after = await t.ctx.db.selectFrom('cases').select(['status', 'version', 'urgency']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const contacts = await t.ctx.db.selectFrom('contacts').select('outcome').where('case_id', '=', id).execute();
    expect(contacts.map((c) => c.outcome).sort()).toEqual(['attached', 'attached', 'attached', 'opened_case']);
    const handler = await login(t.app, 'handler');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/contacts`, headers: { cookie: handler }, payload: { channel: 'phone', callerPhone: '13511112222', content: 'x' } })).statusCode).toBe(403);
  });

  it('lets a merged appeal follow its parent on the tracking page', async () => {
    const parent = await submitAppeal(t.app, { name: '卫五', phone: '13522223333', content: '幸福路主水管爆裂，整条街停水。' });
    const child = await submitAppeal(t.app, { name: '蒋六', phone: '13533334444', content: '幸福路停水了，什么时候恢复？' });
    const parentId = await caseIdOf(parent.caseNumber);
    const childId = await caseIdOf(child.caseNumber);
    const merged = await act(operator, childId, 'merge', { parentId });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', parentId });
    expect((await act(operator, childId, 'merge', { parentId: childId })).statusCode).toBe(409);
    const onParent = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${parentId}`, headers: { cookie: operator } });
    expect(onParent.json().mergedCases).toEqual([
      expect.objectContaining({ id: childId, caseNumber: child.caseNumber, channel: 'web', automatic: false, similarity: null }),
    ]);

    await act(operator, parentId, 'dispatch', { leadUnitId: f.units.housing });
    const track = await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${child.trackingCode}` });
    expect(track.json()).toMatchObject({ caseNumber: child.caseNumber, status: 'dispatched', canRate: false });
  });

  it('sends the reply to every merged caller, under their own case number, once per phone', async () => {
    const parent = await submitAppeal(t.app, { name: '沈七', phone: '13544445555', content: '和平路井盖缺失，很危险。' });
    const child = await submitAppeal(t.app, { name: '韩八', phone: '13555556666', content: '和平路有个井盖没了。' });
    // The parent's own caller again, about the same thing: merged, but one SMS is enough.
    const again = await submitAppeal(t.app, { name: '沈七', phone: '13544445555', content: '和平路井盖还没补上，请尽快。' });
    const parentId = await caseIdOf(parent.caseNumber);
    for (const other of [child, again]) {
      const id = await caseIdOf(other.caseNumber);
      // Unattended intake may already have merged or attached it; merge only what is still open.
      const row = await t.ctx.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      if (row.status !== 'merged') expect((await act(operator, id, 'merge', { parentId })).statusCode).toBe(200);
    }
    const handler = await login(t.app, 'handler');
    for (const [path, payload] of [
      ['dispatch', { leadUnitId: f.units.housing }],
      ['accept', {}],
      ['contact', { note: '已电话联系', method: 'phone' }],
      ['reply', { text: '井盖已于今日补装。' }],
    ] as const) {
      const res = await act(path === 'dispatch' ? operator : handler, parentId, path, payload);
      expect(res.statusCode, res.body).toBe(200);
    }
    const sms = await t.ctx.db.selectFrom('outbox').select('body').where('case_id', '=', parentId).where('template', '=', 'case_replied').execute();
    const bodies = sms.map((m) => m.body).sort();
    expect(bodies).toHaveLength(2);
    expect(bodies.some((b) => b.includes(parent.caseNumber) && b.includes('井盖已于今日补装'))).toBe(true);
    expect(bodies.some((b) => b.includes(child.caseNumber) && b.includes('井盖已于今日补装'))).toBe(true);

    // The merged caller rates the reply too (issue 12 §7): once, for themselves, on their own code.
    const track = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${child.trackingCode}` })).json() as { canRate: boolean; rating: unknown };
    expect(await track()).toMatchObject({ canRate: true, rating: null });
    const rate = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/public/appeals/${child.trackingCode}/rating`, payload });
    const rated = await rate({ solved: false, satisfaction: 'unsatisfied', comment: '井盖补了但不平，打 13555556666 联系我' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(await track()).toMatchObject({ canRate: false, rating: { solved: false, satisfaction: 'unsatisfied' } });
    expect((await rate({ solved: true, satisfaction: 'satisfied' })).statusCode).toBe(409);
    const childRow = await t.ctx.db.selectFrom('cases').select(['status', 'visit_comment']).where('case_number', '=', child.caseNumber).executeTakeFirstOrThrow();
    expect(childRow.status).toBe('merged');
    expect(childRow.visit_comment).not.toContain('13555556666');
    const onParent = await t.ctx.db.selectFrom('case_events').select('payload').where('case_id', '=', parentId).where('type', '=', 'merged_caller_rated').execute();
    expect(onParent.map((e) => JSON.parse(e.payload) as { caseNumber: string; satisfaction: string })).toEqual([
      expect.objectContaining({ caseNumber: child.caseNumber, satisfaction: 'unsatisfied', solved: false }),
    ]);
    // The parent's own caller still rates the handled case through the lifecycle.
    const parentRow = await t.ctx.db.selectFrom('cases').select(['status', 'visit_satisfaction']).where('id', '=', parentId).executeTakeFirstOrThrow();
    expect(parentRow).toEqual({ status: 'replied', visit_satisfaction: null });
  });

  it('undoes a wrong merge: the case is its own again, in intake, with the reason logged and audited', async () => {
    const parent = await submitAppeal(t.app, { name: '杨九', phone: '13566667777', content: '建设路路灯不亮。' });
    const child = await submitAppeal(t.app, { name: '朱十', phone: '13577778888', content: '解放路有人占道经营。' });
    const parentId = await caseIdOf(parent.caseNumber);
    const childId = await caseIdOf(child.caseNumber);
    expect((await act(operator, childId, 'merge', { parentId })).statusCode).toBe(200);
    const merged = await t.ctx.db.selectFrom('cases').select('priority').where('id', '=', parentId).executeTakeFirstOrThrow();

    expect((await act(operator, childId, 'unmerge', {})).json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'reason' }] });
    const handler = await login(t.app, 'handler');
    expect((await act(handler, childId, 'unmerge', { reason: '不是同一件事' })).statusCode).toBe(404);

    const undone = await act(operator, childId, 'unmerge', { reason: '地点不同，不是同一件事' });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'received', parentId: null });
    const events = undone.json().events as { type: string; reason: string | null }[];
    expect(events.at(-1)).toMatchObject({ type: 'unmerged', reason: '地点不同，不是同一件事' });
    const onParent = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${parentId}`, headers: { cookie: operator } });
    expect(onParent.json().mergedCases).toEqual([]);
    // The parent no longer counts the child's caller among those affected.
    const after = await t.ctx.db.selectFrom('cases').select('priority').where('id', '=', parentId).executeTakeFirstOrThrow();
    expect(after.priority).toBeLessThan(merged.priority);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', childId).execute();
    expect(audit.map((a) => a.action)).toContain('case.unmerge');
    // It can be handled on its own now: the tracking page follows it, not the old parent.
    const track = await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${child.trackingCode}` });
    expect(track.json()).toMatchObject({ caseNumber: child.caseNumber, status: 'received' });
  });
});
