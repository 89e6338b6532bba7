import { z } from 'zod';

/**
 * The verbs of the case lifecycle (issue 3 §4) and the request body of each. The names are a
 * stable API contract (`POST /api/v1/cases/:id/<action>`, with `extension_request` served at
 * `/extension` and approve/reject at `/extension/approve|reject`); the server parses bodies with
 * these schemas and `decide` parses them again, so a caller that skips the route still cannot
 * write a blank reason into the event log.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
/** Ids of units, cases and articles: opaque to the core, bounded so a body cannot be huge. */
const id = z.string().trim().min(1).max(64);
const note = text(2000);

/** Co-handlers are distinct units and never the lead: a unit cannot assist itself. */
const coUnits = z
  .array(id)
  .max(20)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'co-handling units must be distinct' });

const assignment = { leadUnitId: id, coUnitIds: coUnits.optional() };
const leadIsNotCo = (value: { leadUnitId: string; coUnitIds?: string[] | undefined }) =>
  !(value.coUnitIds ?? []).includes(value.leadUnitId);
const leadIsNotCoIssue = { message: 'the lead unit cannot also be a co-handling unit', path: ['coUnitIds'] };

export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

/** How the handler reached the citizen; the response-rate metric does not care, auditors do. */
export const CONTACT_METHODS = ['phone', 'sms', 'in_person', 'other'] as const;

/**
 * The longest single extension a department may ask for. DESIGN §5 budgets 15 working days for a
 * complex case; twice that is the ceiling before it should be a new case or a supervisor's call.
 */
export const MAX_EXTENSION_WORKING_DAYS = 30;
const workingDays = z.number().int().min(1).max(MAX_EXTENSION_WORKING_DAYS);

const schemas = {
  /** Operator has classified a fresh case (type, urgency, likely unit) and it awaits dispatch. */
  triage: z.object({ note: note.optional() }),
  /** Operator answered from the knowledge base while the caller was on the line (直办). */
  answer_directly: z.object({ text: text(4000), articleId: id.optional() }),
  dispatch: z.object({ ...assignment, note: note.optional() }).refine(leadIsNotCo, leadIsNotCoIssue),
  accept: z.object({ note: note.optional() }),
  return: z.object({ reason: note, suggestedUnitId: id.optional() }),
  contact: z.object({ note, method: z.enum(CONTACT_METHODS).optional() }),
  progress: z.object({ note }),
  extension_request: z.object({ workingDays, reason: note }),
  /** A supervisor may grant fewer days than asked, never more (that would be a new request). */
  extension_approve: z.object({ workingDays: workingDays.optional(), note: note.optional() }),
  extension_reject: z.object({ reason: note.optional() }),
  reply: z.object({ text: text(4000) }),
  visit: z.object({ solved: z.boolean(), satisfaction: z.enum(SATISFACTION_LEVELS), comment: note.optional() }),
  /** Reason is optional after a visit, required when closing without one (see rules.ts). */
  close: z.object({ reason: note.optional() }),
  reopen: z.object({ reason: note }),
  merge: z.object({ parentId: id }),
  invalidate: z.object({ reason: note }),
  /** Undo of `invalidate` after review (DESIGN §7: abuse flags are reviewable). */
  restore: z.object({ reason: note }),
  /** The supervisor's ruling on a disputed return names the unit that must handle it, and why. */
  arbitrate: z.object({ ...assignment, note }).refine(leadIsNotCo, leadIsNotCoIssue),
  /**
   * A supervisor takes the case from the unit holding it and sends it to another (改派), e.g. an
   * overdue case the unit cannot handle. Always with a reason: the unit loses its case.
   */
  redispatch: z.object({ ...assignment, reason: note }).refine(leadIsNotCo, leadIsNotCoIssue),
};

export type ActionType = keyof typeof schemas;
export type ActionPayload<A extends ActionType> = z.output<(typeof schemas)[A]>;
export type ActionInput<A extends ActionType> = z.input<(typeof schemas)[A]>;

/**
 * Typed as a mapped type so that `ACTION_SCHEMAS[a]` for a generic `a` keeps its link to
 * `ActionPayload<a>`; indexing the plain object would widen to the union of all payloads.
 */
export const ACTION_SCHEMAS: { readonly [A in ActionType]: z.ZodType<ActionPayload<A>, ActionInput<A>> } = schemas;

/** Declaration order is the order buttons appear in (`allowedActions`). */
export const ACTION_TYPES = Object.keys(schemas) as ActionType[];

export function isActionType(value: string): value is ActionType {
  return Object.hasOwn(schemas, value);
}

/** One requested transition: the verb and its request body. */
export type CaseAction = { [A in ActionType]: { type: A; payload: ActionInput<A> } }[ActionType];

/**
 * The payload field that is the justification of the act; it becomes `event.reason` and a
 * missing required one is refused as REASON_REQUIRED rather than a generic validation error, so
 * the screens can point at the one box that matters. `required` repeats what the schema says,
 * for the generated docs; a test keeps the two in step.
 */
export const REASON_FIELD: { readonly [A in ActionType]?: { field: 'reason' | 'note'; required: boolean } } = {
  return: { field: 'reason', required: true },
  extension_request: { field: 'reason', required: true },
  extension_reject: { field: 'reason', required: false },
  close: { field: 'reason', required: false },
  reopen: { field: 'reason', required: true },
  invalidate: { field: 'reason', required: true },
  restore: { field: 'reason', required: true },
  arbitrate: { field: 'note', required: true },
  redispatch: { field: 'reason', required: true },
};
