import type { SmsSenderConfig } from '../../../config-sms-gateways.js';
import type { OutboxProvider } from '../providers.js';
import { aliyunSmsProvider } from './aliyun.js';
import { tencentSmsProvider } from './tencent.js';
import { twilioSmsProvider } from './twilio.js';

/** The send adapter SMS_PROVIDER names (ADR 0030). */
export function smsSenderFor(cfg: SmsSenderConfig): OutboxProvider {
  switch (cfg.provider) {
    case 'aliyun':
      return aliyunSmsProvider(cfg);
    case 'tencent':
      return tencentSmsProvider(cfg);
    case 'twilio':
      return twilioSmsProvider(cfg);
  }
}

/**
 * SMS to the provider's adapter, everything else (e-mail, staff) to the general provider. Each
 * result names who delivered it, so the outbox page says aliyun, log or webhook per message.
 */
export function byChannel(sms: OutboxProvider, others: OutboxProvider): OutboxProvider {
  return {
    name: `${sms.name}+${others.name}`,
    async send(message) {
      const provider = message.channel === 'sms' ? sms : others;
      return { ...(await provider.send(message)), provider: provider.name };
    },
  };
}
