import type { SessionUser } from '../auth/service.js';
import type { CaseScope } from './repository.js';

/**
 * Who may see which cases (DESIGN §2). Declarative and in one place: services ask the policy,
 * repositories apply the scope. Operators take calls for the whole jurisdiction and
 * supervisors oversee it; handlers see their unit and its children; officials also see the
 * cases that came in on their own published lines. Several roles: the widest scope wins.
 */
const JURISDICTION_WIDE = ['operator', 'supervisor', 'admin'] as const;

export function caseListScope(user: SessionUser): CaseScope | null {
  if (user.roles.some((r) => (JURISDICTION_WIDE as readonly string[]).includes(r))) {
    return { kind: 'jurisdiction', jurisdictionId: user.jurisdictionId };
  }
  if (user.roles.includes('official')) {
    return { kind: 'units', jurisdictionId: user.jurisdictionId, unitPath: user.orgUnitPath, ownerUserId: user.id };
  }
  if (user.roles.includes('handler')) {
    return { kind: 'units', jurisdictionId: user.jurisdictionId, unitPath: user.orgUnitPath, ownerUserId: null };
  }
  return null;
}

const INTAKE_ROLES = ['operator', 'admin'] as const;

export function canRecordIntake(user: SessionUser): boolean {
  return user.roles.some((r) => (INTAKE_ROLES as readonly string[]).includes(r));
}
