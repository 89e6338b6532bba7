import type { CaseStatus } from '../case-status.js';
import type { ActionType } from './actions.js';
import type { Performer } from './types.js';

/**
 * Preconditions on the case (not on the request body) that a rule may demand. Named here and
 * implemented once in requirements.ts, so the table reads as the policy and the UI can hide a
 * button for exactly the reasons `decide` would refuse it.
 */
export type Requirement =
  | 'awaiting_arbitration'
  | 'no_pending_extension'
  | 'pending_extension'
  | 'contacted'
  | 'has_lead_unit';

export interface TransitionRule {
  action: ActionType;
  from: readonly CaseStatus[];
  to: CaseStatus;
  /** A second outcome the rule may pick from the body; `when` labels it in the diagram. */
  alt?: { to: CaseStatus; when: string };
  by: readonly Performer[];
  requires?: readonly Requirement[];
  /** Past-tense event type written for this act. */
  event: string;
}

const INTAKE_POOL = ['received', 'triaged', 'returned'] as const satisfies readonly CaseStatus[];
const WITH_DEPARTMENT = ['dispatched', 'accepted', 'in_progress'] as const satisfies readonly CaseStatus[];

/**
 * The whole lifecycle (DESIGN §4, §2). One row per (action, set of source statuses); an action
 * whose performers depend on the stage has several rows, never overlapping. A pair absent here is
 * ILLEGAL_TRANSITION whoever asks. Rows from `returned` are also locked to supervisors while the
 * case awaits arbitration (requirements.ts), which is the 首接负责 rule's teeth.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  // Intake: the hotline centre's own work.
  { action: 'triage', from: ['received'], to: 'triaged', by: ['operator'], event: 'triaged' },
  { action: 'answer_directly', from: ['received', 'triaged'], to: 'closed', by: ['operator'], event: 'answered_directly' },
  { action: 'dispatch', from: INTAKE_POOL, to: 'dispatched', by: ['operator'], event: 'dispatched' },
  {
    action: 'arbitrate',
    from: ['returned'],
    to: 'dispatched',
    by: ['supervisor'],
    requires: ['awaiting_arbitration'],
    event: 'arbitrated',
  },

  // With the department: only the lead unit's handlers move the case.
  { action: 'accept', from: ['dispatched'], to: 'accepted', by: ['lead_handler'], event: 'accepted' },
  // Only before acceptance: once a unit accepts, the case is theirs (DESIGN §4 accepted | returned).
  { action: 'return', from: ['dispatched'], to: 'returned', by: ['lead_handler'], event: 'returned' },
  // Reaching the citizen or logging work starts the handling proper.
  { action: 'contact', from: ['accepted', 'in_progress'], to: 'in_progress', by: ['lead_handler'], event: 'contacted' },
  { action: 'progress', from: ['accepted', 'in_progress'], to: 'in_progress', by: ['lead_handler'], event: 'progress_noted' },
  {
    action: 'extension_request',
    from: ['in_progress'],
    to: 'in_progress',
    by: ['lead_handler'],
    requires: ['no_pending_extension'],
    event: 'extension_requested',
  },
  {
    action: 'extension_approve',
    from: ['in_progress'],
    to: 'in_progress',
    by: ['supervisor'],
    requires: ['pending_extension'],
    event: 'extension_approved',
  },
  {
    action: 'extension_reject',
    from: ['in_progress'],
    to: 'in_progress',
    by: ['supervisor'],
    requires: ['pending_extension'],
    event: 'extension_rejected',
  },
  { action: 'reply', from: ['in_progress'], to: 'replied', by: ['lead_handler'], requires: ['contacted'], event: 'replied' },

  // Re-dispatch (改派) by a supervisor while a unit holds the case: fresh deadlines for the new unit.
  { action: 'redispatch', from: WITH_DEPARTMENT, to: 'dispatched', by: ['supervisor'], event: 'redispatched' },

  // Follow-up: the return visit, by the centre or by the citizen's own rating.
  {
    action: 'visit',
    from: ['replied'],
    to: 'visited',
    alt: { to: 'closed', when: 'if solved and satisfied' },
    by: ['operator', 'supervisor', 'citizen'],
    event: 'visited',
  },
  // From `replied` too: a citizen who cannot be reached after repeated tries must not hold a case open forever.
  { action: 'close', from: ['replied', 'visited'], to: 'closed', by: ['supervisor'], event: 'closed' },
  {
    action: 'reopen',
    from: ['visited', 'closed'],
    to: 'dispatched',
    by: ['supervisor'],
    requires: ['has_lead_unit'],
    event: 'reopened',
  },

  // Side states. Operators tidy the pool; once a department holds the case only a supervisor may.
  // Unattended intake merges only the appeal it has just opened (still `received`), see ADR 0005.
  { action: 'merge', from: ['received'], to: 'merged', by: ['operator', 'supervisor', 'system'], event: 'merged' },
  { action: 'merge', from: ['triaged', 'returned'], to: 'merged', by: ['operator', 'supervisor'], event: 'merged' },
  { action: 'merge', from: WITH_DEPARTMENT, to: 'merged', by: ['supervisor'], event: 'merged' },
  { action: 'invalidate', from: INTAKE_POOL, to: 'invalid', by: ['operator', 'supervisor'], event: 'invalidated' },
  { action: 'invalidate', from: WITH_DEPARTMENT, to: 'invalid', by: ['supervisor'], event: 'invalidated' },
  // Back to the start of intake, not to a unit: the case may never have been dispatched.
  { action: 'restore', from: ['invalid'], to: 'received', by: ['supervisor'], event: 'restored' },
];

/** The rule for this action from this status, if any (the table guarantees at most one). */
export function findRule(action: ActionType, status: CaseStatus): TransitionRule | undefined {
  return TRANSITIONS.find((rule) => rule.action === action && rule.from.includes(status));
}
