import type { SmsSenderConfig } from '../../../config-sms-gateways.js';
import type { OutboxProvider } from '../providers.js';
import { errorText, field, postToProvider, text } from './http.js';
import { twilioBasicAuth } from './signing.js';

type TwilioConfig = Extract<SmsSenderConfig, { provider: 'twilio' }>;

/** The Messages API request: form-encoded To, From (or a messaging service), Body, basic auth. */
export function twilioMessageRequest(cfg: TwilioConfig, m: { to: string; body: string }): { url: string; headers: Record<string, string>; body: string } {
  const form = new URLSearchParams({ To: m.to, ...(cfg.from.startsWith('MG') ? { MessagingServiceSid: cfg.from } : { From: cfg.from }), Body: m.body });
  return {
    url: `${cfg.endpoint.replace(/\/+$/, '')}/2010-04-01/Accounts/${cfg.accountSid}/Messages.json`,
    headers: { authorization: twilioBasicAuth(cfg.accountSid, cfg.authToken), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  };
}

/**
 * Twilio Programmable Messaging (for deployments abroad). Free text: no template, and the body
 * keeps its own 【…】 sign-off. 4xx other than 401/429 refuse the message itself.
 */
export function twilioSmsProvider(cfg: TwilioConfig): OutboxProvider {
  return {
    name: 'twilio',
    async send(message) {
      const answer = await postToProvider('twilio', twilioMessageRequest(cfg, { to: message.recipient, body: message.body }));
      if ('ok' in answer) return answer;
      if (answer.status === 200 || answer.status === 201) return { ok: true, providerMessageId: text(field(answer.json, 'sid')) ?? null };
      const retryable = answer.status >= 500 || answer.status === 429 || answer.status === 401 || answer.status === 408;
      return { ok: false, permanent: !retryable, error: errorText('twilio', text(field(answer.json, 'code')) ?? `HTTP ${answer.status}`, text(field(answer.json, 'message'))) };
    },
  };
}
