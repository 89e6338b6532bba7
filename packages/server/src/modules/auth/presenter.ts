import { z } from 'zod';
import { PLATFORM_ROLES, ROLES } from '@openline/core';
import type { SessionUser } from './service.js';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  platformRoles: z.array(z.enum(PLATFORM_ROLES)).describe('platform_admin: may set up jurisdictions'),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
});

export function presentUser(user: SessionUser): z.infer<typeof userSchema> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    platformRoles: user.platformRoles,
    orgUnitId: user.orgUnitId,
    orgUnitName: user.orgUnitName,
  };
}
