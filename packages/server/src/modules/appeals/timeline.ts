import type { TrackedAppeal } from '@openline/core';

type Entry = TrackedAppeal['timeline'][number];
interface EventRow { type: string; createdAt: string }

/**
 * Events a citizen sees on the tracking page. Internal steps (returns between departments,
 * arbitration, extensions, deadline reminders) stay internal: the citizen sees progress, not
 * the hotline's bookkeeping.
 */
const PUBLIC_EVENTS = new Set([
  'created', 'dispatched', 'accepted', 'contacted', 'replied', 'visited', 'closed', 'reopened', 'merged', 'answered_directly',
]);

const toEntry = (e: EventRow): Entry => ({ type: e.type, at: e.createdAt });

/** A case's own public history. */
export function publicTimeline(events: readonly EventRow[]): Entry[] {
  return events.filter((e) => PUBLIC_EVENTS.has(e.type)).map(toEntry);
}

/**
 * The steps of the case an appeal joined, from the moment it joined: what came before happened
 * before this citizen was part of it, and a history starting before their submission reads as a
 * mistake. The joined case's `created` is its opener's, never this citizen's.
 */
export function joinedSince(events: readonly EventRow[], since: string): Entry[] {
  return events.filter((e) => PUBLIC_EVENTS.has(e.type) && e.type !== 'created' && e.createdAt >= since).map(toEntry);
}

/**
 * A merged case's history: its own steps up to the merge (its own 登记受理 first), then the
 * parent's from the merge on. A case merged by staff after some handling of its own keeps that
 * handling; the parent's steps from before the merge were not this appeal's.
 */
export function mergedTimeline(own: readonly EventRow[], parent: readonly EventRow[], ownCreatedAt: string): Entry[] {
  const mergedAt = own.findLast((e) => e.type === 'merged')?.createdAt ?? ownCreatedAt;
  const entries = [...publicTimeline(own), ...joinedSince(parent, mergedAt)];
  // Stable: an own step and a parent step at the same instant keep own-first order.
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
