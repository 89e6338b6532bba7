/**
 * Hashing for character n-grams. We hash instead of keeping a vocabulary so the feature space
 * has a fixed size known before training, the model needs no string table, and a new word in a
 * citizen's text costs nothing. The mixing steps are MurmurHash3's (32-bit); they use only
 * Math.imul and shifts, so results are identical in Node and in the browser.
 */

/** Folds one code point into a running hash; applied once per character of the n-gram. */
export function mixCodePoint(hash: number, codePoint: number): number {
  let k = Math.imul(codePoint, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Murmur's finaliser: spreads the bits so masking to the low bits gives even buckets. */
export function finalizeHash(hash: number, length: number): number {
  let h = hash ^ length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
