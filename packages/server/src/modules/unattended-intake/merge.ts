import { decide, type CaseState, type EventPayload } from '@openline/core';
import { AppError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import type { TxContext } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { openCase, type MergeEvent, type OpenCaseInput, type OpenedCase } from '../cases/open-case.js';
import type { DuplicateCandidate } from '../intake-check/candidates.js';
import { parentPriorityAfterMerge, recomputeCasePriority } from '../priority/recompute.js';

/**
 * Opens a case already merged into `parent` (ADR 0055): what opening it and then performing the
 * `merge` transition as the system wrote, in fewer statements. The status machine still decides
 * (core's `decide`, on the state a just-opened case has, with the parent as the duplicate search
 * read it in this transaction); its changes are written with the new row instead of updated into
 * it, and what the general transition would have re-read or found empty for a case opened a
 * moment ago is not looked up: its access row, jurisdiction and parent (all in hand), its
 * children, deadlines and place rows (a new case has none; indexPlace false writes none), its
 * followers (none yet), and the merge's messages (notifyForTransition queues none for a merge).
 * What stays: the parent's priority recomputed with the new caller (one caller more or none, not
 * a recount: ADR 0076; written with the new row: ADR 0080), the `merged` event (written by
 * openCase with the `created` one, one statement) and the audit entry.
 */
export async function openMergedCase(
  ctx: TxContext,
  input: Omit<OpenCaseInput, 'merged' | 'indexPlace'>,
  o: { parent: DuplicateCandidate; ip: string; detail: EventPayload },
): Promise<OpenedCase> {
  const id = newId();
  const opened: CaseState = { id, status: 'received', leadUnitId: null, bounceCount: 0, awaitingArbitration: false, pendingExtension: null, contacted: false };
  const decision = decide(opened, { type: 'merge', payload: { parentId: o.parent.caseId } }, { roles: [], system: true }, {
    parent: { id: o.parent.caseId, status: o.parent.status },
  });
  if (!decision.ok) throw new AppError(decision.code, decision.message, decision.details?.map((d) => ({ ...d })));

  const event = {
    type: decision.event.type, actorKind: 'system', actorUserId: null, fromStatus: decision.event.fromStatus, toStatus: decision.event.toStatus,
    reason: decision.event.reason, payload: { ...decision.event.payload, ...o.detail },
  } satisfies MergeEvent;
  const trx = ctx.db;
  // A merge brings the child's caller to the parent: more people affected, higher priority. Read
  // (and on PostgreSQL the parent locked) before the child is written, so the parent's new score is
  // written in the child's statement (ADR 0080). A child with flags confirmed at intake changes the
  // family's flags, and a family with nothing stored is recounted: both read the family afresh,
  // with the child in it.
  // Not awaited yet: the child's rows are sealed and bound while the server locks and reads the parent.
  const parentUpdate = (input.vulnerabilities ?? []).length > 0 ? Promise.resolve('recount' as const) : parentPriorityAfterMerge(trx, ctx.dialect, {
    jurisdictionId: input.jurisdiction.id, parentId: o.parent.caseId, childId: id, callerKey: input.callerPhone ? ctx.pii.blindIndex(input.callerPhone) : null, now: new Date(),
  });
  const alongside = parentUpdate.then((u) => (u === null || u === 'recount' ? [] : [u]));
  // Both are awaited below or by openCase; observed now, so that if openCase fails first, their failure is not left unhandled.
  parentUpdate.catch(() => undefined);
  alongside.catch(() => undefined);
  const result = await openCase(ctx, { ...input, indexPlace: false, merged: { id, status: decision.toStatus, changes: decision.changes, event }, alongside });
  if ((await parentUpdate) === 'recount') await recomputeCasePriority(trx, { jurisdictionId: input.jurisdiction.id, caseId: o.parent.caseId }, result.mergedAt ?? new Date());
  await appendAudit(trx, {
    jurisdictionId: input.jurisdiction.id,
    actorUserId: null,
    action: 'case.merge',
    targetType: 'case',
    targetId: id,
    ip: o.ip,
    detail: { from: decision.event.fromStatus, to: decision.event.toStatus, ...o.detail },
  });
  return result;
}
