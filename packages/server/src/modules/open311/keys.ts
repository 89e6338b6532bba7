import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findLiveKey, insertKey, listKeys, revokeKey, touchKey } from './repository.js';

/** Recognisable in logs and secret scanners; the rest is 256 random bits. */
export const OPEN311_KEY_PREFIX = 'o311_';

const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * An API key for one client application (FixMyStreet, a city app). It acts as no staff account:
 * it may only post service requests to its own jurisdiction, counted per key (ADR 0031).
 */
export async function issueOpen311Key(ctx: AppContext, o: { user: SessionUser; ip: string; name: string }): Promise<{ id: string; apiKey: string; prefix: string }> {
  assertRole(o.user, ['admin']);
  const apiKey = `${OPEN311_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = newId();
  const prefix = apiKey.slice(0, OPEN311_KEY_PREFIX.length + 6);
  await inTransaction(ctx, async ({ db }) => {
    await insertKey(db, { id, jurisdiction_id: o.user.jurisdictionId, name: o.name, key_hash: hashKey(apiKey), prefix, created_by: o.user.id, created_at: nowIso() });
    await appendAudit(db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'open311_key.issue', targetType: 'open311_key', targetId: id, ip: o.ip, detail: { name: o.name },
    });
  });
  return { id, apiKey, prefix };
}

export async function listOpen311Keys(ctx: AppContext, o: { user: SessionUser }) {
  assertRole(o.user, ['admin']);
  return listKeys(ctx.db, o.user.jurisdictionId);
}

export async function revokeOpen311Key(ctx: AppContext, o: { user: SessionUser; ip: string; keyId: string }): Promise<void> {
  assertRole(o.user, ['admin']);
  await inTransaction(ctx, async ({ db }) => {
    if (!(await revokeKey(db, o.keyId, o.user.jurisdictionId, nowIso()))) throw new AppError('NOT_FOUND', 'No such live key');
    await appendAudit(db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'open311_key.revoke', targetType: 'open311_key', targetId: o.keyId, ip: o.ip,
    });
  });
}

/**
 * The live key behind `api_key`, or a 403 in the specification's words. Looked up every time
 * (one indexed read), so a revocation holds at once in every process; its use is stamped.
 */
export async function authenticateKey(ctx: AppContext, apiKey: string | undefined): Promise<{ id: string; jurisdictionId: string }> {
  const refused = (): AppError => new AppError('FORBIDDEN', 'api_key is missing or not valid');
  if (!apiKey || !apiKey.startsWith(OPEN311_KEY_PREFIX) || apiKey.length > 100) throw refused();
  const key = await findLiveKey(ctx.db, hashKey(apiKey));
  if (!key) throw refused();
  await touchKey(ctx.db, key.id, nowIso());
  return key;
}
