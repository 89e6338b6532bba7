import type { Random } from '../random.js';

export { seededRandom, type Random } from '../random.js';

/** Fisher–Yates shuffle of the first `length` entries, in place. */
export function shuffleInPlace(items: Int32Array, length: number, random: Random): void {
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
}
