import {
  DEFAULT_RATE_LIMITS,
  PUBLIC_RATE_LIMIT_SCOPES,
  fixedWindow,
  rateLimitRule,
  secondsUntil,
  type RateLimitScope,
  type RateLimitSettings,
} from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { incrementCounter, incrementCounters, purgeExpiredCounters, readLimitsSetting, decrementCounter, deleteCounter } from './repository.js';

const DAY_MS = 86_400_000;
/** Refusal counts are kept this long for the admin page; limit windows only until they end. */
const REFUSAL_RETENTION_MS = 90 * DAY_MS;
/** About one counted attempt in this many also sweeps finished windows: cheap, and needs no worker. */
const PURGE_EVERY = 200;

/** Stored limits over the defaults, scope by scope, so a scope added later starts at its default. */
const storedLimits = z.object(rateLimitRule.shape).optional();

export async function currentRateLimits(ctx: AppContext): Promise<RateLimitSettings> {
  return rateLimitsOf((await readLimitsSetting(ctx.db))?.value);
}

/** The limits a stored settings value (or none) says; for a caller that read the row with others. */
export function rateLimitsOf(stored: string | undefined): RateLimitSettings {
  if (stored === undefined) return DEFAULT_RATE_LIMITS;
  const raw = JSON.parse(stored) as Record<string, unknown>;
  const merged = { ...DEFAULT_RATE_LIMITS };
  for (const scope of Object.keys(DEFAULT_RATE_LIMITS) as RateLimitScope[]) {
    const parsed = storedLimits.safeParse(raw[scope]);
    if (parsed.success && parsed.data) merged[scope] = parsed.data;
  }
  return merged;
}

export function publicLimitsOn(ctx: AppContext): boolean {
  return ctx.publicRateLimits !== false;
}

/** A counted attempt: whether it is within the limit, and the window it was counted in. */
export interface CountedAttempt {
  allowed: boolean;
  retryAfterSeconds: number;
  scope: RateLimitScope;
  /** The keyed hash the counter is stored under. */
  key: string;
  windowStart: string;
  /** This attempt's number within the window (1 for the first). */
  count: number;
}

/**
 * Counts one attempt of `scope` by `key` (a username, an address, a phone number) BEFORE the
 * work it guards, so concurrent requests cannot all slip in before the first is recorded. Keys
 * are stored as keyed hashes. A refusal is also counted per scope and day for the admin page.
 */
export async function countAttempt(ctx: AppContext, o: { scope: RateLimitScope; key: string; now?: Date }): Promise<CountedAttempt> {
  const now = o.now ?? new Date();
  const rule = (await currentRateLimits(ctx))[o.scope];
  const window = fixedWindow(now.getTime(), rule.windowSeconds);
  const key = ctx.pii.blindIndex(`rate-limit/${o.scope}/${o.key}`);
  const windowStart = nowIso(new Date(window.startMs));
  const count = await incrementCounter(ctx.db, { scope: o.scope, key, windowStart, expiresAt: nowIso(new Date(window.endMs)) });
  const allowed = count <= rule.max;
  if (!allowed) await countRefusal(ctx, o.scope, now);
  if (Math.floor(Math.random() * PURGE_EVERY) === 0) await purgeExpiredCounters(ctx.db, nowIso(now));
  return { allowed, retryAfterSeconds: secondsUntil(now.getTime(), window.endMs), scope: o.scope, key, windowStart, count };
}

async function countRefusal(ctx: AppContext, scope: RateLimitScope, now: Date, by = 1): Promise<void> {
  const day = fixedWindow(now.getTime(), DAY_MS / 1000);
  await incrementCounter(ctx.db, {
    scope: `refused:${scope}`, key: '-', windowStart: nowIso(new Date(day.startMs)), expiresAt: nowIso(new Date(day.startMs + REFUSAL_RETENTION_MS)),
  }, by);
}

/**
 * Counts `n` attempts by one key at once (a group-committed batch of webhook events, ADR 0023)
 * and answers how many of them, first to last, are within the limit: the same as counting them
 * one by one, in one statement.
 */
export async function countAttempts(ctx: AppContext, o: { scope: RateLimitScope; key: string; n: number; now?: Date }): Promise<{ allowed: number; retryAfterSeconds: number }> {
  const counted = await countAttemptsByKey(ctx, { scope: o.scope, attempts: new Map([[o.key, o.n]]), now: o.now });
  return { allowed: counted.allowed.get(o.key) ?? 0, retryAfterSeconds: counted.retryAfterSeconds };
}

