import type { PlatformRole, Role } from '@openline/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { DEMO_PASSWORD } from '../demo/staff.js';
import { AppError } from '../errors.js';
import type { AppContext } from '../lib/app-context.js';
import { inTransaction } from '../lib/unit-of-work.js';
import { appendAudit } from '../modules/audit/repository.js';
import { createOrgUnit, createUser } from '../modules/org/service.js';
import { createFirstJurisdiction } from './first-jurisdiction.js';
import { findFirstJurisdiction, findJurisdictionByCode, findRootUnit, usernameExists } from './repository.js';

/** An administrator's password: longer than staff's minimum (10), since this account can do everything. */
export const ADMIN_PASSWORD_MIN_LENGTH = 12;
const USERNAME = /^[a-z0-9._-]{3,32}$/;
const JURISDICTION_CODE = /^[a-z0-9][a-z0-9-]{1,31}$/;

export interface CreateAdminInput {
  username: string;
  displayName: string;
  password: string;
  /** Which jurisdiction: the one with this code, else the first one; created when none exists. */
  jurisdiction: { code?: string | undefined; name: string; timezone: string; rootUnitName?: string | undefined };
}

export interface CreatedAdmin {
  userId: string;
  username: string;
  jurisdiction: { id: string; code: string; name: string; created: boolean };
  orgUnit: { id: string; name: string };
}

const invalid = (path: string, message: string): AppError => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

function validate(input: CreateAdminInput): void {
  if (!USERNAME.test(input.username)) throw invalid('username', 'Username: lower-case letters, digits, . _ -; 3–32 characters');
  if (input.displayName.trim().length === 0) throw invalid('displayName', 'Display name must not be empty');
  if (input.password.length < ADMIN_PASSWORD_MIN_LENGTH) {
    throw invalid('password', `Password too short: an administrator's needs at least ${ADMIN_PASSWORD_MIN_LENGTH} characters`);
  }
  if (input.password.length > 256) throw invalid('password', 'Password too long: at most 256 characters');
  const lowered = input.password.trim().toLowerCase();
  if (lowered === DEMO_PASSWORD || lowered === input.username || new Set(lowered).size < 4) {
    throw invalid('password', 'Password too weak: not the username, the published demo password or a repeated character');
  }
  const { code, timezone } = input.jurisdiction;
  if (code !== undefined && !JURISDICTION_CODE.test(code)) throw invalid('jurisdictionCode', 'Jurisdiction code: lower-case letters, digits and -, 2–32 characters');
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw invalid('timezone', `Unknown time zone ${timezone} (an IANA name such as Asia/Shanghai)`);
  }
}

/** The jurisdiction the admin joins, and the root unit of its tree; creates what is missing. */
async function placeFor(trx: Transaction<DB>, input: CreateAdminInput['jurisdiction']) {
  const existing = input.code !== undefined ? await findJurisdictionByCode(trx, input.code) : await findFirstJurisdiction(trx);
  if (!existing) {
    if (input.code === undefined || (await findFirstJurisdiction(trx)) === undefined) {
      const created = await createFirstJurisdiction(trx, {
        code: input.code ?? 'city',
        name: input.name,
        timezone: input.timezone,
        rootUnitName: input.rootUnitName ?? input.name,
      });
      return { jurisdiction: { ...created, created: true }, orgUnit: { id: created.rootUnitId, name: input.rootUnitName ?? input.name } };
    }
    throw invalid('jurisdictionCode', `No jurisdiction has the code ${input.code}; leave it out to use the first one`);
  }
  const root = await findRootUnit(trx, existing.id);
  const orgUnit = root ?? {
    name: input.rootUnitName ?? existing.name,
    id: (await createOrgUnit(trx, { jurisdictionId: existing.id, parentId: null, name: input.rootUnitName ?? existing.name, kind: 'city' })).id,
  };
  return { jurisdiction: { ...existing, created: false }, orgUnit };
}

/**
 * Creates an administrator from the command line (`npm run create-admin`): how a real install
 * gets its first account, since it has no demo and no default admin. Creates the first
 * jurisdiction and its root unit when the database has none; refuses a taken username or a weak
 * password; audited like an admin creating a user, with no actor.
 */
export async function createAdministrator(ctx: Pick<AppContext, 'db'>, input: CreateAdminInput): Promise<CreatedAdmin> {
  validate(input);
  return inTransaction(ctx, async ({ db: trx }) => {
    if (await usernameExists(trx, input.username)) {
      throw new AppError('CONFLICT', `The username ${input.username} is taken; choose another with --username`, [{ path: 'username', message: 'taken' }]);
    }
    const place = await placeFor(trx, input.jurisdiction);
    // The first administrator of a fresh install runs the deployment too: deployment-wide
    // settings (rate limits) and further jurisdictions are a platform admin's (ADR 0010).
    const roles: Array<Role | PlatformRole> = place.jurisdiction.created ? ['admin', 'platform_admin'] : ['admin'];
    const { id } = await createUser(trx, {
      jurisdictionId: place.jurisdiction.id,
      orgUnitId: place.orgUnit.id,
      username: input.username,
      displayName: input.displayName.trim(),
      password: input.password,
      roles,
    });
    await appendAudit(trx, {
      jurisdictionId: place.jurisdiction.id, actorUserId: null, action: 'user.create', targetType: 'user', targetId: id,
      detail: { username: input.username, roles, orgUnitId: place.orgUnit.id, via: 'create-admin', jurisdictionCreated: place.jurisdiction.created },
    });
    return {
      userId: id,
      username: input.username,
      jurisdiction: { id: place.jurisdiction.id, code: place.jurisdiction.code, name: place.jurisdiction.name, created: place.jurisdiction.created },
      orgUnit: place.orgUnit,
    };
  });
}
