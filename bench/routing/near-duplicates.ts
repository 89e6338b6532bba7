import type { LabeledText } from '../../packages/core/src/triage/index.js';

/**
 * Groups near-duplicate texts (Jaccard similarity of character-trigram sets ≥ threshold) with
 * union-find. The appeals data set was split so near-duplicates never straddle train and test;
 * cross-validation must split the same way, or a repost in another fold inflates the score: one
 * setting scored 0.915 in ungrouped cross-validation, 0.910 grouped and 0.907 on the test file.
 * Candidate pairs come from an inverted index over rarer trigrams, so no all-pairs scan.
 */
export function nearDuplicateGroups(examples: readonly LabeledText[], threshold = 0.5): Int32Array {
  const sets = examples.map((e) => trigramSet(`${e.title ?? ''}${e.body}`));
  const df = new Map<string, number>();
  for (const set of sets) for (const gram of set) df.set(gram, (df.get(gram) ?? 0) + 1);
  const postings = new Map<string, number[]>();
  sets.forEach((set, i) => {
    for (const gram of set) {
      if (df.get(gram)! > 20) continue; // common trigrams say nothing about duplication
      let list = postings.get(gram);
      if (!list) postings.set(gram, (list = []));
      list.push(i);
    }
  });
  const shared = new Map<number, number>();
  const n = examples.length;
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const key = list[a]! * n + list[b]!;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const [key, count] of shared) {
    if (count < 5) continue;
    const a = Math.floor(key / n);
    const b = key % n;
    if (jaccard(sets[a]!, sets[b]!) >= threshold) parent[find(a)] = find(b);
  }
  return Int32Array.from({ length: n }, (_, i) => find(i));
}

function trigramSet(text: string): Set<string> {
  const chars = Array.from(text);
  const set = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) set.add(chars.slice(i, i + 3).join(''));
  return set;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const gram of a) if (b.has(gram)) common++;
  return common / (a.size + b.size - common || 1);
}
