import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDatabaseError } from '../src/db/refusals.js';
import { newId, nowIso } from '../src/lib/ids.js';
import { registerErrorHandling } from '../src/plugins/errors.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';

const json = (cookie?: string): Record<string, string> => ({ 'content-type': 'application/json', ...(cookie ? { cookie } : {}) });
const appeal = { name: '王女士', phone: '13800001234', content: '小区门口路灯坏了一个月。' };

describeDb(`bad input answers 4xx, never 500 (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let admin: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  describe("the desk's and the case list's new inputs (issue 12 §2–3)", () => {
    it('refuses malformed filters, instruction texts and follow bodies with a stable 400', async () => {
      const operator = await login(t.app, 'operator');
      const official = await login(t.app, 'official');
      for (const query of ['callerName=%C2%B7%20%C2%B7', `callerName=${'张'.repeat(51)}`, 'priorityBand=P9', 'queue=mine', 'urgency=panic', 'ownLines=yes', 'sort=queue&followed=1', 'openInstruction=maybe']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases?${query}`, headers: { cookie: operator } });
        expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
      const id = newId();
      for (const [method, url, payload] of [
        ['POST', `/api/v1/cases/${id}/instructions`, { text: '' }],
        ['POST', `/api/v1/cases/${id}/instructions`, { text: '批'.repeat(1001) }],
        ['POST', `/api/v1/cases/${id}/instructions`, { text: ['请处理'] }],
        ['POST', `/api/v1/cases/${id}/instructions/not-a-uuid/answer`, { text: '已处理。' }],
        ['PUT', `/api/v1/cases/${id}/follow`, { following: 'yes' }],
        ['PUT', `/api/v1/cases/${id}/follow`, {}],
      ] as const) {
        const res = await t.app.inject({ method, url, headers: json(official), payload: JSON.stringify(payload) });
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload).slice(0, 40)}: ${res.body}`).toBe(400);
      }
      // Well-formed but naming no case: 404, not 500.
      const absent = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/instructions`, headers: json(official), payload: JSON.stringify({ text: '请处理。' }) });
      expect(absent.statusCode).toBe(404);
    });
  });

  describe('text the databases cannot store is refused the same way on both', () => {
    it('refuses U+0000 in a JSON body, anonymous routes included, naming the field', async () => {
      for (const [url, body, field] of [
        ['/api/v1/auth/login', { username: 'admin\u0000', password: 'x' }, 'username'],
        ['/api/v1/public/appeals', { ...appeal, content: '路灯\u0000坏了' }, 'content'],
        ['/api/v1/public/appeals', { ...appeal, extra: { ['k\u0000']: 1 } }, 'extra.k\u0000'],
      ] as const) {
        const res = await t.app.inject({ method: 'POST', url, payload: body });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: field }] });
      }
    });

    it('refuses unpaired surrogates and keeps paired ones (emoji)', async () => {
      const lone = await t.app.inject({ method: 'POST', url: '/api/v1/public/appeals', headers: json(), payload: JSON.stringify({ ...appeal, content: '路灯坏了LONE一个月' }).replace('LONE', '\\ud800') });
      expect(lone.statusCode, lone.body).toBe(400);
      expect(lone.json().error.details[0].path).toBe('content');
      const emoji = await t.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: { ...appeal, content: '小区门口路灯坏了一个月 😡' } });
      expect(emoji.statusCode, emoji.body).toBe(201);
    });

    it('refuses a body that is not valid UTF-8 instead of storing U+FFFD', async () => {
      const raw = Buffer.concat([Buffer.from('{"name":"王女士","phone":"13800001234","content":"路灯'), Buffer.from([0xff, 0xfe]), Buffer.from('坏了一个月"}')]);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/appeals', headers: json(), payload: raw });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body' }] });
    });

    it('refuses U+0000 in query strings and path parameters', async () => {
      const query = await t.app.inject({ method: 'GET', url: '/api/v1/kb/articles?q=%E8%B7%AF%00', headers: { cookie: admin } });
      expect(query.statusCode, query.body).toBe(400);
      expect(query.json().error.details[0].path).toBe('q');
      const param = await t.app.inject({ method: 'GET', url: '/api/v1/public/appeals/abc%00def' });
      expect(param.statusCode, param.body).toBe(400);
    });

    it('answers invalid percent-encoding in the URL with a 4xx', async () => {
      for (const url of ['/api/v1/kb/articles?q=%FF%FE', '/api/v1/public/appeals/%FF%FE', '/api/v1/cases?q=%E8%B7']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie: admin } });
        expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(500);
      }
    });
  });

  it('refuses a PATCH that changes nothing on every PATCH route, before any SQL is built', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const patchPaths = Object.entries(doc.paths).filter(([, ops]) => 'patch' in ops).map(([p]) => p);
    expect(patchPaths).toContain('/api/v1/admin/lines/{id}');
    for (const p of patchPaths) {
      const url = p.replace(/\{[^}]+\}/g, newId());
      for (const body of [{}, { notAField: 1 }]) {
        const res = await t.app.inject({ method: 'PATCH', url, headers: json(admin), payload: body });
        expect(res.statusCode, `${p} ${JSON.stringify(body)}: ${res.body}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    }
  });

  it('answers two simultaneous creates of one username with 201 and 409, not 500', async () => {
    const body = { username: 'twin', displayName: '双胞胎', password: 'a long enough password', roles: ['operator'], orgUnitId: f.units.centre };
    const answers = await Promise.all([0, 1, 2].map(() => t.app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: json(admin), payload: body })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'username' }] });
  });

  it('answers two simultaneous creates of one line number with 201 and 409', async () => {
    const body = { number: '0000-5550001', name: '重复号码', mode: 'direct', ownerTitle: '值班室', isPublic: false, serviceHours: { weekly: {}, onHolidays: 'closed' } };
    const answers = await Promise.all([0, 1].map(() => t.app.inject({ method: 'POST', url: '/api/v1/admin/lines', headers: json(admin), payload: body })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
  });

  describe('safety net: a constraint the service did not check still answers 4xx', () => {
    const capture = async (write: () => Promise<unknown>): Promise<unknown> => {
      try {
        await write();
      } catch (error) {
        return error;
      }
      throw new Error('the write was expected to fail');
    };
    const answer = async (error: unknown): Promise<{ status: number; body: { error: { code: string; details?: unknown } } }> => {
      const app = Fastify({ logger: false });
      registerErrorHandling(app);
      app.get('/x', async () => {
        throw error;
      });
      const res = await app.inject({ method: 'GET', url: '/x' });
      await app.close();
      return { status: res.statusCode, body: res.json() };
    };
    const unit = (over: Record<string, unknown>) => ({
      id: newId(), jurisdiction_id: f.jurisdiction.id, parent_id: null, path: '/x/', name: '科室', kind: 'department', sort_order: 0, created_at: nowIso(), ...over,
    });

    it('maps a unique violation to 409 CONFLICT naming the field (never the value)', async () => {
      const error = await capture(() => t.ctx.db.insertInto('jurisdictions').values({ id: newId(), code: 'test-city', name: '重名', timezone: 'Asia/Shanghai', created_at: nowIso() }).execute());
      expect(classifyDatabaseError(error)).toEqual({ kind: 'unique', fields: ['code'] });
      const { status, body } = await answer(error);
      expect(status).toBe(409);
      expect(body.error).toEqual({ code: 'CONFLICT', message: expect.any(String), details: [{ path: 'code', message: 'taken' }] });
      expect(JSON.stringify(body)).not.toContain('test-city');
    });

    it('maps a foreign-key violation to 400 REFERENCE_NOT_FOUND', async () => {
      const error = await capture(() => t.ctx.db.insertInto('org_units').values(unit({ parent_id: newId() })).execute());
      expect(classifyDatabaseError(error)).toEqual({ kind: 'foreign_key' });
      const { status, body } = await answer(error);
      expect(status).toBe(400);
      expect(body.error.code).toBe('REFERENCE_NOT_FOUND');
    });

    it('maps a value the database cannot take to 400 VALIDATION_FAILED', async () => {
      // NOT NULL on both; on PostgreSQL also U+0000 (22021) and a malformed timestamp (22007).
      const errors = [await capture(() => t.ctx.db.insertInto('org_units').values(unit({ name: null as unknown as string })).execute())];
      if (dialect === 'postgres') {
        errors.push(await capture(() => t.ctx.db.insertInto('org_units').values(unit({ name: 'a\u0000b' })).execute()));
        errors.push(await capture(() => t.ctx.db.insertInto('org_units').values(unit({ created_at: 'not a time' })).execute()));
      }
      for (const error of errors) {
        expect(classifyDatabaseError(error), String(error)).toEqual({ kind: 'invalid_value' });
        const { status, body } = await answer(error);
        expect(status).toBe(400);
        expect(body.error.code).toBe('VALIDATION_FAILED');
      }
    });

    it('leaves other errors a 500', async () => {
      expect(classifyDatabaseError(new Error('boom'))).toBeNull();
      expect((await answer(new Error('boom'))).status).toBe(500);
    });
  });
});
