import type { CaseStatus } from '../case-status.js';
import type { ActionPayload, ActionType, Satisfaction } from './actions.js';
import { NOW, type CaseChanges, type CaseState, type DecideContext, type Denial, type EventPayload } from './types.js';

/** What an act does beyond moving the status; `decide` wraps it into the event and result. */
export interface Effect {
  changes: CaseChanges;
  /** Facts for the event payload beyond the request body (e.g. which unit returned it). */
  extra?: EventPayload;
  /** Only for rules with an `alt` outcome: which of the two targets this act reaches. */
  toStatus?: CaseStatus;
}

interface EffectInput<A extends ActionType> {
  state: CaseState;
  payload: ActionPayload<A>;
  context: DecideContext;
  from: CaseStatus;
}

type EffectFn<A extends ActionType> = (input: EffectInput<A>) => Effect | Denial;

/** Both count towards the satisfaction rate (DESIGN §6), so both may end the case. */
const CONTENT: readonly Satisfaction[] = ['satisfied', 'basically_satisfied'];

/** Side states the parent must not be in: a merge target has to be a live case. */
const DEAD_END: readonly CaseStatus[] = ['merged', 'closed', 'invalid'];

/** A new unit holds the case: it must contact the citizen afresh and gets fresh deadlines. */
function assign(leadUnitId: string, coUnitIds: readonly string[] | undefined): CaseChanges {
  return {
    leadUnitId,
    coUnitIds: coUnitIds ?? [],
    awaitingArbitration: false,
    contactedAt: null,
    deadlines: { kind: 'start' },
  };
}

/** Leaving the active flow: nothing to chase, nothing pending. */
const ended: CaseChanges = { pendingExtension: null, awaitingArbitration: false, deadlines: { kind: 'stop' } };

function refuse(code: Denial['code'], message: string): Denial {
  return { ok: false, code, message };
}

export const EFFECTS: { readonly [A in ActionType]: EffectFn<A> } = {
  triage: () => ({ changes: {} }),

  answer_directly: ({ payload }) => ({
    changes: { ...ended, replyText: payload.text, closedAt: NOW, closedAtIntake: true },
  }),

  dispatch: ({ payload }) => ({ changes: assign(payload.leadUnitId, payload.coUnitIds) }),

  arbitrate: ({ payload, state }) => ({
    changes: assign(payload.leadUnitId, payload.coUnitIds),
    extra: { bounceCount: state.bounceCount },
  }),

  /**
   * Not a return: the bounce count stays (the unit did not refuse it). A pending extension was the
   * old unit's request and dies with its hold on the case. The same unit again is no re-dispatch.
   */
  redispatch: ({ payload, state }) => {
    if (payload.leadUnitId === state.leadUnitId) {
      return { ok: false, code: 'INVALID_PAYLOAD', message: 're-dispatch names another unit', details: [{ path: 'leadUnitId', message: 'the case is already with this unit' }] };
    }
    return {
      changes: { ...assign(payload.leadUnitId, payload.coUnitIds), pendingExtension: null },
      extra: { fromUnitId: state.leadUnitId },
    };
  },

  accept: () => ({ changes: { deadlineMet: 'accept' } }),

  /**
   * 首接负责: the first return puts the case back in the pool; any later one (the count is never
   * reset, so this includes a return after an arbitration) goes to a supervisor instead.
   */
  return: ({ state }) => {
    const bounceCount = state.bounceCount + 1;
    const toArbitration = state.bounceCount >= 1;
    return {
      changes: { leadUnitId: null, coUnitIds: [], bounceCount, awaitingArbitration: toArbitration, deadlines: { kind: 'stop' } },
      extra: { returnedByUnitId: state.leadUnitId, bounceCount, toArbitration },
    };
  },

  /** Only the first contact since dispatch stamps the case and meets the contact deadline. */
  contact: ({ state }) => ({
    changes: state.contacted ? {} : { contactedAt: NOW, deadlineMet: 'contact' },
    extra: { firstContact: !state.contacted },
  }),

  progress: () => ({ changes: {} }),

  extension_request: ({ payload }) => ({
    changes: { pendingExtension: { workingDays: payload.workingDays, reason: payload.reason } },
  }),

  extension_approve: ({ payload, state }) => {
    const requested = state.pendingExtension?.workingDays ?? 0;
    const granted = payload.workingDays ?? requested;
    if (granted > requested) {
      return refuse('EXTENSION_EXCEEDS_REQUEST', `the unit asked for ${requested} working days; grant at most that`);
    }
    return {
      changes: { pendingExtension: null, deadlines: { kind: 'extend', workingDays: granted } },
      extra: { workingDays: granted, requestedWorkingDays: requested },
    };
  },

  extension_reject: () => ({ changes: { pendingExtension: null } }),

  /** Replying ends the handling: an extension still pending is moot and withdrawn. */
  reply: ({ payload, state }) => ({
    changes: { replyText: payload.text, repliedAt: NOW, pendingExtension: null, deadlineMet: 'resolve' },
    extra: { extensionWithdrawn: state.pendingExtension !== null },
  }),

  /**
   * A solved, (basically) satisfied visit closes the case in the same step: one transition
   * replied → closed, one `visited` event with `autoClosed: true`. One event, because it is one
   * act by one person; a synthetic `closed` event would invent a second actor and instant.
   */
  visit: ({ payload }) => {
    const autoClose = payload.solved && CONTENT.includes(payload.satisfaction);
    const visit = { solved: payload.solved, satisfaction: payload.satisfaction, comment: payload.comment ?? null };
    const changes: CaseChanges = { visit, visitedAt: NOW };
    return autoClose
      ? { changes: { ...changes, ...ended, closedAt: NOW }, extra: { autoClosed: true }, toStatus: 'closed' }
      : { changes, extra: { autoClosed: false }, toStatus: 'visited' };
  },

  /** Closing without a visit is the exception (citizen unreachable) and must say why. */
  close: ({ payload, from }) => {
    if (from === 'replied' && payload.reason === undefined) {
      return refuse('REASON_REQUIRED', 'closing without a return visit needs a reason');
    }
    return { changes: { ...ended, closedAt: NOW }, extra: { withoutVisit: from === 'replied' } };
  },

  /** Back to the same lead unit, which must contact the citizen again under new deadlines. */
  reopen: ({ state }) => ({
    changes: {
      closedAt: null,
      visit: null,
      visitedAt: null,
      contactedAt: null,
      deadlines: { kind: 'start' },
    },
    extra: { leadUnitId: state.leadUnitId },
  }),

  merge: ({ payload, state, context }) => {
    const parent = context.parent;
    if (payload.parentId === state.id) return refuse('MERGE_INTO_SELF', 'a case cannot be merged into itself');
    if (parent === undefined || parent.id !== payload.parentId) {
      return refuse('MERGE_PARENT_REQUIRED', 'the parent case must be loaded to merge into it');
    }
    if (DEAD_END.includes(parent.status)) {
      return refuse('MERGE_PARENT_NOT_OPEN', `cannot merge into a case that is ${parent.status}`);
    }
    return { changes: { ...ended, parentId: parent.id, reparentChildrenTo: parent.id } };
  },

  invalidate: ({ payload }) => ({ changes: { ...ended, invalidReason: payload.reason } }),

  /** Restored cases re-enter intake with their history; the bounce count still stands. */
  restore: () => ({ changes: { invalidReason: null, leadUnitId: null, coUnitIds: [], contactedAt: null } }),
};
