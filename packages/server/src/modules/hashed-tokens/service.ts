import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findLiveHashedToken, insertHashedToken, listHashedTokens, revokeHashedToken, type HashedTokenSummary, type HashedTokenTable } from './repository.js';

/**
 * One kind of machine secret: where it is kept, how it starts (recognisable in logs and secret
 * scanners, and cut from logged URLs), and how its issue and revocation are audited.
 */
export interface HashedTokenKind {
  table: HashedTokenTable;
  prefix: string;
  /** Audit target type and action stem: `<audit>.issue`, `<audit>.revoke`. */
  audit: 'cti_token' | 'open311_key';
}

/** Only the hash is stored: whoever reads the database cannot act as the machine. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The prefix and what an admin sees of it later: the prefix and six characters more. */
const visiblePart = (kind: HashedTokenKind, token: string): string => token.slice(0, kind.prefix.length + 6);

/** Whether a presented secret can be one of this kind at all, before any database read. */
export const looksLike = (kind: HashedTokenKind, token: string): boolean => token.startsWith(kind.prefix) && token.length <= 100;

/** Issues a secret of 256 random bits to a named machine; it is answered this once and stored hashed. */
export async function issueHashedToken(ctx: AppContext, kind: HashedTokenKind, o: { user: SessionUser; ip: string; name: string }): Promise<{ id: string; secret: string; prefix: string }> {
  assertRole(o.user, ['admin']);
  const secret = `${kind.prefix}${randomBytes(32).toString('base64url')}`;
  const id = newId();
  const prefix = visiblePart(kind, secret);
  await inTransaction(ctx, async ({ db }) => {
    await insertHashedToken(db, kind.table, { id, jurisdictionId: o.user.jurisdictionId, name: o.name, hash: hashToken(secret), prefix, createdBy: o.user.id, createdAt: nowIso() });
    await appendAudit(db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: `${kind.audit}.issue`, targetType: kind.audit, targetId: id, ip: o.ip, detail: { name: o.name },
    });
  });
  return { id, secret, prefix };
}

export async function listIssuedTokens(ctx: AppContext, kind: HashedTokenKind, o: { user: SessionUser }): Promise<HashedTokenSummary[]> {
  assertRole(o.user, ['admin']);
  return listHashedTokens(ctx.db, kind.table, o.user.jurisdictionId);
}

/** Revokes at once: every lookup reads the row again (or, for the PBX webhook, every batch does). */
export async function revokeIssuedToken(ctx: AppContext, kind: HashedTokenKind, o: { user: SessionUser; ip: string; id: string }): Promise<void> {
  assertRole(o.user, ['admin']);
  await inTransaction(ctx, async ({ db }) => {
    if (!(await revokeHashedToken(db, kind.table, { id: o.id, jurisdictionId: o.user.jurisdictionId, at: nowIso() }))) throw new AppError('NOT_FOUND', 'No such live token');
    await appendAudit(db, { jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: `${kind.audit}.revoke`, targetType: kind.audit, targetId: o.id, ip: o.ip });
  });
}

/** The live token behind a presented secret, or undefined (unknown, revoked, or not of this kind). */
export async function findLiveToken(ctx: AppContext, kind: HashedTokenKind, secret: string): Promise<{ id: string; jurisdictionId: string } | undefined> {
  if (!looksLike(kind, secret)) return undefined;
  return findLiveHashedToken(ctx.db, kind.table, hashToken(secret));
}
