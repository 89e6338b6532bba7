import type { SessionUserView } from '@openline/core';
import type { SessionUser } from './service.js';

export function presentUser(user: SessionUser): SessionUserView {
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
