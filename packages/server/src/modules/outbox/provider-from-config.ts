import type { Config } from '../../config.js';
import { logProvider, webhookProvider, type OutboxProvider, type ProviderLogger } from './providers.js';

export function outboxProviderFor(config: Pick<Config, 'outboxWebhook'>, log: ProviderLogger): OutboxProvider {
  return config.outboxWebhook ? webhookProvider(config.outboxWebhook) : logProvider(log);
}
