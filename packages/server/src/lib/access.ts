import type { PlatformRole, Role } from '@openline/core';
import { AppError } from '../errors.js';
import type { SessionUser } from '../modules/auth/service.js';

/** For services whose whole use case belongs to some roles (admin screens, mostly). */
export function assertRole(user: SessionUser, roles: readonly Role[]): void {
  if (!user.roles.some((r) => roles.includes(r))) {
    throw new AppError('FORBIDDEN', 'Your role does not allow this');
  }
}

/** For the platform's own use cases (setting up jurisdictions); no jurisdiction role grants them. */
export function assertPlatformRole(user: SessionUser, role: PlatformRole): void {
  if (!user.platformRoles.includes(role)) {
    throw new AppError('FORBIDDEN', 'Only a platform admin may do this');
  }
}
