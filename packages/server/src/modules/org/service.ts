import { defaultLineChannels, type PlatformRole, type Role } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB, LineTable } from '../../db/schema.js';
import { referenceNotFound } from '../../lib/references.js';
import { newId, nowIso } from '../../lib/ids.js';
import { hashPassword } from '../auth/password.js';
import * as repo from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Building blocks of a jurisdiction: the city, its org tree, staff and published lines, written
 * as given (no access check, no audit). The demo loader and tests use them; the platform's use
 * case, checked and audited, is jurisdictions/service.ts#createJurisdiction.
 */
export async function createJurisdiction(
  db: Db,
  input: { code: string; name: string; timezone?: string },
): Promise<{ id: string; code: string; name: string; timezone: string }> {
  const jurisdiction = { id: newId(), code: input.code, name: input.name, timezone: input.timezone ?? 'Asia/Shanghai' };
  await repo.insertJurisdiction(db, { ...jurisdiction, created_at: nowIso() });
  return jurisdiction;
}

export const ORG_UNIT_KINDS = ['city', 'district', 'department', 'street', 'centre', 'company'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export async function createOrgUnit(
  db: Db,
  input: { jurisdictionId: string; parentId: string | null; name: string; kind: OrgUnitKind; sortOrder?: number; aliases?: readonly string[] },
): Promise<{ id: string; path: string }> {
  const id = newId();
  let parentPath = '/';
  if (input.parentId) {
    const parent = await repo.findOrgUnitPath(db, input.parentId);
    if (!parent || parent.jurisdiction_id !== input.jurisdictionId) throw referenceNotFound([{ kind: 'unit', path: 'parentId' }]);
    parentPath = parent.path;
  }
  const path = `${parentPath}${id}/`;
  await repo.insertOrgUnit(db, {
    id,
    jurisdiction_id: input.jurisdictionId,
    parent_id: input.parentId,
    path,
    name: input.name,
    kind: input.kind,
    sort_order: input.sortOrder ?? 0,
    aliases: JSON.stringify(input.aliases ?? []),
    created_at: nowIso(),
  });
  return { id, path };
}

export interface NewUser {
  jurisdictionId: string;
  orgUnitId: string;
  username: string;
  displayName: string;
  roles: ReadonlyArray<Role | PlatformRole>;
}

export async function createUser(db: Db, input: NewUser & { password: string }): Promise<{ id: string }> {
  return insertUserWithHash(db, { ...input, passwordHash: await hashPassword(input.password) });
}

/** For a unit of work: the slow password hash is computed before the transaction starts. */
export async function insertUserWithHash(db: Db, input: NewUser & { passwordHash: string }): Promise<{ id: string }> {
  const id = newId();
  const now = nowIso();
  await repo.insertUser(
    db,
    {
      id,
      jurisdiction_id: input.jurisdictionId,
      org_unit_id: input.orgUnitId,
      username: input.username,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      status: 'active',
      created_at: now,
      updated_at: now,
    },
    input.roles,
  );
  return { id };
}

/** Weekly service hours, e.g. {"mon":[["08:00","22:00"]], …}; holidays follow `onHolidays`. */
export interface ServiceHours {
  weekly: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<[string, string]>>>;
  onHolidays: 'closed' | 'as_weekend' | 'open';
}

export async function createLine(
  db: Db,
  input: {
    jurisdictionId: string;
    number: string;
    name: string;
    ownerUserId: string | null;
    ownerTitle: string;
    mode: LineTable['mode'];
    isPublic: boolean;
    serviceHours: ServiceHours;
    /** Unset: what the mode implies (core defaultLineChannels). */
    acceptsVoice?: boolean | undefined;
    acceptsSms?: boolean | undefined;
  },
): Promise<{ id: string }> {
  const id = newId();
  const channels = defaultLineChannels(input.mode);
  await repo.insertLine(db, {
    id,
    jurisdiction_id: input.jurisdictionId,
    number: input.number,
    name: input.name,
    owner_user_id: input.ownerUserId,
    owner_title: input.ownerTitle,
    mode: input.mode,
    is_public: input.isPublic ? 1 : 0,
    service_hours: JSON.stringify(input.serviceHours),
    accepts_voice: (input.acceptsVoice ?? channels.voice) ? 1 : 0,
    accepts_sms: (input.acceptsSms ?? channels.sms) ? 1 : 0,
    created_at: nowIso(),
  });
  return { id };
}
