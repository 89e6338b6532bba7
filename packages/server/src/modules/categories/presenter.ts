import { categoryLevel } from '@openline/core';
import { z } from 'zod';
import type { CategoryRow } from './repository.js';

export const categorySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  keywords: z.array(z.string()),
  sortOrder: z.number().int(),
  level: z.number().int(),
  retired: z.boolean(),
});
export type CategoryView = z.infer<typeof categorySchema>;

/** A node with its children: the shape of GET /api/v1/categories (three levels at most). */
export type CategoryTreeNode = CategoryView & { children: CategoryTreeNode[] };
export const categoryTreeNodeSchema: z.ZodType<CategoryTreeNode> = categorySchema.extend({
  children: z.lazy(() => z.array(categoryTreeNodeSchema)),
});

export function parseKeywords(stored: string): string[] {
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
}

export function presentCategories(rows: readonly CategoryRow[]): CategoryView[] {
  const links = rows.map((r) => ({ id: r.id, parentId: r.parent_id }));
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    description: r.description,
    keywords: parseKeywords(r.keywords),
    sortOrder: r.sort_order,
    level: categoryLevel(links, r.id) ?? 0,
    retired: r.retired_at !== null,
  }));
}
