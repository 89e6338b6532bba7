import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../src/lib/app-context.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { createLine, createUser } from '../src/modules/org/service.js';
import { PASSWORD, login, seedFixture, submitAppeal, type Fixture } from './support/fixtures.js';

async function dispatchTo(ctx: AppContext, caseNumber: string, unitId: string): Promise<void> {
  await ctx.db.updateTable('cases').set({ lead_unit_id: unitId, status: 'dispatched' }).where('case_number', '=', caseNumber).execute();
}

describeDb(`case list (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const numbers: string[] = [];
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    // 25 cases a minute apart, so "newest first" is unambiguous.
    const base = Date.now() - 60 * 60_000;
    for (let i = 0; i < 25; i++) {
      const opened = await openCase(t.ctx, {
        jurisdiction: f.jurisdiction,
        channel: 'phone',
        type: 'complaint',
        urgency: 'normal',
        content: `第${i}号诉求：小区垃圾清运不及时。`,
        callerPhone: '+8613800000000',
        actor: { kind: 'staff', userId: f.users.operator },
        receivedAt: new Date(base + i * 60_000),
      });
      numbers.push(opened.caseNumber);
    }
    await dispatchTo(t.ctx, numbers[3] ?? '', f.units.housing);
    await dispatchTo(t.ctx, numbers[4] ?? '', f.units.housingTeam);
    await dispatchTo(t.ctx, numbers[5] ?? '', f.units.transport);
  });
  afterAll(() => t.close());

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/cases' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('pages newest first with a total', async () => {
    const cookie = await login(t.app, 'operator');
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/cases?page=1&pageSize=10', headers: { cookie } });
    expect(first.statusCode).toBe(200);
    const body = first.json() as { items: Array<{ caseNumber: string; createdAt: string; callerPhone: string }>; total: number; page: number; pageSize: number };
    expect(body.total).toBe(25);
    expect(body.page).toBe(1);
    expect(body.pageSize).toBe(10);
    expect(body.items.map((i) => i.caseNumber)).toEqual([...numbers].reverse().slice(0, 10));
    expect(body.items[0]?.callerPhone).toBe('138****0000');
    const third = await t.app.inject({ method: 'GET', url: '/api/v1/cases?page=3&pageSize=10', headers: { cookie } });
    expect((third.json().items as unknown[]).length).toBe(5);
  });

  it('refuses out-of-range paging with VALIDATION_FAILED', async () => {
    const cookie = await login(t.app, 'operator');
    for (const q of ['page=0', 'pageSize=101', 'page=abc']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases?${q}`, headers: { cookie } });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('scopes a handler to cases dispatched to their unit and its children', async () => {
    const handler = await login(t.app, 'handler');
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: handler } });
    expect((mine.json().items as Array<{ caseNumber: string }>).map((i) => i.caseNumber).sort()).toEqual([numbers[3], numbers[4]].sort());
    const team = await login(t.app, 'team-handler');
    const teamList = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: team } });
    expect((teamList.json().items as Array<{ caseNumber: string }>).map((i) => i.caseNumber)).toEqual([numbers[4]]);
    expect(teamList.json().total).toBe(1);
  });

  it('gives a department supervisor their subtree only', async () => {
    const cookie = await login(t.app, 'housing-supervisor');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie } });
    expect((res.json().items as Array<{ caseNumber: string }>).map((i) => i.caseNumber).sort()).toEqual([numbers[3], numbers[4]].sort());
    const other = await t.ctx.db.selectFrom('cases').select('id').where('case_number', '=', numbers[5] ?? '').executeTakeFirstOrThrow();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${other.id}`, headers: { cookie } })).statusCode).toBe(404);
  });

  it('gives hotline-centre supervisors and admins the whole jurisdiction', async () => {
    for (const username of ['supervisor', 'admin']) {
      const cookie = await login(t.app, username);
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie } });
      expect(res.json().total).toBe(25);
    }
  });

  it('shows a case submitted by a citizen at the top of the operator list', async () => {
    const { caseNumber } = await submitAppeal(t.app, { name: '孙七', phone: '13600001111', content: '咨询公租房申请条件和流程。' });
    const cookie = await login(t.app, 'operator');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/cases?pageSize=1', headers: { cookie } });
    expect(res.json().items[0]).toMatchObject({ caseNumber, status: 'received', channel: 'web', callerName: '孙*', callerPhone: '136****1111' });
  });

  it('gives a department official their unit plus the cases on their own published line', async () => {
    // An official in 市交通局 who owns a line: a case on that line is theirs wherever it was sent.
    const officialId = (await createUser(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, orgUnitId: f.units.transport, username: 'transport-official', displayName: '交通局长', password: PASSWORD, roles: ['official'],
    })).id;
    const line = await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '0000-66667777', name: '交通局长热线', ownerUserId: officialId, ownerTitle: '市交通局局长',
      mode: 'direct', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    const onLine = await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '打到局长热线的诉求：小区门口垃圾成堆。',
      callerPhone: '+8613800000009', lineId: line.id, actor: { kind: 'staff', userId: f.users.operator },
    });
    await dispatchTo(t.ctx, onLine.caseNumber, f.units.housing);
    const official = await login(t.app, 'transport-official');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/cases?pageSize=100', headers: { cookie: official } });
    expect((list.json().items as Array<{ caseNumber: string }>).map((i) => i.caseNumber).sort()).toEqual([numbers[5], onLine.caseNumber].sort());
    expect(list.json().total).toBe(2);
  });
});
