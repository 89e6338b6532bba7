import type { SessionUser } from '../auth/service.js';
import { canViewCase } from '../cases/policy.js';
import type { CaseAccessRow } from '../cases/repository.js';

/**
 * The official's desk (DESIGN §2: officials "see their cases, give instructions"). An instruction
 * (批示) comes from an official who may see the case; the answer from a handler of the unit that
 * leads it now (so a re-dispatched case's new unit answers what is still open). Following (关注)
 * is open to anyone who may see the case: being told of its steps reveals nothing more.
 */
export function mayInstruct(user: SessionUser, row: CaseAccessRow): boolean {
  return user.roles.includes('official') && canViewCase(user, row);
}

export function mayAnswerInstruction(user: SessionUser, row: CaseAccessRow): boolean {
  const inLeadUnit = row.leadUnitPath !== null && row.leadUnitPath.startsWith(user.orgUnitPath);
  return user.roles.includes('handler') && inLeadUnit;
}

/** Operators' queues: the hotline side that dispatches and makes return visits (and admins). */
export function mayUseOperatorQueues(user: SessionUser): boolean {
  return user.roles.includes('operator') || user.roles.includes('admin');
}
