import { z } from 'zod';
import type { CaseStatus } from '../case-status.js';
import type { Role } from '../roles.js';

/**
 * Supervision acts that leave the case's status alone (DESIGN §5): 催办 (urge) and 督办 (a formal
 * supervision order with a deadline of its own and a reply required from the unit). Re-dispatch
 * (改派) moves the case, so it is a lifecycle action (`redispatch`), not one of these.
 */
export const SUPERVISION_ACTS = ['urge', 'order'] as const;
export type SupervisionAct = (typeof SUPERVISION_ACTS)[number];

/**
 * While a unit holds the case: before dispatch there is nobody to urge, and once the unit has
 * replied the follow-up is the centre's own (return visit), not the unit's.
 */
export const SUPERVISED_STATUSES: readonly CaseStatus[] = ['dispatched', 'accepted', 'in_progress'];

/** Case events the supervision acts, orders and the escalation sweep write (the timeline names each). */
export const SUPERVISION_EVENTS = [
  'urged',
  'supervision_order_issued',
  'supervision_order_answered',
  'supervision_order_closed',
  'supervision_order_overdue',
  'escalated',
] as const;

/** The refusals of supervision acts and orders beyond the lifecycle's own codes. */
export const SUPERVISION_DENIAL_CODES = ['NOT_SUPERVISED', 'ORDER_ALREADY_OPEN', 'ORDER_NOT_OPEN', 'ORDER_NOT_ANSWERED', 'NOT_ADDRESSED_UNIT'] as const;
export type SupervisionDenialCode = (typeof SUPERVISION_DENIAL_CODES)[number] | 'FORBIDDEN_ROLE';

export const SUPERVISION_DENIAL_HTTP_STATUS: Readonly<Record<(typeof SUPERVISION_DENIAL_CODES)[number], 403 | 409>> = {
  /** The case is not with a department now (not yet dispatched, replied, closed…). */
  NOT_SUPERVISED: 409,
  /** One open order per case: a second would split the unit's answer. */
  ORDER_ALREADY_OPEN: 409,
  ORDER_NOT_OPEN: 409,
  ORDER_NOT_ANSWERED: 409,
  /** Only the unit an order or notice is addressed to answers or signs for it. */
  NOT_ADDRESSED_UNIT: 403,
};

export type SupervisionRefusal = { ok: false; code: SupervisionDenialCode; message: string };
export type SupervisionCheck = { ok: true } | SupervisionRefusal;

const OK: SupervisionCheck = { ok: true };

/** May this person urge the case or put it under a supervision order now? Scope (can they see it) is the server's. */
export function checkSupervisionAct(act: SupervisionAct, roles: readonly Role[], status: CaseStatus): SupervisionCheck {
  if (!roles.includes('supervisor')) return { ok: false, code: 'FORBIDDEN_ROLE', message: `${act} is for supervisors` };
  if (!SUPERVISED_STATUSES.includes(status)) {
    return { ok: false, code: 'NOT_SUPERVISED', message: `a ${status} case is not with a department; there is no unit to ${act}` };
  }
  return OK;
}

/** The acts to offer on the case page: the same rule, for buttons. */
export function allowedSupervisionActs(roles: readonly Role[], status: CaseStatus): SupervisionAct[] {
  return SUPERVISION_ACTS.filter((act) => checkSupervisionAct(act, roles, status).ok);
}

const text = (max: number) => z.string().trim().min(1).max(max);

/** The longest reply time an order may give; longer is no longer supervision but a new deadline. */
export const MAX_ORDER_WORKING_DAYS = 15;

export const urgeInput = z.object({ note: text(500) });
export const orderInput = z.object({
  /** What the unit must do and report (督办事项). */
  instruction: text(2000),
  /** The order's own deadline, in working days from now on the jurisdiction's calendar. */
  replyWorkingDays: z.number().int().min(1).max(MAX_ORDER_WORKING_DAYS),
});
export const orderAnswerInput = z.object({ text: text(4000) });
export const orderCloseInput = z.object({ note: text(2000).optional() });
export type UrgeInput = z.infer<typeof urgeInput>;
export type OrderInput = z.infer<typeof orderInput>;
