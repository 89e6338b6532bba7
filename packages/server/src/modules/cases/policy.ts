import type { SessionUser } from '../auth/service.js';
import type { CaseScope } from './list-repository.js';
import type { CaseAccessRow } from './repository.js';

/**
 * Who may see and do what with cases (DESIGN §2). Declarative and in one place: services ask
 * the policy, repositories apply the scope. Operators take calls for the whole jurisdiction and
 * supervisors oversee it; handlers see their unit and its children; officials also see the
 * cases that came in on their own published lines. Several roles: the widest scope wins.
 */
const JURISDICTION_WIDE = ['operator', 'admin'] as const;
const INTAKE_ROLES = ['operator', 'admin'] as const;
/**
 * Who confirms or corrects a case's vulnerability flags, and so part of its priority: the
 * hotline side that records the appeal and watches the queues (operators take the call and
 * confirm the flags at intake; supervisors oversee the order cases are worked in; admins). Not
 * handlers: the unit working a case would be setting the priority of its own work, the same
 * reason it cannot change the urgency. A handler who learns on the phone that the caller is,
 * say, disabled writes it in a progress note and the hotline updates the flags. Not officials:
 * they instruct, they do not keep the record.
 */
const VULNERABILITY_ROLES = ['operator', 'supervisor', 'admin'] as const;

const hasAny = (user: SessionUser, roles: readonly string[]): boolean => user.roles.some((r) => roles.includes(r));

/**
 * A supervisor oversees their unit's subtree (DESIGN §2). One who sits at the top of the tree
 * or in the hotline centre oversees the whole jurisdiction, cases not yet dispatched included:
 * that is where 12345 supervision (督办) is done.
 */
export function supervisesWholeJurisdiction(user: SessionUser): boolean {
  if (!user.roles.includes('supervisor')) return false;
  const depth = user.orgUnitPath.split('/').filter(Boolean).length;
  return depth <= 1 || user.orgUnitKind === 'centre';
}

export function caseListScope(user: SessionUser): CaseScope | null {
  if (hasAny(user, JURISDICTION_WIDE) || supervisesWholeJurisdiction(user)) {
    return { kind: 'jurisdiction', jurisdictionId: user.jurisdictionId };
  }
  if (user.roles.includes('official')) {
    return { kind: 'units', jurisdictionId: user.jurisdictionId, unitPath: user.orgUnitPath, ownerUserId: user.id };
  }
  if (user.roles.includes('handler') || user.roles.includes('supervisor')) {
    return { kind: 'units', jurisdictionId: user.jurisdictionId, unitPath: user.orgUnitPath, ownerUserId: null };
  }
  return null;
}

/** The same rule as caseListScope, for one case already loaded. */
export function canViewCase(user: SessionUser, row: CaseAccessRow): boolean {
  if (row.jurisdiction_id !== user.jurisdictionId) return false;
  if (hasAny(user, JURISDICTION_WIDE) || supervisesWholeJurisdiction(user)) return true;
  const inMyUnits =
    (row.leadUnitPath !== null && row.leadUnitPath.startsWith(user.orgUnitPath)) ||
    row.coUnitPaths.some((p) => p.startsWith(user.orgUnitPath));
  if ((user.roles.includes('handler') || user.roles.includes('supervisor')) && inMyUnits) return true;
  if (user.roles.includes('official') && (inMyUnits || row.lineOwnerUserId === user.id)) return true;
  return false;
}

export function canRecordIntake(user: SessionUser): boolean {
  return hasAny(user, INTAKE_ROLES);
}

// How much of a caller's identity a user sees on a case they may view is not decided here: core's
// callerVisibility, applied by caller.ts, the one exit for a caller (ADR 0006).

/** Setting a case's confirmed vulnerability flags (see VULNERABILITY_ROLES). */
export function canEditVulnerabilities(user: SessionUser, row: CaseAccessRow): boolean {
  return canViewCase(user, row) && hasAny(user, VULNERABILITY_ROLES);
}
