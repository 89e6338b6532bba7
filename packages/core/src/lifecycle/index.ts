// The case status machine (DESIGN §4): pure rules the server applies inside its transactions.
export {
  ACTION_SCHEMAS,
  ACTION_TYPES,
  CONTACT_METHODS,
  isActionType,
  MAX_EXTENSION_WORKING_DAYS,
  REASON_FIELD,
  SATISFACTION_LEVELS,
  type ActionInput,
  type ActionPayload,
  type ActionType,
  type CaseAction,
  type Satisfaction,
} from './actions.js';
export { allowedActions, decide } from './decide.js';
export { lifecycleDiagram, lifecycleRulesTable } from './diagram.js';
export { findRule, TRANSITIONS, type Requirement, type TransitionRule } from './table.js';
export {
  DENIAL_CODES,
  DENIAL_HTTP_STATUS,
  NOW,
  type Actor,
  type CaseChanges,
  type CaseEvent,
  type CaseState,
  type DeadlineChange,
  type DeadlineKind,
  type Decision,
  type DecideContext,
  type Denial,
  type DenialCode,
  type EventPayload,
  type ParentCase,
  type PendingExtension,
  type Performer,
  type Stamp,
  type Transition,
  type VisitResult,
} from './types.js';
