import { exceedsFrequentRule, FREQUENT_CALLER, frequentCountStart } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { notifyUsers } from '../notifications/fan-out.js';
import { countContactsSince, frequentCandidates, insertFlagIfNone, jurisdictionIds, lastFrequentClearing, latestSealedPhone } from './repository.js';
import { flagAudience } from './service.js';

/** Numbers looked at per jurisdiction and pass: a pass stays short; the rest are flagged on the next. */
const BATCH = 1000;

/**
 * The frequent-caller sweep (worker): numbers with more contacts than core's rule in its window
 * get a `frequent` flag, unless a reviewer cleared one since and the contacts after that do not
 * break the rule again. The partial unique index makes it safe for several workers at once: the
 * second insert of the same flag does nothing, and only the inserting worker audits and notifies.
 */
export async function raiseFrequentFlags(ctx: AppContext, o: { now: Date }): Promise<{ raised: number }> {
  const windowStart = frequentCountStart(o.now, null);
  let raised = 0;
  for (const jurisdictionId of await jurisdictionIds(ctx.db)) {
    const candidates = await frequentCandidates(ctx.db, { jurisdictionId, since: nowIso(windowStart), over: FREQUENT_CALLER.overContacts, limit: BATCH });
    for (const c of candidates) {
      const cleared = await lastFrequentClearing(ctx.db, jurisdictionId, c.bidx);
      const since = frequentCountStart(o.now, cleared === null ? null : new Date(cleared));
      const contacts = since > windowStart ? await countContactsSince(ctx.db, { jurisdictionId, bidx: c.bidx, since: nowIso(since) }) : c.contacts;
      if (!exceedsFrequentRule(contacts)) continue;
      const sealed = await latestSealedPhone(ctx.db, jurisdictionId, c.bidx);
      if (sealed === null) continue;
      const id = newId();
      const at = nowIso(o.now);
      await inTransaction(ctx, async (tx) => {
        const inserted = await insertFlagIfNone(tx.db, {
          id, jurisdiction_id: jurisdictionId, caller_phone_bidx: c.bidx, caller_phone_enc: sealed, kind: 'frequent', status: 'active',
          reason: null, note: null, note_enc: null, contacts_at_raise: contacts, raised_by_user_id: null, raised_at: at,
          reviewed_by_user_id: null, reviewed_at: null, review_decision: null, review_note: null, cleared_at: null,
        });
        if (!inserted) return;
        raised += 1;
        await appendAudit(tx.db, { jurisdictionId, actorUserId: null, action: 'caller_flag.raised', targetType: 'caller_flag', targetId: id, detail: { kind: 'frequent', contacts } });
        await notifyUsers(tx.db, { jurisdictionId, kind: 'caller_flagged', userIds: await flagAudience(tx, jurisdictionId), at });
      });
    }
  }
  return { raised };
}
