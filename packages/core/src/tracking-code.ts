/**
 * Tracking codes let a citizen follow an appeal without an account, so they are bearer
 * secrets: 20 Crockford base-32 characters, of which 16 carry 80 random bits. Crockford's
 * alphabet drops I, L, O and U, so a code read out over the phone is not misheard.
 *
 * The first 4 characters are the time the code was made, in 16 ms steps, counted round every
 * 4.66 hours (ADR 0077). Codes are stored as a hash behind those 4 characters, so the codes of
 * one accepted batch sort next to each other in the unique indexes instead of one random leaf
 * page each: on SQLite that was most of what an accept commit wrote (ADR 0072). The clock part
 * is no secret (the citizen knows when they filed); the 80 bits behind it are.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 20;
/** The clock's characters at the front of a code (20 bits). */
export const TRACKING_TIME_CHARS = 4;
/** Random bytes a code needs: 80 bits for its 16 random characters. */
export const TRACKING_CODE_BYTES = 10;
const TIME_STEP_MS = 16;
const TIME_STEPS = 2 ** (5 * TRACKING_TIME_CHARS);

/** `length` characters from the bits of `bytes`, most significant first. */
function base32(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** The clock part of a code made at `atMs` (epoch milliseconds): 16 ms steps, modulo 2^20. */
export function trackingTimePrefix(atMs: number): string {
  let step = Math.floor(atMs / TIME_STEP_MS) % TIME_STEPS;
  let out = '';
  for (let i = 0; i < TRACKING_TIME_CHARS; i++) {
    out = ALPHABET[step & 31] + out;
    step >>>= 5;
  }
  return out;
}

/** A code made at `atMs` from `random` (≥ TRACKING_CODE_BYTES bytes from a CSPRNG). */
export function encodeTrackingCode(random: Uint8Array, atMs: number): string {
  if (random.length < TRACKING_CODE_BYTES) {
    throw new RangeError(`need ${TRACKING_CODE_BYTES} random bytes`);
  }
  return trackingTimePrefix(atMs) + base32(random, TRACKING_CODE_LENGTH - TRACKING_TIME_CHARS);
}

/** Accepts what a citizen types: lower case, spaces or dashes, and the letters I/L/O for 1/1/0. */
export function normalizeTrackingCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (code.length !== TRACKING_CODE_LENGTH) return null;
  for (const ch of code) if (!ALPHABET.includes(ch)) return null;
  return code;
}
