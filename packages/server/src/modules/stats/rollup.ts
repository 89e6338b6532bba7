import { caseFacts, contactFacts } from '@openline/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import {
  claimWatermark,
  clearFigures,
  findAllCaseIds,
  findCasesWithEventsSince,
  findCellDays,
  loadCasesForFigures,
  replaceCells,
  resumDays,
  toColumns,
  type CellRow,
} from './repository.js';
import {
  findAllLooseContacts,
  findContactCellDays,
  findLooseContactsSince,
  loadContactsForFigures,
  replaceContactCells,
  type ContactCellRow,
} from './contact-repository.js';

/**
 * Events are read again for this long after the watermark passed them: a transaction that
 * stamped its event before the watermark moved but committed after it is still seen. Reading a
 * case again is harmless — its cells are replaced, not added to.
 */
export const OVERLAP_MS = 5 * 60_000;
const BATCH = 200;

export interface RefreshResult {
  /** False when another refresh held the watermark; nothing was done. */
  ran: boolean;
  cases: number;
}

/**
 * The incremental job (ADR 0012): every case with an event since the watermark (less the
 * overlap) has its cells recomputed from its whole history by core's caseFacts, and every day
 * those cells touched, before or now, is summed again into the rollup. One transaction, so
 * the figures are never half updated; the worker runs it every pass (a few seconds).
 */
export async function refreshFigures(ctx: Pick<AppContext, 'db'>, options: { now?: Date } = {}): Promise<RefreshResult> {
  const now = options.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const previous = await claimWatermark(tx.db, nowIso(now));
    if (previous === null) return { ran: false, cases: 0 };
    const since = nowIso(new Date(Date.parse(previous) - OVERLAP_MS));
    const caseIds = await findCasesWithEventsSince(tx.db, since);
    await recompute(tx.db, caseIds, await findLooseContactsSince(tx.db, since));
    return { ran: true, cases: caseIds.length };
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
    await clearFigures(tx.db);
    const caseIds = await findAllCaseIds(tx.db);
    await recompute(tx.db, caseIds, await findAllLooseContacts(tx.db));
    return { ran: true, cases: caseIds.length };
  });
}

/** Recomputes the cells of these cases (and their contacts) and of these loose contacts, then resums their days. */
async function recompute(trx: Transaction<DB>, caseIds: readonly string[], looseContactIds: readonly string[]): Promise<void> {
  const touched = new Map<string, Set<string>>();
  const touch = (jurisdictionId: string, day: string): void => {
    let days = touched.get(jurisdictionId);
    if (!days) touched.set(jurisdictionId, (days = new Set()));
    days.add(day);
  };
  for (let i = 0; i < caseIds.length; i += BATCH) {
    const batch = caseIds.slice(i, i + BATCH);
    for (const d of await findCellDays(trx, batch)) touch(d.jurisdiction_id, d.day);
    const rows: CellRow[] = [];
    for (const c of await loadCasesForFigures(trx, batch)) {
      for (const cell of caseFacts(c.history, c.timeZone)) {
        touch(c.jurisdictionId, cell.day);
        rows.push({
          case_id: c.caseId,
          jurisdiction_id: c.jurisdictionId,
          day: cell.day,
          unit_id: cell.unitId,
          line_id: c.lineId,
          case_type: c.caseType,
          channel: c.channel,
          ...toColumns(cell.counts),
        });
      }
    }
    await replaceCells(trx, batch, rows);
    await recomputeContacts(trx, { caseIds: batch, contactIds: [] }, touch);
  }
  for (let i = 0; i < looseContactIds.length; i += BATCH) {
    await recomputeContacts(trx, { caseIds: [], contactIds: looseContactIds.slice(i, i + BATCH) }, touch);
  }
  for (const [jurisdictionId, days] of touched) {
    const list = [...days].sort();
    for (let i = 0; i < list.length; i += BATCH) await resumDays(trx, jurisdictionId, list.slice(i, i + BATCH));
  }
}

async function recomputeContacts(
  trx: Transaction<DB>,
  ids: { caseIds: readonly string[]; contactIds: readonly string[] },
  touch: (jurisdictionId: string, day: string) => void,
): Promise<void> {
  for (const d of await findContactCellDays(trx, ids)) touch(d.jurisdiction_id, d.day);
  const rows: ContactCellRow[] = [];
  for (const c of await loadContactsForFigures(trx, ids)) {
    const fact = contactFacts(c.history, c.timeZone);
    if (!fact) continue;
    touch(c.jurisdictionId, fact.day);
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
  await replaceContactCells(trx, ids, rows);
}
