import {
  decide,
  isCaseStatus,
  type Actor,
  type CaseAction,
  type CaseType,
  type DecideContext,
  type EventPayload,
  type Urgency,
} from '@openline/core';
import type { Transaction } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { assertReferences, eachReference, type Reference } from '../../lib/references.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findJurisdiction } from '../jurisdictions/repository.js';
import { findArticles } from '../kb/repository.js';
import { caseStateOf, columnsFor } from './case-state.js';
import { applyDeadlineChange } from './deadline-changes.js';
import { recomputeCasePriority } from '../priority/recompute.js';
import { indexCasePlace, unindexCasePlace, type CasePlaceSource } from '../intake-check/places.js';
import { recordDispatchFeedback } from '../routing/suggest.js';
import { notifyForTransition } from './notifications.js';
import { redactCitizenWords } from './free-text.js';
import { canViewCase } from './policy.js';
import { findCaseForAccess, insertEvent, type CaseAccessRow } from './repository.js';
import {
  findCaseStatus,
  reparentChildren,
  replaceCoUnits,
  updateCaseAtVersion,
} from './transition-repository.js';

/**
 * Who is acting: a signed-in staff member, the citizen holding the tracking code, or unattended
 * intake applying a duplicate rule by itself (`detail` says why — rule and score — and goes
 * into the event and audit entry, so staff can see and undo what no person decided).
 */
export type TransitionActor =
  | { kind: 'staff'; user: SessionUser; ip: string }
  | { kind: 'citizen'; ip: string }
  | { kind: 'system'; ip: string; detail: EventPayload };

function machineActor(actor: TransitionActor, row: CaseAccessRow): Actor {
  if (actor.kind === 'citizen') return { roles: [], citizen: true };
  if (actor.kind === 'system') return { roles: [], system: true };
  const inLeadUnit = row.leadUnitPath !== null && row.leadUnitPath.startsWith(actor.user.orgUnitPath);
  return { roles: actor.user.roles, isLeadUnitMember: inLeadUnit };
}

async function contextFor(trx: Transaction<DB>, action: CaseAction, row: CaseRow): Promise<DecideContext> {
  if (action.type !== 'merge') return {};
  const parent = await findCaseStatus(trx, action.payload.parentId, row.jurisdiction_id);
  return parent && isCaseStatus(parent.status) ? { parent: { id: parent.id, status: parent.status } } : {};
}

/** The ids an action's payload names: units, the article answered from, the merge parent. */
function referencesOf(action: CaseAction): Reference[] {
  switch (action.type) {
    case 'dispatch':
    case 'arbitrate':
    case 'redispatch':
      return [{ kind: 'unit', path: 'leadUnitId', id: action.payload.leadUnitId }, ...eachReference('unit', 'coUnitIds', action.payload.coUnitIds)];
    case 'return':
      return [{ kind: 'unit', path: 'suggestedUnitId', id: action.payload.suggestedUnitId }];
    case 'answer_directly':
      return [{ kind: 'article', path: 'articleId', id: action.payload.articleId }];
    case 'merge':
      return [{ kind: 'case', path: 'parentId', id: action.payload.parentId }];
    default:
      return [];
  }
}

/**
 * A direct answer names the article it came from, and counts toward that article's use: beyond
 * being one of this jurisdiction's articles, it must be valid now (an expired answer must not be given).
 */
async function checkArticleValid(trx: Transaction<DB>, action: CaseAction, jurisdictionId: string): Promise<void> {
  if (action.type !== 'answer_directly' || action.payload.articleId === undefined) return;
  const found = await findArticles(trx, { jurisdictionId, ids: [action.payload.articleId], validAt: nowIso() });
  if (found.length !== 1) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'articleId', message: 'unknown or expired article' }]);
  }
}

/**
 * Performs one lifecycle action on a case: the status machine decides, and the state change,
 * its event, deadline changes, notifications and audit entry are written in one transaction.
 * Concurrent actions on one case are serialised by the row version: the loser gets CONFLICT.
 * Inside a caller's unit of work it joins it (unattended intake opens and merges in one).
 */
export async function performCaseAction(ctx: AppContext, options: CaseActionOptions): Promise<void> {
  await inTransaction(ctx, (tx) => performIn(tx, options));
}

export interface CaseActionOptions {
  /** The jurisdiction the actor acts in (the staff user's, the tracked case's): another's case is not found. */
  jurisdictionId: string;
  caseId: string;
  action: CaseAction;
  actor: TransitionActor;
}

