import type { z } from 'zod';
import { ACTION_SCHEMAS, ACTION_TYPES, isActionType, REASON_FIELD, type ActionType, type CaseAction } from './actions.js';
import { EFFECTS } from './effects.js';
import { checkCase, checkPerformer } from './requirements.js';
import { findRule } from './table.js';
import type { Actor, CaseState, Decision, DecideContext, Denial, EventPayload } from './types.js';

type EventValue = EventPayload[string];

/**
 * Decides one transition without touching anything: the server runs it inside the transaction
 * that holds the case row, then writes `changes`, `toStatus` and exactly one event row.
 *
 * Checks run from the case outwards — is this act possible here at all (409), may this actor do
 * it (403), does the case allow it now (409), is the body right (400), do the body and the case
 * fit together — so a caller always hears about the most fundamental problem first.
 */
export function decide(state: CaseState, action: CaseAction, actor: Actor, context: DecideContext = {}): Decision {
  // Types say this cannot happen; JSON from a route can, and must not reach a table lookup.
  const type: string = action.type;
  if (!isActionType(type)) return { ok: false, code: 'UNKNOWN_ACTION', message: `unknown action ${type}` };
  return run(type, action.payload, state, actor, context);
}

function run<A extends ActionType>(type: A, body: unknown, state: CaseState, actor: Actor, context: DecideContext): Decision {
  const rule = findRule(type, state.status);
  if (rule === undefined) {
    return { ok: false, code: 'ILLEGAL_TRANSITION', message: `a ${state.status} case cannot be given ${type}` };
  }
  const refusal = checkPerformer(rule, actor) ?? checkCase(rule, state, actor);
  if (refusal) return refusal;

  const parsed = ACTION_SCHEMAS[type].safeParse(body);
  if (!parsed.success) return payloadDenial(type, parsed.error);

  const effect = EFFECTS[type]({ state, payload: parsed.data, context, from: state.status });
  if ('ok' in effect) return effect;

  const toStatus = effect.toStatus ?? rule.to;
  if (toStatus !== rule.to && toStatus !== rule.alt?.to) {
    // A programming error in effects.ts, not a user error: the table is the only authority.
    throw new Error(`lifecycle: ${type} produced ${toStatus}, which its rule does not allow`);
  }
  const data: Readonly<Record<string, EventValue | undefined>> = parsed.data;
  const reasonField = REASON_FIELD[type]?.field;
  const reason = reasonField === undefined ? undefined : data[reasonField];
  return {
    ok: true,
    action: type,
    toStatus,
    autoClose: rule.alt !== undefined && toStatus === rule.alt.to,
    event: {
      type: rule.event,
      fromStatus: state.status,
      toStatus,
      reason: typeof reason === 'string' ? reason : null,
      payload: { ...definedExcept(data, reasonField), ...effect.extra },
    },
    changes: effect.changes,
  };
}

/** The body as stored in the event: the reason lives in its own column, absent keys stay absent. */
function definedExcept(data: Readonly<Record<string, EventValue | undefined>>, omit: string | undefined): EventPayload {
  const out: EventPayload = {};
  for (const [key, value] of Object.entries(data)) {
    if (key !== omit && value !== undefined) out[key] = value;
  }
  return out;
}

function payloadDenial(type: ActionType, error: z.ZodError): Denial {
  const details = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const reasonField = REASON_FIELD[type]?.field;
  const reasonMissing = reasonField !== undefined && error.issues.some((issue) => issue.path[0] === reasonField);
  return reasonMissing
    ? { ok: false, code: 'REASON_REQUIRED', message: `${type} needs a ${reasonField}`, details }
    : { ok: false, code: 'INVALID_PAYLOAD', message: `invalid ${type} request`, details };
}

/**
 * The acts this actor may start on this case now, for the buttons on the case page. Computed
 * from the same table and preconditions as `decide`; only body-dependent checks (a reason, the
 * merge target) are left to the submit.
 */
export function allowedActions(state: CaseState, actor: Actor): ActionType[] {
  return ACTION_TYPES.filter((type) => {
    const rule = findRule(type, state.status);
    return rule !== undefined && checkPerformer(rule, actor) === null && checkCase(rule, state, actor) === null;
  });
}
