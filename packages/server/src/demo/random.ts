import { seededRandom, type Random } from '@openline/core';

/**
 * A seeded PRNG (core's mulberry32) with the few helpers the demo generator needs. Math.random cannot
 * be seeded, and the demo must come out identical on every run and both databases, so that
 * screenshots, docs and bug reports made against the demo stay comparable.
 */
export class DemoRandom {
  private readonly random: Random;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.random();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; entries with weight 0 are never picked. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weightOf(item), 0);
    if (total <= 0) throw new RangeError('weighted pick needs a positive total weight');
    let roll = this.next() * total;
    for (const item of items) {
      roll -= weightOf(item);
      if (roll < 0) return item;
    }
    // Floating-point leftovers land on the last item that could be picked.
    return [...items].reverse().find((item) => weightOf(item) > 0) as T;
  }

  /** Picks a key of a {key: weight} table. */
  table<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    return this.weighted(entries, ([, w]) => w)[0];
  }
}
