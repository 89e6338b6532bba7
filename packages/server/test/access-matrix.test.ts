import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

type Who = 'anonymous' | 'operator' | 'handler' | 'transport-handler' | 'supervisor' | 'official' | 'admin';
const WHO: Who[] = ['anonymous', 'operator', 'handler', 'transport-handler', 'supervisor', 'official', 'admin'];

/**
 * Every protected endpoint against every role. Each row lists who is allowed; everyone else
 * must be refused with 401 (anonymous), 403 (role) or 404 (outside their scope, so existence
 * does not leak). The "allowed" side only checks the request was not refused: each feature's
 * own tests check what it does.
 */
describeDb(`access matrix: role × endpoint (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookie: Partial<Record<Who, string>> = {};
  let caseId: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const w of WHO) if (w !== 'anonymous') cookie[w] = await login(t.app, w);
    caseId = (await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '楼道堆放杂物。',
      callerPhone: '+8613800001111', actor: { kind: 'staff', userId: f.users.operator },
    })).id;
    await t.ctx.db.updateTable('cases').set({ lead_unit_id: f.units.housing, status: 'dispatched' }).where('id', '=', caseId).execute();
  });
  afterAll(() => t.close());

  const rows: Array<{ name: string; method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: () => string; body?: () => Record<string, unknown>; allowed: Who[] }> = [
    { name: 'me', method: 'GET', url: () => '/api/v1/me', allowed: ['operator', 'handler', 'transport-handler', 'supervisor', 'official', 'admin'] },
    { name: 'list cases', method: 'GET', url: () => '/api/v1/cases', allowed: ['operator', 'handler', 'transport-handler', 'supervisor', 'official', 'admin'] },
    { name: 'case detail', method: 'GET', url: () => `/api/v1/cases/${caseId}`, allowed: ['operator', 'handler', 'supervisor', 'official', 'admin'] },
    { name: 'reveal caller', method: 'POST', url: () => `/api/v1/cases/${caseId}/reveal`, body: () => ({ reason: '回访核实' }), allowed: ['operator', 'handler', 'supervisor'] },
    { name: 'vulnerability flags', method: 'PUT', url: () => `/api/v1/cases/${caseId}/vulnerabilities`, body: () => ({ flags: ['elderly'] }), allowed: ['operator', 'supervisor', 'admin'] },
    { name: 'intake', method: 'POST', url: () => '/api/v1/cases', body: () => ({ channel: 'phone', callerPhone: '13800002222', content: '咨询社保卡补办。', type: 'consultation' }), allowed: ['operator', 'admin'] },
    { name: 'org units', method: 'GET', url: () => '/api/v1/org-units', allowed: ['operator', 'handler', 'transport-handler', 'supervisor', 'official', 'admin'] },
    { name: 'notices', method: 'GET', url: () => '/api/v1/supervision/notices', allowed: ['handler', 'transport-handler', 'supervisor', 'admin'] },
    { name: 'admin users', method: 'GET', url: () => '/api/v1/admin/users', allowed: ['admin'] },
    { name: 'admin create unit', method: 'POST', url: () => '/api/v1/admin/org-units', body: () => ({ parentId: f.units.city, name: `科室${Math.random()}`, kind: 'department' }), allowed: ['admin'] },
    { name: 'admin lines', method: 'GET', url: () => '/api/v1/admin/lines', allowed: ['admin'] },
    { name: 'admin policy', method: 'GET', url: () => '/api/v1/admin/deadline-policy', allowed: ['admin'] },
    { name: 'admin calendar', method: 'GET', url: () => '/api/v1/admin/calendar', allowed: ['admin'] },
    { name: 'admin outbox', method: 'GET', url: () => '/api/v1/admin/outbox', allowed: ['admin'] },
    { name: 'admin audit', method: 'GET', url: () => '/api/v1/admin/audit', allowed: ['admin'] },
    { name: 'admin tokens', method: 'GET', url: () => '/api/v1/admin/api-tokens', allowed: ['admin'] },
    { name: 'admin rate limits', method: 'GET', url: () => '/api/v1/admin/rate-limits', allowed: ['admin'] },
    { name: 'held SMS', method: 'GET', url: () => '/api/v1/sms/held', allowed: ['operator', 'admin'] },
  ];

  for (const row of rows) {
    it(`${row.name}: allowed for ${row.allowed.join(', ')}; refused for everyone else`, async () => {
      for (const who of WHO) {
        const res = await t.app.inject({
          method: row.method,
          url: row.url(),
          headers: cookie[who] ? { cookie: cookie[who] } : {},
          ...(row.body ? { payload: row.body() } : {}),
        });
        const label = `${who} ${row.method} ${row.name}: ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (row.allowed.includes(who)) {
          expect(res.statusCode, label).toBeLessThan(300);
        } else if (who === 'anonymous') {
          expect(res.statusCode, label).toBe(401);
          expect(res.json().error.code).toBe('UNAUTHENTICATED');
        } else {
          expect([403, 404], label).toContain(res.statusCode);
        }
      }
    });
  }

  it('lets an integration act with an API token as its account, and not after revocation', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: cookie.admin }, payload: { userId: f.users.operator, name: 'Open311 bridge' } });
    expect(issued.statusCode).toBe(201);
    const { token, id } = issued.json() as { token: string; id: string };
    expect(token).toMatch(/^olt_/);
    const stored = await t.ctx.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer })).statusCode).toBe(200);
    // A token is not subject to the cookie CSRF rule, but it is subject to its account's role.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: bearer })).statusCode).toBe(403);
    const revoke = await t.app.inject({ method: 'POST', url: `/api/v1/admin/api-tokens/${id}/revoke`, headers: { cookie: cookie.admin }, payload: {} });
    expect(revoke.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: 'Bearer olt_forged' } })).statusCode).toBe(401);
  });
});
