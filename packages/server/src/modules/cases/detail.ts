import { allowedActions, type CaseDetail } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { canEditCaseCategory } from './category.js';
import { caseCategoryView } from '../categories/service.js';
import { presentCaseDetail } from './detail-presenter.js';
import { listAffectedVulnerabilities, listCaseVulnerabilities } from '../priority/vulnerability-repository.js';
import { revealCaller as revealSealedCaller, type RevealedCaller } from './caller.js';
import { canEditVulnerabilities, canViewCase } from './policy.js';
import { caseStateOf } from './case-state.js';
import { originalFreeText } from './free-text.js';
import { findUnitSuggestion } from './unit-suggestion.js';
import { findCaseForAccess, listCaseDeadlines, listCoUnits, listEvents, listMergedChildren, type CaseAccessRow } from './repository.js';

/** Loads a case the user may see; a case they may not see is reported as absent, not forbidden. */
async function loadVisibleCase(ctx: AppContext, user: SessionUser, caseId: string, justActed = false): Promise<CaseAccessRow> {
  const row = await findCaseForAccess(ctx.db, user.jurisdictionId, caseId);
  if (!row || !(justActed || canViewCase(user, row))) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
  return row;
}

/**
 * `justActed`: the user has just performed an action on this case. A handler who returned a
 * case no longer sees it afterwards, but still gets the result of their own act.
 */
export async function getCaseDetail(
  ctx: AppContext,
  options: { user: SessionUser; caseId: string; justActed?: boolean },
): Promise<CaseDetail> {
  const row = await loadVisibleCase(ctx, options.user, options.caseId, options.justActed);
  const [events, deadlines, coUnitIds, own, affected, children, suggestedUnit] = await Promise.all([
    listEvents(ctx.db, row.id),
    listCaseDeadlines(ctx.db, row.id),
    listCoUnits(ctx.db, row.id),
    listCaseVulnerabilities(ctx.db, row.id),
    listAffectedVulnerabilities(ctx.db, row.jurisdiction_id, row.id),
    listMergedChildren(ctx.db, row),
    findUnitSuggestion(ctx.db, row.id),
  ]);
  const mergedCases = children.map((c) => {
    const payload = JSON.parse(c.payload) as { automatic?: unknown; similarity?: unknown };
    return {
      id: c.id, caseNumber: c.caseNumber, channel: c.channel as CaseDetail['channel'], createdAt: c.createdAt, mergedAt: c.mergedAt,
      automatic: c.actorKind === 'system',
      similarity: typeof payload.similarity === 'number' ? payload.similarity : null,
    };
  });
  const inLeadUnit = row.leadUnitPath !== null && row.leadUnitPath.startsWith(options.user.orgUnitPath);
  const actions = allowedActions(caseStateOf(row), { roles: options.user.roles, isLeadUnitMember: inLeadUnit });
  const vulnerabilities = {
    own,
    merged: affected.filter((flag) => !own.includes(flag)),
    // After their own act a user may no longer see the case (justActed), and so may not edit it.
    canEdit: canEditVulnerabilities(options.user, row),
  };
  const category = { category: await caseCategoryView(ctx.db, row.jurisdiction_id, row.category_id), canEdit: canEditCaseCategory(options.user, row) };
  return presentCaseDetail(row, events, ctx.pii, { viewer: options.user, deadlines, coUnitIds, allowedActions: actions, vulnerabilities, mergedCases, category, suggestedUnit });
}

/** The caller's identity and, when it differs from the redacted copy shown by default, the appeal's original text (ADR 0009). */
export type RevealedCallerAndText = RevealedCaller & { content: string | null };

/** Shows the caller's full identity to someone whose work needs it; every reveal is audited. */
export async function revealCaller(
  ctx: AppContext,
  options: { user: SessionUser; caseId: string; reason: string; ip: string },
): Promise<RevealedCallerAndText> {
  const row = await loadVisibleCase(ctx, options.user, options.caseId);
  const revealed = revealSealedCaller(row, options.user, ctx.pii);
  if (!revealed) {
    // Someone who may not know a tip reporter asked for them: the record shows who tried (ADR 0006).
    if (row.caller_protected === 1) {
      await appendAudit(ctx.db, {
        jurisdictionId: row.jurisdiction_id, actorUserId: options.user.id, action: 'pii.reveal_refused', targetType: 'case', targetId: row.id,
        ip: options.ip, detail: { reason: options.reason, protectedReporter: true },
      });
    }
    throw new AppError('FORBIDDEN', 'Your role may not see this caller\'s identity');
  }
  const content = originalFreeText(ctx.pii, row);
  await appendAudit(ctx.db, {
    jurisdictionId: row.jurisdiction_id,
    actorUserId: options.user.id,
    action: 'pii.reveal',
    targetType: 'case',
    targetId: row.id,
    ip: options.ip,
    detail: { reason: options.reason, fields: ['callerName', 'callerPhone', 'address', 'callerIdNumber', ...(content === null ? [] : ['content'])] },
  });
  return { ...revealed, content };
}
