/** Staff roles (DESIGN §2). Citizens have no account and therefore no role. */
export const ROLES = ['operator', 'handler', 'supervisor', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
