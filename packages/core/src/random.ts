/**
 * A tiny seeded PRNG (mulberry32). Math.random cannot be seeded, and several things must repeat
 * exactly: model training (the same history yields the same model version), the demo city (the
 * same on every install, so screenshots and bug reports stay comparable), and benchmark data.
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
