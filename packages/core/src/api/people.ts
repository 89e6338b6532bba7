import { z } from 'zod';
import { PLATFORM_ROLES, ROLES } from '../roles.js';

/* Who works in the console: the signed-in user, staff accounts, the org tree (ADR 0042). */

/** The signed-in user (`GET /api/v1/me`, and the login's answer). */
export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  platformRoles: z.array(z.enum(PLATFORM_ROLES)).describe('platform_admin: may set up jurisdictions'),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
});
export type SessionUserView = z.infer<typeof sessionUserSchema>;

/** `POST /api/v1/auth/login`, `GET /api/v1/me`. */
export const sessionAnswerSchema = z.object({ user: sessionUserSchema });
export type SessionAnswer = z.infer<typeof sessionAnswerSchema>;

/** A staff account as the admin manages it. */
export const staffAccountSchema = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(z.string()),
  orgUnitId: z.string(), orgUnitName: z.string(), status: z.enum(['active', 'disabled']),
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;

/** `GET /api/v1/admin/users`. */
export const staffAccountListSchema = z.object({ items: z.array(staffAccountSchema) });
export type StaffAccountList = z.infer<typeof staffAccountListSchema>;

/** A unit of the org tree as a user may see it. */
export const orgUnitSchema = z.object({
  id: z.string(), parentId: z.string().nullable(), name: z.string(), kind: z.string(), aliases: z.array(z.string()).describe('short names residents use'),
});
export type OrgUnitView = z.infer<typeof orgUnitSchema>;

/** `GET /api/v1/org-units`. */
export const orgUnitListSchema = z.object({ items: z.array(orgUnitSchema) });
export type OrgUnitList = z.infer<typeof orgUnitListSchema>;

/** `POST /api/v1/admin/org-units`: the unit added (no aliases yet). */
export const addedOrgUnitSchema = orgUnitSchema.omit({ aliases: true });
export type AddedOrgUnit = z.infer<typeof addedOrgUnitSchema>;

/** `PUT /api/v1/admin/org-units/:id/aliases`. */
export const orgUnitAliasesSchema = z.object({ id: z.string(), aliases: z.array(z.string()) });
export type OrgUnitAliases = z.infer<typeof orgUnitAliasesSchema>;
