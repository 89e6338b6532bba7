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
 * transaction, so an interrupted run resumes where it stopped. Answers how many rows it sealed,
 * and on SQLite whether its log could not be emptied yet (`truncateLog`).
 */
export async function sealLegacyTexts(ctx: AppContext): Promise<{ cases: number; contacts: number; logStillBusy?: true }> {
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
  // SQLite keeps deleted bytes in free pages and old page versions in its log: rewrite the file
  // and empty the log so the clear text is really gone.
  if (ctx.dialect === 'sqlite' && sealed.cases + sealed.contacts > 0) {
    await sql`VACUUM`.execute(ctx.db);
    if (!(await truncateLog(ctx))) return { ...sealed, logStillBusy: true };
  }
  return sealed;
}

/** How long start-up keeps trying to empty the log, and the pause between tries. */
const TRUNCATE_FOR_MS = 5_000;
const TRUNCATE_PAUSE_MS = 50;

/**
 * Empties SQLite's log. The background checkpointer's own connection (ADR 0054) may be inside a
 * checkpoint at that moment, and then this one answers "busy" at once (the checkpoint lock waits
 * on no busy handler) and leaves the log, with the clear text's old pages, as it was (seen once in
 * CI). So it is tried again for up to five seconds; should the log still be busy, the checkpointer
 * empties it once writes go quiet. Answers whether the log was emptied.
 */
async function truncateLog(ctx: AppContext): Promise<boolean> {
  const until = Date.now() + TRUNCATE_FOR_MS;
  for (;;) {
    const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(ctx.db);
    if (rows[0]?.busy === 0) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, TRUNCATE_PAUSE_MS));
  }
}
