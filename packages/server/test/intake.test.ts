import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLine } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`operator intake (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let lineId: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    lineId = (
      await createLine(t.ctx.db, {
        jurisdictionId: f.jurisdiction.id, number: '0000-12345678', name: '市长公开电话', ownerUserId: f.users.official,
        ownerTitle: '市长', mode: 'staffed', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
      })
    ).id;
  });
  afterAll(() => t.close());

  const call = {
    channel: 'phone',
    callerPhone: '13811112222',
    callerName: '钱八',
    content: '反映小区供暖温度不达标，室温只有14度。',
    address: '高新区科创街道星河湾花园9栋',
    type: 'complaint',
  };

  it('records a call as a case with sealed caller data and a staff event', async () => {
    const cookie = await login(t.app, 'operator');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie }, payload: { ...call, urgency: 'urgent', lineId } });
    expect(res.statusCode).toBe(201);
    const { id, caseNumber } = res.json() as { id: string; caseNumber: string };
    expect(caseNumber).toMatch(/^\d{8}-\d{6}$/);
    const row = await t.ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'received', channel: 'phone', type: 'complaint', urgency: 'urgent', line_id: lineId });
    expect(t.pii.decrypt(row.caller_name_enc ?? '')).toBe('钱八');
    const event = await t.ctx.db.selectFrom('case_events').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ type: 'created', actor_kind: 'staff', actor_user_id: f.users.operator });
  });

  it('takes a resident ID number, checks it, and shows it masked', async () => {
    const cookie = await login(t.app, 'operator');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie }, payload: { ...call, callerIdNumber: '110105194912310021' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('callerIdNumber');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie }, payload: { ...call, channel: 'sms', callerIdNumber: '11010519491231002x' } });
    expect(ok.statusCode).toBe(201);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${ok.json().id}`, headers: { cookie } });
    expect(detail.json().callerIdNumber).toBe('110**************X');
  });

  it('defaults urgency to normal and refuses emergencies (they are redirected, not cases)', async () => {
    const cookie = await login(t.app, 'operator');
    const normal = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie }, payload: call });
    expect(normal.statusCode).toBe(201);
    const emergency = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie }, payload: { ...call, urgency: 'emergency' } });
    expect(emergency.statusCode).toBe(400);
    expect(emergency.json().error.details[0].path).toBe('urgency');
  });

  it('refuses bad fields, an unknown line, and non-operators', async () => {
    const cookie = await login(t.app, 'operator');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie }, payload: { ...call, type: 'gossip', callerPhone: '1' } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().error.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual(['callerPhone', 'type']);
    const line = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie }, payload: { ...call, lineId: '00000000-0000-4000-8000-000000000000' } });
    expect(line.statusCode).toBe(400);
    expect(line.json().error.details).toEqual([{ path: 'lineId', message: 'unknown line' }]);
    const handler = await login(t.app, 'handler');
    const denied = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: handler }, payload: call });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/cases', payload: call });
    expect(anonymous.statusCode).toBe(401);
  });
});
