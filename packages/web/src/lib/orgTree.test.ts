import { describe, expect, it } from 'vitest';
import { buildOrgTree } from './orgTree';

const unit = (id: string, parentId: string | null, name = id) => ({ id, parentId, name, kind: 'department', aliases: [] });

describe('buildOrgTree', () => {
  it('nests children under their parents, keeping the order', () => {
    const tree = buildOrgTree([unit('city', null), unit('b', 'city'), unit('a', 'city'), unit('a1', 'a')]);
    expect(tree.map((n) => n.value)).toEqual(['city']);
    expect(tree[0]?.children.map((n) => n.value)).toEqual(['b', 'a']);
    expect(tree[0]?.children[1]?.children.map((n) => n.value)).toEqual(['a1']);
  });

  it('makes a unit whose parent is out of sight a root instead of dropping it', () => {
    const tree = buildOrgTree([unit('district-dept', 'district'), unit('street', 'district-dept')]);
    expect(tree.map((n) => n.value)).toEqual(['district-dept']);
    expect(tree[0]?.children.map((n) => n.value)).toEqual(['street']);
  });

  it('survives a unit that names itself as parent', () => {
    expect(buildOrgTree([unit('x', 'x')]).map((n) => n.value)).toEqual(['x']);
  });
});
