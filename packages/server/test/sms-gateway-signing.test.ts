import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { twilioSignature } from '../src/channels/sms/gateways/twilio.js';
import { aliyunSendSmsParams } from '../src/modules/outbox/sms-gateways/aliyun.js';
import { aliyunCanonicalQuery, aliyunPercentEncode, aliyunRpcSignature, tc3Sign } from '../src/modules/outbox/sms-gateways/signing.js';
import { chinaStylePhone, withoutLeadingSign } from '../src/modules/outbox/sms-gateways/sms-text.js';

/**
 * Each provider's signature checked against the example the provider itself documents: if our
 * canonicalisation differed in one character, these values would not come out.
 */
describe('Twilio X-Twilio-Signature: the documented example', () => {
  // twilio.com/docs/usage/webhooks/webhooks-security ("Validating requests"): auth token 12345,
  // this URL, these five parameters. The page has changed its sample numbers over the years; each
  // version's published signature must come out (the current one first).
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const versions: Array<[string, string]> = [
    ['+12349013030', '0/KCTR6DLpKmkAf8muzZqo1nDgQ='],
    ['+14158675310', 'GvWf1cFY/Q7PnoempGyD5oXAezc='],
    ['+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='],
  ];
  for (const [caller, expected] of versions) {
    it(`signs Caller/From ${caller} as ${expected}`, () => {
      const params: Array<[string, string]> = [['CallSid', 'CA1234567890ABCDE'], ['Caller', caller], ['Digits', '1234'], ['From', caller], ['To', '+18005551212']];
      expect(twilioSignature('12345', url, params)).toBe(expected);
      // The order the parameters arrive in does not matter; the URL's query string does.
      expect(twilioSignature('12345', url, [...params].reverse())).toBe(expected);
      expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?bar=2&foo=1', params)).not.toBe(expected);
      expect(twilioSignature('54321', url, params)).not.toBe(expected);
    });
  }
});

