import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { seedDefaultCategories } from '../src/modules/categories/seed.js';
import { writeLimitsSetting } from '../src/modules/limits/repository.js';
import { createJurisdiction, createLine } from '../src/modules/org/service.js';
import { DEFAULT_RATE_LIMITS } from '@openline/core';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { FmsStyleClient } from './support/open311-client.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * The Open311 GeoReport v2 server (issue 11 §3, ADR 0031), over real HTTP: every resource in
 * both formats, errors in the specification's shape, a FixMyStreet-style client's whole flow,
 * and what GET requests must never show (tip-line cases, personal data).
 */
const xml = new XMLParser({ isArray: (name) => ['service', 'attribute', 'value', 'request', 'error', 'endpoint', 'format'].includes(name), parseTagValue: false });
type Obj = Record<string, unknown>;

describeDb(`open311 GeoReport v2 (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let base: string;
  let admin: string;
  let apiKey: string;
  let keyId: string;

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    await seedDefaultCategories(t.ctx.db, f.jurisdiction.id);
    admin = await login(t.app, 'admin');
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/open311/keys', headers: { cookie: admin }, payload: { name: 'FixMyStreet' } });
    expect(issued.statusCode).toBe(201);
    ({ id: keyId, apiKey } = issued.json() as { id: string; apiKey: string });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(() => t.close());

  const url = (path: string): string => `${base}/open311/v2/${path}`;
  const get = async (path: string) => {
    const res = await fetch(url(path));
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const getJson = async (path: string) => {
    const r = await get(path);
    return { ...r, body: JSON.parse(r.text) as unknown };
  };
  const getXml = async (path: string) => {
    const r = await get(path);
    return { ...r, body: xml.parse(r.text) as Obj };
  };
  const post = async (format: 'json' | 'xml', fields: Record<string, string>) => {
    const res = await fetch(url(`requests.${format}`), { method: 'POST', body: new URLSearchParams(fields) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, body: (format === 'json' ? JSON.parse(text) : xml.parse(text)) as unknown };
  };
  const filed = (fields: Record<string, string>) => post('json', { api_key: apiKey, service_code: 'garbage', lat: '39.904211', long: '116.407395', ...fields });
  const caseOf = (number: string) => t.ctx.db.selectFrom('cases').selectAll().where('case_number', '=', number).executeTakeFirstOrThrow();
  const putAttributes = (code: string, attributes: unknown[]) =>
    t.ctx.db.selectFrom('case_categories').select('id').where('jurisdiction_id', '=', f.jurisdiction.id).where('code', '=', code).executeTakeFirstOrThrow()
      .then((c) => t.app.inject({ method: 'PUT', url: `/api/v1/admin/categories/${c.id}/attributes`, headers: { cookie: admin }, payload: { attributes } }));

  describe('discovery and services', () => {
    it('discovery names the endpoint and the jurisdiction, in both formats', async () => {
      const json = await getJson('discovery.json');
      expect(json.status).toBe(200);
      expect(json.type).toMatch(/^application\/json/);
      expect(json.body).toMatchObject({ jurisdiction_id: 'test-city', jurisdiction_name: '测试市', endpoints: [{ url: `${base}/open311/v2`, specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] }] });
      const x = await getXml('discovery.xml');
      expect(x.type).toMatch(/^text\/xml/);
      expect(x.text.startsWith('<?xml version="1.0" encoding="utf-8"?><discovery>')).toBe(true);
      // An empty jurisdiction_id (FixMyStreet sends one when none is configured) is this deployment's.
      expect((await getJson('discovery.json?jurisdiction_id=')).body).toMatchObject({ jurisdiction_id: 'test-city' });
      expect(x.body).toMatchObject({ discovery: { jurisdiction_id: 'test-city', endpoints: { endpoint: [{ url: `${base}/open311/v2`, formats: { format: ['text/xml', 'application/json'] } }] } } });
    });

    it('lists the leaf categories as services with their group and keywords, in both formats', async () => {
      const json = (await getJson('services.json')).body as Obj[];
      const garbage = json.find((s) => s.service_code === 'garbage');
      expect(garbage).toEqual({ service_code: 'garbage', service_name: '垃圾清运', description: expect.any(String), metadata: false, type: 'realtime', keywords: '垃圾,清运,垃圾桶,环卫,保洁,垃圾分类', group: '城市管理' });
      // Groups are not services: a client files against the most precise kind.
      expect(json.some((s) => s.service_code === 'urban' || s.service_code === 'urban-appearance')).toBe(false);
      const x = (await getXml('services.xml')).body as { services: { service: Obj[] } };
      expect(x.services.service).toHaveLength(json.length);
      expect(x.services.service.find((s) => s.service_code === 'garbage')).toMatchObject({ service_name: '垃圾清运', metadata: 'false', type: 'realtime', group: '城市管理' });
    });

    it('keeps XML well-formed whatever a category is called', async () => {
      await t.ctx.db.updateTable('case_categories').set({ name: '垃圾<清运> & "转运"\u0001' }).where('code', '=', 'garbage').execute();
      const x = await getXml('services.xml');
      const garbage = (x.body as { services: { service: Obj[] } }).services.service.find((s) => s.service_code === 'garbage');
      expect(garbage?.service_name).toBe('垃圾<清运> & "转运"');
      expect(((await getJson('services.json')).body as Obj[]).find((s) => s.service_code === 'garbage')?.service_name).toBe('垃圾<清运> & "转运"\u0001');
      await t.ctx.db.updateTable('case_categories').set({ name: '垃圾清运' }).where('code', '=', 'garbage').execute();
    });

    it('leaves out retired categories', async () => {
      await t.ctx.db.updateTable('case_categories').set({ retired_at: new Date().toISOString() }).where('code', '=', 'parking-fee').execute();
      const json = (await getJson('services.json')).body as Obj[];
      expect(json.some((s) => s.service_code === 'parking-fee')).toBe(false);
      expect((await get('services/parking-fee.json')).status).toBe(404);
    });

    it('defines a service by the questions its category asks, with list values', async () => {
      const put = await putAttributes('tree-pruning', [
        { code: 'height', description: '树高（米）', datatype: 'number', required: true },
        { code: 'risk', description: '风险', datatype: 'singlevaluelist', required: false, values: [{ key: 'wires', name: '碰触电线' }, { key: 'fall', name: '有倒伏风险' }] },
      ]);
      expect(put.statusCode, put.body).toBe(200);
      const json = (await getJson('services/tree-pruning.json')).body;
      expect(json).toEqual({
        service_code: 'tree-pruning',
        attributes: [
          { variable: true, code: 'height', datatype: 'number', required: true, datatype_description: '', order: 1, description: '树高（米）', values: [] },
          { variable: true, code: 'risk', datatype: 'singlevaluelist', required: false, datatype_description: '', order: 2, description: '风险', values: [{ key: 'wires', name: '碰触电线' }, { key: 'fall', name: '有倒伏风险' }] },
        ],
      });
      const x = (await getXml('services/tree-pruning.xml')).body as { service_definition: { attributes: { attribute: Obj[] } } };
      expect(x.service_definition.attributes.attribute[1]).toMatchObject({ code: 'risk', required: 'false', values: { value: [{ key: 'wires', name: '碰触电线' }, { key: 'fall', name: '有倒伏风险' }] } });
      expect(((await getJson('services.json')).body as Obj[]).find((s) => s.service_code === 'tree-pruning')?.metadata).toBe(true);
      // Bad definitions are refused with the field named; another role may not edit them.
      const bad = await putAttributes('tree-pruning', [{ code: 'x', description: '选', datatype: 'multivaluelist', required: false }]);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe('attributes.0.values');
    });
  });

  describe('posting a request', () => {
    it('opens a case through unattended intake, tracked by its number; personal data sealed', async () => {
      const res = await post('xml', {
        jurisdiction_id: 'test-city', api_key: apiKey, service_code: 'garbage', lat: '39.904211', long: '116.407395', email: 'li.lei@example.com',
        first_name: '雷', last_name: '李', phone: '13900001111', description: '小区北门垃圾三天没人清运，臭味很大。', media_url: 'https://example.com/p/1.jpg',
        device_id: 'dev-1', account_id: 'acct-9',
      });
      expect(res.status, res.text).toBe(200);
      const [request] = (res.body as { service_requests: { request: Obj[] } }).service_requests.request;
      expect(request).toMatchObject({ service_request_id: expect.stringMatching(/^\d{8}-\d{6}$/), token: expect.stringMatching(/^[0-9a-f]{32}$/), account_id: 'acct-9' });
      const row = await caseOf(String(request?.service_request_id));
      const category = await t.ctx.db.selectFrom('case_categories').select('code').where('id', '=', row.category_id ?? '').executeTakeFirstOrThrow();
      expect({ channel: row.channel, status: row.status, category: category.code }).toEqual({ channel: 'open311', status: 'received', category: 'garbage' });
      expect(row.content).toBe('小区北门垃圾三天没人清运，臭味很大。');
      expect(t.ctx.pii.decrypt(row.caller_name_enc ?? '')).toBe('李雷');
      expect(t.ctx.pii.decrypt(row.caller_phone_enc ?? '')).toBe('+8613900001111');
      const stored = await t.ctx.db.selectFrom('open311_requests').selectAll().where('case_id', '=', row.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toMatch(/li\.lei|dev-1|acct-9|example\.com|39\.904211/);
      expect(JSON.parse(t.ctx.pii.decrypt(stored.reporter_enc ?? ''))).toMatchObject({ email: 'li.lei@example.com', deviceId: 'dev-1', accountId: 'acct-9' });
      expect(JSON.parse(t.ctx.pii.decrypt(stored.details_enc))).toMatchObject({ location: { lat: 39.904211, long: 116.407395 }, mediaUrls: ['https://example.com/p/1.jpg'] });
      expect({ lat: stored.lat_approx, long: stored.long_approx }).toEqual({ lat: '39.904', long: '116.407' });
    });

    it('takes answers to the service questions into the case text, and refuses wrong ones by name', async () => {
      const ok = await post('json', { api_key: apiKey, service_code: 'tree-pruning', address_string: '建设路 18 号', description: '行道树枝条压到电线。', 'attribute[height]': '8', 'attribute[risk]': 'wires', 'attribute[fms_extra_title]': '树' });
      expect(ok.status, ok.text).toBe(200);
      const [posted] = ok.body as Obj[];
      const row = await caseOf(String(posted?.service_request_id));
      expect(row.content).toBe('行道树枝条压到电线。\n树高（米）：8\n风险：碰触电线');
      const bad = await post('json', { api_key: apiKey, service_code: 'tree-pruning', address_string: '建设路 18 号', 'attribute[risk]': 'fire' });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual([
        { code: 400, description: 'attribute[height] is required' },
        { code: 400, description: 'attribute[risk] must be one of wires, fall' },
      ]);
    });

    it('refuses in the specification\'s error format, in either format', async () => {
      const noKey = await post('xml', { service_code: 'garbage', lat: '39.9', long: '116.4' });
      expect(noKey.status).toBe(403);
      expect(noKey.body).toEqual({ '?xml': '', errors: { error: [{ code: '403', description: 'api_key is missing or not valid' }] } });
      expect((await post('json', { api_key: 'o311_forged', service_code: 'garbage', lat: '39.9', long: '116.4' })).body).toEqual([{ code: 403, description: 'api_key is missing or not valid' }]);
      const cases: Array<[Record<string, string>, number, string]> = [
        [{ service_code: '' }, 400, 'service_code is required'],
        [{ service_code: 'no-such' }, 400, 'service_code no-such is not a service here'],
        [{ service_code: 'urban' }, 400, 'service_code urban is not a service here'],
        [{ lat: '', long: '' }, 400, 'a location is required: lat and long, address_string or address_id'],
        [{ lat: '95', long: '116' }, 400, 'lat must be within ±90 and long within ±180'],
        [{ phone: '123' }, 400, 'phone is not a valid phone number'],
        [{ email: 'not-mail' }, 400, 'email is not an e-mail address'],
        [{ media_url: 'javascript:alert(1)' }, 400, 'media_url must be an http(s) URL'],
        [{ description: 'x'.repeat(4001) }, 400, 'description is longer than 4000 characters'],
        [{ jurisdiction_id: 'nowhere' }, 404, 'jurisdiction_id nowhere is not served here'],
      ];
      for (const [fields, status, description] of cases) {
        const res = await filed(fields);
        expect({ fields, status: res.status, body: res.body }).toEqual({ fields, status, body: [{ code: status, description }] });
      }
      // A format the path does not name, or a resource GeoReport v2 has not: 404 in the same shape.
      const html = await get('services.html');
      expect({ status: html.status, body: JSON.parse(html.text) as unknown }).toEqual({ status: 404, body: [{ code: 404, description: 'format html is not served: use .json or .xml' }] });
      const nothing = await get('nothing.xml');
      expect(nothing.status).toBe(404);
      expect(xml.parse(nothing.text)).toMatchObject({ errors: { error: [{ code: '404' }] } });
    });

    it('keeps a key to its own jurisdiction', async () => {
      await createJurisdiction(t.ctx.db, { code: 'next-city', name: '邻市' });
      const res = await filed({ jurisdiction_id: 'next-city' });
      expect(res.status).toBe(403);
      expect(res.body).toEqual([{ code: 403, description: 'api_key is not valid for this jurisdiction_id' }]);
      // Reads of another jurisdiction served here are public, by its code (it has no services yet).
      expect((await getJson('services.json?jurisdiction_id=next-city')).body).toEqual([]);
      expect((await getJson('discovery.json?jurisdiction_id=next-city')).body).toMatchObject({ jurisdiction_id: 'next-city' });
    });

    it('opens an urgent case for an emergency instead of turning it away (nobody is there to call 110)', async () => {
      const res = await filed({ description: '路边垃圾堆着火了，火很大，有人被困！', phone: '13900002222' });
      expect(res.status, res.text).toBe(200);
      const row = await caseOf(String((res.body as Obj[])[0]?.service_request_id));
      expect(row.urgency).toBe('urgent');
    });

    it('attaches a repeat from the same phone to its open case, with an id of its own that follows it', async () => {
      const first = await filed({ phone: '13900003333', description: '幸福小区3号楼下垃圾桶满了一周没人清运。', address_string: '幸福小区3号楼' });
      const again = await filed({ phone: '13900003333', description: '幸福小区3号楼下垃圾桶满了一周没人清运，还是没人管。', address_string: '幸福小区3号楼' });
      const [a, b] = [(first.body as Obj[])[0], (again.body as Obj[])[0]];
      expect(String(b?.service_request_id)).toMatch(/^o311-[0-9a-f]{20}$/);
      const shown = (await getJson(`requests/${String(b?.service_request_id)}.json`)).body as Obj[];
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ service_request_id: b?.service_request_id, status: 'open', service_code: 'garbage' });
      expect(JSON.stringify(shown)).not.toContain(String(a?.service_request_id));
      expect((await getJson(`tokens/${String(b?.token)}.json`)).body).toEqual([{ service_request_id: b?.service_request_id, token: b?.token }]);
    });
  });

  describe('reading requests', () => {
    let number = '';
    let token = '';
    beforeAll(async () => {
      const res = await filed({ phone: '13900004444', first_name: '梅', last_name: '韩', email: 'han.mei@example.com', description: '韩梅梅反映：人民路12号门口垃圾满地，电话13900004444。', address_string: '人民路12号' });
      const [first] = res.body as Array<{ service_request_id: string; token: string }>;
      number = first?.service_request_id ?? '';
      token = first?.token ?? '';
    });

    it('shows a request with its status following the case, and nothing personal', async () => {
      const [one] = (await getJson(`requests/${number}.json`)).body as Obj[];
      expect(one).toEqual({
        service_request_id: number, status: 'open', status_notes: '已受理，等待分拨。', service_name: '垃圾清运', service_code: 'garbage', agency_responsible: null,
        service_notice: null, requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), updated_datetime: expect.any(String), lat: '39.904', long: '116.407',
      });
      const row = await caseOf(number);
      const later = new Date(Date.now() + 60_000).toISOString();
      await t.ctx.db.updateTable('cases').set({ status: 'closed', lead_unit_id: f.units.housing, closed_at: later, updated_at: later }).where('id', '=', row.id).execute();
      const x = (await getXml(`requests/${number}.xml`)).body as { service_requests: { request: Obj[] } };
      expect(x.service_requests.request[0]).toMatchObject({ status: 'closed', status_notes: '已办结。', agency_responsible: '市住建局', updated_datetime: later.replace(/\.\d{3}Z$/, 'Z') });
      for (const path of [`requests/${number}.json`, `requests/${number}.xml`, 'requests.json', 'requests.xml', `requests.json?service_request_id=${number}`]) {
        const text = (await get(path)).text;
        expect(text, path).not.toMatch(/韩|梅|13900004444|han\.mei|人民路|垃圾满地|39\.904211/);
      }
      await t.ctx.db.updateTable('cases').set({ status: 'received', lead_unit_id: null, closed_at: null }).where('id', '=', row.id).execute();
    });

    it('resolves a token to the request id', async () => {
      expect((await getJson(`tokens/${token}.json`)).body).toEqual([{ service_request_id: number, token }]);
      const x = (await getXml(`tokens/${token}.xml`)).body as { service_requests: { request: Obj[] } };
      expect(x.service_requests.request).toEqual([{ service_request_id: number, token }]);
      expect((await get('tokens/0123456789abcdef0123456789abcdef.json')).status).toBe(404);
    });

    it('filters by ids (overriding the rest), service, status and period; 90 days by default', async () => {
      const old = await filed({ description: '去年的垃圾问题。', phone: '13900005555' });
      const oldNumber = String((old.body as Obj[])[0]?.service_request_id);
      const longAgo = new Date(Date.now() - 100 * 86_400_000).toISOString();
      await t.ctx.db.updateTable('cases').set({ created_at: longAgo }).where('case_number', '=', oldNumber).execute();
      const ids = (body: unknown) => (body as Obj[]).map((r) => r.service_request_id);

      const all = ids((await getJson('requests.json')).body);
      expect(all).toContain(number);
      expect(all).not.toContain(oldNumber);
      expect(ids((await getJson(`requests.json?service_request_id=${oldNumber},${number},nope&status=closed`)).body)).toEqual([oldNumber, number]);
      const start = new Date(Date.now() - 120 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const end = new Date(Date.now() - 60 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
      expect(ids((await getJson(`requests.json?start_date=${start}&end_date=${encodeURIComponent(end)}`)).body)).toEqual([oldNumber]);
      // A '+' sent unencoded arrives as a space; it is read as the offset it was.
      expect(ids((await getJson(`requests.json?start_date=${start}&end_date=${end}`)).body)).toEqual([oldNumber]);
      expect(ids((await getJson('requests.json?service_code=tree-pruning')).body).length).toBe(1);
      expect(ids((await getJson('requests.json?status=closed')).body)).toEqual([]);
      expect(ids((await getJson('requests.json?status=open&limit=2')).body)).toHaveLength(2);
      for (const [query, description] of [
        ['start_date=yesterday', 'start_date is not a W3C date-time'],
        ['status=pending', 'status must be open or closed'],
        [`start_date=${start}&end_date=${new Date().toISOString()}`, 'start_date and end_date are more than 90 days apart'],
      ] as const) {
        expect((await getJson(`requests.json?${query}`)).body, query).toEqual([{ code: 400, description }]);
      }
      expect((await getJson('requests.json?limit=0')).status).toBe(400);
    });

    it('never shows a tip-line case, by list or by id', async () => {
      const line = await createLine(t.ctx.db, {
        jurisdictionId: f.jurisdiction.id, number: '0000-110110', name: '举报专线', ownerUserId: f.users.official, ownerTitle: '局长', mode: 'tip', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
      });
      const res = await t.app.inject({
        method: 'POST', url: '/api/v1/cases', headers: { cookie: await login(t.app, 'operator'), 'content-type': 'application/json' },
        payload: { channel: 'phone', callerPhone: '13800009999', content: '举报垃圾站偷倒。', type: 'report', lineId: line.id },
      });
      expect(res.statusCode, res.body).toBe(201);
      const tip = await t.ctx.db.selectFrom('cases').select(['id', 'case_number']).where('caller_protected', '=', 1).executeTakeFirstOrThrow();
      const garbage = await t.ctx.db.selectFrom('case_categories').select('id').where('jurisdiction_id', '=', f.jurisdiction.id).where('code', '=', 'garbage').executeTakeFirstOrThrow();
      await t.ctx.db.updateTable('cases').set({ category_id: garbage.id }).where('id', '=', tip.id).execute();
      expect((await getJson('requests.json')).text).not.toContain(tip.case_number);
      expect((await get(`requests/${tip.case_number}.json`)).status).toBe(404);
      expect((await getJson(`requests.json?service_request_id=${tip.case_number}`)).body).toEqual([]);
    });
  });

  it('a FixMyStreet-style client lists services, posts a request and reads it back, also through its token', async () => {
    const client = new FmsStyleClient({ endpoint: `${base}/open311/v2/`, jurisdiction: 'test-city', apiKey });
    const services = await client.getServiceList();
    expect(services.contentType).toMatch(/xml/);
    const list = services.obj.service as Obj[];
    expect(list.find((s) => s.service_code === 'garbage')).toMatchObject({ service_name: '垃圾清运', group: '城市管理' });
    const meta = await client.getServiceMetaInfo('tree-pruning');
    expect((meta.obj.attributes as { attribute: Obj[] }).attribute.map((a) => a.code)).toEqual(['height', 'risk']);

    const id = await client.sendServiceRequest({
      lat: '39.9088', long: '116.3975', email: 'reporter@example.org', description: 'title: 树枝压线\n\ndetail: 树枝压到电线\n\nurl: https://fms.example/report/1\n\nSubmitted via FixMyStreet\n',
      service_code: 'tree-pruning', first_name: 'Wang', last_name: 'Fang', media_url: 'https://fms.example/photo/1.jpeg', 'attribute[height]': '6', 'attribute[risk]': 'fall',
    });
    expect(id).toMatch(/^\d{8}-\d{6}$/);
    const [back] = await client.getServiceRequests([String(id)]);
    expect(back).toMatchObject({ service_request_id: id, status: 'open', service_code: 'tree-pruning' });
    const token = String(((await t.ctx.db.selectFrom('open311_requests').select('token').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow()).token));
    expect(await client.getServiceRequestIdFromToken(token)).toBe(id);
    // Its errors parse as Open311.pm's _process_error reads them.
    const refused = await new FmsStyleClient({ endpoint: `${base}/open311/v2/`, jurisdiction: 'test-city', apiKey: 'o311_wrong' }).post('requests.xml', { service_code: 'garbage', lat: '1', long: '1' });
    expect(refused.obj.error).toEqual([{ code: '403', description: 'api_key is missing or not valid' }]);
  });

  describe('keys', () => {
    it('are issued once, stored hashed, listed without the key, and revoked at once', async () => {
      const listed = await t.app.inject({ method: 'GET', url: '/api/v1/admin/open311/keys', headers: { cookie: admin } });
      expect(listed.json().items[0]).toMatchObject({ id: keyId, name: 'FixMyStreet', prefix: apiKey.slice(0, 11), revokedAt: null, lastUsedAt: expect.any(String) });
      expect(listed.body).not.toContain(apiKey);
      const row = await t.ctx.db.selectFrom('open311_keys').selectAll().where('id', '=', keyId).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(apiKey.slice(11));
      const operator = await login(t.app, 'operator');
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/open311/keys', headers: { cookie: operator }, payload: { name: 'x' } })).statusCode).toBe(403);
      const spare = (await t.app.inject({ method: 'POST', url: '/api/v1/admin/open311/keys', headers: { cookie: admin }, payload: { name: 'spare' } })).json() as { id: string; apiKey: string };
      expect((await post('json', { api_key: spare.apiKey, service_code: 'garbage', address_id: 'A-1' })).status).toBe(200);
      const revoke = () => t.app.inject({ method: 'DELETE', url: `/api/v1/admin/open311/keys/${spare.id}`, headers: { cookie: admin }, payload: {} });
      expect((await revoke()).statusCode).toBe(204);
      expect((await post('json', { api_key: spare.apiKey, service_code: 'garbage', address_id: 'A-1' })).status).toBe(403);
      expect((await revoke()).statusCode).toBe(404);
      const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'open311%').execute();
      expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['open311_key.issue', 'open311_key.revoke', 'open311.request']));
    });

    it('are rate-limited per key in the database, so the limit holds across processes', async () => {
      // The earlier tests' requests are counted in the default 10-minute window; in the first ten
      // minutes of a UTC day it starts where this test's one-day window does, and would count here.
      await t.ctx.db.deleteFrom('rate_counters').where('scope', '=', 'open311PerKey').execute();
      try {
        await writeLimitsSetting(t.ctx.db, JSON.stringify({ ...DEFAULT_RATE_LIMITS, open311PerKey: { max: 2, windowSeconds: 86_400 } }), new Date().toISOString());
        const limited = (await t.app.inject({ method: 'POST', url: '/api/v1/admin/open311/keys', headers: { cookie: admin }, payload: { name: 'limited' } })).json() as { apiKey: string };
        // A second process: its own connection to the same database, its own app.
        const database = openDatabase(t.databaseConfig);
        const second = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false }, database, pii: t.pii });
        const form = new URLSearchParams({ api_key: limited.apiKey, service_code: 'garbage', address_id: 'B-2' }).toString();
        const viaSecond = () => second.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
        const statuses = [(await post('json', { api_key: limited.apiKey, service_code: 'garbage', address_id: 'B-2' })).status, (await viaSecond()).statusCode];
        statuses.push((await viaSecond()).statusCode);
        await second.close();
        await database.close();
        expect(statuses).toEqual([200, 200, 429]);
        const refused = await fetch(url('requests.json'), { method: 'POST', body: new URLSearchParams({ api_key: limited.apiKey, service_code: 'garbage', address_id: 'B-2' }) });
        expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await refused.json()).toEqual([{ code: 429, description: 'Too many requests; try again later' }]);
        // Another key is not affected.
        expect((await filed({ description: '另一应用的请求。' })).status).toBe(200);
      } finally {
        // Even when an expectation fails: the tests after this one use the default limits.
        await t.ctx.db.deleteFrom('settings').where('key', '=', 'rate_limits').execute();
      }
    });
  });

  it('never answers 5xx to malformed forms carrying a valid key', async () => {
    const values = ['', ' ', '0', '-1', '1e309', 'NaN', '９', '<x/>', '&amp;', '\u202e', 'a'.repeat(5000), '39.9', '116.4', 'garbage', 'tree-pruning', '2026-02-30T00:00:00Z'];
    const fields = ['service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'phone', 'first_name', 'last_name', 'description', 'media_url', 'device_id', 'account_id', 'jurisdiction_id', 'attribute[height]', 'attribute[risk]', 'attribute[]', 'attribute[risk][]'];
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const seen = new Map<number, number>();
    for (let i = 0; i < 60; i++) {
      // Half start from a request that would be taken, so the malformed fields are what decides.
      const form = new URLSearchParams(i % 2 ? { api_key: apiKey } : { api_key: apiKey, service_code: 'garbage', address_id: 'C-3' });
      for (let k = 0; k < 1 + next(6); k++) form.append(fields[next(fields.length)] ?? 'x', values[next(values.length)] ?? '');
      const res = await fetch(url(i % 2 ? 'requests.xml' : 'requests.json'), { method: 'POST', body: form });
      seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
      expect(res.status, form.toString().slice(0, 200)).toBeLessThan(500);
    }
    // Bodies that are not forms at all.
    for (const [type, body] of [['application/json', '[1,2]'], ['application/json', '{"api_key":{"x":1}}'], ['text/plain', 'hello'], ['application/x-www-form-urlencoded', '%ff%fe=1']] as const) {
      const res = await fetch(url('requests.json'), { method: 'POST', headers: { 'content-type': type }, body });
      expect(res.status, `${type} ${body}`).toBeLessThan(500);
      expect(Array.isArray(await res.json())).toBe(true);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});
