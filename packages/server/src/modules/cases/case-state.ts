import { isCaseStatus, type CaseChanges, type CaseState } from '@openline/core';
import type { Updateable } from 'kysely';
import type { CaseRow, CaseTable } from '../../db/schema.js';

/** The few facts the status machine decides on, read from the stored row. */
export function caseStateOf(row: CaseRow): CaseState {
  if (!isCaseStatus(row.status)) throw new Error(`case ${row.id} has unknown status ${row.status}`);
  return {
    id: row.id,
    status: row.status,
    leadUnitId: row.lead_unit_id,
    bounceCount: row.bounce_count,
    awaitingArbitration: row.awaiting_arbitration === 1,
    pendingExtension:
      row.pending_extension_days !== null
        ? { workingDays: row.pending_extension_days, reason: row.pending_extension_reason ?? '' }
        : null,
    contacted: row.contacted_at !== null,
  };
}

const stamp = (value: 'now' | null | undefined, at: string): string | null | undefined =>
  value === undefined ? undefined : value === null ? null : at;

/**
 * The machine's `changes` as column values. A key the machine left out stays untouched; 'now'
 * becomes the transaction's time, the same instant the event row carries.
 */
export function columnsFor(changes: CaseChanges, at: string): Updateable<CaseTable> {
  const set: Updateable<CaseTable> = {};
  if (changes.leadUnitId !== undefined) set.lead_unit_id = changes.leadUnitId;
  if (changes.bounceCount !== undefined) set.bounce_count = changes.bounceCount;
  if (changes.awaitingArbitration !== undefined) set.awaiting_arbitration = changes.awaitingArbitration ? 1 : 0;
  if (changes.pendingExtension !== undefined) {
    set.pending_extension_days = changes.pendingExtension?.workingDays ?? null;
    set.pending_extension_reason = changes.pendingExtension?.reason ?? null;
  }
  const contacted = stamp(changes.contactedAt, at);
  if (contacted !== undefined) set.contacted_at = contacted;
  if (changes.repliedAt !== undefined) set.replied_at = at;
  if (changes.replyText !== undefined) set.reply_text = changes.replyText;
  if (changes.visit !== undefined) {
    set.visit_solved = changes.visit === null ? null : changes.visit.solved ? 1 : 0;
    set.visit_satisfaction = changes.visit?.satisfaction ?? null;
    set.visit_comment = changes.visit?.comment ?? null;
  }
  const visited = stamp(changes.visitedAt, at);
  if (visited !== undefined) set.visited_at = visited;
  const closed = stamp(changes.closedAt, at);
  if (closed !== undefined) set.closed_at = closed;
  if (changes.closedAtIntake !== undefined) set.closed_at_intake = changes.closedAtIntake ? 1 : 0;
  if (changes.invalidReason !== undefined) set.invalid_reason = changes.invalidReason;
  if (changes.parentId !== undefined) set.parent_id = changes.parentId;
  // Its merged cases move to the new parent with it: what it counted is no longer its family (ADR 0076).
  if (changes.reparentChildrenTo !== undefined) {
    set.family_callers = null;
    set.family_flags = null;
  }
  if (changes.deadlines?.kind === 'start') set.dispatched_at = at;
  return set;
}
