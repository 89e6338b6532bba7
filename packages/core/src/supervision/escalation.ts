import { z } from 'zod';
import { deadlineSpanSchema, type DeadlineSpan } from '../calendar/policy.js';

/**
 * Tiered escalation of an overdue deadline (DESIGN §5): the unit itself when the deadline passes,
 * its leadership when it stays overdue, then the city office (the hotline centre). Each tier fires
 * once per deadline; a deadline met or superseded stops climbing.
 */
export const ESCALATION_TIERS = ['unit', 'leadership', 'city'] as const;
export type EscalationTier = (typeof ESCALATION_TIERS)[number];

/** Stored on the deadline: 0 before it passes, then the number of tiers told so far. */
export type TierLevel = 0 | 1 | 2 | 3;

/**
 * How long after the previous tier the next one is told, on the jurisdiction's clock. `leadership`
 * counts from the overdue notice, `city` from the leadership's.
 */
export const escalationSettingsSchema = z.object({ leadership: deadlineSpanSchema, city: deadlineSpanSchema });
export type EscalationSettings = z.infer<typeof escalationSettingsSchema>;

/** One working day for the unit's leaders to act, two more before the city office steps in. */
export function defaultEscalationSettings(): EscalationSettings {
  return { leadership: { amount: 1, unit: 'working_days' }, city: { amount: 2, unit: 'working_days' } };
}

/** The tier a deadline at `level` moves to next, and the wait before the one after it (null: the last). */
export function nextTier(level: TierLevel, settings: EscalationSettings): { tier: EscalationTier; level: TierLevel; waitAfter: DeadlineSpan | null } | null {
  switch (level) {
    case 0:
      return { tier: 'unit', level: 1, waitAfter: settings.leadership };
    case 1:
      return { tier: 'leadership', level: 2, waitAfter: settings.city };
    case 2:
      return { tier: 'city', level: 3, waitAfter: null };
    case 3:
      return null;
  }
}

export interface TreeUnit {
  id: string;
  parentId: string | null;
  kind: string;
}

/**
 * Who is told at a tier, from the unit the deadline binds and its ancestors (nearest first, the
 * jurisdiction's root last). Leadership is the parent unit (科 → 局); a unit directly under the
 * root (a 局) has no leadership short of the city, so its own leaders are told (the notice goes
 * to the unit again, marked as the leadership tier). The city office is the hotline centre, where
 * 12345 supervision sits, or the root when there is none.
 */
export function escalationAddressee(tier: EscalationTier, unit: TreeUnit, ancestors: readonly TreeUnit[], centre: TreeUnit | null): string {
  if (tier === 'unit') return unit.id;
  if (tier === 'leadership') {
    const parent = ancestors[0];
    const parentIsRoot = parent === undefined || parent.parentId === null;
    return parentIsRoot ? unit.id : parent.id;
  }
  return centre?.id ?? ancestors.at(-1)?.id ?? unit.id;
}
