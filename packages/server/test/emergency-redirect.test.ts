import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture } from './support/fixtures.js';

describeDb(`emergency redirects (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  it('records the redirect as a contact with no case, sealed and audited', async () => {
    const operator = await login(t.app, 'operator');
    const casesBefore = await t.ctx.db.selectFrom('cases').select('id').execute();
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/contacts/emergency-redirect', headers: { cookie: operator },
      payload: { channel: 'phone', callerPhone: '13899990000', content: '楼下饭店着火了！', redirectNumber: '119', category: 'fire' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const contact = await t.ctx.db.selectFrom('contacts').selectAll().where('id', '=', res.json().contactId).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ case_id: null, outcome: 'redirected_119', channel: 'phone' });
    expect(JSON.stringify(contact)).not.toContain('13899990000');
    expect(await t.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(casesBefore.length);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('target_id', '=', contact.id).executeTakeFirstOrThrow();
    expect(audit.action).toBe('contact.emergency_redirect');
    expect(JSON.parse(audit.detail)).toEqual({ redirectNumber: '119', category: 'fire' });
  });

  it('refuses unknown numbers and other roles', async () => {
    const operator = await login(t.app, 'operator');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/contacts/emergency-redirect', headers: { cookie: operator }, payload: { channel: 'phone', content: 'x', redirectNumber: '999', category: 'fire' } });
    expect(bad.statusCode).toBe(400);
    const handler = await login(t.app, 'handler');
    const denied = await t.app.inject({ method: 'POST', url: '/api/v1/contacts/emergency-redirect', headers: { cookie: handler }, payload: { channel: 'phone', content: 'x', redirectNumber: '110', category: 'violence' } });
    expect(denied.statusCode).toBe(403);
  });
});
