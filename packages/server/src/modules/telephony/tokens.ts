import type { IssuedCtiToken } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { findLiveToken, issueHashedToken, listIssuedTokens, looksLike, revokeIssuedToken, type HashedTokenKind } from '../hashed-tokens/service.js';

/**
 * A token for one phone system. Unlike an API token it acts as no staff account: it can only
 * report calls to the webhook of the jurisdiction it belongs to (ADR 0017). Issued, listed and
 * revoked like Open311 keys (modules/hashed-tokens).
 */
export const CTI_TOKENS: HashedTokenKind = { table: 'cti_tokens', prefix: 'olc_', audit: 'cti_token' };
export const CTI_TOKEN_PREFIX = CTI_TOKENS.prefix;

/** The contract of `POST /api/v1/admin/cti-tokens`: the secret is `token`. */
export async function issueCtiToken(ctx: AppContext, o: { user: SessionUser; ip: string; name: string }): Promise<IssuedCtiToken> {
  const { id, secret, prefix } = await issueHashedToken(ctx, CTI_TOKENS, o);
  return { id, token: secret, prefix };
}

export const listPhoneSystemTokens = (ctx: AppContext, o: { user: SessionUser }) => listIssuedTokens(ctx, CTI_TOKENS, o);

export const revokePhoneSystemToken = (ctx: AppContext, o: { user: SessionUser; ip: string; tokenId: string }) =>
  revokeIssuedToken(ctx, CTI_TOKENS, { user: o.user, ip: o.ip, id: o.tokenId });

export interface CtiCaller {
  tokenId: string;
  jurisdictionId: string;
}

/**
 * The phone system behind a webhook token, or null for an unknown or revoked one, as the
 * webhook resolves it on every event (ADR 0023): a token's id and jurisdiction never change, so
 * a token once found is remembered; whether it is still live is checked again by every batch
 * inside its transaction, so a revocation takes effect from the next batch in every process.
 * Unknown tokens are looked up each time (a token issued a moment ago must work), and only tokens
 * that exist are remembered, so the memory is bounded by the tokens issued. Remembered by the
 * token as sent, not its hash: hashing it was ~3 % of the webhook's CPU per event (ADR 0058), and
 * the process holds the secret while it reads each request anyway.
 */
export function createCtiTokenResolver(ctx: AppContext): (token: string) => Promise<CtiCaller | null> {
  const known = new Map<string, CtiCaller>();
  return async (token) => {
    const cached = known.get(token);
    if (cached) return cached;
    if (!looksLike(CTI_TOKENS, token)) return null;
    const found = await findLiveToken(ctx, CTI_TOKENS, token);
    if (!found) return null;
    const caller = { tokenId: found.id, jurisdictionId: found.jurisdictionId };
    known.set(token, caller);
    return caller;
  };
}
