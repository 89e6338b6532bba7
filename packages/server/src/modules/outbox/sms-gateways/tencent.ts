import type { SmsSenderConfig } from '../../../config-sms-gateways.js';
import type { OutboxProvider } from '../providers.js';
import { errorText, field, postToProvider, text } from './http.js';
import { tc3Sign } from './signing.js';
import { templateFor, withoutLeadingSign } from './sms-text.js';

type TencentConfig = Extract<SmsSenderConfig, { provider: 'tencent' }>;

export const TENCENT_SMS_VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';
/** Error codes that say "later"; the rest (InvalidParameter…, FailedOperation…, UnsupportedOperation…) refuse the message itself. */
const RETRYABLE = /^(InternalError|RequestLimitExceeded|LimitExceeded|AuthFailure|FailedOperation\.InsufficientBalanceInSmsPackage|ResourceUnavailable)/;

/** The SendSms request as sent: URL, headers (TC3-signed) and JSON body. */
export function tencentSendSmsRequest(
  cfg: TencentConfig,
  m: { phoneE164: string; templateId: string; text: string; sessionContext: string },
  o: { timestamp: number },
): { url: string; headers: Record<string, string>; body: string } {
  const url = new URL(cfg.endpoint);
  const body = JSON.stringify({
    PhoneNumberSet: [m.phoneE164],
    SmsSdkAppId: cfg.appId,
    SignName: cfg.signName,
    TemplateId: m.templateId,
    TemplateParamSet: [m.text],
    SessionContext: m.sessionContext,
  });
  const { authorization } = tc3Sign({
    secretId: cfg.secretId, secretKey: cfg.secretKey, service: 'sms', host: url.host, contentType: CONTENT_TYPE, payload: body, timestamp: o.timestamp,
  });
  return {
    url: url.toString(),
    headers: {
      authorization,
      'content-type': CONTENT_TYPE,
      'x-tc-action': 'SendSms',
      'x-tc-timestamp': String(o.timestamp),
      'x-tc-version': TENCENT_SMS_VERSION,
      'x-tc-region': cfg.region,
    },
    body,
  };
}

/** Tencent Cloud SMS (SendSms, API 3.0, TC3-HMAC-SHA256) with the configured signature and template. */
export function tencentSmsProvider(cfg: TencentConfig, o: { now?: () => Date } = {}): OutboxProvider {
  return {
    name: 'tencent',
    async send(message) {
      const templateId = templateFor(cfg.templates, message.template);
      if (!templateId) return { ok: false, permanent: true, error: `tencent: no template configured for ${message.template} (SMS_TEMPLATES)` };
      const timestamp = Math.floor((o.now ?? (() => new Date()))().getTime() / 1000);
      const answer = await postToProvider(
        'tencent',
        tencentSendSmsRequest(cfg, { phoneE164: message.recipient, templateId, text: withoutLeadingSign(message.body), sessionContext: message.id }, { timestamp }),
      );
      if ('ok' in answer) return answer;
      const error = field(answer.json, 'Response', 'Error');
      if (answer.status === 200 && error === undefined) {
        const status = field(answer.json, 'Response', 'SendStatusSet', '0');
        const code = text(field(status, 'Code'));
        if (code === 'Ok') return { ok: true, providerMessageId: text(field(status, 'SerialNo')) ?? null };
        // Accepted by the API, refused for this number or text.
        return { ok: false, permanent: !(code !== undefined && RETRYABLE.test(code)), error: errorText('tencent', code, text(field(status, 'Message'))) };
      }
      const code = text(field(error, 'Code'));
      const retryable = answer.status >= 500 || answer.status === 429 || code === undefined || RETRYABLE.test(code);
      return { ok: false, permanent: !retryable, error: errorText('tencent', code ?? `HTTP ${answer.status}`, text(field(error, 'Message'))) };
    },
  };
}
