import { isPlatformRole, isRole, type Role } from '@openline/core';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { unlessTaken } from '../../lib/conflicts.js';
import { nowIso } from '../../lib/ids.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { hashPassword } from '../auth/password.js';
import { forgetSessions, type SessionUser } from '../auth/service.js';
import { insertUserWithHash } from '../org/service.js';
import { deleteSessionsOf, listUsersWithUnits, replaceRoles, rolesByUser, updateUserRow, usernameTaken } from './repository.js';

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitId: string;
  orgUnitName: string;
  status: 'active' | 'disabled';
}

export async function listStaff(ctx: AppContext, options: { user: SessionUser; userId?: string }): Promise<StaffUser[]> {
  assertRole(options.user, ['admin']);
  const rows = await listUsersWithUnits(ctx.db, options.user.jurisdictionId, options.userId);
  const roles = await rolesByUser(ctx.db, rows.map((r) => r.id));
  // The jurisdiction's roles only: platform roles are not the jurisdiction admin's to grant or see.
  return rows.map((r) => ({ ...r, roles: (roles.get(r.id) ?? []).filter(isRole) }));
}

const usernameConflict = (): AppError => new AppError('CONFLICT', 'That username is taken', [{ path: 'username', message: 'taken' }]);

async function one(ctx: AppContext, admin: SessionUser, id: string): Promise<StaffUser> {
  const [found] = await listStaff(ctx, { user: admin, userId: id });
  if (!found) throw new AppError('NOT_FOUND', 'No such user');
  return found;
}

export async function createStaff(
  ctx: AppContext,
  options: { user: SessionUser; ip: string; input: { username: string; displayName: string; password: string; roles: Role[]; orgUnitId: string } },
): Promise<StaffUser> {
  const { user: admin, input } = options;
  assertRole(admin, ['admin']);
  await assertReferences(ctx.db, admin.jurisdictionId, [{ kind: 'unit', path: 'orgUnitId', id: input.orgUnitId }]);
  const passwordHash = await hashPassword(input.password);
  const id = await inTransaction(ctx, async ({ db }) => {
    if (await usernameTaken(db, input.username)) throw usernameConflict();
    // Two admins creating one username at once: the second meets the unique index, not a 500.
    const created = await unlessTaken(() => insertUserWithHash(db, { ...input, passwordHash, jurisdictionId: admin.jurisdictionId }), usernameConflict);
    await appendAudit(db, {
      jurisdictionId: admin.jurisdictionId, actorUserId: admin.id, action: 'user.create', targetType: 'user', targetId: created.id, ip: options.ip,
      detail: { username: input.username, roles: input.roles, orgUnitId: input.orgUnitId },
    });
    return created.id;
  });
  return one(ctx, admin, id);
}

/**
 * A platform admin's account lives in a jurisdiction, but its password, status and unit are not
 * that jurisdiction's admin's to change: whoever could reset it would hold every jurisdiction.
 */
async function assertPlatformAccountUntouched(ctx: AppContext, admin: SessionUser, userId: string): Promise<void> {
  const roles = (await rolesByUser(ctx.db, [userId])).get(userId) ?? [];
  if (roles.some(isPlatformRole) && !admin.platformRoles.includes('platform_admin')) {
    throw new AppError('FORBIDDEN', 'This account administers the platform; only a platform admin may change it');
  }
}

/**
 * Changes to a staff account. Role and unit changes are permission changes and are audited
 * with before and after; disabling or a password reset also ends the user's sessions.
 */
export async function updateStaff(
  ctx: AppContext,
  options: {
    user: SessionUser;
    ip: string;
    userId: string;
    input: { displayName?: string | undefined; roles?: Role[] | undefined; orgUnitId?: string | undefined; status?: 'active' | 'disabled' | undefined; password?: string | undefined };
  },
): Promise<StaffUser> {
  const { user: admin, input } = options;
  assertRole(admin, ['admin']);
  const before = await one(ctx, admin, options.userId);
  await assertPlatformAccountUntouched(ctx, admin, before.id);
  await assertReferences(ctx.db, admin.jurisdictionId, [{ kind: 'unit', path: 'orgUnitId', id: input.orgUnitId }]);
  if (options.userId === admin.id && (input.status === 'disabled' || (input.roles && !input.roles.includes('admin')))) {
    throw new AppError('CONFLICT', 'You cannot disable yourself or remove your own admin role');
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await inTransaction(ctx, async ({ db: trx }) => {
    await updateUserRow(trx, before.id, {
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.orgUnitId !== undefined && { org_unit_id: input.orgUnitId }),
      ...(input.status !== undefined && { status: input.status }),
      ...(passwordHash !== undefined && { password_hash: passwordHash }),
      updated_at: nowIso(),
    });
    if (input.roles) await replaceRoles(trx, before.id, input.roles);
    if (input.status === 'disabled' || passwordHash !== undefined) await deleteSessionsOf(trx, before.id);
    await appendAudit(trx, {
      jurisdictionId: admin.jurisdictionId, actorUserId: admin.id, action: 'user.update', targetType: 'user', targetId: before.id, ip: options.ip,
      detail: {
        before: { roles: before.roles, orgUnitId: before.orgUnitId, status: before.status },
        after: { roles: input.roles ?? before.roles, orgUnitId: input.orgUnitId ?? before.orgUnitId, status: input.status ?? before.status },
        passwordReset: passwordHash !== undefined,
      },
    });
  });
  // Committed: this process's remembered sessions must not outlive the change (ADR 0078).
  forgetSessions(ctx);
  return one(ctx, admin, before.id);
}
