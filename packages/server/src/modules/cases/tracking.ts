import { createHash } from 'node:crypto';
import { TRACKING_CODE_BYTES, encodeTrackingCode } from '@openline/core';
import { randomBytesPooled } from '../../lib/random-pool.js';

export function newTrackingCode(): string {
  return encodeTrackingCode(randomBytesPooled(TRACKING_CODE_BYTES));
}

/** Tracking codes are bearer secrets, so only their hash is stored (like a password reset token). */
export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(`openline/tracking/${code}`).digest('hex');
}
