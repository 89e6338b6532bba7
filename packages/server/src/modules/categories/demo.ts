import { suggestCategories } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { categoriesOf } from './service.js';

/**
 * Gives the demo's cases the category the intake suggestion picks from their text, as an
 * operator accepting the suggestion would; about one in ten is left without, like cases taken
 * before categories existed. One update per category, not per case.
 */
export async function categoriseDemoCases(db: Kysely<DB>, jurisdictionId: string): Promise<void> {
  const categories = (await categoriesOf(db, jurisdictionId)).filter((c) => !c.retired);
  const cases = await db.selectFrom('cases').select(['id', 'content']).where('jurisdiction_id', '=', jurisdictionId).orderBy('case_number').execute();
  const byCategory = new Map<string, string[]>();
  cases.forEach((c, index) => {
    if (index % 10 === 9) return;
    const best = suggestCategories(categories, c.content, 1)[0];
    if (!best) return;
    byCategory.set(best.categoryId, [...(byCategory.get(best.categoryId) ?? []), c.id]);
  });
  for (const [categoryId, ids] of byCategory) {
    for (let i = 0; i < ids.length; i += 200) {
      await db.updateTable('cases').set({ category_id: categoryId }).where('id', 'in', ids.slice(i, i + 200)).execute();
    }
  }
}
