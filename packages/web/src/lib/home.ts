/**
 * Where a signed-in user starts: a handler on their unit's queue, everyone else on the case list.
 * Lives outside the staff chunk because the root redirect needs it before that chunk loads.
 */
export function homePath(roles: readonly string[]): string {
  if (roles.includes('handler') && !roles.includes('operator')) return '/workbench';
  return '/cases';
}
