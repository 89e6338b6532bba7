import { categoryLevel, type CategoryView } from '@openline/core';
import type { CategoryRow } from './repository.js';

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
