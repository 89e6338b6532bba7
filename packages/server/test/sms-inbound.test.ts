import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { deliverDueMessages } from '../src/modules/outbox/deliver.js';
import { OUTBOX_SECRET_PLACEHOLDER } from '../src/modules/outbox/enqueue.js';
import type { DeliveryRequest, OutboxProvider } from '../src/modules/outbox/providers.js';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const SECRET = 'sms-gateway-shared-secret-for-tests';
const URL = '/api/v1/channels/sms/inbound';
const LINE = '13900001111';
const TIP_LINE = '13900002222';

describeDb(`SMS channel: inbound webhook (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  /** The same database behind an app that has the gateway's secret (t.app has none). */
  let sms: FastifyInstance;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const base = { jurisdictionId: f.jurisdiction.id, isPublic: true, ownerUserId: null, serviceHours: { weekly: {}, onHolidays: 'open' as const } };
    // A staffed line configured to read texts too (the petition line's own rules: sms-petition.test.ts).
    await createLine(t.ctx.db, { ...base, number: LINE, name: '12345短信', ownerTitle: '12345热线中心', mode: 'staffed', acceptsSms: true });
    await createLine(t.ctx.db, { ...base, number: TIP_LINE, name: '公安局长举报短信', ownerTitle: '市公安局局长', mode: 'tip' });
    sms = await buildApp({
      config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, smsWebhookSecret: SECRET },
      database: t.database,
      pii: t.pii,
    });
    await sms.ready();
  });
  afterAll(async () => {
    await sms.close();
    await t.close();
  });

  const sign = (body: string, timestamp?: string): string =>
    `sha256=${createHmac('sha256', SECRET).update(timestamp === undefined ? body : `${timestamp}.${body}`).digest('hex')}`;
  const deliver = (message: Record<string, unknown>, headers: Record<string, string> = {}, app: FastifyInstance = sms) => {
    const body = JSON.stringify(message);
    return app.inject({ method: 'POST', url: URL, headers: { 'content-type': 'application/json', 'x-openline-signature': sign(body), ...headers }, payload: body });
  };
  const text = (from: string, content: string, to = `+86 ${LINE}`) => ({ messageId: `gw-${++seq}`, from, to, text: content });
  const caseOf = (id: string) => t.ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const casesWith = (content: string) => t.ctx.db.selectFrom('cases').selectAll().where('content', '=', content).execute();
  const repliesFor = (caseId: string | null) => {
    const q = t.ctx.db.selectFrom('outbox').select(['body', 'template', 'recipient_hint']).where('channel', '=', 'sms');
    return (caseId === null ? q.where('case_id', 'is', null) : q.where('case_id', '=', caseId)).orderBy('created_at').execute();
  };
  const eventsOf = async (caseId: string, type: string) =>
    (await t.ctx.db.selectFrom('case_events').select(['actor_kind', 'payload']).where('case_id', '=', caseId).where('type', '=', type).execute()).map(
      (e) => ({ actorKind: e.actor_kind, payload: JSON.parse(e.payload) as Record<string, unknown> }),
    );

  it('is off without a secret, and refuses a missing, wrong or stale signature', async () => {
    const off = await deliver(text('13700000001', '路灯坏了'), {}, t.app);
    expect(off.statusCode).toBe(503);
    expect(off.json().error.code).toBe('SMS_CHANNEL_DISABLED');

    const body = JSON.stringify(text('13700000001', '小区路灯坏了一周没人修'));
    const post = (headers: Record<string, string>) => sms.inject({ method: 'POST', url: URL, headers: { 'content-type': 'application/json', ...headers }, payload: body });
    const missing = await post({});
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('SIGNATURE_INVALID');
    const wrong = await post({ 'x-openline-signature': `sha256=${createHmac('sha256', 'another-secret-of-16+').update(body).digest('hex')}` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('SIGNATURE_INVALID');
    // A captured delivery replayed later: its signed timestamp gives it away, and it cannot be re-stamped without the secret.
    const old = String(Math.floor(Date.now() / 1000) - 10 * 60);
    const replay = await post({ 'x-openline-signature': sign(body, old), 'x-openline-timestamp': old });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('REQUEST_EXPIRED');
    const restamped = await post({ 'x-openline-signature': sign(body, old), 'x-openline-timestamp': String(Math.floor(Date.now() / 1000)) });
    expect(restamped.json().error.code).toBe('SIGNATURE_INVALID');
    expect(await t.ctx.db.selectFrom('contacts').select('id').execute()).toHaveLength(0);

    const now = String(Math.floor(Date.now() / 1000));
    const fresh = await post({ 'x-openline-signature': sign(body, now), 'x-openline-timestamp': now });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json()).toMatchObject({ outcome: 'opened', duplicate: false });
  });

  it('takes a message once however often the gateway delivers it', async () => {
    const message = text('13700000002', '物业公司乱收停车费，一个月涨到五百元。');
    const first = await deliver(message);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ messageId: message.messageId, outcome: 'opened', duplicate: false });
    const again = await deliver(message);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ messageId: message.messageId, outcome: 'opened', duplicate: true });

    // Concurrent retries of one message: one is taken, the others are told it was.
    const racing = text('13700000012', '幸福路15号门口的共享单车堆成山，人行道走不了。');
    const answers = (await Promise.all([deliver(racing), deliver(racing), deliver(racing)])).map((r) => r.json());
    expect(answers.filter((a) => a.duplicate === false)).toHaveLength(1);
    expect(answers.every((a) => a.outcome === 'opened')).toBe(true);
    expect(await casesWith(racing.text)).toHaveLength(1);

    const [opened, ...others] = await casesWith(message.text);
    expect(others).toEqual([]);
    expect(opened).toMatchObject({ channel: 'sms', status: 'received', type: 'help' });
    const contacts = await t.ctx.db.selectFrom('contacts').select('id').where('content', '=', message.text).execute();
    expect(contacts).toHaveLength(1);
    // The reply names the case and the tracking code (and where to use it), to the sender only.
    // The code is sealed in the outbox: the stored body has a placeholder, staff see ******.
    const replies = await repliesFor(opened!.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain(opened!.case_number);
    expect(replies[0]!.body).toContain(`/track/${OUTBOX_SECRET_PLACEHOLDER}`);
    expect(replies[0]!.recipient_hint).toBe('137****0002');
    const sent: DeliveryRequest[] = [];
    const gateway: OutboxProvider = { name: 'capture', send: async (m) => (sent.push(m), { ok: true, providerMessageId: null }) };
    await deliverDueMessages(t.ctx, { provider: gateway, workerId: 'sms-test' });
    const delivered = sent.find((m) => m.caseId === opened!.id);
    const code = /查询码(\S+?)，/.exec(delivered?.body ?? '')?.[1] ?? '';
    expect(code).toMatch(/^[A-Z0-9-]{8,}$/);
    expect(delivered?.body).toContain(`/track/${code}`);
    expect(delivered?.recipient).toBe('+8613700000002');
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: { cookie: await login(t.app, 'admin') } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).not.toContain(code);
    expect(page.body).toContain('/track/******');
    const tracked = await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${code}` });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json().caseNumber).toBe(opened!.case_number);
  });

  it('answers an emergency with the number to call, keeps the contact, and opens no case', async () => {
    const message = text('13700000003', '楼下着火了，浓烟很大，有人被困！');
    const res = await deliver(message);
    expect(res.json()).toMatchObject({ outcome: 'redirected' });
    expect(await casesWith(message.text)).toEqual([]);
    const contact = await t.ctx.db.selectFrom('contacts').selectAll().where('content', '=', message.text).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ case_id: null, channel: 'sms', outcome: 'redirected_119' });
    const replies = (await repliesFor(null)).filter((r) => r.template === 'sms_intake_redirected');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('119');
  });

  it('attaches a repeat from the same phone to the open case, without raising its priority', async () => {
    const first = text('13700000004', '锦江小区2栋电梯坏了三天，上下楼很困难，物业不管。');
    expect((await deliver(first)).json().outcome).toBe('opened');
    const [open] = await casesWith(first.text);
    const before = await caseOf(open!.id);

    const repeat = text('+86 137 0000 0004', '锦江小区2栋电梯坏了三天了，上下楼很困难，物业一直不管。');
    const res = await deliver(repeat);
    expect(res.json()).toMatchObject({ outcome: 'attached', duplicate: false });
    expect(await casesWith(repeat.text)).toEqual([]);
    const contacts = await t.ctx.db.selectFrom('contacts').select(['outcome']).where('case_id', '=', open!.id).orderBy('received_at').execute();
    expect(contacts.map((c) => c.outcome)).toEqual(['opened_case', 'attached']);
    const after = await caseOf(open!.id);
    expect(after.status).toBe(before.status);
    expect(after.priority).toBe(before.priority);
    // Staff see that no person decided this, and how sure it was.
    const [attached] = await eventsOf(open!.id, 'contact_attached');
    expect(attached).toMatchObject({ actorKind: 'system', payload: { automatic: true, rule: 'repeat', channel: 'sms' } });
    expect(attached!.payload.similarity).toBeGreaterThanOrEqual(0.5);
    const replies = await repliesFor(open!.id);
    expect(replies.map((r) => r.template)).toEqual(['sms_intake_opened', 'sms_intake_attached']);
    // Like a new appeal: a tracking code of the sender's own (sealed until delivery), never the
    // case number of the case it joined, which may be another citizen's.
    expect(replies[1]!.body).not.toContain(open!.case_number);
    expect(replies[1]!.body).toContain('已受理');
    expect(replies[1]!.body).toContain('/track/{{secret}}');
  });

  it('still recognises a repeat whose text states name, address and ID number (stored redacted)', async () => {
    const stated = '姓名：赵六，住址：锦江区春熙路街道8号院2幢，身份证110101199003026416，';
    const first = text('13700000009', `${stated}反映路口路灯不亮。`);
    expect((await deliver(first)).json().outcome).toBe('opened');
    const repeat = text('13700000009', `${stated}路口路灯还是不亮。`);
    expect((await deliver(repeat)).json()).toMatchObject({ outcome: 'attached' });
  });

  it('merges the same problem at the same building from another phone into the open case, which rises', async () => {
    const first = text('13700000005', '明珠花园5栋楼道灯坏了一周，晚上上下楼看不见。');
    expect((await deliver(first)).json().outcome).toBe('opened');
    const [parent] = await casesWith(first.text);
    const before = await caseOf(parent!.id);

    const neighbour = text('13700000006', '明珠花园5栋楼道的灯坏了一周了，晚上上下楼看不见路。');
    expect((await deliver(neighbour)).json()).toMatchObject({ outcome: 'merged' });
    const [child] = await casesWith(neighbour.text);
    expect(child).toMatchObject({ status: 'merged', parent_id: parent!.id });
    expect((await caseOf(parent!.id)).priority).toBeGreaterThan(before.priority);
    const [merged] = await eventsOf(child!.id, 'merged');
    expect(merged).toMatchObject({ actorKind: 'system', payload: { parentId: parent!.id, automatic: true, rule: 'same_address', parentCaseNumber: parent!.case_number } });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_user_id', 'detail']).where('action', '=', 'case.merge').where('target_id', '=', child!.id).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBeNull();
    expect(JSON.parse(audit.detail)).toMatchObject({ automatic: true, rule: 'same_address' });
    // The neighbour gets their own number and code, which shows the parent's progress.
    const [reply] = await repliesFor(child!.id);
    expect(reply!.body).toContain(child!.case_number);
    expect(reply!.template).toBe('sms_intake_merged');
  });

  it('never joins a tip-line report to an ordinary case, and keeps it on its tip line', async () => {
    const ordinary = text('13700000007', '明珠花园8栋楼道里堆满杂物，还有人在楼道里给电动车充电。');
    expect((await deliver(ordinary)).json().outcome).toBe('opened');
    const tip = text('13700000008', '明珠花园8栋楼道里堆满杂物，还有人在楼道里给电动车充电。', TIP_LINE);
    expect((await deliver(tip)).json()).toMatchObject({ outcome: 'opened' });
    const rows = await casesWith(tip.text);
    expect(rows).toHaveLength(2);
    const tipCase = rows.find((r) => r.line_id !== null && r.caller_phone_bidx === t.pii.blindIndex('+8613700000008'));
    const tipLine = await t.ctx.db.selectFrom('lines').select('id').where('number', '=', TIP_LINE).executeTakeFirstOrThrow();
    expect(tipCase).toMatchObject({ status: 'received', type: 'report', line_id: tipLine.id });
    const [reply] = await repliesFor(tipCase!.id);
    expect(reply!.body).toContain('举报');
    expect(reply!.body).not.toContain('12345');
  });

  it('refuses a message to a number that is no line here, and writes nothing', async () => {
    const message = text('13700000009', '公交站牌被撞倒了', '13999999999');
    const res = await deliver(message);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('UNKNOWN_LINE');
    expect(await t.ctx.db.selectFrom('inbound_sms').select('message_id').where('message_id', '=', message.messageId).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('contacts').select('id').where('content', '=', message.text).execute()).toEqual([]);
  });
});
