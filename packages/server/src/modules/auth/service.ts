import { createHash, randomBytes } from 'node:crypto';
import { isPlatformRole, isRole, type PlatformRole, type Role } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { clearAttempts, countAttempt, refundAttempt } from '../limits/service.js';
import { decoyHash, verifyPassword } from './password.js';
import * as repo from './repository.js';

/** A working shift plus handover; after that the operator signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  jurisdictionId: string;
  username: string;
  displayName: string;
  /** Roles inside the user's jurisdiction: what they may do there. */
  roles: Role[];
  /** Roles over the platform (creating jurisdictions); nothing inside any jurisdiction. */
  platformRoles: PlatformRole[];
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
  return sessionUserOf(row, await repo.findRoles(ctx.db, row.id));
}

function sessionUserOf(row: Omit<repo.UserWithUnit, 'passwordHash'>, stored: readonly string[]): SessionUser {
  return {
    id: row.id,
    jurisdictionId: row.jurisdictionId,
    username: row.username,
    displayName: row.displayName,
    roles: stored.filter(isRole),
    platformRoles: stored.filter(isPlatformRole),
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    orgUnitPath: row.orgUnitPath,
    orgUnitKind: row.orgUnitKind,
  };
}

/**
 * Sign-in. The attempt is counted against the username and the address BEFORE the password is
 * checked, in the database (ADR 0007): a burst of concurrent guesses, in one process or several,
 * gets at most the limit evaluated. A success clears the username's count and gives the address
 * its attempt back, so a hotline centre signing in many operators from one address is not slowed.
 */
export async function logIn(
  ctx: AppContext,
  options: { username: string; password: string; ip: string },
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const byUsername = await countAttempt(ctx, { scope: 'loginPerUsername', key: options.username.toLowerCase() });
  const byAddress = await countAttempt(ctx, { scope: 'loginPerAddress', key: options.ip });
  if (!byUsername.allowed || !byAddress.allowed) {
    const wait = Math.max(...[byUsername, byAddress].filter((a) => !a.allowed).map((a) => a.retryAfterSeconds));
    throw new AppError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes`, undefined, wait);
  }
  const row = await repo.findUserByUsername(ctx.db, options.username);
  const valid = await verifyPassword(row?.passwordHash ?? (await decoyHash()), options.password);
  if (!row || !valid || row.status !== 'active') {
    await appendAudit(ctx.db, {
      jurisdictionId: row?.jurisdictionId ?? null,
      actorUserId: row?.id ?? null,
      action: 'auth.login_failed',
      ip: options.ip,
      detail: { username: options.username.slice(0, 64) },
    });
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  }
  await clearAttempts(ctx, byUsername);
  await refundAttempt(ctx, byAddress);

  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await inTransaction(ctx, async ({ db }) => {
    await repo.insertSession(db, {
      id: sessionIdOf(token),
      userId: row.id,
      createdAt: nowIso(now),
      expiresAt: nowIso(expiresAt),
    });
    await appendAudit(db, {
      jurisdictionId: row.jurisdictionId,
      actorUserId: row.id,
      action: 'auth.login',
      ip: options.ip,
    });
  });
  return { token, expiresAt, user: await toSessionUser(ctx, row) };
}

/**
 * The signed-in person behind a session cookie, or null. `forRead`: the request changes nothing,
 * so on PostgreSQL the session may come from the process's cache (ADR 0078); a write always
 * reads it from the database.
 */
export async function resolveSession(ctx: AppContext, token: string, o: { forRead: boolean }): Promise<SessionUser | null> {
  const id = sessionIdOf(token);
  const cache = ctx.sessions;
  const now = Date.now();
  if (cache && o.forRead) {
    const hit = cache.lookup(id, now);
    if (hit) return hit;
  }
  const mark = cache?.mark();
  const row = await repo.findSessionUser(ctx.db, ctx.dialect, id, nowIso(new Date(now)));
  if (!row || row.status !== 'active') return null;
  const user = sessionUserOf(row, row.roles);
  if (cache && mark !== undefined) cache.remember(mark, id, user, Date.parse(row.expiresAt), now);
  return user;
}

/** This process changed who may do what (a session ended, a user or their roles changed): nothing remembered stands. */
export function forgetSessions(ctx: AppContext): void {
  ctx.sessions?.clear();
}

export async function logOut(ctx: AppContext, options: { token: string; user: SessionUser; ip: string }): Promise<void> {
  await inTransaction(ctx, async ({ db }) => {
    await repo.deleteSession(db, sessionIdOf(options.token));
    await appendAudit(db, {
      jurisdictionId: options.user.jurisdictionId,
      actorUserId: options.user.id,
      action: 'auth.logout',
      ip: options.ip,
    });
  });
  forgetSessions(ctx);
}

/** An active user by id, as a session user (used by API tokens). */
export async function findUserById(ctx: AppContext, id: string): Promise<SessionUser | null> {
  const row = await repo.findUserById(ctx.db, id);
  if (!row || row.status !== 'active') return null;
  return toSessionUser(ctx, row);
}