describe('Aliyun RPC signature: the documented examples', () => {
  it('reproduces the SMS guide\'s SendSms example (testId / testSecret → zJDF+Lrzhj/ThnlvIToysFRq6t4=)', () => {
    const params = {
      AccessKeyId: 'testId', Action: 'SendSms', Format: 'XML', OutId: '123', PhoneNumbers: '15300000001', RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用', SignatureMethod: 'HMAC-SHA1', SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466', SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007', TemplateParam: '{"customer":"test"}', Timestamp: '2017-07-12T02:42:19Z', Version: '2017-05-25',
    };
    // The guide's canonicalised query, verbatim.
    expect(aliyunCanonicalQuery(params)).toBe(
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
        '&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8&SignatureMethod=HMAC-SHA1' +
        '&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&TemplateCode=SMS_71390007' +
        '&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    );
    expect(aliyunRpcSignature(params, 'testSecret', 'GET')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(aliyunRpcSignature({ ...params, Signature: 'ignored' }, 'testSecret', 'GET')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('reproduces the RPC signature guide\'s DescribeRegions example (testsecret → OLeaidS1JvxuMvnyHOwuJ+uX5qY=)', () => {
    const params = {
      Format: 'XML', AccessKeyId: 'testid', Action: 'DescribeRegions', SignatureMethod: 'HMAC-SHA1', SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0', Version: '2014-05-26', Timestamp: '2016-02-23T12:46:24Z',
    };
    expect(aliyunRpcSignature(params, 'testsecret', 'GET')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('percent-encodes as POP does (space %20, * %2A, ~ kept) and builds SendSms as the example does', () => {
    expect(aliyunPercentEncode('a b*~')).toBe('a%20b%2A~');
    expect(aliyunPercentEncode("!'()")).toBe('%21%27%28%29');
    const cfg = {
      provider: 'aliyun' as const, accessKeyId: 'testId', accessKeySecret: 'testSecret', signName: '阿里云短信测试专用',
      templates: { codes: {}, fallback: 'SMS_71390007' }, templateParam: 'customer', endpoint: 'https://dysmsapi.aliyuncs.com',
    };
    const built = aliyunSendSmsParams(cfg, { phone: '15300000001', templateCode: 'SMS_71390007', text: 'test', outId: '123' }, {
      nonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466', now: new Date('2017-07-12T02:42:19.000Z'),
    });
    // Ours asks for JSON and POSTs; with the example's Format and method the example's signature comes out.
    expect(built).toMatchObject({ Format: 'JSON', TemplateParam: '{"customer":"test"}', Timestamp: '2017-07-12T02:42:19Z' });
    expect(aliyunRpcSignature({ ...built, Format: 'XML' }, 'testSecret', 'GET')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(built.Signature).toBe(aliyunRpcSignature(built, 'testSecret', 'POST'));
  });
});

describe('Tencent Cloud TC3-HMAC-SHA256: the documented example', () => {
  it('reproduces the API 3.0 signature guide (DescribeInstances, 1551113065 → 72e494ea…)', () => {
    const signed = tc3Sign({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
      timestamp: 1551113065,
    });
    expect(signed.canonicalRequestHash).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(signed.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });
});

describe('SMS text rules for the Chinese providers', () => {
  it('takes our own 【sign】 off the front (the provider adds the approved one), and writes numbers their way', () => {
    expect(withoutLeadingSign('【临江市12345】您的诉求已受理，工单号2026-0001')).toBe('您的诉求已受理，工单号2026-0001');
    expect(withoutLeadingSign('您的诉求已受理【备注】')).toBe('您的诉求已受理【备注】');
    expect(chinaStylePhone('+8613800138000')).toBe('13800138000');
    expect(chinaStylePhone('+85261234567')).toBe('85261234567');
  });
});

describe('SMS gateway configuration', () => {
  const base = { DATABASE_URL: 'sqlite::memory:' };
  it('reads destination codes, the allow-list and the sender, and names what is wrong', () => {
    const config = loadConfig({
      ...base,
      SMS_ALIYUN_PUSH_TOKEN: 'aliyun-push-token-0123456789',
      SMS_ALIYUN_DEST_CODES: '01=13900001111, 02=0000-12345678, *=13900001111',
      SMS_PUSH_ALLOWED_IPS: '47.96.0.0/12,127.0.0.1',
      SMS_PROVIDER: 'aliyun', ALIYUN_ACCESS_KEY_ID: 'LTAI-id', ALIYUN_ACCESS_KEY_SECRET: 'secret', SMS_SIGN_NAME: '临江市12345',
      SMS_TEMPLATES: 'sms_intake_opened=SMS_100,*=SMS_200',
    });
    expect(config.smsGateways.inbound.aliyun?.destCodes).toEqual({ codes: { '01': '13900001111', '02': '0000-12345678' }, fallback: '13900001111' });
    expect(config.smsGateways.inbound.pushAllowedIps?.check('47.100.1.2')).toBe(true);
    expect(config.smsGateways.inbound.pushAllowedIps?.check('8.8.8.8')).toBe(false);
    expect(config.smsGateways.sender).toMatchObject({ provider: 'aliyun', signName: '临江市12345', templates: { codes: { sms_intake_opened: 'SMS_100' }, fallback: 'SMS_200' } });
    expect(config.smsGateways.inbound.tencent).toBeUndefined();

    expect(() => loadConfig({ ...base, SMS_PROVIDER: 'tencent' })).toThrow(/TENCENT_SECRET_ID: required when SMS_PROVIDER=tencent/);
    expect(() => loadConfig({ ...base, SMS_ALIYUN_PUSH_TOKEN: 'aliyun-push-token-0123456789', SMS_ALIYUN_DEST_CODES: 'x1=139' })).toThrow(/SMS_ALIYUN_DEST_CODES/);
    expect(() => loadConfig({ ...base, SMS_PUSH_ALLOWED_IPS: '10.0.0.0/33' })).toThrow(/SMS_PUSH_ALLOWED_IPS/);
    expect(() => loadConfig({ ...base, SMS_ALIYUN_PUSH_TOKEN: 'short' })).toThrow(/SMS_ALIYUN_PUSH_TOKEN/);
  });
});
