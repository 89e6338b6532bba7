import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick.js';
import { foldText } from './fold.js';

function hits(patterns: string[], text: string): string[] {
  const found: string[] = [];
  new AhoCorasick(patterns.map(foldText)).scan(text, (id, start, end) => found.push(`${patterns[id]}@${start}-${end}`));
  return found;
}

describe('AhoCorasick', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    expect(hits(['自杀', '想自杀', '杀'], '我想自杀')).toEqual(['想自杀@1-4', '自杀@2-4', '杀@3-4']);
    expect(hits(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['she@1-4', 'he@2-4', 'hers@2-6']);
    expect(hits(['停水'], '停水停水')).toEqual(['停水@0-2', '停水@2-4']);
  });

  it('follows failure links after a partial match', () => {
    expect(hits(['燃气泄漏', '气泄'], '燃气气泄漏')).toEqual(['气泄@2-4']);
  });

  it('folds case and full-width forms without moving spans', () => {
    expect(hits(['abc'], 'xＡｂC')).toEqual(['abc@1-4']);
  });

  it('agrees with a naive search on random text over a tiny alphabet', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const word = (length: number): string => Array.from({ length }, () => 'abc停水'[random(5)]).join('');
    for (let round = 0; round < 50; round += 1) {
      const patterns = [...new Set(Array.from({ length: 8 }, () => word(1 + random(4))))];
      const text = word(60);
      const naive: string[] = [];
      for (let end = 1; end <= text.length; end += 1) {
        patterns.forEach((p) => {
          if (end >= p.length && text.slice(end - p.length, end) === p) naive.push(`${p}@${end - p.length}-${end}`);
        });
      }
      expect(hits(patterns, text).sort()).toEqual(naive.sort());
    }
  });

  it('rejects an empty pattern', () => {
    expect(() => new AhoCorasick([''])).toThrow(RangeError);
  });
});
