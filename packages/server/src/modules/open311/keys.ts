import type { AppContext } from '../../lib/app-context.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../lib/ids.js';
import type { SessionUser } from '../auth/service.js';
import { touchHashedToken } from '../hashed-tokens/repository.js';
import { findLiveToken, issueHashedToken, listIssuedTokens, revokeIssuedToken, type HashedTokenKind } from '../hashed-tokens/service.js';

/**
 * An API key for one client application (FixMyStreet, a city app). It acts as no staff account:
 * it may only post service requests to its own jurisdiction, counted per key (ADR 0031). Issued,
 * listed and revoked like the phone systems' tokens (modules/hashed-tokens).
 */
export const OPEN311_KEYS: HashedTokenKind = { table: 'open311_keys', prefix: 'o311_', audit: 'open311_key' };
export const OPEN311_KEY_PREFIX = OPEN311_KEYS.prefix;

/** The contract of `POST /api/v1/admin/open311/keys`: the key is `apiKey`. */
export async function issueOpen311Key(ctx: AppContext, o: { user: SessionUser; ip: string; name: string }): Promise<{ id: string; apiKey: string; prefix: string }> {
  const { id, secret, prefix } = await issueHashedToken(ctx, OPEN311_KEYS, o);
  return { id, apiKey: secret, prefix };
}

export const listOpen311Keys = (ctx: AppContext, o: { user: SessionUser }) => listIssuedTokens(ctx, OPEN311_KEYS, o);

export const revokeOpen311Key = (ctx: AppContext, o: { user: SessionUser; ip: string; keyId: string }) => revokeIssuedToken(ctx, OPEN311_KEYS, { user: o.user, ip: o.ip, id: o.keyId });

/**
 * The live key behind `api_key`, or a 403 in the specification's words. Looked up every time
 * (one indexed read), so a revocation holds at once in every process; its use is stamped.
 */
export async function authenticateKey(ctx: AppContext, apiKey: string | undefined): Promise<{ id: string; jurisdictionId: string }> {
  const key = apiKey === undefined ? undefined : await findLiveToken(ctx, OPEN311_KEYS, apiKey);
  if (!key) throw new AppError('FORBIDDEN', 'api_key is missing or not valid');
  await touchHashedToken(ctx.db, OPEN311_KEYS.table, key.id, nowIso());
  return key;
}
