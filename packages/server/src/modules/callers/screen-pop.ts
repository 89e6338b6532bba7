import { flaggedCallRecipients, popAudience, type CallerViewer, type OfferedCall, type PopAudience } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { anyoneOnline, isOnline, LIVE_EVENT_TYPES } from '../live/bus.js';
import { audienceUserIds, publishToUsers } from '../live/publish.js';
import { showSenderPhone } from '../cases/caller.js';
import type { CtiEvent } from '../telephony/cti-input.js';
import type { SealedParty } from '../telephony/parties.js';
import { ctiCallWithEvent, popLine } from './call-repository.js';
import { readCallerHistory } from './history.js';
import { designatedHandler } from '../caller-flags/settings.js';

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
  o: { jurisdictionId: string; event: Pick<CtiEvent, 'direction' | 'event' | 'callId'>; lineId: string | null; sealed: SealedParty | null; rejected: boolean; at: string },
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
    const { recipients, offered } = await offerCall(ctx, { jurisdictionId: o.jurisdictionId, line, audience, watching, call, sealed: o.sealed });
    publishToUsers(recipients, LIVE_EVENT_TYPES.callOffered, offered);
  } catch (error) {
    // No personal data in this line: the call id is the phone system's, the message is ours.
    console.error(`screen-pop for call ${e.callId} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Who of those watching a ringing call is shown it, and what they see: a flagged caller's call
 * rings for the designated handler alone when they are watching (ADR 0036; the flag never keeps a
 * call from ringing somewhere), with the caller's history as the line's audience may read it.
 * Shared by the announcement and the replay to a screen opened later (callers/ringing.ts).
 */
export async function offerCall(
  ctx: AppContext,
  o: {
    jurisdictionId: string;
    line: NonNullable<Awaited<ReturnType<typeof popLine>>>;
    audience: Exclude<PopAudience, { kind: 'nobody' }>;
    watching: readonly string[];
    call: { id: string; offered_at: string };
    sealed: SealedParty | null;
  },
): Promise<{ recipients: string[]; offered: OfferedCall }> {
  const { line, audience } = o;
  const viewer = audience.kind === 'owner' ? LINE_OWNER : CENTRE_OPERATOR;
  // The history statement reads the caller's flags too, so no separate read decides the routing (ADR 0040).
  const history = o.sealed
    ? await readCallerHistory(ctx, { jurisdictionId: o.jurisdictionId, bidx: o.sealed.bidx, viewer, ringingSince: new Date(o.call.offered_at).toISOString(), ...(audience.kind === 'owner' ? { lineId: line.id } : {}) })
    : null;
  // A flagged caller's call rings for the designated handler alone when they are watching
  // (ADR 0036); the flag never keeps a call from ringing somewhere.
  const flagged = audience.kind === 'centre_operators' && history !== null && history.flags.length > 0;
  const designatedUserId = flagged ? await designatedHandler(ctx.db, o.jurisdictionId) : null;
  const recipients = flaggedCallRecipients({ watching: o.watching, flagged, designatedUserId });
  const offered: OfferedCall = {
    callId: o.call.id, lineId: line.id, lineName: line.name, lineNumber: line.number, lineMode: line.mode,
    // Masked through the one exit for callers (ADR 0006): a tip line's caller is shown only to whom may know them.
    callerPhone: o.sealed ? showSenderPhone(o.sealed.enc, line.mode === 'tip', viewer, ctx.pii) : null,
    offeredAt: new Date(o.call.offered_at).toISOString(), history, designated: designatedUserId !== null && recipients.length === 1 && recipients[0] === designatedUserId,
  };
  return { recipients, offered };
}
