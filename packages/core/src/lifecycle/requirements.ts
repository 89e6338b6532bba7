import type { Requirement, TransitionRule } from './table.js';
import type { Actor, CaseState, Denial, DenialCode, Performer } from './types.js';

/** The parties this actor counts as for this case. */
export function performersOf(actor: Actor): Set<Performer> {
  const parties = new Set<Performer>();
  if (actor.roles.includes('operator')) parties.add('operator');
  if (actor.roles.includes('supervisor')) parties.add('supervisor');
  if (actor.roles.includes('handler') && actor.isLeadUnitMember === true) parties.add('lead_handler');
  if (actor.citizen === true) parties.add('citizen');
  if (actor.system === true) parties.add('system');
  return parties;
}

function deny(code: DenialCode, message: string): Denial {
  return { ok: false, code, message };
}

/**
 * May this actor use this rule? A handler outside the lead unit gets NOT_LEAD_UNIT rather than
 * FORBIDDEN_ROLE: the role is right, the case is someone else's, and the screens say so.
 */
export function checkPerformer(rule: TransitionRule, actor: Actor): Denial | null {
  const parties = performersOf(actor);
  if (rule.by.some((p) => parties.has(p))) return null;
  if (rule.by.includes('lead_handler') && actor.roles.includes('handler')) {
    return deny('NOT_LEAD_UNIT', `only a handler of the case's lead unit may ${rule.action} it`);
  }
  return deny('FORBIDDEN_ROLE', `${rule.action} is for ${rule.by.join(' or ')}`);
}

const REQUIREMENTS: Readonly<Record<Requirement, { holds: (s: CaseState) => boolean; code: DenialCode; message: string }>> = {
  awaiting_arbitration: {
    holds: (s) => s.awaitingArbitration,
    code: 'NOT_AWAITING_ARBITRATION',
    message: 'only a repeatedly returned case goes to arbitration; dispatch it instead',
  },
  no_pending_extension: {
    holds: (s) => s.pendingExtension === null,
    code: 'EXTENSION_PENDING',
    message: 'an extension request is already waiting for a supervisor',
  },
  pending_extension: {
    holds: (s) => s.pendingExtension !== null,
    code: 'NO_PENDING_EXTENSION',
    message: 'there is no extension request to rule on',
  },
  contacted: {
    holds: (s) => s.contacted,
    code: 'CONTACT_REQUIRED',
    message: 'contact the citizen before replying',
  },
  has_lead_unit: {
    holds: (s) => s.leadUnitId !== null,
    code: 'NO_LEAD_UNIT',
    message: 'the case was never with a department (closed at intake); record a new contact instead',
  },
};

/**
 * Preconditions on the case itself, independent of the request body, so `allowedActions` and
 * `decide` agree. The arbitration lock applies to every rule out of `returned`: once a case has
 * bounced twice, only a supervisor may decide where it goes (or that it goes nowhere).
 */
export function checkCase(rule: TransitionRule, state: CaseState, actor: Actor): Denial | null {
  if (state.status === 'returned' && state.awaitingArbitration) {
    const supervisorMayAct = rule.by.includes('supervisor') && performersOf(actor).has('supervisor');
    if (!supervisorMayAct) {
      return deny('AWAITING_ARBITRATION', 'the case was returned again and awaits a supervisor’s arbitration');
    }
  }
  for (const name of rule.requires ?? []) {
    const requirement = REQUIREMENTS[name];
    if (!requirement.holds(state)) return deny(requirement.code, requirement.message);
  }
  return null;
}
