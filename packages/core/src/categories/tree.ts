/**
 * The case category tree (诉求分类, issue 12 §6): pure rules shared by the server, which enforces
 * them, and the console, which greys out moves they forbid. Three levels at most, as in the
 * classification schemes of Chinese 12345 centres (大类 → 中类 → 小类); deeper trees make the
 * operator's choice slower without telling the figures anything more.
 */
export const MAX_CATEGORY_DEPTH = 3;

/**
 * A category's code is its stable name for machines: Open311's `service_code` (issue 11 §3),
 * exports and filters. Lower-case ASCII, digits and hyphens, 2–40 characters, starting with a
 * letter. It never encodes the place in the tree, so a category keeps its code when moved; it
 * cannot be changed once created, since outside systems keep it.
 */
export const CATEGORY_CODE_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

export function isCategoryCode(code: string): boolean {
  return CATEGORY_CODE_PATTERN.test(code) && !code.endsWith('-') && !code.includes('--');
}

/** What the rules need of a category. */
export interface CategoryLink {
  id: string;
  parentId: string | null;
}

/** Why a placement is refused; stable codes the server answers with (409). */
export type PlacementRefusal = 'CATEGORY_TOO_DEEP' | 'CATEGORY_CYCLE' | 'CATEGORY_PARENT_NOT_FOUND';

/** The level of a category, 1 for the top; null when the chain is broken or loops. */
export function categoryLevel(nodes: readonly CategoryLink[], id: string): number | null {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  let level = 0;
  let current: string | null | undefined = id;
  while (current !== null) {
    if (current === undefined || !parentOf.has(current) || level > nodes.length) return null;
    level += 1;
    current = parentOf.get(current);
  }
  return level;
}

/** The ids of a category and everything below it. */
export function categorySubtree(nodes: readonly CategoryLink[], id: string): string[] {
  const children = childrenIndex(nodes);
  const out: string[] = [];
  const stack = [id];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (seen.has(current)) continue;
    seen.add(current);
    out.push(current);
    stack.push(...(children.get(current) ?? []));
  }
  return out;
}

/** The ids from the top of the tree down to this category (itself last); empty when unknown. */
export function categoryAncestry(nodes: readonly CategoryLink[], id: string): string[] {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const chain: string[] = [];
  let current: string | null | undefined = id;
  while (current !== null && current !== undefined && parentOf.has(current) && !chain.includes(current)) {
    chain.unshift(current);
    current = parentOf.get(current);
  }
  return chain;
}

/**
 * Whether `id` (or a new category, when id is null) may sit under `parentId` (null: the top):
 * the parent must exist, must not be the category or below it, and the category's whole subtree
 * must still fit in MAX_CATEGORY_DEPTH levels.
 */
export function checkCategoryPlacement(nodes: readonly CategoryLink[], id: string | null, parentId: string | null): PlacementRefusal | null {
  const parentLevel = parentId === null ? 0 : categoryLevel(nodes, parentId);
  if (parentLevel === null) return 'CATEGORY_PARENT_NOT_FOUND';
  if (id !== null && parentId !== null && categoryAncestry(nodes, parentId).includes(id)) return 'CATEGORY_CYCLE';
  const height = id === null ? 1 : subtreeHeight(nodes, id);
  return parentLevel + height > MAX_CATEGORY_DEPTH ? 'CATEGORY_TOO_DEEP' : null;
}

/** Levels from this category to its deepest descendant, itself counted (a leaf is 1). */
export function subtreeHeight(nodes: readonly CategoryLink[], id: string): number {
  const children = childrenIndex(nodes);
  const walk = (current: string, seen: Set<string>): number => {
    if (seen.has(current)) return 0;
    seen.add(current);
    const below = (children.get(current) ?? []).map((c) => walk(c, seen));
    return 1 + (below.length > 0 ? Math.max(...below) : 0);
  };
  return walk(id, new Set());
}

/** A category's ancestor at `level` (1 = top), or itself when it is at that level or above. */
export function categoryAtLevel(nodes: readonly CategoryLink[], id: string, level: number): string | null {
  const chain = categoryAncestry(nodes, id);
  if (chain.length === 0) return null;
  return chain[Math.min(level, chain.length) - 1] ?? null;
}

/** Nested form of a flat list, siblings in the given order; orphans are dropped. */
export type NestedCategory<T> = T & { children: Array<NestedCategory<T>> };

export function nestCategories<T extends CategoryLink>(nodes: readonly T[]): Array<NestedCategory<T>> {
  type Nested = NestedCategory<T>;
  const byId = new Map<string, Nested>(nodes.map((n) => [n.id, { ...n, children: [] }]));
  const roots: Nested[] = [];
  for (const n of nodes) {
    const node = byId.get(n.id) as Nested;
    if (n.parentId === null) roots.push(node);
    else byId.get(n.parentId)?.children.push(node);
  }
  return roots;
}

function childrenIndex(nodes: readonly CategoryLink[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  return children;
}
