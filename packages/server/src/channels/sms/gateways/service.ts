import type { InboundSmsResult } from '@openline/core';
import type { AppError } from '../../../errors.js';
import type { AppContext } from '../../../lib/app-context.js';
import { receiveInboundSms } from '../service.js';
import { findUntakeable, refusalOf, type GatewayItem } from './common.js';

/**
 * A provider's delivery, already authenticated and translated: each message goes through the
 * neutral inbound service in order (its own idempotency, limits, held messages and outbox reply),
 * so whatever that service learns applies to every provider. Messages that can never be taken
 * (no such sender number, no line behind the destination) do not hold back the rest of a batch:
 * the others are taken, and the delivery is refused naming the bad ones, so the provider retries
 * (the taken ones then answer as duplicates) and its console shows the failure.
 */
export async function receiveGatewayMessages(
  ctx: AppContext,
  o: { items: ReadonlyArray<GatewayItem>; ip: string; publicBaseUrl: string | undefined; petitionWindowHours: number },
): Promise<InboundSmsResult[]> {
  const checked = await findUntakeable(ctx, o.items);
  const results: InboundSmsResult[] = [];
  const problems: AppError[] = [];
  for (const item of checked) {
    if ('error' in item) problems.push(item.error);
    else results.push(await receiveInboundSms(ctx, { message: item.message, ip: o.ip, publicBaseUrl: o.publicBaseUrl, petitionWindowHours: o.petitionWindowHours }));
  }
  if (problems.length > 0) throw refusalOf(problems, results.length);
  return results;
}
