/** Staff roles inside a jurisdiction (DESIGN §2). Citizens have no account and therefore no role. */
export const ROLES = ['operator', 'handler', 'supervisor', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Roles over the platform rather than inside a jurisdiction: a platform admin sets up
 * jurisdictions (a province's cities) and grants nothing within any of them. Kept apart from
 * ROLES so that a jurisdiction's admin, who grants ROLES, can never grant one of these.
 */
export const PLATFORM_ROLES = ['platform_admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export function isPlatformRole(value: string): value is PlatformRole {
  return (PLATFORM_ROLES as readonly string[]).includes(value);
}
