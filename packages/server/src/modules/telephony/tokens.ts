import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findLiveCtiToken, insertCtiToken, listCtiTokens, revokeCtiToken, touchCtiToken } from './token-repository.js';

/** Recognisable in logs and secret scanners (and cut from logged URLs); the rest is 256 random bits. */
export const CTI_TOKEN_PREFIX = 'olc_';
/** last_used_at is written at most this often, so a busy PBX does not write the token row per event. */
const TOUCH_EVERY_MS = 60_000;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A token for one phone system. Unlike an API token it acts as no staff account: it can only
 * report calls to the webhook of the jurisdiction it belongs to (ADR 0017).
 */
export async function issueCtiToken(ctx: AppContext, o: { user: SessionUser; ip: string; name: string }): Promise<{ id: string; token: string; prefix: string }> {
  assertRole(o.user, ['admin']);
  const token = `${CTI_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = newId();
  const prefix = token.slice(0, CTI_TOKEN_PREFIX.length + 6);
  await inTransaction(ctx, async ({ db }) => {
    await insertCtiToken(db, {
      id, jurisdiction_id: o.user.jurisdictionId, name: o.name, token_hash: hashToken(token), prefix, created_by: o.user.id, created_at: nowIso(),
    });
    await appendAudit(db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'cti_token.issue', targetType: 'cti_token', targetId: id, ip: o.ip, detail: { name: o.name },
    });
  });
  return { id, token, prefix };
}

export async function listPhoneSystemTokens(ctx: AppContext, o: { user: SessionUser }) {
  assertRole(o.user, ['admin']);
  return listCtiTokens(ctx.db, o.user.jurisdictionId);
}

export async function revokePhoneSystemToken(ctx: AppContext, o: { user: SessionUser; ip: string; tokenId: string }): Promise<void> {
  assertRole(o.user, ['admin']);
  await inTransaction(ctx, async ({ db }) => {
    if (!(await revokeCtiToken(db, o.tokenId, o.user.jurisdictionId, nowIso()))) throw new AppError('NOT_FOUND', 'No such live token');
    await appendAudit(db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'cti_token.revoke', targetType: 'cti_token', targetId: o.tokenId, ip: o.ip,
    });
  });
}

export interface CtiCaller {
  tokenId: string;
  jurisdictionId: string;
}

/** The phone system behind a webhook token, or null for an unknown or revoked one. */
export async function resolveCtiToken(ctx: AppContext, token: string, now = new Date()): Promise<CtiCaller | null> {
  if (!token.startsWith(CTI_TOKEN_PREFIX) || token.length > 100) return null;
  const found = await findLiveCtiToken(ctx.db, hashToken(token));
  if (!found) return null;
  if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > TOUCH_EVERY_MS) await touchCtiToken(ctx.db, found.id, nowIso(now));
  return { tokenId: found.id, jurisdictionId: found.jurisdictionId };
}
