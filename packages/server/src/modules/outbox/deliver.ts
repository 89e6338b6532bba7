import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { listJurisdictionIds } from '../jurisdictions/repository.js';
import { sweepEachJurisdiction } from '../jurisdictions/sweep.js';
import { revealSecret } from './enqueue.js';
import type { OutboxProvider } from './providers.js';
import { claimMessage, findDueIds, settleMessage } from './repository.js';

/** Back-off after the 1st, 2nd, … failed attempt; after the last one the message is failed. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000, 21_600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** Long enough for a slow provider call; a worker that dies releases its claims after this. */
const CLAIM_MS = 60_000;

/** Where each delivery is logged (the worker's logger); without one, deliveries are counted only. */
export interface DeliveryLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface DeliveryStats {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * One pass of the delivery loop. Each due message is claimed with a conditional UPDATE, sent,
 * then settled by the same worker; two workers running this together never both send one message.
 * The pass goes city by city, one routed query each, oldest due first within a city; the batch
 * size bounds the whole pass, shared so that one city's backlog does not hold up another's
 * (sweepEachJurisdiction, ADR 0033).
 */
export async function deliverDueMessages(
  ctx: AppContext,
  options: { provider: OutboxProvider; workerId: string; batchSize?: number; now?: () => Date; log?: DeliveryLogger },
): Promise<DeliveryStats> {
  const clock = options.now ?? (() => new Date());
  const stats: DeliveryStats = { sent: 0, retried: 0, failed: 0 };
  await sweepEachJurisdiction(await listJurisdictionIds(ctx.db), options.batchSize ?? 50, async (jurisdictionId, limit) => {
    const ids = await findDueIds(ctx.db, { jurisdictionId, now: nowIso(clock()), limit });
    for (const id of ids) await deliverOne(ctx, options, clock, { jurisdictionId, id }, stats);
    return ids.length;
  });
  return stats;
}

async function deliverOne(
  ctx: AppContext,
  options: { provider: OutboxProvider; workerId: string; log?: DeliveryLogger },
  clock: () => Date,
  key: { jurisdictionId: string; id: string },
  stats: DeliveryStats,
): Promise<void> {
  const now = clock();
  const row = await claimMessage(ctx.db, { ...key, workerId: options.workerId, now: nowIso(now), claimUntil: nowIso(new Date(now.getTime() + CLAIM_MS)) });
  if (!row) return; // another worker won it
  const result = await options.provider.send({
    id: row.id,
    channel: row.channel,
    recipient: ctx.pii.decrypt(row.recipient_enc),
    template: row.template,
    body: revealSecret(row.body, row.secret_enc === null ? null : ctx.pii.decrypt(row.secret_enc)),
    caseId: row.case_id,
  });
  const settledAt = clock();
  const provider = result.provider ?? options.provider.name;
  const settle = { ...key, workerId: options.workerId };
  // requestId: the request that queued it, so its log lines and this one are found together.
  const logged = { worker: options.workerId, outboxId: row.id, template: row.template, channel: row.channel, attempt: row.attempts, requestId: row.request_id };
  if (result.ok) {
    await settleMessage(ctx.db, { ...settle, set: { status: 'sent', sent_at: nowIso(settledAt), provider, provider_message_id: result.providerMessageId, last_error: null } });
    stats.sent++;
    options.log?.info(logged, 'outbox message sent');
  } else if (result.permanent || row.attempts >= MAX_ATTEMPTS) {
    await settleMessage(ctx.db, { ...settle, set: { status: 'failed', provider, last_error: result.error } });
    stats.failed++;
    options.log?.warn({ ...logged, error: result.error }, 'outbox message failed for good');
  } else {
    const delay = RETRY_DELAYS_MS[row.attempts - 1] ?? RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1] ?? 60_000;
    await settleMessage(ctx.db, { ...settle, set: { status: 'pending', next_attempt_at: nowIso(new Date(settledAt.getTime() + delay)), provider, last_error: result.error } });
    stats.retried++;
    options.log?.warn({ ...logged, error: result.error }, 'outbox message not delivered; will retry');
  }
}
