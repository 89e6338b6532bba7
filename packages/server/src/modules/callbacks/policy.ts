import type { SessionUser } from '../auth/service.js';
import { supervisesWholeJurisdiction } from '../cases/policy.js';
import type { CallbackScope, TaskAccessRow } from './queue-repository.js';

/**
 * Who works a line's callbacks (issue 10 §5): the line's owner and their staff, i.e. the people
 * of the line's callback unit (by default the owner's own unit; an admin may name another, such
 * as the hotline centre for a staffed line; a line nobody owns falls to the centre, core
 * callbackWorkers). Supervisors watch them, as they watch any deadline
 * (their subtree, or everything from the top or the hotline centre); admins see them all. Only
 * the owner and the staff record tries, reveal the number and close a task.
 */
export type CallbackAccess = 'work' | 'watch' | null;

function watches(user: SessionUser, unitPath: string | null): boolean {
  if (user.roles.includes('admin') || supervisesWholeJurisdiction(user)) return true;
  return user.roles.includes('supervisor') && unitPath !== null && unitPath.startsWith(user.orgUnitPath);
}

export function callbackAccess(user: SessionUser, task: Pick<TaskAccessRow, 'ownerUserId' | 'unitId' | 'unitPath'>): CallbackAccess {
  if (task.ownerUserId === user.id || (task.unitId !== null && task.unitId === user.orgUnitId)) return 'work';
  return watches(user, task.unitPath) ? 'watch' : null;
}

/** The same rule for a list, applied in SQL (queue-repository.ts). */
export function callbackScope(user: SessionUser): CallbackScope {
  const all = user.roles.includes('admin') || supervisesWholeJurisdiction(user);
  return {
    jurisdictionId: user.jurisdictionId,
    all,
    userId: user.id,
    unitId: user.orgUnitId,
    supervisedPath: !all && user.roles.includes('supervisor') ? user.orgUnitPath : null,
  };
}
