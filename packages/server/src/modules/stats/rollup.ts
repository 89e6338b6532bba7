import { caseFacts, contactFacts } from '@openline/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { listJurisdictionIds } from '../jurisdictions/repository.js';
import {
  claimWatermark,
  clearFigures,
  findAllCaseIds,
  findCasesWithEventsSince,
  loadCasesForFigures,
  replaceCells,
  resumDays,
  toColumns,
  type CellRow,
} from './repository.js';
import {
  findLooseContacts,
  loadContactsForFigures,
  replaceContactCells,
  type ContactCellRow,
} from './contact-repository.js';
import { RollupDelta } from './delta.js';
import { applyDelta, findCells, findContactCells } from './delta-repository.js';

/**
 * Events are read again for this long after the watermark passed them: a transaction that
 * stamped its event before the watermark moved but committed after it is still seen. Reading a
 * case again is harmless — its cells are replaced, and an unchanged case's difference is zero.
 */
export const OVERLAP_MS = 5 * 60_000;
const BATCH = 200;

export interface RefreshResult {
  /** False when another refresh held the watermark; nothing was done. */
  ran: boolean;
  cases: number;
}

/**
 * The incremental job (ADR 0012, 0018): every case with an event since the watermark (less the
 * overlap) has its cells recomputed from its whole history by core's caseFacts, and the
 * difference between its old and new cells is added to the rollups. One transaction, so the
 * figures are never half updated; the worker runs it every pass (a few seconds).
 */
export async function refreshFigures(ctx: Pick<AppContext, 'db'>, options: { now?: Date } = {}): Promise<RefreshResult> {
  const now = options.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const previous = await claimWatermark(tx.db, nowIso(now));
    if (previous === null) return { ran: false, cases: 0 };
    const since = nowIso(new Date(Date.parse(previous) - OVERLAP_MS));
    const sink = deltaSink();
    let cases = 0;
    // City by city, each query naming its city: one partition or shard each (ADR 0033).
    for (const jurisdictionId of await listJurisdictionIds(tx.db)) {
      const caseIds = await findCasesWithEventsSince(tx.db, jurisdictionId, since);
      await recompute(tx.db, jurisdictionId, caseIds, await findLooseContacts(tx.db, jurisdictionId, since), sink);
      cases += caseIds.length;
    }
    await sink.flush(tx.db, true);
    return { ran: true, cases };
  });
}

/**
 * Throws the figures away and computes them again from every case's events: after a change of
 * the rules in core, or to check the incremental job (a test proves both agree).
 */
export async function rebuildFigures(ctx: Pick<AppContext, 'db'>, options: { now?: Date } = {}): Promise<RefreshResult> {
  const now = options.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const previous = await claimWatermark(tx.db, nowIso(now));
    if (previous === null) return { ran: false, cases: 0 };
    const sink = resumSink();
    let cases = 0;
    // City by city, as the refresh (ADR 0033).
    for (const jurisdictionId of await listJurisdictionIds(tx.db)) {
      await clearFigures(tx.db, jurisdictionId);
      const caseIds = await findAllCaseIds(tx.db, jurisdictionId);
      await recompute(tx.db, jurisdictionId, caseIds, await findLooseContacts(tx.db, jurisdictionId), sink);
      cases += caseIds.length;
    }
    await sink.flush(tx.db, true);
    return { ran: true, cases };
  });
}

/**
 * Where a pass's cell changes go. The refresh adds each case's difference to the rollups (ADR
 * 0018: its cost follows the cells changed); the rebuild, which starts from empty tables and
 * touches every day, sums whole days again from the cells (`resumDays`).
 */
interface CellSink {
  cells(old: readonly CellRow[], fresh: readonly CellRow[]): void;
  contacts(old: readonly ContactCellRow[], fresh: readonly ContactCellRow[]): void;
  /** Writes what is pending; `final` at the end of the pass, otherwise only when it grew large. */
  flush(trx: Transaction<DB>, final: boolean): Promise<void>;
}

/** Changes kept in memory before they are written, so a huge pass stays bounded (rows of stat_daily). */
const DELTA_FLUSH_ROWS = 20_000;

