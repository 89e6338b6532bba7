import type { Role } from '../roles.js';
import type { SupervisionCheck } from './acts.js';

/**
 * A supervision order (督办单 issued by hand) lives apart from the case's status: open (the unit
 * owes a reply) → answered (the unit replied; the supervisor reviews) → closed (the supervisor
 * accepts the answer). A rejected answer is not a state: the supervisor issues a new order, so
 * every demand and every answer stays on record.
 */
export const ORDER_STATUSES = ['open', 'answered', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderActor {
  roles: readonly Role[];
  /** The person works in the addressed unit or a unit under it (computed by the server from the tree). */
  inAddressedUnit: boolean;
}

/** The addressed unit's handler answers; a supervisor of that unit may answer for it too. */
export function checkOrderAnswer(status: OrderStatus, actor: OrderActor): SupervisionCheck {
  const staff = actor.roles.includes('handler') || actor.roles.includes('supervisor');
  if (!staff || !actor.inAddressedUnit) {
    return { ok: false, code: 'NOT_ADDRESSED_UNIT', message: 'only the unit the order is addressed to answers it' };
  }
  if (status !== 'open') return { ok: false, code: 'ORDER_NOT_OPEN', message: `the order is ${status}; there is nothing to answer` };
  return { ok: true };
}

/**
 * The supervisor closes the order once it is answered. Not the addressed unit's own supervisor
 * (who would be closing an order against their own unit): the check on the addressee comes first.
 */
export function checkOrderClose(status: OrderStatus, actor: OrderActor): SupervisionCheck {
  if (!actor.roles.includes('supervisor')) return { ok: false, code: 'FORBIDDEN_ROLE', message: 'closing an order is for supervisors' };
  if (actor.inAddressedUnit) return { ok: false, code: 'FORBIDDEN_ROLE', message: 'the addressed unit cannot close an order against itself' };
  if (status === 'open') return { ok: false, code: 'ORDER_NOT_ANSWERED', message: 'the unit has not answered the order yet' };
  if (status === 'closed') return { ok: false, code: 'ORDER_NOT_OPEN', message: 'the order is already closed' };
  return { ok: true };
}
