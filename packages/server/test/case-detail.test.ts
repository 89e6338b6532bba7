import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { createLine } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`case detail and audited reveal (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let plainCase: string;
  let tipCase: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const tipLine = await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '0000-110110', name: '公安局长举报短信', ownerUserId: null,
      ownerTitle: '市公安局局长', mode: 'tip', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    const base = {
      jurisdiction: f.jurisdiction, type: 'complaint' as const, urgency: 'normal' as const,
      actor: { kind: 'staff' as const, userId: f.users.operator },
    };
    plainCase = (await openCase(t.ctx, { ...base, channel: 'phone', content: '物业不作为，电梯坏了半个月。', callerName: '周九', callerPhone: '+8613833334444', address: '东城区和平街道幸福里小区3栋' })).id;
    tipCase = (await openCase(t.ctx, { ...base, type: 'report', channel: 'sms', content: '举报某KTV夜间聚众赌博。', callerName: '吴十', callerPhone: '+8613955557777', lineId: tipLine.id })).id;
    await t.ctx.db.updateTable('cases').set({ lead_unit_id: f.units.housing, status: 'dispatched' }).where('id', 'in', [plainCase, tipCase]).execute();
  });
  afterAll(() => t.close());

  const get = async (username: string, id: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: await login(t.app, username) } });
  const reveal = async (username: string, id: string, reason = '需要回电核实诉求') =>
    t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/reveal`, headers: { cookie: await login(t.app, username) }, payload: { reason } });

  it('shows the case with masked caller data, lead unit and timeline', async () => {
    const res = await get('operator', plainCase);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: plainCase, status: 'dispatched', statusCategory: 'with_department', callerName: '周*', callerPhone: '138****4444',
      address: '东城区和平街****', callerProtected: false, leadUnit: { id: f.units.housing, name: '市住建局' },
      events: [{ type: 'created', actorKind: 'staff', actorName: 'operator', toStatus: 'received' }],
    });
    expect(res.body).not.toContain('13833334444');
  });

  it('hides cases of other units as if absent', async () => {
    expect((await get('handler', plainCase)).statusCode).toBe(200);
    const other = await get('transport-handler', plainCase);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('CASE_NOT_FOUND');
    expect((await get('operator', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('reveals the full identity to a handler of the lead unit and audits it', async () => {
    const res = await reveal('handler', plainCase);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ callerName: '周九', callerPhone: '+8613833334444', address: '东城区和平街道幸福里小区3栋', callerIdNumber: null, content: null });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'pii.reveal').where('target_id', '=', plainCase).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(f.users.handler);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ reason: '需要回电核实诉求' });
  });

  it('refuses a reveal without a reason, or by a role that does not need it', async () => {
    const noReason = await reveal('handler', plainCase, ' ');
    expect(noReason.statusCode).toBe(400);
    const admin = await reveal('admin', plainCase);
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.code).toBe('FORBIDDEN');
  });

  it('never shows a tip-line reporter to the department, not even masked', async () => {
    const detail = await get('handler', tipCase);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ callerProtected: true, callerName: null, callerPhone: null, address: null });
    expect((await reveal('handler', tipCase)).statusCode).toBe(403);
    // Not the hotline's supervisors either: only its operators, who give the reporter feedback (ADR 0006).
    expect((await reveal('supervisor', tipCase)).statusCode).toBe(403);
    const operator = await reveal('operator', tipCase);
    expect(operator.statusCode).toBe(200);
    expect(operator.json().callerName).toBe('吴十');
  });
});
