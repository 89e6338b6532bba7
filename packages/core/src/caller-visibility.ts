import type { Role } from './roles.js';

/**
 * How much of a caller's identity (name, phone, address, ID number) a staff member may see on a
 * case they can already see (ADR 0006):
 * - `hidden`: nothing, not even masked; screens say the reporter is protected;
 * - `masked`: 138****5678, 张*;
 * - `revealable`: masked, and the full identity on an audited reveal.
 */
export type CallerVisibility = 'hidden' | 'masked' | 'revealable';

/** Who is looking: their roles, the kind of org unit they sit in, and whether a program is. */
export interface CallerViewer {
  roles: readonly Role[] | readonly string[];
  orgUnitKind: string;
  /** An integration signed in with an API token rather than a person. */
  viaApiToken?: boolean | undefined;
}

/**
 * Roles whose work on an ordinary case needs the caller's real number: operators call back and
 * visit, supervisors chase and visit, handlers contact the citizen.
 */
const ORDINARY_REVEAL_ROLES: readonly string[] = ['operator', 'supervisor', 'handler'];

/**
 * A tip-line reporter (举报人, DESIGN §1) is seen only by the hotline centre's operators, who
 * take the report and give the reporter feedback. Nobody in a department — the unit that works
 * the tip included, its supervisors, officials, admins of the tree — ever sees them, not even
 * masked: a masked number and a name's first character already narrow a small town's suspects.
 * The operator role alone is not enough: an operator account placed in a department does not
 * carry the reporter there. Nor is an integration (API token) a person at intake: a program
 * copying cases out is exactly how a reporter would leak, whatever account it acts as.
 */
export function mayKnowProtectedCaller(viewer: CallerViewer): boolean {
  return viewer.viaApiToken !== true && viewer.orgUnitKind === 'centre' && viewer.roles.includes('operator');
}

/**
 * The one rule every screen, list, search hit, export and report goes through. `callerProtected`
 * is a property of the case, fixed when it was opened (a case taken on a tip line), so changing a
 * line's mode later never exposes the reporters it already has.
 */
export function callerVisibility(callerProtected: boolean, viewer: CallerViewer): CallerVisibility {
  if (callerProtected) return mayKnowProtectedCaller(viewer) ? 'revealable' : 'hidden';
  return viewer.roles.some((r) => ORDINARY_REVEAL_ROLES.includes(r)) ? 'revealable' : 'masked';
}
