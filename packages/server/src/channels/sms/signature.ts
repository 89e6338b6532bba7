import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.js';

export const SIGNATURE_HEADER = 'x-openline-signature';
export const TIMESTAMP_HEADER = 'x-openline-timestamp';
/** A signed delivery older (or further ahead) than this is refused as a possible replay. */
export const MAX_SKEW_MS = 5 * 60_000;

/**
 * Checks the gateway's HMAC-SHA256 over the raw body (`sha256=<hex>`, as our own outbox webhook
 * signs). With a timestamp header (unix seconds) the signed text is `<timestamp>.<body>`, so the
 * time cannot be changed without the secret; without one, a replay is only a repeated message id,
 * which the inbox takes once. The signature is checked before the time, and in constant time,
 * so an unauthenticated caller learns nothing from the answer.
 */
export function verifyWebhookSignature(o: {
  secret: string;
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  now: Date;
}): void {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(o.signature?.trim() ?? '')?.[1];
  if (!given) throw new AppError('SIGNATURE_INVALID', `Missing or malformed ${SIGNATURE_HEADER}`);
  const hmac = createHmac('sha256', o.secret);
  if (o.timestamp !== undefined) hmac.update(`${o.timestamp}.`);
  const expected = hmac.update(o.rawBody).digest();
  if (!timingSafeEqual(Buffer.from(given, 'hex'), expected)) throw new AppError('SIGNATURE_INVALID', 'The signature does not match');
  if (o.timestamp === undefined) return;
  const seconds = /^\d{1,12}$/.test(o.timestamp) ? Number(o.timestamp) : Number.NaN;
  if (!Number.isFinite(seconds) || Math.abs(o.now.getTime() - seconds * 1000) > MAX_SKEW_MS) {
    throw new AppError('REQUEST_EXPIRED', `${TIMESTAMP_HEADER} is more than 5 minutes from now; refused as a possible replay`);
  }
}
