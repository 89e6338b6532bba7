import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { findJurisdiction, type Jurisdiction } from '../jurisdictions/repository.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { petitionExpiredText } from './replies.js';
import { listOverdue, settlePetition, type PendingPetitionRow } from './repository.js';

const HOUR_MS = 3_600_000;
const BATCH = 100;

/** The window the sender was given, in hours, as stored on the row (config may have changed since). */
export const windowHoursOf = (row: Pick<PendingPetitionRow, 'created_at' | 'expires_at'>): number =>
  Math.max(1, Math.round((new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()) / HOUR_MS));

/**
 * Ends a waiting petition whose window has passed, with its final reply, in the caller's unit of
 * work. The conditional update decides: of several workers (or a worker and a late follow-up)
 * reaching it at once, exactly one settles it and sends the reply.
 */
export async function expirePetition(ctx: TxContext, row: PendingPetitionRow, jurisdiction: Pick<Jurisdiction, 'id' | 'name'>, now = new Date()): Promise<boolean> {
  if (!(await settlePetition(ctx.db, { id: row.id, status: 'expired', caseId: null, userId: null, at: nowIso(now) }))) return false;
  await enqueueMessage(ctx.db, ctx.pii, {
    jurisdictionId: jurisdiction.id, caseId: null, channel: 'sms', recipient: ctx.pii.decrypt(row.sender_enc), template: 'sms_petition_expired',
    body: petitionExpiredText({ jurisdictionName: jurisdiction.name, windowHours: windowHoursOf(row) }),
  });
  return true;
}

/** The worker's pass: every waiting petition past its window ends, each in its own transaction. */
export async function sweepPetitions(ctx: AppContext, o: { now: () => Date }): Promise<{ expired: number }> {
  const names = new Map<string, Jurisdiction | undefined>();
  let expired = 0;
  for (;;) {
    const rows = await listOverdue(ctx.db, { now: nowIso(o.now()), limit: BATCH });
    let settledHere = 0;
    for (const row of rows) {
      if (!names.has(row.jurisdiction_id)) names.set(row.jurisdiction_id, await findJurisdiction(ctx.db, row.jurisdiction_id));
      const jurisdiction = names.get(row.jurisdiction_id);
      if (!jurisdiction) continue;
      if (await inTransaction(ctx, (tx) => expirePetition(tx, row, jurisdiction, o.now()))) settledHere += 1;
    }
    expired += settledHere;
    // A short batch is the last; a full one where others took every row also ends (they carry on).
    if (rows.length < BATCH || settledHere === 0) return { expired };
  }
}
