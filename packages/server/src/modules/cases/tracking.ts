import { createHash } from 'node:crypto';
import { TRACKING_CODE_BYTES, TRACKING_TIME_CHARS, encodeTrackingCode } from '@openline/core';
import { randomBytesPooled } from '../../lib/random-pool.js';

export function newTrackingCode(now = Date.now()): string {
  return encodeTrackingCode(randomBytesPooled(TRACKING_CODE_BYTES), now);
}

/** Tracking codes are bearer secrets, so only their hash is stored (like a password reset token). */
function sha256OfCode(code: string): string {
  return createHash('sha256').update(`openline/tracking/${code}`).digest('hex');
}

/**
 * The key every row written from now on stores for a code: the code's clock characters, then
 * its hash (ADR 0077). Codes made together sort together, so an accepted batch's entries share
 * a leaf page or two of the unique indexes (public_intake, cases, contacts) where a bare hash
 * put each on a random page. The clock part is no secret; the 80 random bits stay hashed.
 */
export function hashTrackingCode(code: string): string {
  return code.slice(0, TRACKING_TIME_CHARS) + sha256OfCode(code);
}

/**
 * Every key a code may be stored under, the current one first: rows written before ADR 0077
 * store the bare hash (64 characters, never equal to a current key's 68). Look-ups try each.
 */
export function trackingKeys(code: string): readonly [string, string] {
  return [hashTrackingCode(code), sha256OfCode(code)];
}
