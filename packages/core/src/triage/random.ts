/**
 * A tiny seeded PRNG (mulberry32). Training shuffles examples and splits off a calibration fold;
 * with a seed those choices repeat exactly, so the same history always yields the same model —
 * which the model-version audit trail relies on. Math.random cannot be seeded, hence this.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of the first `length` entries, in place. */
export function shuffleInPlace(items: Int32Array, length: number, random: Random): void {
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
}
