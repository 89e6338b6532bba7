import type { SessionUser } from '../auth/service.js';
import { supervisesWholeJurisdiction } from '../cases/policy.js';

/**
 * Caller flags are the hotline centre's tool (ADR 0036): a flag is about a person across all
 * their cases, so only people who see the whole jurisdiction's cases work with flags. A
 * department's handler or supervisor never sees one: it would tell them how a caller is treated
 * elsewhere, and a flag must not colour how a unit works a case.
 */
export function mayReadCallerFlags(user: SessionUser): boolean {
  // How a person is treated is for people to decide and read, not for a program copying data out.
  if (user.viaApiToken === true) return false;
  return user.roles.includes('operator') || user.roles.includes('admin') || supervisesWholeJurisdiction(user);
}

/** Operators flag abuse from the call they just took; supervisors from what they review. */
export function mayRaiseAbuseFlag(user: SessionUser): boolean {
  return user.viaApiToken !== true && user.roles.includes('operator') || supervisesWholeJurisdiction(user);
}

/** A flag changes where someone's calls ring: a supervisor of the whole hotline confirms or lifts it. */
export function mayReviewCallerFlags(user: SessionUser): boolean {
  return user.viaApiToken !== true && supervisesWholeJurisdiction(user);
}

/** Who the designated handler (专席) is: the centre's supervisors or an admin decide. */
export function mayDesignateHandler(user: SessionUser): boolean {
  return user.viaApiToken !== true && user.roles.includes('admin') || supervisesWholeJurisdiction(user);
}
