import { sql } from 'kysely';
import type { AppContext } from '../../lib/app-context.js';
import { indexDocument } from '../search/store.js';
import { sealContactText } from './free-text.js';
import { listUnsealed, storeSealed } from './legacy-text-repository.js';

const BATCH = 200;

/**
 * Seals the texts stored in clear before migration 0016 and redacts the copy that stays
 * readable (ADR 0009). Runs at every start-up and does nothing once every row is sealed; each row
 * is updated only while still unsealed, and a case's search document is rewritten in the same
 * transaction, so an interrupted run resumes where it stopped. Answers how many rows it sealed.
 */
export async function sealLegacyTexts(ctx: AppContext): Promise<{ cases: number; contacts: number }> {
  const sealed = { cases: 0, contacts: 0 };
  for (const table of ['cases', 'contacts'] as const) {
    for (;;) {
      const rows = await listUnsealed(ctx.db, table, BATCH);
      if (rows.length === 0) break;
      await ctx.db.transaction().execute(async (trx) => {
        for (const row of rows) {
          const text = await sealContactText(trx, ctx.pii, row.content, row.lineId);
          if (!(await storeSealed(trx, table, row.id, { content: text.content, content_enc: text.content_enc }))) continue;
          sealed[table] += 1;
          if (table === 'cases' && text.found.length > 0) {
            await indexDocument(trx, ctx.dialect, { type: 'case', id: row.id, jurisdictionId: row.jurisdictionId, text: text.content });
          }
        }
      });
    }
  }
  // SQLite keeps deleted bytes in free pages: rewrite the file so the clear text is really gone.
  if (ctx.dialect === 'sqlite' && sealed.cases + sealed.contacts > 0) {
    await sql`VACUUM`.execute(ctx.db);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(ctx.db);
  }
  return sealed;
}
