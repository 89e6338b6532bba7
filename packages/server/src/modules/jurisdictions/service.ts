import type { CreatedJurisdiction, JurisdictionSummary, PlatformRole, Role } from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { assertPlatformRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { hashPassword } from '../auth/password.js';
import type { SessionUser } from '../auth/service.js';
import { insertJurisdiction } from '../org/repository.js';
import { seedDefaultCategories } from '../categories/seed.js';
import { createOrgUnit, insertUserWithHash, ORG_UNIT_KINDS } from '../org/service.js';
import { usernameTaken } from '../users/repository.js';
import { jurisdictionCodeTaken, listJurisdictions } from './repository.js';

/** An IANA zone the runtime knows: case numbers and deadlines are counted in it. */
const timeZone = z.string().trim().min(1).max(64).refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, { message: 'unknown IANA time zone' });

export const newJurisdictionSchema = z.object({
  code: z.string().trim().regex(/^[a-z0-9-]{2,32}$/, 'lower-case letters, digits and -; 2–32 characters').describe('stable short name, e.g. hangzhou'),
  name: z.string().trim().min(1).max(100),
  timezone: timeZone.default('Asia/Shanghai'),
  rootUnit: z.object({ name: z.string().trim().min(1).max(100), kind: z.enum(ORG_UNIT_KINDS).default('city') }).describe('the top of its org tree'),
  firstAdmin: z
    .object({
      username: z.string().trim().regex(/^[a-z0-9._-]{3,32}$/, 'lower-case letters, digits, . _ -; 3–32 characters'),
      displayName: z.string().trim().min(1).max(50),
      password: z.string().min(10).max(256).describe('at least 10 characters'),
    })
    .optional()
    .describe('its first admin, placed in the root unit'),
});
export type NewJurisdiction = z.output<typeof newJurisdictionSchema>;

/**
 * Who sets up a jurisdiction: a signed-in platform admin, or the install command run on the
 * server itself (`npm run create-admin`, before any account exists), which is trusted as the
 * machine's operator is.
 */
export type PlatformActor = { kind: 'user'; user: SessionUser; ip: string } | { kind: 'install' };

/**
 * A new jurisdiction (a city of the province) with the root of its org tree and, optionally, its
 * first admin, in one unit of work with its audit entries: a failure leaves nothing half set up.
 * `platformAdmin` makes that first admin a platform admin too; only the install command needs it
 * (the HTTP route does not offer it).
 */
export async function createJurisdiction(
  ctx: AppContext,
  options: { actor: PlatformActor; input: NewJurisdiction & { firstAdmin?: { platformAdmin?: boolean | undefined } | undefined } },
): Promise<CreatedJurisdiction> {
  const { actor, input } = options;
  if (actor.kind === 'user') assertPlatformRole(actor.user, 'platform_admin');
  const admin = input.firstAdmin;
  // Hashing takes tens of milliseconds: done before the transaction holds the database.
  const passwordHash = admin ? await hashPassword(admin.password) : null;
  const actorUserId = actor.kind === 'user' ? actor.user.id : null;
  const ip = actor.kind === 'user' ? actor.ip : undefined;

  return inTransaction(ctx, async ({ db }) => {
    if (await jurisdictionCodeTaken(db, input.code)) {
      throw new AppError('CONFLICT', 'Another jurisdiction has this code', [{ path: 'code', message: 'taken' }]);
    }
    if (admin && (await usernameTaken(db, admin.username))) {
      throw new AppError('CONFLICT', 'That username is taken', [{ path: 'firstAdmin.username', message: 'taken' }]);
    }
    const jurisdiction = { id: newId(), code: input.code, name: input.name, timezone: input.timezone, createdAt: nowIso() };
    await insertJurisdiction(db, { id: jurisdiction.id, code: jurisdiction.code, name: jurisdiction.name, timezone: jurisdiction.timezone, created_at: jurisdiction.createdAt });
    const root = await createOrgUnit(db, { jurisdictionId: jurisdiction.id, parentId: null, name: input.rootUnit.name, kind: input.rootUnit.kind });
    // A new city starts with the default category tree (ADR 0026); its admin edits from there.
    await seedDefaultCategories(db, jurisdiction.id);
    // The audit entries belong to the new jurisdiction: its admins see who set it up, other jurisdictions do not.
    const audit = { jurisdictionId: jurisdiction.id, actorUserId, ...(ip !== undefined && { ip }) };
    await appendAudit(db, {
      ...audit, action: 'platform.jurisdiction_create', targetType: 'jurisdiction', targetId: jurisdiction.id,
      detail: { code: input.code, name: input.name, timezone: input.timezone, rootUnitId: root.id, via: actor.kind, firstAdmin: admin?.username ?? null },
    });
    let firstAdmin: CreatedJurisdiction['firstAdmin'] = null;
    if (admin && passwordHash) {
      const roles: Array<Role | PlatformRole> = admin.platformAdmin ? ['admin', 'platform_admin'] : ['admin'];
      const { id } = await insertUserWithHash(db, {
        jurisdictionId: jurisdiction.id, orgUnitId: root.id, username: admin.username, displayName: admin.displayName, passwordHash, roles,
      });
      await appendAudit(db, {
        ...audit, action: 'user.create', targetType: 'user', targetId: id, detail: { username: admin.username, roles, orgUnitId: root.id },
      });
      firstAdmin = { id, username: admin.username };
    }
    return { ...jurisdiction, rootUnit: { id: root.id, name: input.rootUnit.name, kind: input.rootUnit.kind }, firstAdmin };
  });
}

/** Every jurisdiction on the platform, oldest first (the first is the one public pages serve). */
export async function listAllJurisdictions(ctx: AppContext, options: { user: SessionUser }): Promise<JurisdictionSummary[]> {
  assertPlatformRole(options.user, 'platform_admin');
  return listJurisdictions(ctx.db);
}
