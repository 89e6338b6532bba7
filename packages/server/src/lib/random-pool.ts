import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/**
 * Cryptographically random bytes (the same CSPRNG as `randomBytes`), drawn from a buffer refilled
 * 4 KB at a time. Every accepted public appeal takes two small draws (its tracking code and its
 * sealing IV); each `randomBytes` call costs ~2 µs, mostly getting into OpenSSL, and they were a
 * few per cent of the accept path of a surge (issue 13 §1, ADR 0054). Each byte is handed out once.
 */
export function randomBytesPooled(n: number): Buffer {
  if (n > 256) return randomBytes(n);
  if (used + n > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const out = Buffer.allocUnsafe(n);
  pool.copy(out, 0, used, used + n);
  used += n;
  return out;
}
