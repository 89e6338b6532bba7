import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJurisdiction } from '../src/modules/jurisdictions/service.js';
import { createUser } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { PASSWORD, login, seedFixture, type Fixture } from './support/fixtures.js';

const URL = '/api/v1/platform/jurisdictions';
const newCity = (code: string, username = `${code}-admin`) => ({
  code, name: `${code}市`, timezone: 'Asia/Shanghai', rootUnit: { name: `${code}市人民政府`, kind: 'city' },
  firstAdmin: { username, displayName: '首任管理员', password: PASSWORD },
});

/**
 * Setting up jurisdictions is the platform admin's alone: a jurisdiction's admin, whatever else
 * they may do, gets 403; the new jurisdiction is complete (root unit, first admin) or absent,
 * and its audit log, not another jurisdiction's, records who set it up.
 */
describeDb(`platform: jurisdictions (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let platform: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    await createUser(t.ctx.db, { jurisdictionId: f.jurisdiction.id, orgUnitId: f.units.centre, username: 'platform', displayName: '平台管理员', password: PASSWORD, roles: ['platform_admin'] });
    platform = await login(t.app, 'platform');
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.ctx.db.selectFrom('jurisdictions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses anonymous callers (401) and every jurisdiction role (403), the admin included', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const anonymous = await t.app.inject({ method, url: URL, ...(method === 'POST' ? { payload: newCity('anon') } : {}) });
      expect(anonymous.statusCode).toBe(401);
      for (const who of ['admin', 'operator', 'handler', 'supervisor', 'official']) {
        const res = await t.app.inject({ method, url: URL, headers: { cookie: await login(t.app, who) }, ...(method === 'POST' ? { payload: newCity(`x-${who}`) } : {}) });
        expect(res.statusCode, `${who} ${method}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    }
    expect(await count()).toBe(1);
  });

  it('creates a jurisdiction with its root unit and first admin, who works in it alone; audited there', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: platform } })).json().user;
    expect(me).toMatchObject({ roles: [], platformRoles: ['platform_admin'] });
    // Asking for a platform admin over HTTP is ignored: only the install command may make one.
    const payload = { ...newCity('hangzhou'), firstAdmin: { ...newCity('hangzhou').firstAdmin, platformAdmin: true } };
    const res = await t.app.inject({ method: 'POST', url: URL, headers: { cookie: platform }, payload });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ code: 'hangzhou', name: 'hangzhou市', timezone: 'Asia/Shanghai', rootUnit: { name: 'hangzhou市人民政府', kind: 'city' }, firstAdmin: { username: 'hangzhou-admin' } });

    const listed = await t.app.inject({ method: 'GET', url: URL, headers: { cookie: platform } });
    expect((listed.json().items as Array<{ code: string }>).map((j) => j.code)).toEqual(['test-city', 'hangzhou']);

    const newAdmin = await login(t.app, 'hangzhou-admin');
    const newMe = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: newAdmin } })).json().user;
    expect(newMe).toMatchObject({ roles: ['admin'], platformRoles: [], orgUnitId: created.rootUnit.id });
    const staff = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie: newAdmin } })).json();
    expect((staff.items as Array<{ username: string }>).map((u) => u.username)).toEqual(['hangzhou-admin']);
    const units = (await t.app.inject({ method: 'GET', url: '/api/v1/org-units', headers: { cookie: newAdmin } })).json();
    expect(units.items).toEqual([{ id: created.rootUnit.id, parentId: null, name: 'hangzhou市人民政府', kind: 'city', aliases: [] }]);
    // The new jurisdiction's platform access is nil: its admin cannot set up another.
    expect((await t.app.inject({ method: 'POST', url: URL, headers: { cookie: newAdmin }, payload: newCity('ningbo') })).statusCode).toBe(403);

    const theirAudit = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: { cookie: newAdmin } })).json();
    const actions = (theirAudit.items as Array<{ action: string; actorUserId: string | null }>).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['platform.jurisdiction_create', 'user.create']));
    const ourAudit = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?action=platform.', headers: { cookie: await login(t.app, 'admin') } })).json();
    expect(ourAudit.items).toEqual([]);
  });

  it('refuses a taken code or username, a bad time zone, and leaves nothing half set up', async () => {
    const before = await count();
    const takenCode = await t.app.inject({ method: 'POST', url: URL, headers: { cookie: platform }, payload: newCity('hangzhou', 'someone-new') });
    expect(takenCode.statusCode).toBe(409);
    expect(takenCode.json().error.details).toEqual([{ path: 'code', message: 'taken' }]);
    const takenUser = await t.app.inject({ method: 'POST', url: URL, headers: { cookie: platform }, payload: newCity('wenzhou', 'admin') });
    expect(takenUser.statusCode).toBe(409);
    expect(takenUser.json().error.details).toEqual([{ path: 'firstAdmin.username', message: 'taken' }]);
    const badZone = await t.app.inject({ method: 'POST', url: URL, headers: { cookie: platform }, payload: { ...newCity('jiaxing'), timezone: 'Mars/Olympus' } });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.details.map((d: { path: string }) => d.path)).toEqual(['timezone']);
    expect(await count()).toBe(before);
    expect(await t.ctx.db.selectFrom('org_units').select('id').where('name', 'in', ['wenzhou市人民政府', 'jiaxing市人民政府']).execute()).toEqual([]);
    // Without a first admin: the root unit alone.
    const bare = await t.app.inject({ method: 'POST', url: URL, headers: { cookie: platform }, payload: { code: 'shaoxing', name: '绍兴市', rootUnit: { name: '绍兴市人民政府' } } });
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json()).toMatchObject({ timezone: 'Asia/Shanghai', rootUnit: { kind: 'city' }, firstAdmin: null });
  });

  it('keeps the platform role out of a jurisdiction admin\'s reach: not grantable, not resettable, not through a token', async () => {
    const admin = await login(t.app, 'admin');
    const grant = await t.app.inject({
      method: 'POST', url: '/api/v1/admin/users', headers: { cookie: admin },
      payload: { username: 'sneaky', displayName: 'x', password: PASSWORD, roles: ['admin', 'platform_admin'], orgUnitId: f.units.city },
    });
    expect(grant.statusCode).toBe(400);
    const platformUser = (await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'platform').executeTakeFirstOrThrow()).id;
    const reset = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${platformUser}`, headers: { cookie: admin }, payload: { password: 'another long password' } });
    expect(reset.statusCode).toBe(403);
    expect(await login(t.app, 'platform')).toMatch(/^openline_session=/);

    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: admin }, payload: { userId: platformUser, name: 'bridge' } });
    expect(issued.statusCode).toBe(201);
    const viaToken = await t.app.inject({ method: 'GET', url: URL, headers: { authorization: `Bearer ${issued.json().token}` } });
    expect(viaToken.statusCode).toBe(403);

    // The jurisdiction's staff list shows the jurisdiction's roles only.
    await t.ctx.db.insertInto('user_roles').values({ user_id: platformUser, role: 'official' }).execute();
    const staff = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie: admin } })).json();
    expect((staff.items as Array<{ username: string; roles: string[] }>).find((u) => u.username === 'platform')?.roles).toEqual(['official']);
  });

  it('lets the install command set up a jurisdiction whose first admin is a platform admin', async () => {
    const created = await createJurisdiction(t.ctx, {
      actor: { kind: 'install' },
      input: { ...newCity('install'), timezone: 'Asia/Urumqi', rootUnit: { name: '省政务服务中心', kind: 'centre' }, firstAdmin: { ...newCity('install').firstAdmin, platformAdmin: true } },
    });
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: await login(t.app, 'install-admin') } })).json().user;
    expect(me).toMatchObject({ roles: ['admin'], platformRoles: ['platform_admin'], orgUnitId: created.rootUnit.id });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'detail']).where('jurisdiction_id', '=', created.id).where('action', 'not like', 'auth.%').orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([['platform.jurisdiction_create', null], ['user.create', null]]);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ via: 'install', code: 'install' });

    // Changing one's jurisdiction roles leaves the platform role where it is.
    const self = await t.app.inject({
      method: 'PATCH', url: `/api/v1/admin/users/${created.firstAdmin?.id}`, headers: { cookie: await login(t.app, 'install-admin') }, payload: { roles: ['admin', 'supervisor'] },
    });
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json().roles).toEqual(['admin', 'supervisor']);
    const stored = await t.ctx.db.selectFrom('user_roles').select('role').where('user_id', '=', created.firstAdmin?.id ?? '').orderBy('role').execute();
    expect(stored.map((r) => r.role)).toEqual(['admin', 'platform_admin', 'supervisor']);
  });
});