function deltaSink(): CellSink {
  const delta = new RollupDelta();
  return {
    cells(old, fresh) {
      delta.addCells(old, -1);
      delta.addCells(fresh, 1);
    },
    contacts(old, fresh) {
      delta.addContactCells(old, -1);
      delta.addContactCells(fresh, 1);
    },
    async flush(trx, final) {
      if (!final && delta.size < DELTA_FLUSH_ROWS) return;
      await applyDelta(trx, delta);
      delta.clear();
    },
  };
}

function resumSink(): CellSink {
  const touched = new Map<string, Set<string>>();
  const touch = (rows: ReadonlyArray<{ jurisdiction_id: string; day: string }>): void => {
    for (const r of rows) {
      let days = touched.get(r.jurisdiction_id);
      if (!days) touched.set(r.jurisdiction_id, (days = new Set()));
      days.add(r.day);
    }
  };
  return {
    cells(old, fresh) {
      touch(old);
      touch(fresh);
    },
    contacts(old, fresh) {
      touch(old);
      touch(fresh);
    },
    async flush(trx, final) {
      if (!final) return;
      for (const [jurisdictionId, days] of touched) {
        const list = [...days].sort();
        for (let i = 0; i < list.length; i += BATCH) await resumDays(trx, jurisdictionId, list.slice(i, i + BATCH));
      }
    },
  };
}

/**
 * Recomputes the cells of these cases (and their contacts) and of these loose contacts, all of one
 * jurisdiction, and hands the changes to the sink; the caller writes what is left (final flush).
 */
async function recompute(
  trx: Transaction<DB>,
  jurisdictionId: string,
  caseIds: readonly string[],
  looseContactIds: readonly string[],
  sink: CellSink,
): Promise<void> {
  for (let i = 0; i < caseIds.length; i += BATCH) {
    const batch = caseIds.slice(i, i + BATCH);
    const old = await findCells(trx, jurisdictionId, batch);
    const rows: CellRow[] = [];
    for (const c of await loadCasesForFigures(trx, jurisdictionId, batch)) {
      for (const cell of caseFacts(c.history, c.timeZone)) {
        rows.push({
          case_id: c.caseId,
          jurisdiction_id: c.jurisdictionId,
          day: cell.day,
          unit_id: cell.unitId,
          line_id: c.lineId,
          case_type: c.caseType,
          channel: c.channel,
          category_id: c.categoryId,
          ...toColumns(cell.counts),
        });
      }
    }
    await replaceCells(trx, jurisdictionId, batch, rows);
    sink.cells(old, rows);
    await recomputeContacts(trx, jurisdictionId, { caseIds: batch, contactIds: [] }, sink);
    await sink.flush(trx, false);
  }
  for (let i = 0; i < looseContactIds.length; i += BATCH) {
    await recomputeContacts(trx, jurisdictionId, { caseIds: [], contactIds: looseContactIds.slice(i, i + BATCH) }, sink);
    await sink.flush(trx, false);
  }
}

async function recomputeContacts(
  trx: Transaction<DB>,
  jurisdictionId: string,
  ids: { caseIds: readonly string[]; contactIds: readonly string[] },
  sink: CellSink,
): Promise<void> {
  const rows: ContactCellRow[] = [];
  for (const c of await loadContactsForFigures(trx, jurisdictionId, ids)) {
    const fact = contactFacts(c.history, c.timeZone);
    if (!fact) continue;
    rows.push({
      contact_id: c.contactId,
      case_id: c.caseId,
      jurisdiction_id: c.jurisdictionId,
      day: fact.day,
      line_id: c.lineId,
      case_type: c.caseType,
      channel: c.channel,
      contacts: fact.counts.contacts,
      direct_resolved: fact.counts.directResolved,
    });
  }
  // Read before the replace: exactly the rows it deletes (see findContactCells).
  const old = await findContactCells(trx, jurisdictionId, { caseIds: ids.caseIds, contactIds: [...ids.contactIds, ...rows.map((r) => r.contact_id)] });
  await replaceContactCells(trx, jurisdictionId, ids, rows);
  sink.contacts(old, rows);
}
