import type { CaseStatus } from '../case-status.js';
import type { Role } from '../roles.js';
import type { ActionType, Satisfaction } from './actions.js';

/** An extension a department has asked for and no supervisor has ruled on yet. */
export interface PendingExtension {
  workingDays: number;
  reason: string;
}

/**
 * What the machine needs to know about a case; the server reads it from the row. Deliberately
 * small: everything else (text, caller, deadlines) is irrelevant to which transition is legal.
 */
export interface CaseState {
  id: string;
  status: CaseStatus;
  /** The unit currently responsible (主办); null at intake and after a return. */
  leadUnitId: string | null;
  /** Returns so far (退单次数). Never reset: 首接负责 counts every bounce of the case's life. */
  bounceCount: number;
  /**
   * A repeated return is waiting for a supervisor's ruling. Modelled as a flag on `returned`
   * rather than a new status: the case is in the same place (with no department), only who may
   * move it differs, and the status set, its categories and the tracking page stay unchanged.
   */
  awaitingArbitration: boolean;
  /** At most one at a time; modelled as data for the same reason as arbitration. */
  pendingExtension: PendingExtension | null;
  /** The handler has reached the citizen since the case was last dispatched to a unit. */
  contacted: boolean;
}

/** The case a `merge` points at; the server loads it in the same transaction. */
export interface ParentCase {
  id: string;
  status: CaseStatus;
}

/** Facts about other rows a transition may need. */
export interface DecideContext {
  parent?: ParentCase;
}

/**
 * Who acts. Staff carry their roles; `isLeadUnitMember` is computed by the server from the org
 * tree (member of the lead unit or a unit under it), because core knows no tree. The citizen
 * acts through their tracking code only, without an account or a role.
 */
export interface Actor {
  roles: readonly Role[];
  isLeadUnitMember?: boolean;
  citizen?: boolean;
  /**
   * Unattended intake (SMS, the web form) applying a duplicate rule by itself. Not a staff
   * member and holds no role: the table lets it do only what it names `system` for.
   */
  system?: boolean;
}

/**
 * The parties a rule names. `lead_handler` is a handler of the case's lead unit: a handler
 * elsewhere in the city holds the same role but no say over this case.
 */
export type Performer = 'operator' | 'supervisor' | 'lead_handler' | 'citizen' | 'system';

/** Time stamps are set by the server at its transaction time, the same instant as the event. */
export const NOW = 'now';
export type Stamp = typeof NOW;

export type DeadlineKind = 'accept' | 'contact' | 'resolve';

/**
 * What to do with the case's stored deadlines. `start` computes accept/contact/resolve from now
 * for the new lead unit under the jurisdiction's policy; `stop` clears them (the case left the
 * department, so the sweeper must not chase it); `extend` moves the resolve deadline.
 */
export type DeadlineChange = { kind: 'start' } | { kind: 'stop' } | { kind: 'extend'; workingDays: number };

export interface VisitResult {
  solved: boolean;
  satisfaction: Satisfaction;
  comment: string | null;
}

/** Columns the server must write besides `status`; an absent key means "leave as is". */
export interface CaseChanges {
  leadUnitId?: string | null;
  coUnitIds?: readonly string[];
  bounceCount?: number;
  awaitingArbitration?: boolean;
  pendingExtension?: PendingExtension | null;
  contactedAt?: Stamp | null;
  repliedAt?: Stamp;
  /** The text the citizen sees on the tracking page (a reply, or the answer given at intake). */
  replyText?: string;
  visit?: VisitResult | null;
  visitedAt?: Stamp | null;
  closedAt?: Stamp | null;
  /** Closed by the operator at intake: counts towards the direct-resolution rate (直办率). */
  closedAtIntake?: boolean;
  invalidReason?: string | null;
  /** The case merged into (`merge`), or null when a merge is undone (`unmerge`). */
  parentId?: string | null;
  /** Cases merged into this one follow it to the new parent, so merges stay one level deep. */
  reparentChildrenTo?: string;
  deadlines?: DeadlineChange;
  /** A deadline this act satisfies; the sweeper must not remind or escalate it any more. */
  deadlineMet?: DeadlineKind;
}

/** JSON that goes into `case_events.payload`. */
export type EventPayload = Record<string, string | number | boolean | null | readonly string[]>;

export interface CaseEvent {
  /** Past tense, matching the event types the server already writes (`created`, `dispatched`…). */
  type: string;
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  reason: string | null;
  payload: EventPayload;
}

export interface Transition {
  ok: true;
  action: ActionType;
  toStatus: CaseStatus;
  /** A satisfied return visit closed the case in the same step (see README). */
  autoClose: boolean;
  event: CaseEvent;
  changes: CaseChanges;
}

export const DENIAL_CODES = [
  'UNKNOWN_ACTION',
  'ILLEGAL_TRANSITION',
  'FORBIDDEN_ROLE',
  'NOT_LEAD_UNIT',
  'REASON_REQUIRED',
  'INVALID_PAYLOAD',
  'AWAITING_ARBITRATION',
  'NOT_AWAITING_ARBITRATION',
  'CONTACT_REQUIRED',
  'EXTENSION_PENDING',
  'NO_PENDING_EXTENSION',
  'EXTENSION_EXCEEDS_REQUEST',
  'NO_LEAD_UNIT',
  'MERGE_PARENT_REQUIRED',
  'MERGE_INTO_SELF',
  'MERGE_PARENT_NOT_OPEN',
] as const;
export type DenialCode = (typeof DENIAL_CODES)[number];

/**
 * The HTTP status each refusal deserves: 403 when the actor may never do this to this case, 400
 * when the body is wrong, 409 when the case is in the wrong state for it (try again later or
 * differently). The server maps these onto its AppError.
 */
export const DENIAL_HTTP_STATUS: Readonly<Record<DenialCode, 400 | 403 | 409>> = {
  UNKNOWN_ACTION: 400,
  ILLEGAL_TRANSITION: 409,
  FORBIDDEN_ROLE: 403,
  NOT_LEAD_UNIT: 403,
  REASON_REQUIRED: 400,
  INVALID_PAYLOAD: 400,
  AWAITING_ARBITRATION: 409,
  NOT_AWAITING_ARBITRATION: 409,
  CONTACT_REQUIRED: 409,
  EXTENSION_PENDING: 409,
  NO_PENDING_EXTENSION: 409,
  EXTENSION_EXCEEDS_REQUEST: 400,
  NO_LEAD_UNIT: 409,
  MERGE_PARENT_REQUIRED: 400,
  MERGE_INTO_SELF: 409,
  MERGE_PARENT_NOT_OPEN: 409,
};

export interface Denial {
  ok: false;
  code: DenialCode;
  message: string;
  /** For INVALID_PAYLOAD / REASON_REQUIRED: which fields, as the server's error details. */
  details?: ReadonlyArray<{ path: string; message: string }>;
}

export type Decision = Transition | Denial;
