import type { OrgUnit } from '../api/org';

export interface OrgTreeNode {
  value: string;
  title: string;
  key: string;
  kind: string;
  children: OrgTreeNode[];
}

/**
 * Nests the flat unit list for TreeSelect and Tree. A unit whose parent the user cannot see
 * (a handler sees only their own subtree) becomes a root rather than disappearing, and the
 * input order is kept, which is the server's order.
 */
export function buildOrgTree(units: readonly OrgUnit[]): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>();
  for (const unit of units) {
    nodes.set(unit.id, { value: unit.id, key: unit.id, title: unit.name, kind: unit.kind, children: [] });
  }
  const roots: OrgTreeNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id);
    if (!node) continue;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    // A cycle in bad data would otherwise hide both units: treat a self-parent as a root.
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Id → name, for showing unit names in timelines and tables. */
export function unitNames(units: readonly OrgUnit[]): Map<string, string> {
  return new Map(units.map((unit) => [unit.id, unit.name]));
}
