import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CaseCategoryTable, DB } from '../../db/schema.js';

export type CategoryRow = CaseCategoryTable;

/** The whole tree of a jurisdiction, siblings in display order: a few hundred rows at most. */
export async function findCategories(db: Kysely<DB>, jurisdictionId: string): Promise<CategoryRow[]> {
  return db
    .selectFrom('case_categories')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

/** The names of some categories of a jurisdiction (a page of cases names a handful). */
export async function findCategoryNames(db: Kysely<DB>, jurisdictionId: string, ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('case_categories').select(['id', 'name']).where('jurisdiction_id', '=', jurisdictionId).where('id', 'in', [...ids]).execute();
}

export async function insertCategories(db: Kysely<DB>, rows: ReadonlyArray<Insertable<CaseCategoryTable>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('case_categories').values(rows.slice(i, i + 100)).execute();
}

export async function updateCategory(db: Kysely<DB>, id: string, changes: Updateable<CaseCategoryTable>): Promise<void> {
  await db.updateTable('case_categories').set(changes).where('id', '=', id).execute();
}

export async function setRetired(db: Kysely<DB>, ids: readonly string[], retiredAt: string | null, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('case_categories').set({ retired_at: retiredAt, updated_at: at }).where('id', 'in', ids).execute();
}

export async function deleteCategory(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('case_categories').where('id', '=', id).execute();
}

/** Whether any case names this category; the one reason a category can only be retired. */
export async function categoryInUse(db: Kysely<DB>, jurisdictionId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('category_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
