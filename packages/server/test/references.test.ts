import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { createJurisdiction, createLine, createOrgUnit, createUser, type ServiceHours } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { PASSWORD, login, seedFixture, type Fixture } from './support/fixtures.js';

/** An id no row has, shaped like the real ones (the schemas want UUIDs). */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const hours: ServiceHours = { weekly: { mon: [['08:00', '22:00']] }, onHolidays: 'closed' };

type Caller = 'admin' | 'operator';
interface Row {
  name: string;
  who: Caller;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: () => string;
  /** The request naming `id` where the tested field is; everything else in it is valid in B. */
  body?: (id: string) => Record<string, unknown>;
  /** For a query-string id. */
  query?: (id: string) => string;
  /** The error detail path the refusal must name. */
  path: string;
  /** A's row of the kind the field wants: the foreign id. */
  foreign: () => string;
}

/**
 * Two jurisdictions on one platform. Every id a request names must be one of the caller's
 * jurisdiction's; unknown and foreign ids get the same 400 REFERENCE_NOT_FOUND naming the field,
 * nothing is written, and nothing of A's shows in the answer (never a 500 from a foreign key).
 */
describeDb(`references across jurisdictions (${dialect})`, () => {
  let t: TestContext;
  let a: Fixture;
  const b = { units: {} as Record<'city' | 'dept', string>, users: {} as Record<'admin' | 'operator' | 'clerk', string>, line: '', caseId: '', article: '' };
  const aRows = { line: '', caseId: '', article: '' };
  const cookie = {} as Record<Caller, string>;

  beforeAll(async () => {
    t = await createTestContext();
    a = await seedFixture(t.ctx);
    const aOfficialLine = await createLine(t.ctx.db, {
      jurisdictionId: a.jurisdiction.id, number: '12345001', name: '市长热线', ownerUserId: a.users.official, ownerTitle: '市长', mode: 'direct', isPublic: true, serviceHours: hours,
    });
    aRows.line = aOfficialLine.id;
    aRows.caseId = (await openCase(t.ctx, {
      jurisdiction: a.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '甲市的工单。', actor: { kind: 'staff', userId: a.users.operator },
    })).id;
    const aAdmin = await login(t.app, 'admin');
    const aArticle = await t.app.inject({ method: 'POST', url: '/api/v1/admin/kb/articles', headers: { cookie: aAdmin }, payload: { question: '甲市问题', answer: '甲市答复。' } });
    aRows.article = aArticle.json().id as string;

    const j = await createJurisdiction(t.ctx.db, { code: 'other-city', name: '乙市' });
    const city = await createOrgUnit(t.ctx.db, { jurisdictionId: j.id, parentId: null, name: '乙市人民政府', kind: 'city' });
    const dept = await createOrgUnit(t.ctx.db, { jurisdictionId: j.id, parentId: city.id, name: '乙市住建局', kind: 'department' });
    b.units = { city: city.id, dept: dept.id };
    const user = async (username: string, unit: string, roles: Array<'admin' | 'operator' | 'handler'>) =>
      (await createUser(t.ctx.db, { jurisdictionId: j.id, orgUnitId: unit, username, displayName: username, password: PASSWORD, roles })).id;
    b.users = { admin: await user('b-admin', city.id, ['admin']), operator: await user('b-operator', city.id, ['operator']), clerk: await user('b-clerk', dept.id, ['handler']) };
    b.line = (await createLine(t.ctx.db, {
      jurisdictionId: j.id, number: '12345002', name: '乙市热线', ownerUserId: null, ownerTitle: '热线', mode: 'staffed', isPublic: true, serviceHours: hours,
    })).id;
    b.caseId = (await openCase(t.ctx, {
      jurisdiction: { id: j.id, code: 'other-city', name: '乙市', timezone: 'Asia/Shanghai' }, channel: 'phone', type: 'complaint', urgency: 'normal',
      content: '乙市的工单。', actor: { kind: 'staff', userId: b.users.operator },
    })).id;
    cookie.admin = await login(t.app, 'b-admin');
    cookie.operator = await login(t.app, 'b-operator');
    const bArticle = await t.app.inject({ method: 'POST', url: '/api/v1/admin/kb/articles', headers: { cookie: cookie.admin }, payload: { question: '乙市问题', answer: '乙市答复。' } });
    b.article = bArticle.json().id as string;
  });
  afterAll(() => t.close());

  const line = (owner: string) => ({ number: `9${Math.floor(Math.random() * 1e8)}`, name: '新线路', mode: 'direct', ownerTitle: '区长', ownerUserId: owner, isPublic: true, serviceHours: hours });
  const rows: Row[] = [
    { name: 'create a line', who: 'admin', method: 'POST', url: () => '/api/v1/admin/lines', body: (id) => line(id), path: 'ownerUserId', foreign: () => a.users.official },
    { name: 'change a line', who: 'admin', method: 'PATCH', url: () => `/api/v1/admin/lines/${b.line}`, body: (id) => ({ ownerUserId: id }), path: 'ownerUserId', foreign: () => a.users.official },
    {
      name: 'create a user', who: 'admin', method: 'POST', url: () => '/api/v1/admin/users',
      body: (id) => ({ username: `u${Math.floor(Math.random() * 1e8)}`, displayName: '新人', password: PASSWORD, roles: ['handler'], orgUnitId: id }), path: 'orgUnitId', foreign: () => a.units.housing,
    },
    { name: 'move a user', who: 'admin', method: 'PATCH', url: () => `/api/v1/admin/users/${b.users.clerk}`, body: (id) => ({ orgUnitId: id }), path: 'orgUnitId', foreign: () => a.units.housing },
    { name: 'add a unit', who: 'admin', method: 'POST', url: () => '/api/v1/admin/org-units', body: (id) => ({ parentId: id, name: '新科室', kind: 'department' }), path: 'parentId', foreign: () => a.units.city },
    { name: 'issue a token', who: 'admin', method: 'POST', url: () => '/api/v1/admin/api-tokens', body: (id) => ({ userId: id, name: 'bridge' }), path: 'userId', foreign: () => a.users.operator },
    { name: 'write an article', who: 'admin', method: 'POST', url: () => '/api/v1/admin/kb/articles', body: (id) => ({ question: '问题', answer: '答复。', ownerUnitId: id }), path: 'ownerUnitId', foreign: () => a.units.housing },
    { name: 'edit an article', who: 'admin', method: 'PATCH', url: () => `/api/v1/admin/kb/articles/${b.article}`, body: (id) => ({ ownerUnitId: id }), path: 'ownerUnitId', foreign: () => a.units.housing },
    {
      name: 'keyword rules', who: 'admin', method: 'PUT', url: () => '/api/v1/admin/routing/keywords',
      body: (id) => ({ rules: [{ unitId: b.units.dept, keywords: ['物业'] }, { unitId: id, keywords: ['停水'] }] }), path: 'rules.1.unitId', foreign: () => a.units.housing,
    },
    {
      name: 'emergency redirect', who: 'operator', method: 'POST', url: () => '/api/v1/contacts/emergency-redirect',
      body: (id) => ({ channel: 'phone', content: '着火了', redirectNumber: '119', category: 'fire', lineId: id }), path: 'lineId', foreign: () => aRows.line,
    },
    {
      name: 'intake', who: 'operator', method: 'POST', url: () => '/api/v1/cases',
      body: (id) => ({ channel: 'phone', callerPhone: '13800001234', content: '咨询社保。', type: 'consultation', lineId: id }), path: 'lineId', foreign: () => aRows.line,
    },
    { name: 'dispatch (lead)', who: 'operator', method: 'POST', url: () => `/api/v1/cases/${b.caseId}/dispatch`, body: (id) => ({ leadUnitId: id }), path: 'leadUnitId', foreign: () => a.units.housing },
    {
      name: 'dispatch (co-unit)', who: 'operator', method: 'POST', url: () => `/api/v1/cases/${b.caseId}/dispatch`,
      body: (id) => ({ leadUnitId: b.units.dept, coUnitIds: [b.units.city, id] }), path: 'coUnitIds.1', foreign: () => a.units.transport,
    },
    { name: 'return (suggested unit)', who: 'operator', method: 'POST', url: () => `/api/v1/cases/${b.caseId}/return`, body: (id) => ({ reason: '不属于本单位', suggestedUnitId: id }), path: 'suggestedUnitId', foreign: () => a.units.housing },
    { name: 'merge', who: 'operator', method: 'POST', url: () => `/api/v1/cases/${b.caseId}/merge`, body: (id) => ({ parentId: id }), path: 'parentId', foreign: () => aRows.caseId },
    { name: 'answer from an article', who: 'operator', method: 'POST', url: () => `/api/v1/cases/${b.caseId}/answer-directly`, body: (id) => ({ text: '已告知。', articleId: id }), path: 'articleId', foreign: () => aRows.article },
    { name: 'case list filter', who: 'operator', method: 'GET', url: () => '/api/v1/cases', query: (id) => `unitId=${id}`, path: 'unitId', foreign: () => a.units.housing },
  ];

  const send = (row: Row, id: string) =>
    t.app.inject({
      method: row.method,
      url: row.query ? `${row.url()}?${row.query(id)}` : row.url(),
      headers: { cookie: cookie[row.who] },
      ...(row.body ? { payload: row.body(id) } : {}),
    });
  const countWrites = async () => {
    const [audit, contacts, lines] = await Promise.all([
      t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      t.ctx.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      t.ctx.db.selectFrom('lines').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return [Number(audit.n), Number(contacts.n), Number(lines.n)];
  };

  describe.each(rows)('$name', (row) => {
    it.each([
      ['another jurisdiction\'s', () => row.foreign()],
      ['an unknown', () => UNKNOWN],
    ])(`refuses %s id in ${row.path} with 400 REFERENCE_NOT_FOUND, and writes nothing`, async (_label, id) => {
      const before = await countWrites();
      const res = await send(row, id());
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('REFERENCE_NOT_FOUND');
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual([row.path]);
      expect(res.body).not.toContain('official'); // A's official's display name
      expect(await countWrites()).toEqual(before);
    });
  });

  it('takes every row\'s request when the id is the caller\'s own (the refusals above are about the id)', async () => {
    const own: Record<string, () => string> = {
      'create a line': () => b.users.operator, 'change a line': () => b.users.operator, 'create a user': () => b.units.dept, 'move a user': () => b.units.city,
      'add a unit': () => b.units.city, 'issue a token': () => b.users.operator, 'write an article': () => b.units.dept, 'edit an article': () => b.units.dept,
      'keyword rules': () => b.units.city, 'emergency redirect': () => b.line, intake: () => b.line, 'case list filter': () => b.units.dept,
    };
    for (const row of rows.filter((r) => own[r.name])) {
      const res = await send(row, (own[row.name] as () => string)());
      expect(res.statusCode, `${row.name}: ${res.body}`).toBeLessThan(300);
    }
  });

  it('answers 404 for another jurisdiction\'s row named in the path', async () => {
    const paths: Array<[Caller, 'GET' | 'PATCH' | 'POST', string, Record<string, unknown> | undefined]> = [
      ['operator', 'GET', `/api/v1/cases/${aRows.caseId}`, undefined],
      ['operator', 'POST', `/api/v1/cases/${aRows.caseId}/triage`, {}],
      ['admin', 'PATCH', `/api/v1/admin/lines/${aRows.line}`, { name: '改名' }],
      ['admin', 'PATCH', `/api/v1/admin/users/${a.users.official}`, { displayName: '改名' }],
      ['admin', 'PATCH', `/api/v1/admin/kb/articles/${aRows.article}`, { question: '改过的问题' }],
    ];
    for (const [who, method, url, payload] of paths) {
      const res = await t.app.inject({ method, url, headers: { cookie: cookie[who] }, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
    const aLine = await t.ctx.db.selectFrom('lines').select(['name', 'owner_user_id']).where('id', '=', aRows.line).executeTakeFirstOrThrow();
    expect(aLine).toEqual({ name: '市长热线', owner_user_id: a.users.official });
  });
});
