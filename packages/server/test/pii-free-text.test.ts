import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, submitAppeal, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

// Checksum-valid ID numbers and real-looking phones, written into the text of appeals.
const ID_WEB = '110101199003026416';
const ID_SMS = '440305198506121237';
const PHONE_IN_TEXT = '13698765432';
const LANDLINE_IN_TEXT = '0571-87654321';
const SMS_NAME = '慕容云海';
const SMS_ADDRESS = '西湖区文三路街道99号院7幢';
const SECRET = 'sms-gateway-shared-secret-for-tests';
const SMS_LINE = '13900003333';

/** Every clear value that must appear nowhere at rest, in the forms it was typed and stored. */
const SECRETS = [ID_WEB, ID_SMS, PHONE_IN_TEXT, PHONE_IN_TEXT.slice(3), '87654321', SMS_NAME, SMS_ADDRESS, '文三路街道99号'];

describeDb(`personal data in free text (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let operator: string;
  let sms: FastifyInstance;
  const opened: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    operator = await login(t.app, 'operator');
    const line = { jurisdictionId: f.jurisdiction.id, isPublic: true, ownerUserId: null, serviceHours: { weekly: {}, onHolidays: 'open' as const } };
    await createLine(t.ctx.db, { ...line, number: SMS_LINE, name: '信访局长短信', ownerTitle: '市信访局局长', mode: 'sms_only' });
    sms = await buildApp({
      config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, smsWebhookSecret: SECRET },
      database: t.database,
      pii: t.pii,
    });
    await sms.ready();

    // Web form: the ID number in the text.
    opened.web = (await submitAppeal(t.app, { name: '市民甲', phone: '13500001001', content: `路灯坏了，我的身份证号${ID_WEB}，请处理。` })).caseNumber;
    // Operator intake: a callback number in the text.
    const staff = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: operator },
      payload: { channel: 'phone', callerPhone: '13500001002', callerName: '市民乙', content: `下水道堵塞，白天打${PHONE_IN_TEXT}，晚上打${LANDLINE_IN_TEXT}。`, type: 'complaint' },
    });
    expect(staff.statusCode, staff.body).toBe(201);
    opened.staff = (staff.json() as { caseNumber: string }).caseNumber;
    // SMS-only line: name, address and ID number stated in the message itself (DESIGN §1).
    const body = JSON.stringify({ messageId: 'gw-pii-1', from: '13500001003', to: SMS_LINE, text: `市交通局：姓名：${SMS_NAME}，住址：${SMS_ADDRESS}，身份证${ID_SMS}，反映夜市摊贩占道经营。` });
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await sms.inject({ method: 'POST', url: '/api/v1/channels/sms/inbound', headers: { 'content-type': 'application/json', 'x-openline-signature': signature }, payload: body });
    expect(res.json()).toMatchObject({ outcome: 'opened' });
    // A repeat contact and an emergency redirect carry text too.
    const webCase = await caseByNumber(opened.web);
    const repeat = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${webCase.id}/contacts`, headers: { cookie: operator },
      payload: { channel: 'phone', callerPhone: '13500001001', content: `又来电催办，联系电话${PHONE_IN_TEXT}。` },
    });
    expect(repeat.statusCode, repeat.body).toBe(201);
    const redirect = await t.app.inject({
      method: 'POST', url: '/api/v1/contacts/emergency-redirect', headers: { cookie: operator },
      payload: { channel: 'phone', content: `家里着火了，身份证${ID_WEB}`, redirectNumber: '119', category: 'fire' },
    });
    expect(redirect.statusCode, redirect.body).toBe(201);
  });
  afterAll(async () => {
    await sms.close();
    await t.close();
  });

  const caseByNumber = (caseNumber: string | undefined) =>
    t.ctx.db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber ?? '').executeTakeFirstOrThrow();

  it('no table holds the clear numbers, name or address written into a text', async () => {
    for (const table of ['cases', 'contacts', 'case_events', 'audit_log', 'outbox', 'inbound_sms', 'search_documents'] as const) {
      const text = JSON.stringify(await t.ctx.db.selectFrom(table).selectAll().execute());
      for (const secret of SECRETS) expect(text, `${table}: ${secret}`).not.toContain(secret);
    }
    const contacts = await t.ctx.db.selectFrom('contacts').select(['content', 'content_enc']).execute();
    expect(contacts.length).toBeGreaterThanOrEqual(5);
    for (const c of contacts) expect(c.content_enc).toMatch(/^v1\./);
  });

  it.runIf(dialect === 'sqlite')('nor do the SQLite files on disk', async () => {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.ctx.db);
    const dir = path.dirname(t.sqliteFile ?? '');
    for (const file of readdirSync(dir).map((name) => path.join(dir, name))) {
      const bytes = readFileSync(file);
      for (const secret of SECRETS) expect(bytes.includes(Buffer.from(secret, 'utf8')), `${path.basename(file)}: ${secret}`).toBe(false);
    }
  });

  it('lists, detail and search show the redacted copy, and a plain word still finds the case', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/cases?q=路灯', headers: { cookie: operator } });
    const previews = (list.json() as { items: Array<{ caseNumber: string; contentPreview: string }> }).items;
    expect(previews.find((c) => c.caseNumber === opened.web)?.contentPreview).toBe('路灯坏了，我的身份证号110101********6416，请处理。');

    const staffCase = await caseByNumber(opened.staff);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${staffCase.id}`, headers: { cookie: operator } });
    expect(detail.json().content).toBe('下水道堵塞，白天打136****5432，晚上打057****4321。');

    const smsCase = await t.ctx.db.selectFrom('cases').selectAll().where('channel', '=', 'sms').executeTakeFirstOrThrow();
    expect(smsCase.content).toBe('市交通局：姓名：慕***，住址：西湖区文三路****，身份证440305********1237，反映夜市摊贩占道经营。');

    const search = await t.app.inject({ method: 'GET', url: '/api/v1/search/cases?q=摊贩占道', headers: { cookie: operator } });
    expect(search.statusCode, search.body).toBe(200);
    expect(JSON.stringify(search.json())).toContain(smsCase.case_number);
    // A number typed into a text is not a way to find it: it is not in the index.
    const byNumber = await t.app.inject({ method: 'GET', url: `/api/v1/search/cases?q=${PHONE_IN_TEXT}`, headers: { cookie: operator } });
    expect(JSON.stringify(byNumber.json())).not.toContain(opened.staff);
  });

  it('the audited reveal returns the original text and names it in the audit entry', async () => {
    const row = await caseByNumber(opened.staff);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${row.id}/reveal`, headers: { cookie: operator }, payload: { reason: '回电核实' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().content).toBe(`下水道堵塞，白天打${PHONE_IN_TEXT}，晚上打${LANDLINE_IN_TEXT}。`);
    const audit = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'pii.reveal').where('target_id', '=', row.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail).fields).toContain('content');
  });

  it('a text with nothing personal in it reveals no content and the audit entry says so', async () => {
    const { caseNumber } = await submitAppeal(t.app, { name: '市民丁', phone: '13500001004', content: '公园长椅坏了好几张，希望修一下。' });
    const row = await caseByNumber(caseNumber);
    expect(row.content).toBe('公园长椅坏了好几张，希望修一下。');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${row.id}/reveal`, headers: { cookie: operator }, payload: { reason: '核实' } });
    expect(res.json().content).toBeNull();
    const audit = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'pii.reveal').where('target_id', '=', row.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail).fields).not.toContain('content');
  });
});
