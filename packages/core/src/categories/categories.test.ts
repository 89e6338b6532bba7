import { describe, expect, it } from 'vitest';
import { defaultCategoryTree, type SeedCategory } from './seed.js';
import { learnedCategorySuggestions, suggestCategories } from './suggest.js';
import {
  categoryAtLevel,
  categoryLevel,
  categorySubtree,
  checkCategoryPlacement,
  isCategoryCode,
  MAX_CATEGORY_DEPTH,
  nestCategories,
  subtreeHeight,
  type CategoryLink,
} from './tree.js';

// a ─ b ─ c      d ─ e      f
const nodes: CategoryLink[] = [
  { id: 'a', parentId: null },
  { id: 'b', parentId: 'a' },
  { id: 'c', parentId: 'b' },
  { id: 'd', parentId: null },
  { id: 'e', parentId: 'd' },
  { id: 'f', parentId: null },
];

describe('category codes', () => {
  it('accept stable lower-case codes and refuse the rest', () => {
    for (const ok of ['urban', 'street-vending', 'a1', 'ev-charging-2']) expect(isCategoryCode(ok)).toBe(true);
    for (const bad of ['', 'a', 'Urban', '1abc', 'street_vending', 'a--b', 'abc-', 'noise.construction', '噪音', 'x'.repeat(41)]) {
      expect(isCategoryCode(bad)).toBe(false);
    }
  });
});

describe('category tree rules', () => {
  it('knows levels, subtrees, heights and ancestors', () => {
    expect(categoryLevel(nodes, 'a')).toBe(1);
    expect(categoryLevel(nodes, 'c')).toBe(3);
    expect(categoryLevel(nodes, 'zz')).toBeNull();
    expect(categorySubtree(nodes, 'a').sort()).toEqual(['a', 'b', 'c']);
    expect(subtreeHeight(nodes, 'a')).toBe(3);
    expect(subtreeHeight(nodes, 'f')).toBe(1);
    expect(categoryAtLevel(nodes, 'c', 1)).toBe('a');
    expect(categoryAtLevel(nodes, 'c', 2)).toBe('b');
    expect(categoryAtLevel(nodes, 'd', 2)).toBe('d');
    expect(categoryAtLevel(nodes, 'zz', 1)).toBeNull();
  });

  it('allow new categories down to the third level only', () => {
    expect(checkCategoryPlacement(nodes, null, null)).toBeNull();
    expect(checkCategoryPlacement(nodes, null, 'b')).toBeNull();
    expect(checkCategoryPlacement(nodes, null, 'c')).toBe('CATEGORY_TOO_DEEP');
    expect(checkCategoryPlacement(nodes, null, 'nope')).toBe('CATEGORY_PARENT_NOT_FOUND');
  });

  it('refuse moves that make a cycle or push a subtree past three levels', () => {
    expect(checkCategoryPlacement(nodes, 'a', 'c')).toBe('CATEGORY_CYCLE');
    expect(checkCategoryPlacement(nodes, 'a', 'a')).toBe('CATEGORY_CYCLE');
    expect(checkCategoryPlacement(nodes, 'a', 'f')).toBe('CATEGORY_TOO_DEEP');
    expect(checkCategoryPlacement(nodes, 'd', 'f')).toBeNull();
    expect(checkCategoryPlacement(nodes, 'd', 'e')).toBe('CATEGORY_CYCLE');
    expect(checkCategoryPlacement(nodes, 'c', null)).toBeNull();
    expect(checkCategoryPlacement(nodes, 'd', 'b')).toBe('CATEGORY_TOO_DEEP');
    expect(checkCategoryPlacement(nodes, 'e', 'b')).toBeNull();
    expect(checkCategoryPlacement(nodes, 'e', 'a')).toBeNull();
  });

  it('survives a corrupt chain without looping', () => {
    const loop: CategoryLink[] = [{ id: 'x', parentId: 'y' }, { id: 'y', parentId: 'x' }];
    expect(categoryLevel(loop, 'x')).toBeNull();
    expect(categorySubtree(loop, 'x').sort()).toEqual(['x', 'y']);
    expect(checkCategoryPlacement(loop, null, 'x')).toBe('CATEGORY_PARENT_NOT_FOUND');
  });

  it('nests a flat list in order', () => {
    const tree = nestCategories(nodes);
    expect(tree.map((n) => n.id)).toEqual(['a', 'd', 'f']);
    expect(tree[0]?.children[0]?.children[0]?.id).toBe('c');
  });
});

