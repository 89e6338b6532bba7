import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLine } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture } from './support/fixtures.js';

describeDb(`public directory of lines (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    const f = await seedFixture(t.ctx);
    const day: Array<[string, string]> = [['08:00', '22:00']];
    const everyDay = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
    const base = { jurisdictionId: f.jurisdiction.id, isPublic: true };
    await createLine(t.ctx.db, { ...base, number: '0000-12345678', name: '市长公开电话', ownerUserId: f.users.official, ownerTitle: '市长', mode: 'staffed', serviceHours: { weekly: everyDay, onHolidays: 'open' } });
    await createLine(t.ctx.db, { ...base, number: '13900000000', name: '信访局长短信', ownerUserId: null, ownerTitle: '市信访局局长', mode: 'sms_only', serviceHours: { weekly: {}, onHolidays: 'open' } });
    await createLine(t.ctx.db, { ...base, isPublic: false, number: '0000-87654321', name: '内部值班电话', ownerUserId: null, ownerTitle: '值班室', mode: 'direct', serviceHours: { weekly: {}, onHolidays: 'closed' } });
  });
  afterAll(() => t.close());

  it('lists public lines with owner, mode and hours, without login, and hides internal ones', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.name)).toEqual(['市长公开电话', '信访局长短信']);
    expect(items[0]).toMatchObject({ number: '0000-12345678', mode: 'staffed', ownerTitle: '市长', ownerName: 'official' });
    expect((items[0]?.serviceHours as { weekly: { mon: string[][] } }).weekly.mon).toEqual([['08:00', '22:00']]);
    expect(items[1]).toMatchObject({ mode: 'sms_only', ownerName: null });
  });
});

describeDb(`line hours an admin may set (${dialect})`, () => {
  let t: TestContext;
  let lineId = '';
  beforeAll(async () => {
    t = await createTestContext();
    const f = await seedFixture(t.ctx);
    lineId = (await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, isPublic: true, number: '0000-12345678', name: '市长公开电话', ownerUserId: f.users.official, ownerTitle: '市长', mode: 'staffed',
      serviceHours: { weekly: {}, onHolidays: 'open' },
    })).id;
  });
  afterAll(() => t.close());

  it('refuses hours that are no times, or end before they start, so the official\'s page keeps working', async () => {
    const admin = await login(t.app, 'admin');
    for (const span of [['x', 'y'], ['22:00', '08:00'], ['24:00', '24:00'], ['8:00', '9:00']]) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/lines/${lineId}`, headers: { cookie: admin }, payload: { serviceHours: { weekly: { mon: [span] }, onHolidays: 'open' } } });
      expect(res.statusCode, JSON.stringify(span)).toBe(400);
    }
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/lines/${lineId}`, headers: { cookie: admin }, payload: { serviceHours: { weekly: { mon: [['08:00', '24:00']] }, onHolidays: 'open' } } });
    expect(ok.statusCode, ok.body).toBe(200);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/lines', headers: { cookie: await login(t.app, 'official') } });
    expect(mine.statusCode, mine.body).toBe(200);
  });
});
