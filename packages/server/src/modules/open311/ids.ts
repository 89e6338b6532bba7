import { randomBytes } from 'node:crypto';

/**
 * The service_request_id of a request attached to an open case (the same phone's): its own,
 * not that case's number. Case numbers are digits and a hyphen, so the prefix keeps them apart.
 */
const ATTACHED_PREFIX = 'o311-';

export function newAttachedRequestId(): string {
  return `${ATTACHED_PREFIX}${randomBytes(10).toString('hex')}`;
}

export function isAttachedRequestId(id: string): boolean {
  return id.startsWith(ATTACHED_PREFIX);
}

/** The token tokens/{token} resolves: 128 random bits, URL-safe, no dot (the path's format separator). */
export function newRequestToken(): string {
  return randomBytes(16).toString('hex');
}
