import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { findUserById, type SessionUser } from '../auth/service.js';
import { findLiveTokenUser, insertToken, listTokens, revokeToken, touchToken } from './repository.js';

/** Recognisable in logs and secret scanners; the rest is 256 random bits. */
const TOKEN_PREFIX = 'olt_';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * An integration (an Open311 bridge, an SMS gateway) acts as a staff account of its own, so
 * its token can do exactly what that account's roles allow and no more.
 */
export async function issueApiToken(
  ctx: AppContext,
  options: { user: SessionUser; ip: string; userId: string; name: string },
): Promise<{ id: string; token: string; prefix: string }> {
  assertRole(options.user, ['admin']);
  await assertReferences(ctx.db, options.user.jurisdictionId, [{ kind: 'user', path: 'userId', id: options.userId }]);
  const owner = await findUserById(ctx, options.userId);
  if (!owner) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'userId', message: 'disabled account' }]);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = newId();
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  await inTransaction(ctx, async ({ db }) => {
    await insertToken(db, {
      id, jurisdiction_id: owner.jurisdictionId, user_id: owner.id, name: options.name, token_hash: hashToken(token),
      prefix, created_by: options.user.id, created_at: nowIso(),
    });
    await appendAudit(db, {
      jurisdictionId: owner.jurisdictionId, actorUserId: options.user.id, action: 'token.issue', targetType: 'api_token', targetId: id, ip: options.ip,
      detail: { name: options.name, forUser: owner.username },
    });
  });
  return { id, token, prefix };
}

export async function listApiTokens(ctx: AppContext, options: { user: SessionUser }) {
  assertRole(options.user, ['admin']);
  return listTokens(ctx.db, options.user.jurisdictionId);
}

export async function revokeApiToken(ctx: AppContext, options: { user: SessionUser; ip: string; tokenId: string }): Promise<void> {
  assertRole(options.user, ['admin']);
  await inTransaction(ctx, async ({ db }) => {
    if (!(await revokeToken(db, options.tokenId, options.user.jurisdictionId, nowIso()))) {
      throw new AppError('NOT_FOUND', 'No such live token');
    }
    await appendAudit(db, {
      jurisdictionId: options.user.jurisdictionId, actorUserId: options.user.id, action: 'token.revoke', targetType: 'api_token', targetId: options.tokenId, ip: options.ip,
    });
  });
}

/** The account behind a bearer token, or null for an unknown or revoked one. */
export async function resolveApiToken(ctx: AppContext, token: string): Promise<SessionUser | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const found = await findLiveTokenUser(ctx.db, hashToken(token));
  if (!found) return null;
  const user = await findUserById(ctx, found.userId);
  if (!user) return null;
  await touchToken(ctx.db, found.id, nowIso());
  // Integrations work inside a jurisdiction; setting up the platform takes a person signed in.
  return { ...user, platformRoles: [], viaApiToken: true };
}
