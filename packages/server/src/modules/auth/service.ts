import { createHash, randomBytes } from 'node:crypto';
import { isRole, type Role } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { appendAudit } from '../audit/repository.js';
import { decoyHash, verifyPassword } from './password.js';
import * as repo from './repository.js';
import type { LoginThrottle } from './throttle.js';

/** A working shift plus handover; after that the operator signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  jurisdictionId: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgUnitId: string;
  orgUnitName: string;
  orgUnitPath: string;
  /** city, district, department, street, centre, company. */
  orgUnitKind: string;
  /** Signed in with an API token: an integration, not a person (never sees a protected reporter, ADR 0006). */
  viaApiToken?: boolean;
}

function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function toSessionUser(ctx: AppContext, row: repo.UserWithUnit): Promise<SessionUser> {
  const roles = (await repo.findRoles(ctx.db, row.id)).filter(isRole);
  return {
    id: row.id,
    jurisdictionId: row.jurisdictionId,
    username: row.username,
    displayName: row.displayName,
    roles,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    orgUnitPath: row.orgUnitPath,
    orgUnitKind: row.orgUnitKind,
  };
}

export async function logIn(
  ctx: AppContext,
  options: { username: string; password: string; ip: string; throttle: LoginThrottle },
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const throttleKey = `${options.ip}|${options.username.toLowerCase()}`;
  if (options.throttle.isBlocked(throttleKey)) {
    throw new AppError('TOO_MANY_ATTEMPTS', 'Too many failed logins; try again in 15 minutes');
  }
  const row = await repo.findUserByUsername(ctx.db, options.username);
  const valid = await verifyPassword(row?.passwordHash ?? (await decoyHash()), options.password);
  if (!row || !valid || row.status !== 'active') {
    options.throttle.recordFailure(throttleKey);
    await appendAudit(ctx.db, {
      jurisdictionId: row?.jurisdictionId ?? null,
      actorUserId: row?.id ?? null,
      action: 'auth.login_failed',
      ip: options.ip,
      detail: { username: options.username.slice(0, 64) },
    });
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  }
  options.throttle.reset(throttleKey);

  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await repo.insertSession(ctx.db, {
    id: sessionIdOf(token),
    userId: row.id,
    createdAt: nowIso(now),
    expiresAt: nowIso(expiresAt),
  });
  await appendAudit(ctx.db, {
    jurisdictionId: row.jurisdictionId,
    actorUserId: row.id,
    action: 'auth.login',
    ip: options.ip,
  });
  return { token, expiresAt, user: await toSessionUser(ctx, row) };
}

export async function resolveSession(ctx: AppContext, token: string): Promise<SessionUser | null> {
  const row = await repo.findUserBySession(ctx.db, sessionIdOf(token), nowIso());
  if (!row || row.status !== 'active') return null;
  return toSessionUser(ctx, row);
}

export async function logOut(ctx: AppContext, options: { token: string; user: SessionUser; ip: string }): Promise<void> {
  await repo.deleteSession(ctx.db, sessionIdOf(options.token));
  await appendAudit(ctx.db, {
    jurisdictionId: options.user.jurisdictionId,
    actorUserId: options.user.id,
    action: 'auth.logout',
    ip: options.ip,
  });
}

/** An active user by id, as a session user (used by API tokens). */
export async function findUserById(ctx: AppContext, id: string): Promise<SessionUser | null> {
  const row = await repo.findUserById(ctx.db, id);
  if (!row || row.status !== 'active') return null;
  return toSessionUser(ctx, row);
}
