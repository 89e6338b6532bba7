import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { PASSWORD, login, seedFixture, type Fixture } from './support/fixtures.js';

describeDb(`staff sign-in (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  it('sets an httpOnly SameSite session cookie and /me returns the user', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'operator', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'openline_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.json().user).toEqual({
      id: f.users.operator,
      username: 'operator',
      displayName: 'operator',
      roles: ['operator'],
      platformRoles: [],
      orgUnitId: f.units.centre,
      orgUnitName: '12345热线中心',
    });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `openline_session=${cookie?.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: res.json().user });
  });

  it('stores passwords as argon2id and sessions only as hashes', async () => {
    const user = await t.ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const cookie = await login(t.app, 'admin');
    const token = cookie.split('=')[1] ?? '';
    const sessions = await t.ctx.db.selectFrom('sessions').select('id').execute();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.map((s) => s.id)).not.toContain(token);
  });

  it('refuses a wrong password or unknown user with one code, and audits the failure', async () => {
    for (const payload of [{ username: 'operator', password: 'wrong' }, { username: 'nobody', password: 'wrong' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
      expect(res.cookies).toHaveLength(0);
    }
    const audits = await t.ctx.db.selectFrom('audit_log').select(['action']).where('action', '=', 'auth.login_failed').execute();
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('throttles repeated failures for one username, from any address, and says how long to wait', async () => {
    const attempt = (remoteAddress: string, password = 'guess') =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'supervisor', password }, remoteAddress });
    for (let i = 0; i < 5; i++) expect((await attempt('10.9.8.7')).statusCode).toBe(401);
    const blocked = await attempt('10.9.8.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password is refused while blocked, also from another address: guesses spread
    // over many addresses count together. Another user at the first address is not affected.
    expect((await attempt('10.9.8.7', PASSWORD)).statusCode).toBe(429);
    expect((await attempt('10.9.8.8', PASSWORD)).statusCode).toBe(429);
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'official', password: PASSWORD }, remoteAddress: '10.9.8.7' });
    expect(other.statusCode).toBe(200);
  });

  it('answers 401 UNAUTHENTICATED without a session or with a bogus one', async () => {
    for (const headers of [{}, { cookie: 'openline_session=forged' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('logs out: the session stops working and the event is audited', async () => {
    const cookie = await login(t.app, 'handler');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie }, payload: {} });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('actor_user_id', '=', f.users.handler).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']));
  });

  it('reads the session afresh on every request: roles as granted now, a disabled user or an expired session refused at once (ADR 0064)', async () => {
    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    const cookie = await login(t.app, 'team-handler');
    expect((await me(cookie)).json().user.roles).toEqual(['handler']);
    // A role granted (and a platform role) shows on the very next request, roles in order.
    await t.ctx.db.insertInto('user_roles').values([{ user_id: f.users.teamHandler, role: 'supervisor' }, { user_id: f.users.teamHandler, role: 'platform_admin' }]).execute();
    const granted = (await me(cookie)).json().user;
    expect(granted.roles).toEqual(['handler', 'supervisor']);
    expect(granted.platformRoles).toEqual(['platform_admin']);
    await t.ctx.db.deleteFrom('user_roles').where('user_id', '=', f.users.teamHandler).where('role', 'in', ['supervisor', 'platform_admin']).execute();
    expect((await me(cookie)).json().user.roles).toEqual(['handler']);
    // Disabled: refused on the next request; enabled again: the same session works.
    await t.ctx.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', f.users.teamHandler).execute();
    expect((await me(cookie)).statusCode).toBe(401);
    await t.ctx.db.updateTable('users').set({ status: 'active' }).where('id', '=', f.users.teamHandler).execute();
    expect((await me(cookie)).statusCode).toBe(200);
    // Expired (its end moved into the past): refused, whatever the process last saw.
    await t.ctx.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', f.users.teamHandler).execute();
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('rejects cookie-authenticated writes that are not JSON or come from another origin (CSRF)', async () => {
    const cookie = await login(t.app, 'handler');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    });
    expect(form.statusCode).toBe(403);
    expect(form.json().error.code).toBe('CSRF_REJECTED');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, origin: 'https://evil.example', host: 'localhost:8080' },
      payload: {},
    });
    expect(foreign.statusCode).toBe(403);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
  });
});
