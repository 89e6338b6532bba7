import { z } from 'zod';

/**
 * Limits on how often one sender may do one thing (docs/decisions/0007). Each limit is "at most
 * `max` in a fixed window of `windowSeconds`", counted in the database so every server process
 * shares it. The scope names are stable: they are the counter scopes and the keys of the
 * admin-editable setting.
 */
export const RATE_LIMIT_SCOPES = [
  'loginPerUsername',
  'loginPerAddress',
  'appealPerAddress',
  'appealPerPhone',
  'trackingPerAddress',
  'smsPerSender',
  'ctiPerToken',
  'publicDataPerAddress',
  'open311PerKey',
  'attachmentPerAddress',
] as const;
export type RateLimitScope = (typeof RATE_LIMIT_SCOPES)[number];

/** Limits that protect public intake; `PUBLIC_RATE_LIMITS=0` turns these (and only these) off. */
export const PUBLIC_RATE_LIMIT_SCOPES: readonly RateLimitScope[] = ['appealPerAddress', 'appealPerPhone', 'trackingPerAddress', 'smsPerSender', 'ctiPerToken', 'publicDataPerAddress', 'open311PerKey', 'attachmentPerAddress'];

export const rateLimitRule = z.object({
  max: z.int().min(1).max(1_000_000),
  windowSeconds: z.int().min(1).max(86_400),
});
export type RateLimitRule = z.infer<typeof rateLimitRule>;

export const rateLimitSettingsSchema = z.object(
  Object.fromEntries(RATE_LIMIT_SCOPES.map((s) => [s, rateLimitRule])) as Record<RateLimitScope, typeof rateLimitRule>,
);
export type RateLimitSettings = Record<RateLimitScope, RateLimitRule>;

/**
 * Defaults, chosen so an honest user never meets them: many citizens reach the form from one
 * carrier-grade NAT address, and a hotline centre signs its operators in from one office address,
 * so address limits are generous and the per-person limits (username, phone, sender) are tight.
 */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  /** Failed sign-ins for one username, from anywhere (a success clears it). */
  loginPerUsername: { max: 5, windowSeconds: 15 * 60 },
  /** Failed sign-ins from one address, for any usernames. */
  loginPerAddress: { max: 20, windowSeconds: 15 * 60 },
  appealPerAddress: { max: 30, windowSeconds: 10 * 60 },
  /** A citizen rarely files more than a few appeals an hour; repeats attach to the open case anyway. */
  appealPerPhone: { max: 5, windowSeconds: 60 * 60 },
  /** Looking up and rating by tracking code; codes are 100 random bits, so this only stops floods. */
  trackingPerAddress: { max: 60, windowSeconds: 60 },
  /** Over this a sender's messages are held for an operator, never dropped. */
  smsPerSender: { max: 10, windowSeconds: 60 * 60 },
  /**
   * Call events per phone-system token (the CTI webhook). A city's PBX at its busiest sends a few
   * hundred a second; this stops a runaway bridge or a leaked token flooding the call records.
   */
  ctiPerToken: { max: 60_000, windowSeconds: 60 },
  /** Public figures and open data: cached answers, so this only stops one address scraping in a loop. */
  publicDataPerAddress: { max: 120, windowSeconds: 60 },
  /**
   * Service requests posted per Open311 API key (one client application, which files for many
   * citizens): enough for a busy app's batch, small enough that a leaked key cannot flood intake.
   */
  open311PerKey: { max: 600, windowSeconds: 10 * 60 },
  /** Photos added to web appeals (each appeal takes a few at most, ADR 0035); stops one address filling the disk. */
  attachmentPerAddress: { max: 60, windowSeconds: 10 * 60 },
};

export interface FixedWindow {
  /** Epoch milliseconds at which the window began (a multiple of its length). */
  startMs: number;
  endMs: number;
}

/** The fixed window `now` falls in; every process computes the same one without talking. */
export function fixedWindow(nowMs: number, windowSeconds: number): FixedWindow {
  const length = windowSeconds * 1000;
  const startMs = Math.floor(nowMs / length) * length;
  return { startMs, endMs: startMs + length };
}

/** Whole seconds until the window ends, at least 1 (for a Retry-After header). */
export function secondsUntil(nowMs: number, endMs: number): number {
  return Math.max(1, Math.ceil((endMs - nowMs) / 1000));
}
