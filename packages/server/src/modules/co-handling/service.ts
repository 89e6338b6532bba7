import {
  CO_HANDLING_EVENTS, coHandlingRefusal, isCaseStatus,
  type CoHandlingInput, type CoHandlingKind, type CoHandlingNote, type CoHandlingView, type CoUnitPart,
} from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { canViewCase } from '../cases/policy.js';
import { findCaseForAccess, insertEvent, type CaseAccessRow } from '../cases/repository.js';
import { coHandlingEvents, coUnitsOf } from './repository.js';

type CoUnit = Awaited<ReturnType<typeof coUnitsOf>>[number];
const asIso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/**
 * The co-unit a handler records for: one of the case's co-units that is their unit or below it
 * (the same reach as the lead unit's actions). A handler of the lead unit is not a co-unit of
 * their own case, even when the unit tree would put a co-unit under them.
 */
function recordingUnit(user: SessionUser, row: CaseAccessRow, coUnits: CoUnit[]): CoUnit | null {
  if (!user.roles.includes('handler')) return null;
  if (row.leadUnitPath !== null && row.leadUnitPath.startsWith(user.orgUnitPath)) return null;
  return coUnits.find((u) => u.path.startsWith(user.orgUnitPath)) ?? null;
}

async function visibleCase(ctx: Pick<AppContext, 'db'>, user: SessionUser, caseId: string): Promise<CaseAccessRow> {
  const row = await findCaseForAccess(ctx.db, user.jurisdictionId, caseId);
  if (!row || !canViewCase(user, row)) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
  return row;
}

function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Every co-unit of the case with its records, for whoever may see the case. */
export async function coHandlingOf(ctx: AppContext, o: { user: SessionUser; caseId: string }): Promise<CoHandlingView> {
  const row = await visibleCase(ctx, o.user, o.caseId);
  const [coUnits, events] = await Promise.all([coUnitsOf(ctx.db, row.id), coHandlingEvents(ctx.db, row.id)]);
  const byUnit = new Map<string, CoUnitPart>(coUnits.map((u) => [u.id, { unitId: u.id, unitName: u.name, notes: [] }]));
  for (const e of events) {
    const payload = parsePayload(e.payload);
    const unitId = typeof payload['unitId'] === 'string' ? payload['unitId'] : '';
    // A unit no longer co-handling keeps its records on the history; the panel lists them under its name.
    const part = byUnit.get(unitId) ?? { unitId, unitName: typeof payload['unitName'] === 'string' ? payload['unitName'] : '', notes: [] };
    byUnit.set(unitId, part);
    const kind: CoHandlingKind = e.type === CO_HANDLING_EVENTS.share ? 'share' : 'progress';
    const note: CoHandlingNote = { id: String(e.id), kind, text: typeof payload['text'] === 'string' ? payload['text'] : '', authorName: e.author_name, createdAt: asIso(e.created_at) };
    part.notes.push(note);
  }
  const status = isCaseStatus(row.status) ? row.status : 'received';
  const unit = coHandlingRefusal(status) === null ? recordingUnit(o.user, row, coUnits) : null;
  return { units: [...byUnit.values()], mayRecordFor: unit?.id ?? null };
}

/**
 * A co-unit records its part: a progress note, or its share of the reply (told to the lead
 * unit, which answers the citizen). On the case's history with an audit entry, in one
 * transaction; no status or deadline changes.
 */
export async function recordCoHandling(ctx: AppContext, o: { user: SessionUser; caseId: string; input: CoHandlingInput; ip: string }): Promise<CoHandlingView> {
  await inTransaction(ctx, async (tx) => {
    const row = await visibleCase(tx, o.user, o.caseId);
    const unit = recordingUnit(o.user, row, await coUnitsOf(tx.db, row.id));
    if (!unit) throw new AppError('FORBIDDEN', 'Only a handler of a co-handling unit (协办) records its part');
    const status = isCaseStatus(row.status) ? row.status : 'received';
    if (coHandlingRefusal(status) !== null) {
      throw new AppError('CO_HANDLING_NOT_ALLOWED', 'The case is not with the departments now', [{ path: 'case', message: 'NOT_WITH_DEPARTMENT' }]);
    }
    const at = nowIso();
    await insertEvent(tx.db, {
      caseId: row.id, jurisdictionId: row.jurisdiction_id, type: CO_HANDLING_EVENTS[o.input.kind], actorKind: 'staff', actorUserId: o.user.id, fromStatus: null, toStatus: null,
      payload: { unitId: unit.id, unitName: unit.name, text: o.input.text }, createdAt: at,
    });
    await appendAudit(tx.db, {
      jurisdictionId: row.jurisdiction_id, actorUserId: o.user.id, action: `case.co_${o.input.kind}`, targetType: 'case', targetId: row.id, ip: o.ip,
      detail: { unitId: unit.id },
    });
  });
  return coHandlingOf(ctx, { user: o.user, caseId: o.caseId });
}
