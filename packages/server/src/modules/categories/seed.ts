import { defaultCategoryTree, type SeedCategory } from '@openline/core';
import type { Insertable, Kysely } from 'kysely';
import type { CaseCategoryTable, DB } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import { insertCategories } from './repository.js';

/**
 * Writes core's default tree for a jurisdiction (no access check, no audit): new jurisdictions,
 * first install and the demo start from it, and an admin may load it into an empty tree.
 */
export async function seedDefaultCategories(db: Kysely<DB>, jurisdictionId: string): Promise<number> {
  const at = nowIso();
  const rows: Array<Insertable<CaseCategoryTable>> = [];
  const walk = (list: readonly SeedCategory[], parentId: string | null): void => {
    list.forEach((c, index) => {
      const id = newId();
      rows.push({
        id, jurisdiction_id: jurisdictionId, parent_id: parentId, code: c.code, name: c.name, description: null,
        keywords: JSON.stringify(c.keywords), sort_order: index, retired_at: null, created_at: at, updated_at: at,
      });
      walk(c.children, id);
    });
  };
  walk(defaultCategoryTree(), null);
  await insertCategories(db, rows);
  return rows.length;
}
