import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { outsideRequests, runWithRequestId } from '../../lib/request-context.js';
import { inTransaction, readOncePerUnitOfWork, type TxContext } from '../../lib/unit-of-work.js';
import { AppError } from '../../errors.js';
import { classifyDatabaseOutage } from '../../db/refusals.js';
import { assertChoosableCategory } from '../categories/service.js';
import { findJurisdiction, type Jurisdiction } from '../jurisdictions/repository.js';
import { readBatchCandidates, type CandidateFinder } from '../unattended-intake/batch-candidates.js';
import { candidateSearchOf, fileUnattendedContact, type UnattendedContact } from '../unattended-intake/service.js';
import { claimBacklog, markProcessed, markProcessedRows, recordFailure, type IntakeRow, type ProcessedMark } from './repository.js';
import type { SealedAppeal } from './sealed.js';

export interface ProcessedBatch {
  /** Rows taken from the backlog (0: nothing was waiting, or all of it is another drainer's). */
  claimed: number;
  processed: number;
  /** Rows that failed alone this time (retried later, up to MAX_ATTEMPTS). */
  failed: number;
  /** The requests that accepted the processed rows (issue 13 §5): the drainer logs them. */
  requestIds: string[];
  /** Rows that failed alone, with their requests, for the drainer's log. */
  failures: Array<{ seq: number; requestId: string | null; error: string }>;
}

/**
 * Turns up to `limit` accepted appeals into cases, oldest first, in ONE transaction: what unattended
 * intake always did (duplicates, attach or merge, opening the case with routing's and priority's
 * inputs, the search index), and the row marked processed in the same commit. So a crash at any
 * point leaves each row either processed with its case or untouched, and reprocessing cannot
 * create a second case. If the batch fails as a whole, each row is retried alone so one bad row
 * fails only itself; its failure is counted on the row (ADR 0032).
 */
export async function processIntakeBatch(ctx: AppContext, o: { limit: number; budgetMs?: number }): Promise<ProcessedBatch> {
  let claimed: number[] = [];
  try {
    return await inTransaction(ctx, async (tx) => {
      const jurisdictions = new Map<string, Jurisdiction | undefined>();
      const rows = o.budgetMs === undefined
        ? await claimBacklog(tx.db, ctx.dialect, { limit: o.limit })
        : await claimWithinBudget(tx, { limit: o.limit, budgetMs: o.budgetMs }, jurisdictions, (seq) => claimed.push(seq));
      claimed = rows.map((r) => r.seq);
      if (o.budgetMs === undefined) {
        // Claimed at once: their candidates are read at once too (one statement on PostgreSQL, ADR 0080).
        const appeals = new Map<number, Unsealed>();
        for (const row of rows) appeals.set(row.seq, await unseal(tx, row, jurisdictions));
        const findCandidates = await readBatchCandidates(tx, [...appeals.values()].map((u) => candidateSearchOf(u.contact, u.receivedAt)));
        // No later claim of this transaction can meet them again: marked together, one statement.
        const marks: ProcessedMark[] = [];
        for (const row of rows) marks.push(await processRow(tx, row, jurisdictions, { unsealed: appeals.get(row.seq), findCandidates }));
        await markProcessedRows(tx.db, ctx.dialect, marks);
      }
      return { claimed: rows.length, processed: rows.length, failed: 0, requestIds: requestIdsOf(rows), failures: [] };
    });
  } catch (error) {
    // A database that cannot store now (disk full, read-only, gone: ADR 0034) is no row's fault:
    // the claim rolled back, the rows wait untouched for the next pass instead of being counted
    // towards MAX_ATTEMPTS and parked as failed (issue 13 §6).
    if (claimed.length === 0 || classifyDatabaseOutage(error) !== null) throw error;
    let processed = 0;
    const requestIds: string[] = [];
    const failures: ProcessedBatch['failures'] = [];
    for (const seq of claimed) {
      let requestId: string | null = null;
      try {
        processed += await inTransaction(ctx, async (tx) => {
          const [row] = await claimBacklog(tx.db, ctx.dialect, { limit: 1, seq });
          requestId = row?.request_id ?? null;
          if (row) await markProcessed(tx.db, await processRow(tx, row, new Map()));
          return row ? 1 : 0;
        });
        if (requestId !== null) requestIds.push(requestId);
      } catch (alone) {
        if (classifyDatabaseOutage(alone) !== null) throw alone;
        const message = alone instanceof Error ? alone.message : String(alone);
        await recordFailure(ctx.db, seq, message);
        failures.push({ seq, requestId, error: message });
      }
    }
    return { claimed: claimed.length, processed, failed: claimed.length - processed, requestIds, failures };
  }
}

