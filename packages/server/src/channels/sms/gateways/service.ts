import type { AppContext } from '../../../lib/app-context.js';
import { receiveInboundSms, type InboundSms, type InboundSmsResult } from '../service.js';
import { assertTakeable } from './common.js';

/**
 * A provider's delivery, already authenticated and translated: every message is checked first,
 * then each goes through the neutral inbound service in order (its own idempotency, limits,
 * held messages and outbox reply), so whatever that service learns applies to every provider.
 * A retried delivery is answered from the first one's outcomes, without a second case.
 */
export async function receiveGatewayMessages(
  ctx: AppContext,
  o: { messages: ReadonlyArray<{ message: InboundSms; path: string }>; ip: string; publicBaseUrl: string | undefined },
): Promise<InboundSmsResult[]> {
  await assertTakeable(ctx, o.messages);
  const results: InboundSmsResult[] = [];
  for (const { message } of o.messages) {
    results.push(await receiveInboundSms(ctx, { message, ip: o.ip, publicBaseUrl: o.publicBaseUrl }));
  }
  return results;
}
