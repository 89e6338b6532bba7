import type { SessionUser } from '../auth/service.js';
import { supervisesWholeJurisdiction } from '../cases/policy.js';

/**
 * Which notices and orders a person sees: admins and city-level supervisors all; handlers and
 * other supervisors those addressed to their unit's subtree; nobody else (false).
 */
export function supervisionScope(user: SessionUser): string | null | false {
  if (user.roles.includes('admin') || supervisesWholeJurisdiction(user)) return null;
  if (user.roles.includes('handler') || user.roles.includes('supervisor')) return user.orgUnitPath;
  return false;
}

/**
 * Does the person act for the unit a notice or order is addressed to: a handler or supervisor of
 * that unit or of a unit above it (a bureau answers for its section). Not the city office's
 * supervisors, whose unit sits above every other: they watch the units, they do not sign or
 * answer for them (issue 12 §1), except for what is addressed to their own unit.
 */
export function actsForUnit(user: SessionUser, unitPath: string | null): boolean {
  if (unitPath === null) return false;
  if (!user.roles.includes('handler') && !user.roles.includes('supervisor')) return false;
  if (!unitPath.startsWith(user.orgUnitPath)) return false;
  const cityOffice = supervisesWholeJurisdiction(user) || user.orgUnitPath.split('/').filter(Boolean).length <= 1;
  return !cityOffice || unitPath === user.orgUnitPath;
}
