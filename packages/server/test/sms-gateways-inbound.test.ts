import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { twilioSignature } from '../src/channels/sms/gateways/twilio.js';
import { NO_SMS_GATEWAYS, parseCodeMap, type SmsGatewayConfig } from '../src/config-sms-gateways.js';
import { createLine } from '../src/modules/org/service.js';
import { seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const ALIYUN_TOKEN = 'aliyun-push-token-for-tests-0001';
const TENCENT_TOKEN = 'tencent-push-token-for-tests-0001';
const TWILIO_AUTH = 'twilio-auth-token-for-tests-01';
const BASE = 'https://12345.example.gov.cn';
/** A tip line takes SMS whatever the line rules become (issue 11 §1): the adapters' own behaviour is what is tested here. */
const TIP_LINE = '13900002222';
const PETITION_LINE = '13900001111';
const digits = /^\d{0,20}$/;

const gateways: SmsGatewayConfig = {
  inbound: {
    // The extension codes the outgoing messages carried: 01 the tip line, 02 the petition line; no fallback.
    aliyun: { token: ALIYUN_TOKEN, destCodes: parseCodeMap('codes', `01=${TIP_LINE},02=${PETITION_LINE}`, digits) },
    tencent: { token: TENCENT_TOKEN, extendCodes: parseCodeMap('codes', `8=${TIP_LINE}`, digits) },
    twilio: { authToken: TWILIO_AUTH, webhookBaseUrl: BASE },
    pushAllowedIps: undefined,
  },
  sender: undefined,
};

describeDb(`SMS gateways: the providers' inbound formats (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestContext({ smsGateways: gateways });
    f = await seedFixture(t.ctx);
    const base = { jurisdictionId: f.jurisdiction.id, isPublic: true, ownerUserId: null, serviceHours: { weekly: {}, onHolidays: 'open' as const } };
    await createLine(t.ctx.db, { ...base, number: PETITION_LINE, name: '信访局长短信', ownerTitle: '市信访局局长', mode: 'sms_only' });
    await createLine(t.ctx.db, { ...base, number: TIP_LINE, name: '公安局长举报短信', ownerTitle: '市公安局局长', mode: 'tip' });
  });
  afterAll(() => t.close());

  const inbox = () => t.ctx.db.selectFrom('inbound_sms').select(['message_id', 'outcome', 'gateway_received_at', 'line_id']).orderBy('created_at').execute();
  const casesWith = (content: string) => t.ctx.db.selectFrom('cases').select(['id', 'channel']).where('content', '=', content).execute();
  const repliesTo = (hint: string) => t.ctx.db.selectFrom('outbox').select(['body', 'recipient_hint']).where('channel', '=', 'sms').execute().then((rows) => rows.filter((r) => r.recipient_hint === hint));
  const count = async (table: 'inbound_sms' | 'cases' | 'outbox') => Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const phone = () => `1370000${String(++seq).padStart(4, '0')}`;

  describe('Aliyun SmsUp push', () => {
    const url = `/api/v1/channels/sms/aliyun/${ALIYUN_TOKEN}`;
    const push = (body: unknown, o: { url?: string; app?: FastifyInstance; remoteAddress?: string; type?: string } = {}) =>
      (o.app ?? t.app).inject({
        method: 'POST', url: o.url ?? url, headers: { 'content-type': o.type ?? 'application/json' }, remoteAddress: o.remoteAddress,
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
    // The documented element, with a number in place of the documentation's masked one.
    const item = (o: Partial<Record<string, unknown>> = {}) => ({
      phone_number: phone(), send_time: '2026-12-05 09:30:00', content: '幸福路菜市场门口有人聚众赌博，每晚都有。', sign_name: '【临江市12345】', dest_code: '01', sequence_id: 1234567890 + seq, ...o,
    });

    it('takes the documented array, answers {"code":0,"msg":"接收成功"}, and takes a repeated push once', async () => {
      const message = item({ content: '幸福路菜市场门口每晚有人聚众赌博，噪音很大。' });
      const first = await push([message]);
      expect(first.statusCode, first.body).toBe(200);
      // Byte for byte: the provider's contract, whatever schema describes it (core's, ADR 0042).
      expect(first.body).toBe('{"code":0,"msg":"接收成功"}');
      const [opened, ...more] = await casesWith(message.content);
      expect(more).toEqual([]);
      expect(opened?.channel).toBe('sms');
      const rows = (await inbox()).filter((r) => r.message_id.startsWith('aliyun:'));
      expect(rows).toHaveLength(1);
      // The key is a keyed hash of the fields: the sender's number is nowhere in it; Beijing time becomes UTC.
      expect(rows[0]!.message_id).not.toContain(String(message.phone_number));
      expect(rows[0]!.message_id).not.toContain(String(message.sequence_id));
      expect(new Date(rows[0]!.gateway_received_at ?? '').toISOString()).toBe('2026-12-05T01:30:00.000Z');
      const hint = `${String(message.phone_number).slice(0, 3)}****${String(message.phone_number).slice(-4)}`;
      expect(await repliesTo('******')).not.toHaveLength(0); // a tip reporter's reply is queued, its number hidden (ADR 0006)
      expect(await repliesTo(hint)).toHaveLength(0);

      const before = { inbox: await count('inbound_sms'), cases: await count('cases'), outbox: await count('outbox') };
      const again = await push([message]);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ code: 0, msg: '接收成功' });
      expect({ inbox: await count('inbound_sms'), cases: await count('cases'), outbox: await count('outbox') }).toEqual(before);
    });

    it('keys on (sequence_id, phone_number, dest_code, send_time): a reused sequence id from another sender is another message', async () => {
      const a = item({ sequence_id: 777, content: '江滨路夜市有人兜售假烟，已经好几个月了。' });
      const b = { ...a, phone_number: phone(), content: '江滨路夜市的假烟摊昨晚又出现了。' };
      const res = await push([a, b]);
      expect(res.statusCode, res.body).toBe(200);
      expect(await casesWith(a.content)).toHaveLength(1);
      const later = await push([{ ...a, send_time: '2026-12-05 10:00:00', content: a.content }]);
      expect(later.statusCode).toBe(200);
      expect((await inbox()).filter((r) => r.message_id.startsWith('aliyun:')).length).toBeGreaterThanOrEqual(4);
    });

    it('maps dest_code to the line; an unmapped code is 422 UNKNOWN_LINE, and the batch\'s other messages are still taken once', async () => {
      const petition = item({ dest_code: '02', content: '我要反映拆迁补偿问题。' });
      expect((await push([petition])).statusCode).toBe(200);
      const lines = await t.ctx.db.selectFrom('lines').select(['id', 'number']).execute();
      const last = (await inbox()).at(-1);
      expect(lines.find((l) => l.id === last?.line_id)?.number).toBe(PETITION_LINE);

      const before = await count('inbound_sms');
      const batch = [item({ content: '批次里的好消息：公园里有人钓鱼。' }), item({ dest_code: '99', content: '发到未知扩展码' }), item({ phone_number: '12', content: '号码不对' })];
      const res = await push(batch);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 422, error: { code: 'UNKNOWN_LINE', details: [{ path: '1.to' }, { path: '2.from' }] } });
      expect(res.json().msg).toMatch(/^UNKNOWN_LINE: .*the other 1 were taken/);
      expect(await count('inbound_sms')).toBe(before + 1);
      // Aliyun retries the push: the good message answers as a duplicate, nothing is taken twice.
      const cases = await count('cases');
      expect((await push(batch)).statusCode).toBe(422);
      expect({ inbox: await count('inbound_sms'), cases: await count('cases') }).toEqual({ inbox: before + 1, cases });
    });

    it('refuses a wrong token, bad payloads and other media types in Aliyun\'s shape with our codes, never 5xx', async () => {
      const before = await count('inbound_sms');
      const wrong = await push([item()], { url: '/api/v1/channels/sms/aliyun/not-the-token' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ code: 401, error: { code: 'SIGNATURE_INVALID' } });
      const cases: Array<[unknown, number, string]> = [
        [item(), 400, 'VALIDATION_FAILED'], // an object, not the array
        [[], 400, 'VALIDATION_FAILED'],
        [[item({ send_time: '2026-13-01 00:00:00' })], 400, 'VALIDATION_FAILED'],
        [[item({ send_time: '2026-02-30T00:00:00' })], 400, 'VALIDATION_FAILED'],
        [[item({ phone_number: 'not a phone' })], 400, 'VALIDATION_FAILED'],
        [[item({ content: '' })], 400, 'VALIDATION_FAILED'],
        [[item({ content: 'a\u0000b' })], 400, 'VALIDATION_FAILED'],
        [[item({ sequence_id: -1 })], 400, 'VALIDATION_FAILED'],
        ['[{"phone_number":', 400, 'BAD_REQUEST'],
      ];
      for (const [body, status, code] of cases) {
        const res = await push(body);
        expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(status);
        expect(res.json(), res.body).toMatchObject({ code: status, error: { code } });
      }
      const text = await push('<xml/>', { type: 'application/xml' });
      expect(text.statusCode).toBe(415);
      expect(text.json()).toMatchObject({ code: 415, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
      expect(await count('inbound_sms')).toBe(before);
    });

    it('is off without its token (503, so Aliyun keeps the message), and takes only allowed sources when an allow-list is set', async () => {
      const open = async (config: SmsGatewayConfig) => {
        const app = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, smsGateways: config }, database: t.database, pii: t.pii });
        await app.ready();
        return app;
      };
      const off = await open(NO_SMS_GATEWAYS);
      const guarded = await open({ ...gateways, inbound: { ...gateways.inbound, pushAllowedIps: (await import('../src/config.js')).loadConfig({ DATABASE_URL: 'sqlite::memory:', SMS_PUSH_ALLOWED_IPS: '47.96.0.0/12' }).smsGateways.inbound.pushAllowedIps } });
      try {
        const disabled = await push([item()], { app: off });
        expect(disabled.statusCode).toBe(503);
        expect(disabled.json()).toMatchObject({ code: 503, error: { code: 'SMS_CHANNEL_DISABLED' } });
        const outside = await push([item()], { app: guarded, remoteAddress: '203.0.113.9' });
        expect(outside.statusCode).toBe(403);
        expect(outside.json()).toMatchObject({ code: 403, error: { code: 'SOURCE_NOT_ALLOWED' } });
        const inside = await push([item({ content: '白名单内的推送：河堤边有人电鱼。' })], { app: guarded, remoteAddress: '47.100.20.30' });
        expect(inside.statusCode, inside.body).toBe(200);
      } finally {
        await off.close();
        await guarded.close();
      }
    });
  });

  it('keeps the push tokens and the senders\' numbers out of the request log', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      config: { logLevel: 'info', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, smsGateways: gateways },
      database: t.database, pii: t.pii, logStream: { write: (line) => void lines.push(line) },
    });
    await app.ready();
    try {
      const sender = phone();
      const body = [{ phone_number: sender, content: '日志里不应出现号码：桥洞有人赌博。', send_time: '2026-12-05 11:00:00', dest_code: '01', sequence_id: 5 }];
      const ok = await app.inject({ method: 'POST', url: `/api/v1/channels/sms/aliyun/${ALIYUN_TOKEN}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      expect(ok.statusCode, ok.body).toBe(200);
      const tencent = await app.inject({ method: 'POST', url: `/api/v1/channels/sms/tencent/${TENCENT_TOKEN}`, headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(tencent.statusCode).toBe(400);
      const log = lines.join('');
      expect(log).toContain('/api/v1/channels/sms/aliyun/[redacted]');
      expect(log).toContain('/api/v1/channels/sms/tencent/[redacted]');
      for (const secret of [ALIYUN_TOKEN, TENCENT_TOKEN, sender]) expect(log).not.toContain(secret);
    } finally {
      await app.close();
    }
  });

  describe('Tencent Cloud reply callback', () => {
    const url = `/api/v1/channels/sms/tencent/${TENCENT_TOKEN}`;
    const callback = (body: unknown, u = url) => t.app.inject({ method: 'POST', url: u, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    // The documented request, with real-looking values.
    const reply = (o: Partial<Record<string, unknown>> = {}) => ({ extend: '8', mobile: phone(), nationcode: '86', sign: '临江市12345', text: '长江路桥下有人非法采砂，夜里作业。', time: 1764898200, ...o });

    it('takes the documented callback, answers {"result":0,"errmsg":"OK"}, and takes a repeat once (no message id: a key of all fields)', async () => {
      const message = reply({ text: '长江路桥下每晚有人非法采砂。' });
      const first = await callback(message);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.body).toBe('{"result":0,"errmsg":"OK"}');
      expect(await casesWith(message.text)).toHaveLength(1);
      const row = (await inbox()).find((r) => r.message_id.startsWith('tencent:') && r.gateway_received_at !== null);
      expect(new Date(row?.gateway_received_at ?? '').toISOString()).toBe(new Date(1764898200 * 1000).toISOString());

      const before = { inbox: await count('inbound_sms'), cases: await count('cases'), outbox: await count('outbox') };
      const again = await callback(message);
      expect(again.json()).toEqual({ result: 0, errmsg: 'OK' });
      expect({ inbox: await count('inbound_sms'), cases: await count('cases'), outbox: await count('outbox') }).toEqual(before);
      // The same words a minute later are a second message (it attaches to the open case).
      const later = await callback({ ...message, time: 1764898260 });
      expect(later.statusCode).toBe(200);
      expect(await count('inbound_sms')).toBe(before.inbox + 1);
      expect(await casesWith(message.text)).toHaveLength(1);
      // An array of callbacks (as Tencent's status reports come) is taken too.
      const batch = await callback([reply({ text: '批量回调一：码头有人收保护费。' }), reply({ text: '批量回调二：码头有人收保护费，很多摊主被逼。', time: '1764898300' })]);
      expect(batch.statusCode, batch.body).toBe(200);
      expect(await count('inbound_sms')).toBe(before.inbox + 3);
    });

    it('refuses in Tencent\'s shape with our codes: wrong token, unknown extend, bad fields', async () => {
      const before = await count('inbound_sms');
      const wrong = await callback(reply(), '/api/v1/channels/sms/tencent/wrong');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ result: 401, error: { code: 'SIGNATURE_INVALID' } });
      const unknown = await callback(reply({ extend: '' }));
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ result: 422, error: { code: 'UNKNOWN_LINE' } });
      for (const bad of [reply({ mobile: undefined }), reply({ nationcode: 'cn' }), reply({ time: -5 }), reply({ time: 1e15 }), reply({ text: 42 }), reply({ mobile: 'abc' }), [], 'text']) {
        const res = await callback(bad);
        expect(res.statusCode, `${JSON.stringify(bad)} → ${res.body}`).toBe(400);
        expect(res.json()).toMatchObject({ result: 400, error: { code: 'VALIDATION_FAILED' } });
        expect(res.json().errmsg).toMatch(/^VALIDATION_FAILED/);
      }
      expect(await count('inbound_sms')).toBe(before);
    });
  });

  describe('Twilio messaging webhook', () => {
    const path = '/api/v1/channels/sms/twilio';
    const sid = () => `SM${String(++seq).padStart(32, 'a')}`;
    // The parameters Twilio documents for an incoming message (twilio.com/docs/messaging/guides/webhook-request).
    const incoming = (o: Record<string, string> = {}): Array<[string, string]> =>
      Object.entries({
        ToCountry: 'CN', ToState: '', SmsMessageSid: '', NumMedia: '0', ToCity: '', FromZip: '', SmsSid: '', FromState: '', SmsStatus: 'received', FromCity: '',
        Body: '滨江公园夜里有人飙车，声音很大。', FromCountry: 'CN', To: `+86${TIP_LINE}`, ToZip: '', NumSegments: '1', MessageSid: sid(),
        AccountSid: `AC${'0'.repeat(32)}`, From: `+86${phone()}`, ApiVersion: '2010-04-01', ...o,
      });
    const post = (params: Array<[string, string]>, o: { signature?: string; query?: string } = {}) => {
      const url = path + (o.query ?? '');
      return t.app.inject({
        method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': o.signature ?? twilioSignature(TWILIO_AUTH, BASE + url, params) },
        payload: new URLSearchParams(params).toString(),
      });
    };

    it('takes a signed message, answers empty TwiML as text/xml, and takes a retry once (MessageSid)', async () => {
      const params = incoming({ Body: '滨江公园每晚有人飙车，严重扰民。' });
      const res = await post(params);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      expect(res.body).toContain('<Response></Response>');
      expect(await casesWith('滨江公园每晚有人飙车，严重扰民。')).toHaveLength(1);
      const sidOf = params.find(([n]) => n === 'MessageSid')?.[1];
      expect((await inbox()).some((r) => r.message_id === `twilio:${sidOf}`)).toBe(true);

      const before = { inbox: await count('inbound_sms'), cases: await count('cases'), outbox: await count('outbox') };
      const again = await post(params);
      expect(again.statusCode).toBe(200);
      expect(again.body).toContain('<Response></Response>');
      expect({ inbox: await count('inbound_sms'), cases: await count('cases'), outbox: await count('outbox') }).toEqual(before);
      // The URL Twilio called is signed with its query string.
      expect((await post(incoming({ Body: '带查询参数的回调：桥下有人钓鱼电鱼。' }), { query: '?line=tip' })).statusCode).toBe(200);
    });

    it('refuses an unsigned, tampered or wrongly signed request (401) and a signed one it cannot read (4xx), never 5xx', async () => {
      const before = await count('inbound_sms');
      const params = incoming();
      const signed = twilioSignature(TWILIO_AUTH, BASE + path, params);
      const tampered = params.map(([n, v]): [string, string] => [n, n === 'Body' ? '改过的内容' : v]);
      for (const res of [
        await post(params, { signature: '' }),
        await post(tampered, { signature: signed }),
        await post(params, { signature: twilioSignature('another-auth-token-000', BASE + path, params) }),
        await post(params, { signature: twilioSignature(TWILIO_AUTH, `http://localhost${path}`, params) }),
        await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json', 'x-twilio-signature': signed }, payload: '{"MessageSid":"x"}' }),
      ]) {
        expect(res.statusCode, res.body).toBe(401);
        expect(res.json().error.code).toBe('SIGNATURE_INVALID');
      }
      const noSid = await post(incoming({ MessageSid: 'nope' }));
      expect(noSid.statusCode).toBe(400);
      expect(noSid.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'MessageSid' }] });
      const empty = await post(incoming({ Body: '', NumMedia: '1' }));
      expect(empty.statusCode).toBe(400);
      const elsewhere = await post(incoming({ To: '+8613911112222' }));
      expect(elsewhere.statusCode).toBe(422);
      expect(elsewhere.json().error.code).toBe('UNKNOWN_LINE');
      expect(await count('inbound_sms')).toBe(before);
    });
  });
});
