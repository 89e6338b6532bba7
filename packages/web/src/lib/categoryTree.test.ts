import { describe, expect, it } from 'vitest';
import { categoryOptions, categoryPath, flattenCategories, forbiddenParents, parseKeywords, type CategoryNodeLike } from './categoryTree';

const leaf = (id: string, name: string, retired = false): CategoryNodeLike => ({ id, name, code: id, retired, children: [] });
// urban ─ appearance ─ vending      env ─ noise      old (retired)
const tree: CategoryNodeLike[] = [
  { id: 'urban', name: '城市管理', code: 'urban', children: [{ id: 'appearance', name: '市容环卫', code: 'appearance', children: [leaf('vending', '占道经营')] }] },
  { id: 'env', name: '生态环境', code: 'env', children: [leaf('noise', '噪声')] },
  leaf('old', '旧分类', true),
];

describe('category tree helpers', () => {
  it('names the path from the top', () => {
    expect(categoryPath(tree, 'vending')).toEqual(['城市管理', '市容环卫', '占道经营']);
    expect(categoryPath(tree, 'nope')).toEqual([]);
    expect(flattenCategories(tree).map((n) => n.id)).toEqual(['urban', 'appearance', 'vending', 'env', 'noise', 'old']);
  });

  it('offers retired categories greyed, and greys what is forbidden', () => {
    const options = categoryOptions(tree, new Set(['env']));
    expect(options.map((o) => [o.value, o.disabled])).toEqual([['urban', false], ['env', true], ['old', true]]);
    expect(options[0]?.children[0]?.children[0]?.title).toBe('占道经营');
  });

  it('forbids parents that would make a fourth level or a cycle', () => {
    // A new category may not go under a third-level one.
    expect([...forbiddenParents(tree, null)]).toEqual(['vending']);
    // urban is three levels tall: it can only stay at the top.
    expect([...forbiddenParents(tree, 'urban')].sort()).toEqual(['appearance', 'env', 'noise', 'old', 'urban', 'vending'].sort());
    // noise (a leaf) may go anywhere above the third level.
    expect([...forbiddenParents(tree, 'noise')].sort()).toEqual(['noise', 'vending'].sort());
  });

  it('reads keywords typed with any separator', () => {
    expect(parseKeywords('摆摊，占道 流动摊贩、摆摊\n夜市')).toEqual(['摆摊', '占道', '流动摊贩', '夜市']);
    expect(parseKeywords('  ')).toEqual([]);
  });
});
