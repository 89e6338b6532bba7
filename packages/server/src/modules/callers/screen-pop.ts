import { maskPhone, normalizePhone, popAudience, type CallerViewer } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { anyoneOnline, isOnline, LIVE_EVENT_TYPES } from '../live/bus.js';
import { audienceUserIds, publishToUsers } from '../live/publish.js';
import type { CtiEvent } from '../telephony/cti-input.js';
import type { SealedParty } from '../telephony/parties.js';
import { ctiCallWithEvent, popLine } from './call-repository.js';
import { readCallerHistory, type CallerHistory } from './history.js';

/** What an operator's screen gets when a call rings (live event `call.offered`). */
export interface OfferedCall {
  callId: string;
  lineId: string;
  lineName: string;
  lineNumber: string;
  lineMode: string;
  /** Masked; null for a withheld number. */
  callerPhone: string | null;
  offeredAt: string;
  /** Null for a withheld number: there is nothing to look up. */
  history: CallerHistory | null;
}

/** The centre's operators know tip reporters (ADR 0006); a direct line's owner sees the caller as any official would. */
const CENTRE_OPERATOR: CallerViewer = { roles: ['operator'], orgUnitKind: 'centre' };
const LINE_OWNER: CallerViewer = { roles: ['official'], orgUnitKind: 'owner' };

/**
 * The screen-pop (issue 10 §2, ADR 0020), called by the CTI service after each event is stored.
 * An inbound call's first `newCall` on one of our lines is announced, with the caller's masked
 * history, to whoever answers that line and has a screen open: the hotline centre's operators
 * for staffed and tip lines, the owner for a direct line (their history narrowed to that line).
 * Its answer and hangup are announced too, so the other screens can drop the pop-up. A repeated
 * delivery announces nothing; a blocked caller's call is not announced. Never throws: the call
 * is already recorded, and the phone system must get its answer whatever happens here.
 */
export async function announceCall(
  ctx: AppContext,
  o: { jurisdictionId: string; event: CtiEvent; lineId: string | null; sealed: SealedParty | null; rejected: boolean; at: string },
): Promise<void> {
  const { event: e } = o;
  // Most events on a busy system find nobody watching: decide that before touching the database.
  if (e.direction !== 'in' || o.lineId === null || o.rejected || !anyoneOnline()) return;
  try {
    const line = await popLine(ctx.db, o.lineId);
    if (!line) return;
    const audience = popAudience({ mode: line.mode, ownerUserId: line.owner_user_id });
    if (audience.kind === 'nobody') return;
    const userIds = audience.kind === 'owner'
      ? [audience.userId]
      : await audienceUserIds(ctx, { jurisdictionId: o.jurisdictionId, role: 'operator', unitKind: 'centre' });
    const watching = userIds.filter(isOnline);
    if (watching.length === 0) return;
    const call = await ctiCallWithEvent(ctx.db, { jurisdictionId: o.jurisdictionId, externalId: e.callId, event: e.event });
    // Stored at another time: this delivery repeated an event already announced.
    if (!call || new Date(call.received_at).getTime() !== new Date(o.at).getTime()) return;
    if (e.event === 'answer') {
      publishToUsers(watching, LIVE_EVENT_TYPES.callAnswered, { callId: call.id, answeredByUserId: call.answered_by_user_id });
      return;
    }
    if (e.event === 'hangup') {
      publishToUsers(watching, LIVE_EVENT_TYPES.callEnded, { callId: call.id, outcome: call.outcome });
      return;
    }
    const e164 = o.sealed ? ctx.pii.decrypt(o.sealed.enc) : null;
    const phone = e164 !== null && normalizePhone(e164).ok ? e164 : null;
    const history = o.sealed && phone
      ? await readCallerHistory(ctx, {
        jurisdictionId: o.jurisdictionId, bidx: o.sealed.bidx,
        ...(audience.kind === 'owner' ? { viewer: LINE_OWNER, lineId: line.id } : { viewer: CENTRE_OPERATOR }),
      })
      : null;
    const offered: OfferedCall = {
      callId: call.id, lineId: line.id, lineName: line.name, lineNumber: line.number, lineMode: line.mode,
      callerPhone: phone ? maskPhone(phone) : e164 === null ? null : '******',
      offeredAt: new Date(call.offered_at).toISOString(), history,
    };
    publishToUsers(watching, LIVE_EVENT_TYPES.callOffered, offered);
  } catch (error) {
    // No personal data in this line: the call id is the phone system's, the message is ours.
    console.error(`screen-pop for call ${e.callId} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
