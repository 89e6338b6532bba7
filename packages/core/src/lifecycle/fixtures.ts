import type { CaseStatus } from '../case-status.js';
import type { Role } from '../roles.js';
import type { ActionInput, ActionType, CaseAction } from './actions.js';
import type { Requirement, TransitionRule } from './table.js';
import type { Actor, CaseState, Performer } from './types.js';

/**
 * Shared by the lifecycle tests (not exported from the package). Kept out of `*.test.ts` so
 * vitest does not look for tests in it.
 */

/** A valid body for every action, so exhaustive tests fail only for the reason under test. */
export const SAMPLE: { readonly [A in ActionType]: ActionInput<A> } = {
  triage: {},
  answer_directly: { text: '停水通知已在区水务局官网公布，预计今晚8点恢复。' },
  dispatch: { leadUnitId: 'unit-water', coUnitIds: ['unit-street'] },
  accept: {},
  return: { reason: '不属于本单位职责' },
  contact: { note: '已电话联系来电人', method: 'phone' },
  progress: { note: '已派人现场查看' },
  extension_request: { workingDays: 10, reason: '涉及多部门协调' },
  extension_approve: {},
  extension_reject: { reason: '可在时限内办结' },
  reply: { text: '管道已修复，供水恢复。' },
  visit: { solved: true, satisfaction: 'satisfied' },
  close: { reason: '三次回访未接通' },
  reopen: { reason: '来电人反映问题未解决' },
  merge: { parentId: 'case-parent' },
  invalidate: { reason: '无实质诉求内容' },
  restore: { reason: '复核后确认为有效诉求' },
  arbitrate: { leadUnitId: 'unit-housing', note: '经核查属住建局职责' },
  redispatch: { leadUnitId: 'unit-housing', reason: '超期未办，改派住建局' },
};

export function act<A extends ActionType>(type: A, payload?: ActionInput<A>): CaseAction {
  // The mapped union cannot be rebuilt from a generic pair; the fixture's keys make it sound.
  return { type, payload: payload ?? SAMPLE[type] } as CaseAction;
}

export const PARENT = { parent: { id: 'case-parent', status: 'dispatched' as CaseStatus } };

export function caseIn(status: CaseStatus, over: Partial<CaseState> = {}): CaseState {
  const withUnit = !['received', 'triaged', 'returned', 'invalid'].includes(status);
  return {
    id: 'case-1',
    status,
    leadUnitId: withUnit ? 'unit-water' : null,
    bounceCount: 0,
    awaitingArbitration: false,
    pendingExtension: null,
    contacted: false,
    ...over,
  };
}

/** A case in `status` that meets every precondition the rule names. */
export function readyFor(rule: TransitionRule, status: CaseStatus): CaseState {
  const meet: Record<Requirement, Partial<CaseState>> = {
    awaiting_arbitration: { awaitingArbitration: true, bounceCount: 2 },
    no_pending_extension: { pendingExtension: null },
    pending_extension: { pendingExtension: { workingDays: 10, reason: '涉及多部门协调' } },
    contacted: { contacted: true },
    has_lead_unit: { leadUnitId: 'unit-water' },
  };
  return caseIn(status, Object.assign({}, ...(rule.requires ?? []).map((r) => meet[r])) as Partial<CaseState>);
}

export const staff = (...roles: Role[]): Actor => ({ roles });
export const operator = staff('operator');
export const supervisor = staff('supervisor');
export const leadHandler: Actor = { roles: ['handler'], isLeadUnitMember: true };
export const otherHandler: Actor = { roles: ['handler'], isLeadUnitMember: false };
export const citizen: Actor = { roles: [], citizen: true };
export const system: Actor = { roles: [], system: true };

/** One actor who is exactly this party and nothing else. */
export const AS: Readonly<Record<Performer, Actor>> = {
  operator,
  supervisor,
  lead_handler: leadHandler,
  citizen,
  system,
};

/** Everyone at once: used where the test is about the status, not the actor. */
export const anybody: Actor = {
  roles: ['operator', 'handler', 'supervisor', 'official', 'admin'],
  isLeadUnitMember: true,
  citizen: true,
};
