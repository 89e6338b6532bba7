import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmsSenderConfig } from '../src/config-sms-gateways.js';
import { NO_SMS_GATEWAYS } from '../src/config-sms-gateways.js';
import { inTransaction } from '../src/lib/unit-of-work.js';
import { deliverDueMessages } from '../src/modules/outbox/deliver.js';
import { enqueueMessage, OUTBOX_SECRET_PLACEHOLDER } from '../src/modules/outbox/enqueue.js';
import { outboxProviderFor } from '../src/modules/outbox/provider-from-config.js';
import { aliyunRpcSignature, tc3Sign } from '../src/modules/outbox/sms-gateways/signing.js';
import { seedFixture, type Fixture } from './support/fixtures.js';
import { startProviderServer, type RecordedRequest } from './support/provider-server.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const ALIYUN_SECRET = 'aliyun-access-key-secret-test';
const TENCENT_KEY = 'tencent-secret-key-for-tests';
const TWILIO_TOKEN = 'twilio-auth-token-for-tests-01';
const TWILIO_SID = `AC${'1'.repeat(32)}`;
const SECRETS = [ALIYUN_SECRET, TENCENT_KEY, TWILIO_TOKEN];

type Answer = { status: number; body: unknown };

/**
 * The outbox's SMS through each provider's send adapter, to a real HTTP server standing in for
 * the provider: the request as it goes over the wire (signature, template, sign), and what the
 * outbox makes of the provider's documented answers.
 */
