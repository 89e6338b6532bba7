import { randomUUID } from 'node:crypto';
import type { SmsSenderConfig } from '../../../config-sms-gateways.js';
import type { OutboxProvider } from '../providers.js';
import { errorText, field, postToProvider, text } from './http.js';
import { aliyunCanonicalQuery, aliyunRpcSignature } from './signing.js';
import { chinaStylePhone, templateFor, withoutLeadingSign } from './sms-text.js';

type AliyunConfig = Extract<SmsSenderConfig, { provider: 'aliyun' }>;

/** Codes that say "later" (flow control, balance, Aliyun's own trouble); other isv.* codes refuse the message itself. */
const RETRYABLE = /^(Throttling|isv\.BUSINESS_LIMIT_CONTROL|isv\.AMOUNT_NOT_ENOUGH|isv\.OUT_OF_SERVICE|isp\.|ServiceUnavailable|InternalError)/;

/**
 * The SendSms parameters, signed: everything but the signature is what the request carries.
 * `nonce` and `now` come in so that a test can rebuild Aliyun's documented example.
 */
export function aliyunSendSmsParams(
  cfg: AliyunConfig,
  m: { phone: string; templateCode: string; text: string; outId: string },
  o: { nonce: string; now: Date },
): Record<string, string> {
  const params: Record<string, string> = {
    AccessKeyId: cfg.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    OutId: m.outId,
    PhoneNumbers: m.phone,
    RegionId: 'cn-hangzhou',
    SignName: cfg.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: o.nonce,
    SignatureVersion: '1.0',
    TemplateCode: m.templateCode,
    TemplateParam: JSON.stringify({ [cfg.templateParam]: m.text }),
    Timestamp: o.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  return { ...params, Signature: aliyunRpcSignature(params, cfg.accessKeySecret, 'POST') };
}

/** Aliyun SMS (dysmsapi SendSms, RPC style, POST form) with the configured signature and template. */
export function aliyunSmsProvider(cfg: AliyunConfig, o: { now?: () => Date } = {}): OutboxProvider {
  return {
    name: 'aliyun',
    async send(message) {
      const templateCode = templateFor(cfg.templates, message.template);
      if (!templateCode) return { ok: false, permanent: true, error: `aliyun: no template configured for ${message.template} (SMS_TEMPLATES)` };
      const params = aliyunSendSmsParams(
        cfg,
        { phone: chinaStylePhone(message.recipient), templateCode, text: withoutLeadingSign(message.body), outId: message.id },
        { nonce: randomUUID(), now: (o.now ?? (() => new Date()))() },
      );
      const answer = await postToProvider('aliyun', {
        url: `${cfg.endpoint.replace(/\/+$/, '')}/`,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body: `${aliyunCanonicalQuery(params)}&Signature=${encodeURIComponent(params.Signature ?? '')}`,
      });
      if ('ok' in answer) return answer;
      const code = text(field(answer.json, 'Code'));
      if (answer.status === 200 && code === 'OK') return { ok: true, providerMessageId: text(field(answer.json, 'BizId')) ?? null };
      const error = errorText('aliyun', code ?? `HTTP ${answer.status}`, text(field(answer.json, 'Message')));
      const retryable = answer.status >= 500 || answer.status === 429 || code === undefined || RETRYABLE.test(code) || !code.startsWith('isv.');
      return { ok: false, permanent: !retryable, error };
    },
  };
}
