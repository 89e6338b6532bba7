import { DEFAULT_RATE_LIMITS, RATE_LIMIT_SCOPES, rateLimitSettingsSchema, type RateLimitsAnswer, type RateLimitScope, type RateLimitSettings } from '@openline/core';
import { AppError } from '../../errors.js';
import { assertPlatformRole, assertRole } from '../../lib/access.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { listDailyCounts, writeLimitsSetting } from './repository.js';
import { currentRateLimits, publicLimitsOn } from './service.js';

const REFUSAL_DAYS = 14;


async function viewOf(ctx: AppContext, limits: RateLimitSettings): Promise<RateLimitsAnswer> {
  const since = nowIso(new Date(Date.now() - REFUSAL_DAYS * 86_400_000));
  const rows = await listDailyCounts(ctx.db, 'refused:', since);
  const refusals = rows.flatMap((r) => {
    const scope = r.scope.slice('refused:'.length);
    return (RATE_LIMIT_SCOPES as readonly string[]).includes(scope)
      ? [{ day: r.windowStart.slice(0, 10), scope: scope as RateLimitScope, count: Number(r.count) }]
      : [];
  });
  return { limits, defaults: DEFAULT_RATE_LIMITS, publicLimitsEnabled: publicLimitsOn(ctx), refusals };
}

export async function getRateLimits(ctx: AppContext, options: { user: SessionUser }): Promise<RateLimitsAnswer> {
  assertRole(options.user, ['admin']);
  return viewOf(ctx, await currentRateLimits(ctx));
}

/**
 * Replaces every limit at once (validated; audited with the old and new values). Applies at once
 * in every process. The limits hold for the whole deployment (sign-in comes before any
 * jurisdiction is known), so only a platform admin may change them: one city's admin must not
 * loosen or tighten another's (ADR 0007, ADR 0010).
 */
export async function setRateLimits(ctx: AppContext, options: { user: SessionUser; ip: string; limits: unknown }): Promise<RateLimitsAnswer> {
  assertRole(options.user, ['admin']);
  assertPlatformRole(options.user, 'platform_admin');
  const parsed = rateLimitSettingsSchema.safeParse(options.limits);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The limits are not valid', parsed.error.issues.map((i) => ({ path: ['limits', ...i.path].join('.'), message: i.message })));
  }
  const before = await currentRateLimits(ctx);
  await inTransaction(ctx, async ({ db }) => {
    await writeLimitsSetting(db, JSON.stringify(parsed.data), nowIso());
    await appendAudit(db, {
      jurisdictionId: options.user.jurisdictionId, actorUserId: options.user.id, action: 'settings.rate_limits', ip: options.ip,
      detail: { before, after: parsed.data },
    });
  });
  return viewOf(ctx, parsed.data);
}
