import { MAX_CATEGORY_DEPTH, checkCategoryPlacement, isCategoryCode } from '@openline/core';

/** The fields of a category node the console's helpers need (staff or public tree). */
export interface CategoryNodeLike {
  id: string;
  name: string;
  code: string;
  retired?: boolean;
  children: CategoryNodeLike[];
}

/** antd TreeSelect / Tree data: value and key are the id, the title the name. */
export interface CategoryOption {
  value: string;
  key: string;
  title: string;
  disabled?: boolean;
  children: CategoryOption[];
}

/**
 * Options for choosing a category. Retired ones are shown only where they are already chosen
 * (greyed), never offered anew; `disableIds` greys out places a move may not go.
 */
export function categoryOptions(nodes: readonly CategoryNodeLike[], disableIds: ReadonlySet<string> = new Set()): CategoryOption[] {
  return nodes.map((n) => ({
    value: n.id,
    key: n.id,
    title: n.name,
    disabled: n.retired === true || disableIds.has(n.id),
    children: categoryOptions(n.children, disableIds),
  }));
}

export function flattenCategories<T extends CategoryNodeLike>(nodes: readonly T[]): T[] {
  return nodes.flatMap((n) => [n, ...flattenCategories(n.children as T[])]);
}

/** Names from the top down to the category, e.g. 城市管理 / 市容环卫 / 占道经营; empty when not found. */
export function categoryPath(nodes: readonly CategoryNodeLike[], id: string): string[] {
  for (const n of nodes) {
    if (n.id === id) return [n.name];
    const below = categoryPath(n.children, id);
    if (below.length > 0) return [n.name, ...below];
  }
  return [];
}

/**
 * Where a category may move (or a new one go, with id null): core's rules over the tree as the
 * console has it, so the screen greys out what the server would refuse. Answers the ids that
 * may NOT be its parent.
 */
export function forbiddenParents(nodes: readonly CategoryNodeLike[], id: string | null): Set<string> {
  const links: Array<{ id: string; parentId: string | null }> = [];
  const walk = (list: readonly CategoryNodeLike[], parentId: string | null): void => {
    for (const n of list) {
      links.push({ id: n.id, parentId });
      walk(n.children, n.id);
    }
  };
  walk(nodes, null);
  return new Set(links.filter((l) => checkCategoryPlacement(links, id, l.id) !== null).map((l) => l.id));
}

export { MAX_CATEGORY_DEPTH, isCategoryCode };

/** Keywords as typed in one box: split on spaces, commas and 、, trimmed, without repeats. */
export function parseKeywords(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map((k) => k.trim()).filter(Boolean))];
}