describe('the default tree', () => {
  const flat: Array<SeedCategory & { depth: number }> = [];
  const walk = (list: SeedCategory[], depth: number): void => {
    for (const c of list) {
      flat.push({ ...c, depth });
      walk(c.children, depth + 1);
    }
  };
  walk(defaultCategoryTree(), 1);

  it('has valid unique codes, three levels at most and keywords on every leaf', () => {
    expect(flat.length).toBeGreaterThan(100);
    expect(new Set(flat.map((c) => c.code)).size).toBe(flat.length);
    for (const c of flat) {
      expect(isCategoryCode(c.code), c.code).toBe(true);
      expect(c.depth).toBeLessThanOrEqual(MAX_CATEGORY_DEPTH);
      if (c.children.length === 0) expect(c.keywords.length, c.code).toBeGreaterThan(0);
      for (const k of c.keywords) expect([...k].length).toBeLessThanOrEqual(20);
    }
  });
});

describe('category suggestion', () => {
  const categories = [
    { id: 'noise', name: '噪声', keywords: ['噪音', '扰民'] },
    { id: 'construction-noise', name: '施工噪声', keywords: ['施工噪音', '夜间施工'] },
    { id: 'water', name: '停水', keywords: ['停水', '没有水'] },
  ];

  it('ranks by the length of distinct words found, longer words winning', () => {
    const out = suggestCategories(categories, '小区旁边工地夜间施工噪音扰民，天天到半夜');
    expect(out.map((s) => s.categoryId)).toEqual(['construction-noise', 'noise']);
    expect(out[0]?.matched.sort()).toEqual(['夜间施工', '施工噪音']);
    // 噪音 is inside 施工噪音 for construction-noise, but noise has it as its own word
    expect(out[1]?.matched.sort()).toEqual(['噪音', '扰民']);
    expect(out.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1);
  });

  it('answers nothing when no word matches, and honours the limit', () => {
    expect(suggestCategories(categories, '咨询一下公积金提取')).toEqual([]);
    expect(suggestCategories(categories, '停水了，施工噪音扰民', 1)).toHaveLength(1);
  });

  it('matches English words whatever their case', () => {
    expect(suggestCategories([{ id: 'k', name: 'KTV', keywords: [] }], 'the ktv next door')[0]?.categoryId).toBe('k');
  });

  it('turns a learned ranking into suggestions of choosable categories only, with their words found', () => {
    const ranked = [
      { label: 'retired-one', probability: 0.5 },
      { label: 'construction-noise', probability: 0.3 },
      { label: 'water', probability: 0.15 },
      { label: 'noise', probability: 0.05 },
    ];
    const out = learnedCategorySuggestions(ranked, categories, '工地夜间施工吵得睡不着', { limit: 2 });
    // the model's first choice is no longer choosable: skipped, not replaced by a keyword guess
    expect(out.map((s) => s.categoryId)).toEqual(['construction-noise', 'water']);
    expect(out[0]).toEqual({ categoryId: 'construction-noise', share: 0.3, matched: ['夜间施工'] });
    expect(out[1]?.matched).toEqual([]);
  });

  it('offers a category the model has never seen first when its words are in the text', () => {
    const added = { id: 'roof-noise', name: '楼顶异响', keywords: ['楼顶怪声'] };
    const ranked = [{ label: 'noise', probability: 0.7 }, { label: 'water', probability: 0.2 }, { label: 'construction-noise', probability: 0.1 }];
    const out = learnedCategorySuggestions(ranked, [...categories, added], '每天夜里楼顶怪声，吵得睡不着', { newcomers: [added] });
    expect(out.map((s) => s.categoryId)).toEqual(['roof-noise', 'noise', 'water']);
    expect(out[0]).toMatchObject({ share: 1, matched: ['楼顶怪声'] });
    // No word of the newcomer in the text: the model alone.
    expect(learnedCategorySuggestions(ranked, [...categories, added], '噪音扰民', { newcomers: [added], limit: 1 }).map((s) => s.categoryId)).toEqual(['noise']);
  });
});
