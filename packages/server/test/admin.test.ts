import { defaultDeadlinePolicy } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { PASSWORD, login, seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`admin endpoints (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let admin: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, cookie = admin) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  it('refuses every admin endpoint to other roles', async () => {
    const operator = await login(t.app, 'operator');
    for (const [method, url] of [
      ['GET', '/api/v1/admin/users'], ['GET', '/api/v1/admin/lines'], ['GET', '/api/v1/admin/audit'], ['GET', '/api/v1/admin/calendar'],
      ['GET', '/api/v1/admin/deadline-policy'], ['GET', '/api/v1/admin/outbox'], ['GET', '/api/v1/admin/calendar/2026/package'],
    ] as const) {
      const res = await call(method, url, undefined, operator);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    const create = await call('POST', '/api/v1/admin/org-units', { parentId: f.units.city, name: 'x', kind: 'department' }, operator);
    expect(create.statusCode).toBe(403);
  });

  it('creates a unit and a user in it, changes roles with an audited before/after, and disables', async () => {
    const unit = await call('POST', '/api/v1/admin/org-units', { parentId: f.units.city, name: '市水务局', kind: 'department' });
    expect(unit.statusCode).toBe(201);
    const unitId = unit.json().id as string;
    const created = await call('POST', '/api/v1/admin/users', { username: 'water.li', displayName: '李水', password: 'a-long-password', roles: ['handler'], orgUnitId: unitId });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'water.li', roles: ['handler'], orgUnitName: '市水务局', status: 'active' });
    const id = created.json().id as string;
    expect((await call('POST', '/api/v1/admin/users', { username: 'water.li', displayName: 'x', password: 'a-long-password', roles: ['handler'], orgUnitId: unitId })).statusCode).toBe(409);
    expect((await call('POST', '/api/v1/admin/users', { username: 'x.y', displayName: 'x', password: 'short', roles: [], orgUnitId: unitId })).statusCode).toBe(400);

    const theirSession = await login(t.app, 'water.li', 'a-long-password');
    const promoted = await call('PATCH', `/api/v1/admin/users/${id}`, { roles: ['handler', 'supervisor'] });
    expect(promoted.json().roles).toEqual(['handler', 'supervisor']);
    const audit = await call('GET', `/api/v1/admin/audit?action=user.update&targetId=${id}`);
    expect(audit.json().items[0].detail).toMatchObject({ before: { roles: ['handler'] }, after: { roles: ['handler', 'supervisor'] } });

    const disabled = await call('PATCH', `/api/v1/admin/users/${id}`, { status: 'disabled' });
    expect(disabled.json().status).toBe('disabled');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: theirSession } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'water.li', password: 'a-long-password' } })).statusCode).toBe(401);
    const self = await call('PATCH', `/api/v1/admin/users/${f.users.admin}`, { status: 'disabled' });
    expect(self.statusCode).toBe(409);
  });

  it('publishes a line, refuses a duplicate number, and the public directory follows edits', async () => {
    const input = {
      number: '0000-22223333', name: '区长热线', mode: 'direct', ownerTitle: '区长', ownerUserId: f.users.official, isPublic: true,
      serviceHours: { weekly: { mon: [['09:00', '17:00']] }, onHolidays: 'closed' },
    };
    const line = await call('POST', '/api/v1/admin/lines', input);
    expect(line.statusCode).toBe(201);
    expect(line.json()).toMatchObject({ number: '0000-22223333', ownerName: 'official', isPublic: true });
    expect((await call('POST', '/api/v1/admin/lines', input)).statusCode).toBe(409);
    const hidden = await call('PATCH', `/api/v1/admin/lines/${line.json().id}`, { isPublic: false, mode: 'staffed' });
    expect(hidden.json()).toMatchObject({ isPublic: false, mode: 'staffed' });
    const directory = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines' });
    expect((directory.json().items as Array<{ number: string }>).map((l) => l.number)).not.toContain('0000-22223333');
    expect((await call('GET', '/api/v1/admin/lines')).json().items).toHaveLength(1);
  });

  it('edits the deadline policy with validation, and new dispatches follow it', async () => {
    const current = await call('GET', '/api/v1/admin/deadline-policy');
    expect(current.json()).toEqual({ policy: defaultDeadlinePolicy(), isDefault: true });
    const policy = defaultDeadlinePolicy();
    policy.byType.complaint.normal.accept = { amount: 1, unit: 'natural_hours' };
    const saved = await call('PUT', '/api/v1/admin/deadline-policy', { policy });
    expect(saved.json()).toMatchObject({ isDefault: false });
    const bad = structuredClone(policy) as unknown as { byType: { complaint: { normal: { accept: unknown } } } };
    bad.byType.complaint.normal.accept = { amount: -1, unit: 'fortnights' };
    expect((await call('PUT', '/api/v1/admin/deadline-policy', { policy: bad })).statusCode).toBe(400);

    const operator = await login(t.app, 'operator');
    const intake = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: operator },
      payload: { channel: 'phone', callerPhone: '13812340000', content: '投诉某餐馆油烟扰民。', type: 'complaint' },
    });
    const before = Date.now();
    const dispatched = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${intake.json().id}/dispatch`, headers: { cookie: operator }, payload: { leadUnitId: f.units.housing } });
    const accept = (dispatched.json().deadlines as Array<{ kind: string; dueAt: string }>).find((d) => d.kind === 'accept');
    expect(Math.abs(Date.parse(accept?.dueAt ?? '') - before - 3_600_000)).toBeLessThan(60_000);
  });

  it('loads a year calendar, validates it, and warns about a missing next year', async () => {
    const template = await call('GET', '/api/v1/admin/calendar/2026/package');
    expect(template.statusCode).toBe(200);
    expect(template.json().holidays).toContain('2026-10-01');
    expect((await call('GET', '/api/v1/admin/calendar/2099/package')).statusCode).toBe(404);

    const before = (await call('GET', '/api/v1/admin/calendar')).json();
    expect(before.timeZone).toBe('Asia/Shanghai');
    const saved = await call('PUT', '/api/v1/admin/calendar/2027', { holidays: ['2027-01-01', '2027-10-01'], makeupWorkdays: ['2027-09-26'], name: '测试' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().coverage.loaded).toContain(2027);
    expect((saved.json().years as Array<{ year: number; source: string }>).find((y) => y.year === 2027)?.source).toBe('admin');
    expect((saved.json().warnings as Array<{ year: number }>).some((w) => w.year === 2027)).toBe(false);
    const bad = await call('PUT', '/api/v1/admin/calendar/2028', { holidays: ['2029-01-01'], makeupWorkdays: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const audit = await call('GET', '/api/v1/admin/audit?action=settings.');
    expect((audit.json().items as Array<{ action: string }>).map((a) => a.action)).toEqual(['settings.calendar_year', 'settings.deadline_policy']);
  });

  it('lists sign-ins in the audit log, including failures under unknown names', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ghost', password: PASSWORD } });
    const res = await call('GET', '/api/v1/admin/audit?action=auth.login_failed');
    expect(res.json().items[0]).toMatchObject({ action: 'auth.login_failed', actorUserId: null, detail: { username: 'ghost' } });
  });
});

describeDb(`calendar warnings for the worker (${dialect})`, () => {
  it('names the jurisdiction whose next year is missing from 1 November, and not before', async () => {
    const { jurisdictionCalendarWarnings } = await import('../src/modules/calendar/warnings.js');
    const t = await createTestContext();
    try {
      await seedFixture(t.ctx);
      // An admin-loaded 2040 (far beyond the bundled data) and no 2041.
      const admin = await login(t.app, 'admin');
      const put = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/calendar/2040', headers: { cookie: admin }, payload: { holidays: ['2040-01-01'], makeupWorkdays: [] } });
      expect(put.statusCode).toBe(200);
      expect(await jurisdictionCalendarWarnings(t.ctx, new Date('2040-10-31T12:00:00+08:00'))).toEqual([]);
      expect(await jurisdictionCalendarWarnings(t.ctx, new Date('2040-11-01T09:00:00+08:00'))).toEqual([
        { jurisdiction: 'test-city', warnings: [{ code: 'NEXT_YEAR_CALENDAR_MISSING', year: 2041 }] },
      ]);
    } finally {
      await t.close();
    }
  });
});