describeDb(`SMS gateways: sending the outbox's SMS (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const logged: string[] = [];
  const log = { info: (obj: object, msg: string) => void logged.push(JSON.stringify(obj) + msg) };
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  const queue = (o: { recipient: string; template: string; body: string; secret?: string; channel?: 'sms' | 'staff' }) =>
    inTransaction(t.ctx, (tx) =>
      enqueueMessage(tx.db, t.ctx.pii, { jurisdictionId: f.jurisdiction.id, caseId: null, channel: o.channel ?? 'sms', recipient: o.recipient, template: o.template, body: o.body, ...(o.secret ? { secret: o.secret } : {}) }),
    );
  const row = (id: string) => t.ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Sends everything due through the configured provider while `respond` plays the provider. */
  async function sendVia(sender: (url: string) => SmsSenderConfig, respond: (req: RecordedRequest, n: number) => Answer) {
    const server = await startProviderServer(respond);
    try {
      const provider = outboxProviderFor({ outboxWebhook: undefined, smsGateways: { ...NO_SMS_GATEWAYS, sender: sender(server.url) } }, log);
      const stats = await deliverDueMessages(t.ctx, { provider, workerId: `w-${dialect}` });
      return { stats, received: server.received };
    } finally {
      await server.close();
    }
  }
  const reply = `【临江市12345】您的诉求已受理，工单号LJ-2026-0001，查询码${OUTBOX_SECRET_PLACEHOLDER}`;

  describe('Aliyun SendSms', () => {
    const aliyun = (url: string): SmsSenderConfig => ({
      provider: 'aliyun', accessKeyId: 'LTAI-test-id', accessKeySecret: ALIYUN_SECRET, signName: '临江市12345',
      templates: { codes: { sms_intake_opened: 'SMS_100' }, fallback: 'SMS_200' }, templateParam: 'content', endpoint: url,
    });

    it('posts a signed SendSms with the approved sign and template, the code revealed only on the wire; staff messages stay with the log', async () => {
      const sms = await queue({ recipient: '+8613800001234', template: 'sms_intake_opened', body: reply, secret: 'TRACK-CODE-1' });
      const other = await queue({ recipient: '+8613800005678', template: 'sms_intake_held', body: '【临江市12345】您短时间内发来的短信较多。' });
      const staff = await queue({ recipient: f.users.operator, template: 'case_dispatched', body: '新工单', channel: 'staff' });
      // Aliyun's documented success answer.
      const { stats, received } = await sendVia(aliyun, (_r, n) => ({ status: 200, body: { Code: 'OK', Message: 'OK', BizId: `900619746936498440^${n}`, RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' } }));
      expect(stats).toEqual({ sent: 3, retried: 0, failed: 0 });
      expect(received).toHaveLength(2);
      const params = received.map((r) => Object.fromEntries(new URLSearchParams(r.body)));
      const first = params.find((p) => p.OutId === sms)!;
      expect(received[0]).toMatchObject({ method: 'POST', url: '/' });
      expect(received[0]!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expect(first).toMatchObject({
        Action: 'SendSms', Version: '2017-05-25', AccessKeyId: 'LTAI-test-id', PhoneNumbers: '13800001234', SignName: '临江市12345', TemplateCode: 'SMS_100',
        SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', Format: 'JSON',
      });
      // The provider adds the approved sign; our own 【…】 is off the text, and the tracking code is in.
      expect(JSON.parse(first.TemplateParam ?? '{}')).toEqual({ content: '您的诉求已受理，工单号LJ-2026-0001，查询码TRACK-CODE-1' });
      const { Signature, ...signed } = first;
      expect(Signature).toBe(aliyunRpcSignature(signed, ALIYUN_SECRET, 'POST'));
      expect(params.find((p) => p.OutId === other)?.TemplateCode).toBe('SMS_200');
      expect(await row(sms)).toMatchObject({ status: 'sent', provider: 'aliyun', provider_message_id: expect.stringMatching(/^900619746936498440\^/) });
      expect(await row(staff)).toMatchObject({ status: 'sent', provider: 'log' });
      // Nothing secret on the wire but the signature, and nothing secret in the log or the outbox.
      expect(received.map((r) => r.body).join()).not.toContain(ALIYUN_SECRET);
      expect(logged.join()).not.toMatch(/TRACK-CODE-1|LTAI|aliyun-access/);
      expect(JSON.stringify(await row(sms))).not.toContain('TRACK-CODE-1');
    });

    it('fails a message Aliyun refuses, and retries what Aliyun says to retry later', async () => {
      const illegal = await queue({ recipient: '+8613800000001', template: 'sms_intake_opened', body: '【临江市12345】已受理' });
      const limited = await queue({ recipient: '+8613800000002', template: 'sms_intake_opened', body: '【临江市12345】已受理' });
      const down = await queue({ recipient: '+8613800000003', template: 'sms_intake_opened', body: '【临江市12345】已受理' });
      const { stats } = await sendVia(aliyun, (r) => {
        const phone = new URLSearchParams(r.body).get('PhoneNumbers');
        if (phone === '13800000001') return { status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'r1' } };
        if (phone === '13800000002') return { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '业务限流', RequestId: 'r2' } };
        return { status: 503, body: null };
      });
      expect(stats).toEqual({ sent: 0, retried: 2, failed: 1 });
      expect(await row(illegal)).toMatchObject({ status: 'failed', provider: 'aliyun', last_error: 'aliyun: isv.MOBILE_NUMBER_ILLEGAL 非法手机号' });
      expect(await row(limited)).toMatchObject({ status: 'pending', last_error: 'aliyun: isv.BUSINESS_LIMIT_CONTROL 业务限流' });
      expect(await row(down)).toMatchObject({ status: 'pending', last_error: 'aliyun: HTTP 503' });
      await t.ctx.db.updateTable('outbox').set({ status: 'failed' }).where('status', '=', 'pending').execute();
    });
  });

  describe('Tencent Cloud SendSms', () => {
    const tencent = (url: string): SmsSenderConfig => ({
      provider: 'tencent', secretId: 'AKID-test-id', secretKey: TENCENT_KEY, appId: '1400006666', signName: '临江市12345',
      templates: { codes: {}, fallback: '449739' }, region: 'ap-guangzhou', endpoint: url,
    });

    it('posts a TC3-signed SendSms whose signature covers exactly what arrives', async () => {
      const sms = await queue({ recipient: '+8618511122233', template: 'sms_intake_opened', body: reply, secret: 'TRACK-CODE-2' });
      // Tencent's documented success answer.
      const { stats, received } = await sendVia(tencent, () => ({
        status: 200,
        body: { Response: { SendStatusSet: [{ SerialNo: '5000:1045710669157053657849499619', PhoneNumber: '+8618511122233', Fee: 1, SessionContext: sms, Code: 'Ok', Message: 'send success', IsoCode: 'CN' }], RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279' } },
      }));
      expect(stats).toEqual({ sent: 1, retried: 0, failed: 0 });
      const [req] = received;
      expect(req!.headers).toMatchObject({ 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou', 'content-type': 'application/json; charset=utf-8' });
      expect(JSON.parse(req!.body)).toEqual({
        PhoneNumberSet: ['+8618511122233'], SmsSdkAppId: '1400006666', SignName: '临江市12345', TemplateId: '449739',
        TemplateParamSet: ['您的诉求已受理，工单号LJ-2026-0001，查询码TRACK-CODE-2'], SessionContext: sms,
      });
      const expected = tc3Sign({
        secretId: 'AKID-test-id', secretKey: TENCENT_KEY, service: 'sms', host: String(req!.headers.host), contentType: String(req!.headers['content-type']),
        payload: req!.body, timestamp: Number(req!.headers['x-tc-timestamp']),
      });
      expect(req!.headers.authorization).toBe(expected.authorization);
      expect(req!.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKID-test-id\/\d{4}-\d{2}-\d{2}\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/);
      expect(await row(sms)).toMatchObject({ status: 'sent', provider: 'tencent', provider_message_id: '5000:1045710669157053657849499619' });
    });

    it('fails what Tencent refuses and retries its limits', async () => {
      const black = await queue({ recipient: '+8613800000011', template: 'x', body: '已受理' });
      const daily = await queue({ recipient: '+8613800000012', template: 'x', body: '已受理' });
      const { stats } = await sendVia(tencent, (r) => {
        const phone = (JSON.parse(r.body) as { PhoneNumberSet: string[] }).PhoneNumberSet[0];
        if (phone === '+8613800000011') return { status: 200, body: { Response: { Error: { Code: 'FailedOperation.PhoneNumberInBlacklist', Message: '手机号在免打扰名单库中' }, RequestId: 'r' } } };
        return { status: 200, body: { Response: { SendStatusSet: [{ SerialNo: '', PhoneNumber: phone, Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: '单个手机号日下发条数超过设定的上限' }], RequestId: 'r' } } };
      });
      expect(stats).toEqual({ sent: 0, retried: 1, failed: 1 });
      expect(await row(black)).toMatchObject({ status: 'failed', last_error: 'tencent: FailedOperation.PhoneNumberInBlacklist 手机号在免打扰名单库中' });
      expect(await row(daily)).toMatchObject({ status: 'pending' });
      await t.ctx.db.updateTable('outbox').set({ status: 'failed' }).where('status', '=', 'pending').execute();
    });
  });

  describe('Twilio Messages', () => {
    const twilio = (url: string): SmsSenderConfig => ({ provider: 'twilio', accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, from: '+15005550006', endpoint: url });

    it('posts the free text with basic auth, and fails what Twilio refuses', async () => {
      const ok = await queue({ recipient: '+8613800001235', template: 'sms_intake_opened', body: reply, secret: 'TRACK-CODE-3' });
      const bad = await queue({ recipient: '+8613800000021', template: 'sms_intake_opened', body: '【临江市12345】已受理' });
      const { stats, received } = await sendVia(twilio, (r) =>
        new URLSearchParams(r.body).get('To') === '+8613800000021'
          ? { status: 400, body: { code: 21211, message: "The 'To' number +8613800000021 is not a valid phone number.", status: 400 } }
          : { status: 201, body: { sid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f', status: 'queued' } },
      );
      expect(stats).toEqual({ sent: 1, retried: 0, failed: 1 });
      const sent = received.find((r) => new URLSearchParams(r.body).get('To') === '+8613800001235')!;
      expect(sent).toMatchObject({ method: 'POST', url: `/2010-04-01/Accounts/${TWILIO_SID}/Messages.json` });
      expect(sent.headers.authorization).toBe(`Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`);
      expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({ To: '+8613800001235', From: '+15005550006', Body: '【临江市12345】您的诉求已受理，工单号LJ-2026-0001，查询码TRACK-CODE-3' });
      expect(await row(ok)).toMatchObject({ status: 'sent', provider: 'twilio', provider_message_id: 'SM1f0e8ae6ade43cb3c0ce4525424e404f' });
      expect(await row(bad)).toMatchObject({ status: 'failed', last_error: "twilio: 21211 The 'To' number +8613800000021 is not a valid phone number." });
    });
  });

  it('never writes a provider secret into the outbox', async () => {
    const rows = await t.ctx.db.selectFrom('outbox').selectAll().execute();
    for (const secret of SECRETS) expect(JSON.stringify(rows)).not.toContain(secret);
  });
});

describe('an SMS provider without a template for a message', () => {
  it('fails it rather than send an unapproved text', async () => {
    const { aliyunSmsProvider } = await import('../src/modules/outbox/sms-gateways/aliyun.js');
    const provider = aliyunSmsProvider({
      provider: 'aliyun', accessKeyId: 'id', accessKeySecret: 'secret', signName: '临江市', templates: { codes: { a: 'SMS_1' }, fallback: undefined }, templateParam: 'content',
      endpoint: 'http://127.0.0.1:9',
    });
    const result = await provider.send({ id: 'm1', channel: 'sms', recipient: '+8613800000000', template: 'b', body: '文本', caseId: null });
    expect(result).toEqual({ ok: false, permanent: true, error: 'aliyun: no template configured for b (SMS_TEMPLATES)' });
  });
});
