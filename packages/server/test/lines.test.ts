import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLine } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { seedFixture } from './support/fixtures.js';

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