/** A case's place as it was indexed when opened: its address (unsealed) and its stored text. */
function placeSourceOf(ctx: TxContext, row: CaseAccessRow, jurisdictionName: string): CasePlaceSource {
  return {
    caseId: row.id, jurisdictionId: row.jurisdiction_id, jurisdictionName,
    address: row.address_enc ? ctx.pii.decrypt(row.address_enc) : undefined, storedText: row.content,
  };
}

async function performIn(ctx: TxContext, options: CaseActionOptions): Promise<void> {
  const { actor } = options;
  const action = redactCitizenWords(options.action);
  const trx = ctx.db;
  const row = await findCaseForAccess(trx, options.jurisdictionId, options.caseId);
  const visible = row && (actor.kind !== 'staff' || canViewCase(actor.user, row));
  if (!row || !visible) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
  const jurisdiction = await findJurisdiction(trx, row.jurisdiction_id);
  if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'The case has no jurisdiction');

  await assertReferences(trx, row.jurisdiction_id, referencesOf(action));
  await checkArticleValid(trx, action, row.jurisdiction_id);
  const decision = decide(caseStateOf(row), action, machineActor(actor, row), await contextFor(trx, action, row));
  if (!decision.ok) throw new AppError(decision.code, decision.message, decision.details?.map((d) => ({ ...d })));

  const now = new Date();
  const at = nowIso(now);
  const { changes } = decision;
  const updated = await updateCaseAtVersion(trx, row, {
    ...columnsFor(changes, at),
    status: decision.toStatus,
    updated_at: at,
  });
  if (!updated) throw new AppError('CONFLICT', 'The case was changed by someone else; reload and try again');
  if (changes.coUnitIds !== undefined) await replaceCoUnits(trx, row.id, changes.coUnitIds);
  if (changes.reparentChildrenTo !== undefined) await reparentChildren(trx, row, changes.reparentChildrenTo);
  // A merge brings the child's callers to the parent: more people affected, higher priority; an
  // unmerge takes them away again, and the case counts its own callers once more.
  if (changes.parentId) await recomputeCasePriority(trx, { jurisdictionId: row.jurisdiction_id, caseId: changes.parentId }, now);
  if (changes.parentId === null && row.parent_id) {
    await recomputeCasePriority(trx, { jurisdictionId: row.jurisdiction_id, caseId: row.parent_id }, now);
    await recomputeCasePriority(trx, { jurisdictionId: row.jurisdiction_id, caseId: row.id }, now);
  }
  // Only a case that can be attached to or merged into stays in the place index (ADR 0050).
  if (changes.parentId) await unindexCasePlace(trx, row.id);
  if (changes.parentId === null && row.parent_id) await indexCasePlace(trx, ctx.pii, { ...placeSourceOf(ctx, row, jurisdiction.name), createdAt: row.created_at });

  const leadUnitId = changes.leadUnitId !== undefined ? changes.leadUnitId : row.lead_unit_id;
  await applyDeadlineChange(trx, {
    jurisdiction,
    caseId: row.id,
    caseType: row.type as CaseType,
    urgency: row.urgency as Urgency,
    leadUnitId,
    change: changes.deadlines,
    met: changes.deadlineMet,
    at: now,
  });
  await insertEvent(trx, {
    caseId: row.id,
    jurisdictionId: row.jurisdiction_id,
    type: decision.event.type,
    actorKind: actor.kind,
    actorUserId: actor.kind === 'staff' ? actor.user.id : null,
    fromStatus: decision.event.fromStatus,
    toStatus: decision.event.toStatus,
    reason: decision.event.reason,
    payload: { ...decision.event.payload, ...(actor.kind === 'system' ? actor.detail : {}) },
    createdAt: at,
  });
  await notifyForTransition(trx, ctx.pii, {
    row,
    action: action.type,
    toStatus: decision.toStatus,
    leadUnitId,
    replyText: changes.replyText ?? null,
    extensionDays: changes.pendingExtension?.workingDays ?? null,
    jurisdictionName: jurisdiction.name,
  });
  if (action.type === 'dispatch' && changes.leadUnitId) {
    await recordDispatchFeedback(trx, { jurisdictionId: row.jurisdiction_id, caseId: row.id, content: row.content, chosenUnitId: changes.leadUnitId });
  }
  await appendAudit(trx, {
    jurisdictionId: row.jurisdiction_id,
    actorUserId: actor.kind === 'staff' ? actor.user.id : null,
    action: `case.${action.type}`,
    targetType: 'case',
    targetId: row.id,
    ip: actor.ip,
    detail: { from: decision.event.fromStatus, to: decision.event.toStatus, ...(actor.kind === 'system' ? actor.detail : {}) },
  });
}
