import type { AppContext } from '../../lib/app-context.js';
import { deleteAttachmentRow, listStalePending } from './repository.js';
import type { AttachmentStore } from './store.js';

/** An upload still pending after this was interrupted (a crash, a killed process): a real one takes seconds. */
export const PENDING_GRACE_MS = 60 * 60_000;
const BATCH = 100;

/**
 * Removes uploads a crash left half-stored: the bytes first (a key that holds nothing is fine),
 * then the row, so a sweep interrupted in turn is simply repeated. Any worker may run it; two at
 * once only delete the same things twice.
 */
export async function sweepPendingAttachments(ctx: Pick<AppContext, 'db'>, store: AttachmentStore, now: Date = new Date()): Promise<number> {
  const stale = await listStalePending(ctx.db, new Date(now.getTime() - PENDING_GRACE_MS).toISOString(), BATCH);
  for (const row of stale) {
    await store.delete(row.storage_key);
    if (row.thumbnail_key) await store.delete(row.thumbnail_key);
    await deleteAttachmentRow(ctx.db, row.id);
  }
  return stale.length;
}
