import { popAudience, type PopAudience } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { isOnline, LIVE_EVENT_TYPES } from '../live/bus.js';
import type { LiveReplay } from '../live/hub.js';
import { audienceUserIds } from '../live/publish.js';
import { ringingCallsOn, deskLines } from './call-repository.js';
import { offerCall } from './screen-pop.js';

/**
 * How long a call may ring (or wait in the PBX's queue) and still be replayed. Hotline queues
 * hold callers for minutes; a call older than this with neither answer nor hangup most likely
 * lost its hangup event, and must not haunt every screen that opens.
 */
export const RINGING_REPLAY_MS = 10 * 60_000;
/** A desk never has more calls waiting than this many worth showing at once. */
const MAX_REPLAYED = 20;

/**
 * The calls ringing now on the lines this person answers (issue 10 §2; ADR 0041), as
 * `call.offered` events for a stream that opened after they started ringing: the same audience
 * rule (core popAudience: a centre operator for staffed, tip and ownerless direct lines, the owner
 * for a direct line), the same flagged-caller routing and the same masked history as the
 * announcement (screen-pop.ts#offerCall). Their `call.answered` / `call.ended` reach this stream
 * as to any watcher, so the pop-up drops when someone answers.
 */
export async function ringingCallsFor(ctx: AppContext, user: SessionUser, now: Date = new Date()): Promise<Array<{ type: string; data: unknown }>> {
  const centreOperator = user.roles.includes('operator') && user.orgUnitKind === 'centre';
  type Desk = { line: Awaited<ReturnType<typeof deskLines>>[number]; audience: Exclude<PopAudience, { kind: 'nobody' }> };
  const lines = (await deskLines(ctx.db, user.jurisdictionId)).flatMap((line): Desk[] => {
    const audience = popAudience({ mode: line.mode, ownerUserId: line.owner_user_id });
    if (audience.kind === 'centre_operators') return centreOperator ? [{ line, audience }] : [];
    return audience.kind === 'owner' && audience.userId === user.id ? [{ line, audience }] : [];
  });
  if (lines.length === 0) return [];
  const calls = await ringingCallsOn(ctx.db, {
    jurisdictionId: user.jurisdictionId, lineIds: lines.map((l) => l.line.id), since: new Date(now.getTime() - RINGING_REPLAY_MS).toISOString(), limit: MAX_REPLAYED,
  });
  if (calls.length === 0) return [];
  const centre = lines.some((l) => l.audience.kind === 'centre_operators')
    ? (await audienceUserIds(ctx, { jurisdictionId: user.jurisdictionId, role: 'operator', unitKind: 'centre' })).filter(isOnline)
    : [];
  const out: Array<{ type: string; data: unknown }> = [];
  for (const call of calls) {
    const desk = lines.find((l) => l.line.id === call.line_id);
    if (!desk) continue;
    // Who is watching this line now (this person among them: their stream is open).
    const watching = desk.audience.kind === 'owner' ? [user.id] : [...new Set([...centre, user.id])];
    const sealed = call.caller_enc && call.caller_bidx ? { enc: call.caller_enc, bidx: call.caller_bidx } : null;
    const { recipients, offered } = await offerCall(ctx, { jurisdictionId: user.jurisdictionId, line: desk.line, audience: desk.audience, watching, call, sealed });
    if (recipients.includes(user.id)) out.push({ type: LIVE_EVENT_TYPES.callOffered, data: offered });
  }
  return out;
}

/** The replay a new live stream of this person starts with (wired in app.ts). */
export function ringingReplay(ctx: AppContext): (user: SessionUser) => LiveReplay {
  return (user) => () => ringingCallsFor(ctx, user);
}