/**
 * Counts a batch's attempts of one scope for any number of keys (`attempts`: key → how many) in
 * one statement, and answers per key how many of its attempts, first to last, are within the
 * limit: the same answers as counting them one by one, in any process, but one round trip per
 * batch instead of one per key (ADR 0059). Refusals are counted in one more statement, only when
 * there are any. `limits` lets a caller that counts several scopes read the settings once.
 */
export async function countAttemptsByKey(
  ctx: AppContext,
  o: { scope: RateLimitScope; attempts: ReadonlyMap<string, number>; limits?: RateLimitSettings; now?: Date },
): Promise<{ allowed: Map<string, number>; retryAfterSeconds: number }> {
  const now = o.now ?? new Date();
  const rule = (o.limits ?? (await currentRateLimits(ctx)))[o.scope];
  const window = fixedWindow(now.getTime(), rule.windowSeconds);
  const retryAfterSeconds = secondsUntil(now.getTime(), window.endMs);
  // Stored under keyed hashes; two keys of the batch never share one.
  const hashed = new Map<string, number>();
  const hashOf = new Map<string, string>();
  for (const [key, n] of o.attempts) {
    const h = ctx.pii.blindIndex(`rate-limit/${o.scope}/${key}`);
    hashOf.set(key, h);
    hashed.set(h, n);
  }
  const counts = await incrementCounters(ctx.db, ctx.dialect, {
    scope: o.scope, windowStart: nowIso(new Date(window.startMs)), expiresAt: nowIso(new Date(window.endMs)), amounts: hashed,
  });
  const allowed = new Map<string, number>();
  let refused = 0;
  for (const [key, n] of o.attempts) {
    const count = counts.get(hashOf.get(key) ?? '');
    if (count === undefined) throw new Error(`rate limits: no count came back for a key of ${o.scope}`);
    // This batch's attempts are the last n of the count: those up to the limit pass.
    const within = Math.max(0, Math.min(n, rule.max - (count - n)));
    allowed.set(key, within);
    refused += n - within;
  }
  if (refused > 0) await countRefusal(ctx, o.scope, now, refused);
  // About as often per counted key as countAttempt sweeps per attempt.
  if (Math.random() * PURGE_EVERY < o.attempts.size) await purgeExpiredCounters(ctx.db, nowIso(now));
  return { allowed, retryAfterSeconds };
}

/**
 * A public form or lookup: counts the attempt and refuses it with 429 TOO_MANY_REQUESTS and
 * Retry-After when over the limit. Off (nothing counted) under PUBLIC_RATE_LIMITS=0.
 */
export async function enforcePublicLimit(ctx: AppContext, o: { scope: RateLimitScope; key: string }): Promise<void> {
  if (!PUBLIC_RATE_LIMIT_SCOPES.includes(o.scope)) throw new Error(`${o.scope} is not a public limit`);
  if (!publicLimitsOn(ctx)) return;
  const attempt = await countAttempt(ctx, o);
  if (!attempt.allowed) {
    throw new AppError('TOO_MANY_REQUESTS', 'Too many requests; try again later', undefined, attempt.retryAfterSeconds);
  }
}

/** Gives the attempt back (it turned out not to be one the limit is about). */
export function refundAttempt(ctx: AppContext, attempt: CountedAttempt): Promise<void> {
  return decrementCounter(ctx.db, attempt);
}

/** Forgets the window's attempts (a successful sign-in clears the username's failures). */
export function clearAttempts(ctx: AppContext, attempt: CountedAttempt): Promise<void> {
  return deleteCounter(ctx.db, attempt);
}

/**
 * True for the first caller in the attempt's window (a second counter beside it): "tell the
 * sender once per window", however many of their messages arrive, in however many processes.
 */
export async function firstInWindow(ctx: AppContext, attempt: CountedAttempt): Promise<boolean> {
  const rule = (await currentRateLimits(ctx))[attempt.scope];
  const endMs = Date.parse(attempt.windowStart) + rule.windowSeconds * 1000;
  const count = await incrementCounter(ctx.db, { scope: `${attempt.scope}:notice`, key: attempt.key, windowStart: attempt.windowStart, expiresAt: nowIso(new Date(endMs)) });
  return count === 1;
}
