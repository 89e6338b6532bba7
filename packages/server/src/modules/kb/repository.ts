import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, KbArticleTable } from '../../db/schema.js';

export async function insertArticle(db: Kysely<DB>, row: Insertable<KbArticleTable>): Promise<void> {
  await db.insertInto('kb_articles').values(row).execute();
}

export async function updateArticle(db: Kysely<DB>, id: string, set: Updateable<KbArticleTable>): Promise<void> {
  await db.updateTable('kb_articles').set(set).where('id', '=', id).execute();
}

export function findArticles(db: Kysely<DB>, options: { jurisdictionId: string; ids?: string[]; validAt?: string }) {
  let q = db
    .selectFrom('kb_articles')
    .leftJoin('org_units', 'org_units.id', 'kb_articles.owner_unit_id')
    .selectAll('kb_articles')
    .select('org_units.name as ownerUnitName')
    .where('kb_articles.jurisdiction_id', '=', options.jurisdictionId);
  if (options.ids) q = q.where('kb_articles.id', 'in', options.ids.length > 0 ? options.ids : ['']);
  if (options.validAt) {
    const at = options.validAt;
    q = q
      .where((eb) => eb.or([eb('kb_articles.valid_from', 'is', null), eb('kb_articles.valid_from', '<=', at)]))
      .where((eb) => eb.or([eb('kb_articles.valid_to', 'is', null), eb('kb_articles.valid_to', '>', at)]));
  }
  return q.orderBy('kb_articles.updated_at', 'desc').execute();
}

export type ArticleRow = Awaited<ReturnType<typeof findArticles>>[number];

/** Changes whenever an article is written: how many there are and the latest edit. */
export async function articleSignature(db: Kysely<DB>, jurisdictionId: string): Promise<string> {
  const row = await db
    .selectFrom('kb_articles')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('updated_at').as('latest')])
    .where('jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}|${String(row.latest ?? '')}`;
}

/** What ranking reads of every article of a jurisdiction, expired ones included (filtered after). */
export function findArticleTexts(db: Kysely<DB>, jurisdictionId: string) {
  return db.selectFrom('kb_articles').select(['id', 'question', 'answer', 'tags']).where('jurisdiction_id', '=', jurisdictionId).execute();
}
