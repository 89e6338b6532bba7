import type { Role } from '@openline/core';
import { AppError } from '../errors.js';
import type { SessionUser } from '../modules/auth/service.js';

/** For services whose whole use case belongs to some roles (admin screens, mostly). */
export function assertRole(user: SessionUser, roles: readonly Role[]): void {
  if (!user.roles.some((r) => roles.includes(r))) {
    throw new AppError('FORBIDDEN', 'Your role does not allow this');
  }
}
