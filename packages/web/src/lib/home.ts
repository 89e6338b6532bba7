/**
 * Where a signed-in user starts: an official on their desk (their lines' cases, figures,
 * instructions), a handler on their unit's queue, everyone else on the case list (operators reach
 * their own queues, 待派单 被退回 待回访, from the menu: the list with its search is what a call
 * needs first). Lives outside the staff chunk because the root redirect needs it before that
 * chunk loads.
 */
export function homePath(roles: readonly string[]): string {
  if (roles.includes('operator')) return '/cases';
  if (roles.includes('official')) return '/desk';
  if (roles.includes('handler')) return '/workbench';
  return '/cases';
}
