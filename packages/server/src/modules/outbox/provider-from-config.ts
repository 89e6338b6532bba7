import type { Config } from '../../config.js';
import { logProvider, webhookProvider, type OutboxProvider, type ProviderLogger } from './providers.js';
import { byChannel, smsSenderFor } from './sms-gateways/index.js';

/** The general provider (webhook or log), with SMS handed to SMS_PROVIDER's adapter when one is configured (ADR 0030). */
export function outboxProviderFor(config: Pick<Config, 'outboxWebhook'> & Partial<Pick<Config, 'smsGateways'>>, log: ProviderLogger): OutboxProvider {
  const general = config.outboxWebhook ? webhookProvider(config.outboxWebhook) : logProvider(log);
  const sender = config.smsGateways?.sender;
  return sender ? byChannel(smsSenderFor(sender), general) : general;
}
