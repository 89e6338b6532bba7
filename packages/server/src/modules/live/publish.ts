import type { Role } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { LIVE_EVENT_TYPE_PATTERN, liveBus } from './bus.js';
import { activeUsersWithRole } from './repository.js';

/**
 * Publishing live events. Call these after the transaction that made the change has committed:
 * an event about a rolled-back change would show people something that never happened.
 * `data` goes to every recipient as is, so it must hold nothing a recipient may not see.
 */

function assertType(type: string): void {
  if (!LIVE_EVENT_TYPE_PATTERN.test(type)) throw new Error(`Invalid live event type: ${type}`);
}

/** An event for these people (each of their open streams gets it once). */
export function publishToUsers(userIds: readonly string[], type: string, data: unknown): void {
  assertType(type);
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  liveBus().publish({ userIds: unique, type, data });
}

export interface RoleAudience {
  jurisdictionId: string;
  role: Role;
  /** Only people placed in this unit (not its children). */
  orgUnitId?: string;
  /** Only people placed in units of this kind (`centre`: the hotline centre). */
  unitKind?: string;
}

/** The active accounts an audience names (who a publish to it reaches). */
export async function audienceUserIds(ctx: Pick<AppContext, 'db'>, audience: RoleAudience): Promise<string[]> {
  return activeUsersWithRole(ctx.db, audience);
}

/** An event for every active person holding `role` in a unit (or in units of a kind). Returns who it went to. */
export async function publishToRole(ctx: Pick<AppContext, 'db'>, audience: RoleAudience, type: string, data: unknown): Promise<string[]> {
  assertType(type);
  const userIds = await audienceUserIds(ctx, audience);
  publishToUsers(userIds, type, data);
  return userIds;
}
