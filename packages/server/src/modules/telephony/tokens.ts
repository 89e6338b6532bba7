import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findLiveCtiToken, insertCtiToken, listCtiTokens, revokeCtiToken } from './token-repository.js';

/** Recognisable in logs and secret scanners (and cut from logged URLs); the rest is 256 random bits. */
export const CTI_TOKEN_PREFIX = 'olc_';

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

/**
 * The phone system behind a webhook token, or null for an unknown or revoked one, as the
 * webhook resolves it on every event (ADR 0023): a token's id and jurisdiction never change, so
 * a token once found is remembered by its hash; whether it is still live is checked again by
 * every batch inside its transaction, so a revocation takes effect from the next batch in every
 * process. Unknown tokens are looked up each time (a token issued a moment ago must work), and
 * only tokens that exist are remembered, so the memory is bounded by the tokens issued.
 */
export function createCtiTokenResolver(ctx: AppContext): (token: string) => Promise<CtiCaller | null> {
  const known = new Map<string, CtiCaller>();
  return async (token) => {
    if (!token.startsWith(CTI_TOKEN_PREFIX) || token.length > 100) return null;
    const hash = hashToken(token);
    const cached = known.get(hash);
    if (cached) return cached;
    const found = await findLiveCtiToken(ctx.db, hash);
    if (!found) return null;
    const caller = { tokenId: found.id, jurisdictionId: found.jurisdictionId };
    known.set(hash, caller);
    return caller;
  };
}