/**
 * A time-sliced batch (SQLite, ADR 0049): claims and processes the oldest rows one at a time
 * until `limit`, or until one more row, at this batch's average so far, would take it past
 * `budgetMs`. The whole transaction runs without yielding (the driver is synchronous) and holds
 * the only connection, so its length is what an accept arriving meanwhile waits; sizing it by
 * the time it really takes, not by an estimate made before, keeps a batch of slow rows (merges)
 * as short as one of quick ones. The first row is always processed, so the backlog moves.
 */
async function claimWithinBudget(
  tx: TxContext,
  o: { limit: number; budgetMs: number },
  jurisdictions: Map<string, Jurisdiction | undefined>,
  onClaim: (seq: number) => void,
): Promise<IntakeRow[]> {
  const started = performance.now();
  const rows: IntakeRow[] = [];
  while (rows.length < o.limit) {
    const elapsed = performance.now() - started;
    if (rows.length > 0 && elapsed + elapsed / rows.length > o.budgetMs) break;
    const [row] = await claimBacklog(tx.db, tx.dialect, { limit: 1 });
    if (!row) break;
    onClaim(row.seq);
    rows.push(row);
    // Marked at once: the next claim of this transaction must not find it unprocessed.
    await markProcessed(tx.db, await processRow(tx, row, jurisdictions));
  }
  return rows;
}

function requestIdsOf(rows: readonly IntakeRow[]): string[] {
  return rows.flatMap((r) => (r.request_id === null ? [] : [r.request_id]));
}

/**
 * One row's work runs as part of the request that accepted it (issue 13 §5, ADR 0034): what it
 * queues (outbox messages) carries that request's id, not the id of whichever request woke the
 * drainer; a row accepted before ids were stored runs in no request's scope.
 */
function processRow(tx: TxContext, row: IntakeRow, jurisdictions: Map<string, Jurisdiction | undefined>, batch?: BatchOfRow): Promise<ProcessedMark> {
  const work = (): Promise<ProcessedMark> => processRowNow(tx, row, jurisdictions, batch);
  return row.request_id === null ? outsideRequests(work) : runWithRequestId(row.request_id, work);
}

/** What a batch read for a row before filing it: its appeal, unsealed, and its candidates (readBatchCandidates). */
interface BatchOfRow {
  unsealed: Unsealed | undefined;
  findCandidates: CandidateFinder;
}

/** A row's appeal, unsealed, as unattended intake takes it (the category still to be checked). */
interface Unsealed {
  contact: Omit<UnattendedContact, 'categoryId'>;
  appeal: SealedAppeal;
  receivedAt: Date;
}

async function unseal(tx: TxContext, row: IntakeRow, jurisdictions: Map<string, Jurisdiction | undefined>): Promise<Unsealed> {
  if (!jurisdictions.has(row.jurisdiction_id)) jurisdictions.set(row.jurisdiction_id, await findJurisdiction(tx.db, row.jurisdiction_id));
  const jurisdiction = jurisdictions.get(row.jurisdiction_id);
  if (!jurisdiction || row.payload_enc === null) throw new Error(`public intake ${row.seq}: no jurisdiction or no sealed appeal`);
  const appeal = JSON.parse(tx.pii.decrypt(row.payload_enc)) as SealedAppeal;
  return {
    appeal, receivedAt: new Date(row.accepted_at),
    contact: { jurisdiction, channel: 'web', content: appeal.content, phoneE164: appeal.phone, callerName: appeal.name, address: appeal.address, line: null, ip: appeal.ip },
  };
}

/** Files the row's appeal; the row's mark (processed, with what it became) is the caller's to write. */
async function processRowNow(tx: TxContext, row: IntakeRow, jurisdictions: Map<string, Jurisdiction | undefined>, batch?: BatchOfRow): Promise<ProcessedMark> {
  const { contact, appeal, receivedAt } = batch?.unsealed ?? await unseal(tx, row, jurisdictions);
  const filed = await fileUnattendedContact(
    tx,
    { ...contact, categoryId: await stillChoosable(tx, contact.jurisdiction.id, appeal.categoryId) },
    { urgency: row.urgency === 'urgent' ? 'urgent' : 'normal', trackingCode: appeal.trackingCode, receivedAt, findCandidates: batch?.findCandidates },
  );
  return { seq: row.seq, outcome: filed.kind, caseId: filed.caseId, at: nowIso() };
}

/**
 * The category was choosable when the appeal was accepted; an admin may have retired or deleted it
 * since. The choice is the citizen's optional hint, so the case opens without it rather than not at all.
 */
async function stillChoosable(tx: TxContext, jurisdictionId: string, categoryId: string | undefined): Promise<string | undefined> {
  if (categoryId === undefined) return undefined;
  // Asked once per category and batch: a surge's appeals choose among a few (ADR 0080).
  const choosable = await readOncePerUnitOfWork(tx.db, `public-intake:choosable:${jurisdictionId}:${categoryId}`, async () => {
    try {
      await assertChoosableCategory(tx.db, jurisdictionId, categoryId, 'categoryId');
      return true;
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  });
  return choosable ? categoryId : undefined;
}
