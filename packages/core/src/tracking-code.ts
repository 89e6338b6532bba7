/**
 * Tracking codes let a citizen follow an appeal without an account, so they are bearer
 * secrets: 20 Crockford base-32 characters carry 100 random bits (the brief asks ≥ 80).
 * Crockford's alphabet drops I, L, O and U, so a code read out over the phone is not misheard.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 20;
export const TRACKING_CODE_BYTES = 13; // 104 bits ≥ 20 × 5 bits

export function encodeTrackingCode(random: Uint8Array): string {
  if (random.length < TRACKING_CODE_BYTES) {
    throw new RangeError(`need ${TRACKING_CODE_BYTES} random bytes`);
  }
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < TRACKING_CODE_LENGTH) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
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
